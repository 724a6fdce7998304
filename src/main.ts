/**
 * `npm start`: loads the configuration and the corpus, then opens the Discord door when a token is
 * configured, or the local console on the same answers when none is.
 */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger, logProgress, type Logger } from './log.ts';
import { terminalProgress } from './cli/progress.ts';
import { openLibraryWithReport, type Library } from './library.ts';
import { LiveCorpus } from './live/watch.ts';
import { OutageLog } from './db/outage-log.ts';
import { runConsole } from './cli/console.ts';
import { DatabaseError, openDatabase, type Database } from './db/database.ts';
import { createFetcher } from './fetch/fetch.ts';
import type { Services } from './services.ts';
import { Push, type Poster } from './push/push.ts';
import { consolePoster } from './cli/push.ts';
import { startHealthServer, type LiveRound } from './health.ts';
import { createIntakeService, type IntakeService } from './intake/service.ts';
import { threadParser } from './intake/parser.ts';
import { memoryStore } from './store/memory.ts';
import type { ActiveJob } from './store/pg/serve.ts';
import type { DiscordPoster } from './discord/poster.ts';

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every key and what it takes.\n`);
      return 1;
    }
    throw err;
  }
  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty || !config.discord, // a person at the console reads the log lines
    secrets: config.discord ? [config.discord.token] : [],
  });

  // CORPUS_STORE=postgres: the corpus is in the database (src/store/pg/serve.ts); nothing is loaded here.
  const fromDatabase = config.corpusStore === 'postgres';
  let library: Library | null = null;
  if (!fromDatabase) try {
    // A long load is never silent: log lines for the bot, a line on stderr at the console.
    const onProgress = config.discord ? logProgress(logger) : terminalProgress(process.stderr);
    const opened = await openLibraryWithReport(config.corpusDir, { cacheDir: config.cacheDir, onProgress });
    library = opened.library;
    const { report } = library.corpus;
    logger.info(
      { corpus: report.root, articles: report.articles, paragraphs: report.paragraphs, problems: report.problems.length, snapshot: opened.report.snapshot, reason: opened.report.reason, ms: opened.report.ms },
      'corpus loaded',
    );
    if (opened.report.skipped) logger.warn(`snapshot not written: ${opened.report.skipped}`);
    for (const p of report.problems) logger.warn({ file: p.path, line: p.line, action: p.action }, p.message);
  } catch (err) {
    logger.fatal({ err }, `cannot open the corpus at ${config.corpusDir}`);
    return 1;
  }

  let database: Database;
  try {
    database = await openDatabase(config.database);
    logger.info({ engine: database.engine, where: database.where }, 'state database ready');
  } catch (err) {
    if (err instanceof DatabaseError) {
      logger.fatal(err.message);
      return 1;
    }
    throw err;
  }
  if (config.intake.allowedPrivateNetworks.length > 0) {
    logger.warn({ networks: config.intake.allowedPrivateNetworks.map((n) => n.cidr) }, 'ALLOWED_PRIVATE_NETWORKS is set: links and feeds may be fetched from these non-public addresses');
  }
  const fetcher = createFetcher({ allowedPrivateNetworks: config.intake.allowedPrivateNetworks });
  const onPoll = (r: { outcome: string }) => (r.outcome === 'failed' || r.outcome === 'disabled' ? logger.warn(r, 'feed poll failed') : logger.info(r, 'feed polled'));
  // The state database going down is said once (where, no stack), and once when it is back; bugs keep their stack.
  const feedOutage = new OutageLog(logger, 'state', database.where, 'feed polling');
  const onIntakeError = (err: Error) => {
    if (!feedOutage.failed(err)) logger.error({ err }, 'feed polling failed');
  };
  const onIntakeRound = () => feedOutage.answered();
  // Push (watches, schedules) posts through the door that runs: Discord, or the console.
  const discordPoster = config.discord ? new (await import('./discord/poster.ts')).DiscordPoster() : null;
  const poster: Poster = discordPoster ?? consolePoster(process.stdout);
  if (!library) {
    const { openPostgresStore, serveFromDatabase } = await import('./store/pg/serve.ts');
    // Intake writes corpus files, which the database's live watcher writes through.
    const intake = createIntakeService({ corpusDir: config.corpusDir, database, fetcher, parser: threadParser(), config: config.intake, onPoll, onError: onIntakeError, onRound: onIntakeRound });
    const closeAll = async () => {
      await intake.close();
      await fetcher.close();
      await database.close();
    };
    try {
      const { store, pool } = await openPostgresStore(config);
      // Every process manages watches, schedules and feeds (the state database is shared); only the active one
      // matches live rounds, posts and polls feeds (jobs of `activeOnly`). The console only answers: there, Push is not made.
      const push = config.discord ? new Push({ database, corpus: store, poster, config: config.push, logger }) : null;
      const services: Services = { database, fetcher, intake, push };
      const activeOnly: ActiveJob[] = [
        ...(push ? [pushJob(push, discordPoster, logger)] : []),
        { name: 'feeds', start: () => intake.start(), stop: () => intake.stop() },
      ];
      return await serveFromDatabase({ config, logger, services, store, pool, activeOnly, shutdown: closeAll });
    } catch (err) {
      if (err instanceof DatabaseError) {
        logger.fatal(err.message);
        await closeAll();
        return 1;
      }
      throw err;
    }
  }
  const loaded = library;
  const push = new Push({ database, corpus: memoryStore(() => loaded), poster, config: config.push, logger });
  const job = pushJob(push, discordPoster, logger);
  const live = config.watchCorpus ? watch(loaded, config, logger, job) : null;
  // Intake makes the files it writes live at once (watched folder or not), then replies.
  const applier = live ?? new LiveCorpus(loaded);
  const intake: IntakeService = createIntakeService({
    corpusDir: config.corpusDir,
    database,
    fetcher,
    parser: threadParser(),
    config: config.intake,
    apply: (paths) => applier.apply(paths),
    library: () => loaded,
    onPoll,
    onError: onIntakeError,
    onRound: onIntakeRound,
  });
  intake.start();
  const services: Services = { database, fetcher, intake, push };
  const health = config.healthPort === null ? null : await startHealthServer(config.healthPort, {
    role: () => 'single',
    store: 'memory',
    counts: async () => ({ articles: loaded.corpus.report.articles, paragraphs: loaded.corpus.report.paragraphs, files: loaded.corpus.report.files, problems: loaded.corpus.report.problems.length }),
    lastLiveRound: () => lastRound,
    liveRounds: () => rounds,
  });
  const shutdown = async () => {
    await health?.close();
    await intake.close();
    await live?.close();
    await job.stop();
    await fetcher.close();
    await database.close();
  };

  if (!config.discord) {
    await job.start({ bot: null });
    await runConsole(loaded, process.stdin, process.stdout, { prompt: process.stdin.isTTY === true, push, intake });
    await shutdown();
    return 0;
  }
  const { startBot, stopOnSignals } = await import('./discord/bot.ts');
  const bot = await startBot(config.discord, () => loaded, logger, { services }); // logs 'connected to Discord'
  await job.start({ bot });
  stopOnSignals(bot, logger, (code) => {
    void shutdown().finally(() => process.exit(code));
  });
  return -1; // keep running until a signal
}

/** The last round of live corpus changes, for the health endpoint. */
let lastRound: LiveRound | null = null;
let rounds = 0;

/**
 * Push as a job of the serving process (of the active one, on the database store): it posts through the
 * Discord connection the process holds (or the console), hears channel deletions there, and matches the
 * live rounds it is given; stopped, it posts nothing (the state stays in the database).
 */
function pushJob(push: Push, poster: DiscordPoster | null, logger: Logger): ActiveJob {
  let detach: (() => void) | null = null;
  return {
    name: 'push',
    async start({ bot }) {
      if (bot) {
        poster?.attach(bot.client, logger);
        const { attachPush } = await import('./discord/push.ts');
        detach = attachPush(bot.client, push, logger);
      }
      push.start();
    },
    async stop() {
      detach?.();
      detach = null;
      await push.stop();
    },
    onLiveUpdate: push.onLiveUpdate,
  };
}

function watch(library: Library, config: Config, logger: Logger, job: ActiveJob): LiveCorpus {
  return new LiveCorpus(library, {
    onUpdate: (u) => {
      rounds++;
      lastRound = { at: new Date().toISOString(), added: u.added.length, changed: u.changed.length, removed: u.removed.length };
      job.onLiveUpdate?.(u);
      logger.info({ added: u.added.length, changed: u.changed.length, removed: u.removed.length, problems: u.problems, longestSliceMs: u.longestSliceMs, entitiesMs: u.entitiesMs, aliases: u.aliases }, 'corpus updated');
      for (const p of library.corpus.report.problems) {
        if ([...u.added, ...u.changed].includes(p.path)) logger.warn({ file: p.path, line: p.line, action: p.action }, p.message);
      }
    },
    onError: (err) => logger.warn({ err }, 'watching the corpus folder failed; restart to pick up new files'),
  }).start();
}

const code = await main();
if (code >= 0) process.exitCode = code;
