/**
 * `npm start` with CORPUS_STORE=postgres: the bot process answers from the corpus in PostgreSQL and holds
 * no copy of it. Several processes may run on one database: one is active (Discord's gateway, the live
 * watcher writing through to the database, and every job that posts or fetches on its own), the others
 * stand by and take over within seconds when it dies (src/store/pg/leader.ts). The console and
 * `npm run ask` answer from the same database whatever runs.
 */
import type { Logger } from 'pino';
import type pg from 'pg';
import type { Config, StoreSettings } from '../../config.ts';
import type { Services } from '../../services.ts';
import type { BotHandle } from '../../discord/bot.ts';
import type { LiveUpdate } from '../../live/watch.ts';
import { describeDatabaseUrl } from '../../config.ts';
import { runConsole } from '../../cli/console.ts';
import { startHealthServer, type HealthServer, type LiveRound } from '../../health.ts';
import { openCorpusPool } from './connect.ts';
import { PostgresStore } from './store.ts';
import { DatabaseLiveCorpus } from './live.ts';
import { Leadership } from './leader.ts';
import { workingLibrary } from './working.ts';

/** What a job of the active process is started with: the Discord connection this process now holds (none at the console). */
export interface ActiveContext {
  bot: BotHandle | null;
}

/**
 * Work that must run in the active process only (feed polling, watches and schedules): started when the
 * process becomes active, stopped when it stands by (or stops), so it never runs in two processes at once.
 */
export interface ActiveJob {
  name: string;
  start(active: ActiveContext): void | Promise<void>;
  stop(): void | Promise<void>;
  /** Hears each round of corpus changes the live watcher wrote to the database (watches match it). */
  onLiveUpdate?(update: LiveUpdate): void;
}

/** Opens the corpus store on DATABASE_URL (the schema is brought up to date by `openDatabase` first). */
export async function openPostgresStore(config: StoreSettings): Promise<{ store: PostgresStore; pool: pg.Pool }> {
  const url = config.database.url!;
  const pool = await openCorpusPool(url, { statementTimeoutMs: 30_000 });
  const store = new PostgresStore(pool, { root: config.corpusDir, where: describeDatabaseUrl(url), windowDays: config.corpusWindowDays });
  return { store, pool };
}

export interface ServeOptions {
  config: Config;
  logger: Logger;
  services: Services;
  /** The corpus store and its pool (`openPostgresStore`); the pool is closed when this process stops. */
  store: PostgresStore;
  pool: pg.Pool;
  /** Jobs of intake and push that must run only while this process is active. */
  activeOnly?: readonly ActiveJob[];
  /** Closes what main opened (state database, fetcher) once this process stops. */
  shutdown: () => Promise<void>;
}

/**
 * What the start logs about the corpus store: its counts, then what an operator should know and do —
 * indexes an interrupted import left aside, an archive analysed by other rules than this code's (the
 * command that reads it again). Neither stops the bot: the archive still answers.
 */
export async function reportStore(store: PostgresStore, pool: pg.Pool, logger: Logger): Promise<void> {
  const counts = await store.counts();
  logger.info({ store: 'postgres', where: store.where, articles: counts.articles, paragraphs: counts.paragraphs, files: counts.files }, 'corpus store ready');
  const { rows: aside } = await pool.query<{ n: number }>('select count(*)::int as n from corpus_deferred_indexes');
  if (aside[0]!.n > 0) logger.warn({ indexes: aside[0]!.n }, 'an import was interrupted and left corpus indexes aside: answers are slower until `npm run import` runs again (it builds them first)');
  const analysis = await store.analysis();
  if (analysis.warning) logger.warn({ analysedBy: analysis.recorded, analysisVersion: analysis.code }, analysis.warning);
}

/** Runs the bot (or the console) on the database store. Resolves with an exit code, or -1 to keep running. */
export async function serveFromDatabase(options: ServeOptions): Promise<number> {
  const { config, logger, services, store, pool } = options;
  await reportStore(store, pool, logger);
  const placeholder = () => workingLibrary([], { root: config.corpusDir });

  if (!config.discord) {
    // The console reads; the bot process (if one runs) is the one that writes.
    await runConsole(placeholder(), process.stdin, process.stdout, { prompt: process.stdin.isTTY === true, store });
    await pool.end();
    await options.shutdown();
    return 0;
  }

  let bot: BotHandle | null = null;
  let live: DatabaseLiveCorpus | null = null;
  let lastRound: LiveRound | null = null;
  let rounds = 0;
  const jobs = options.activeOnly ?? [];
  const discord = config.discord;
  const leadership = new Leadership(config.database.url!, {
    onActive: async () => {
      logger.info('active: this process serves Discord and writes the corpus');
      const { startBot } = await import('../../discord/bot.ts');
      bot = await startBot(discord, placeholder, logger, { services, store });
      // The jobs first, so that they hear the watcher's first round (what changed in the folder while no
      // process was active, e.g. during a takeover).
      for (const job of jobs) await job.start({ bot });
      if (config.watchCorpus) {
        live = new DatabaseLiveCorpus(pool, config.corpusDir, {
          onUpdate: (u) => {
            rounds++;
            lastRound = { at: new Date().toISOString(), added: u.added.length, changed: u.changed.length, removed: u.removed.length };
            logger.info({ added: u.added.length, changed: u.changed.length, removed: u.removed.length, problems: u.problems, arrived: u.arrived.length }, 'corpus updated in the database');
            for (const job of jobs) job.onLiveUpdate?.(u);
          },
          onError: (err) => logger.warn({ err }, 'writing corpus changes to the database failed; trying again shortly'),
        }).start();
      }
    },
    onStandby: async () => {
      logger.warn('standing by: another process is active, or the lock on the database was lost');
      // The watcher first: a round in progress finishes and is heard; then the jobs, in reverse order.
      await live?.close();
      live = null;
      for (const job of [...jobs].reverse()) await Promise.resolve(job.stop()).catch((err: unknown) => logger.warn({ err, job: job.name }, 'stopping failed'));
      await bot?.stop();
      bot = null;
    },
    onError: (err) => logger.warn({ err }, 'active/standby: the database connection for the lock failed; retrying'),
  }).start();

  let health: HealthServer | null = null;
  if (config.healthPort !== null) {
    health = await startHealthServer(config.healthPort, {
      role: () => leadership.role,
      store: 'postgres',
      counts: () => store.counts(),
      lastLiveRound: () => lastRound,
      liveRounds: () => rounds,
      activeSince: () => (leadership.activeSince ? new Date(leadership.activeSince).toISOString() : null),
      analysis: () => store.analysis(),
    });
    logger.info({ port: health.port }, 'health endpoint listening on 127.0.0.1');
  }

  const stop = async (signal: string) => {
    logger.info({ signal }, 'signal received: stepping down');
    await leadership.stop();
    await health?.close();
    await pool.end().catch(() => {});
    await options.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return -1;
}
