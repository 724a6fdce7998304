/**
 * `npm start`: loads the configuration and the corpus, then opens the Discord door when a token is
 * configured, or the local console on the same answers when none is.
 */
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger, type Logger } from './log.ts';
import { openLibraryWithReport, type Library } from './library.ts';
import { LiveCorpus } from './live/watch.ts';
import { runConsole } from './cli/console.ts';
import { DatabaseError, openDatabase, type Database } from './db/database.ts';
import { createFetcher } from './fetch/fetch.ts';
import type { Services } from './services.ts';
import { createIntakeService } from './intake/service.ts';
import { threadParser } from './intake/parser.ts';

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

  let library: Library;
  try {
    const opened = await openLibraryWithReport(config.corpusDir, { cacheDir: config.cacheDir });
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
  const live = config.watchCorpus ? watch(library, config, logger) : null;
  // Intake makes the files it writes live at once (watched folder or not), then replies.
  const applier = live ?? new LiveCorpus(library);
  const intake = createIntakeService({
    corpusDir: config.corpusDir,
    database,
    fetcher,
    parser: threadParser(),
    config: config.intake,
    apply: (paths) => applier.apply(paths),
    library: () => library,
    onPoll: (r) => (r.outcome === 'failed' || r.outcome === 'disabled' ? logger.warn(r, 'feed poll failed') : logger.info(r, 'feed polled')),
    onError: (err) => logger.error({ err }, 'feed polling failed'),
  });
  intake.start();
  const services: Services = { database, fetcher, intake };
  const shutdown = async () => {
    await intake.close();
    await live?.close();
    await fetcher.close();
    await database.close();
  };

  if (!config.discord) {
    await runConsole(library, process.stdin, process.stdout, { prompt: process.stdin.isTTY === true, intake });
    await shutdown();
    return 0;
  }
  const { startBot, stopOnSignals } = await import('./discord/bot.ts');
  const bot = await startBot(config.discord, () => library, logger, { services }); // logs 'connected to Discord'
  stopOnSignals(bot, logger, (code) => {
    void shutdown().finally(() => process.exit(code));
  });
  return -1; // keep running until a signal
}

function watch(library: Library, config: Config, logger: Logger): LiveCorpus {
  return new LiveCorpus(library, {
    onUpdate: (u) => {
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
