/**
 * Configuration: the ONE module that reads `process.env`. It loads `.env` (dotenv, quietly), then checks
 * every key and reports every missing or malformed one by name, all at once.
 */
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import ipaddr from 'ipaddr.js';
import { plural } from './text/plural.ts';

/** Discord's own REST base; discord.js appends `/v10/...`. */
export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api';
export const DEFAULT_COOLDOWN_SECONDS = 5;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the Discord door needs; present only when `DISCORD_TOKEN` is set. */
export interface DiscordConfig {
  token: string;
  /** Needed by `npm run deploy`; the running bot learns it from the gateway's READY. */
  applicationId: string | null;
  /** The test guild `npm run deploy` registers commands in (instantly). */
  guildId: string | null;
  /** Guild ids the bot answers in; empty means any guild. */
  allowedGuilds: string[];
  /** REST base (without `/v10`); a Discord-compatible server on 127.0.0.1 in tests. */
  apiUrl: string;
  /** Seconds a user waits between two commands. 0 turns the cooldown off. */
  cooldownSeconds: number;
}

/** Where durable state lives (feeds, watches, schedules, what was posted): see src/db. */
export interface DatabaseConfig {
  /** `postgres://…` when `DATABASE_URL` is set; otherwise null and SQLite in `dataDir` is used. */
  url: string | null;
  /** Folder of the embedded SQLite database (and other local state); `DATA_DIR`, default `.data`. */
  dataDir: string;
}

/** A CIDR range, as written and parsed (`ALLOWED_PRIVATE_NETWORKS`). */
export interface NetworkRange {
  cidr: string;
  range: [ipaddr.IPv4 | ipaddr.IPv6, number];
}

/** Feeds and links brought in on a user's behalf (src/intake, src/fetch). */
export interface IntakeConfig {
  /** Non-public networks fetching may reach anyway (tests on 127.0.0.1); empty by default. */
  allowedPrivateNetworks: NetworkRange[];
  /** Minutes between two polls of a feed unless the feed sets its own interval. */
  feedPollMinutes: number;
  /** The first poll of a new feed adds items of the last this many hours only. */
  feedFirstPollHours: number;
  /** A feed is disabled after this many failed polls in a row (the reason is shown in `/feed list`). */
  feedMaxFailures: number;
}

/** What the bot posts by itself (src/push). */
export interface PushConfig {
  /** At most one message per channel in this many seconds; the rest waits and is batched into the next. */
  alertIntervalSeconds: number;
  /** At most this many alerts per watch a day; the overflow is summarised. */
  watchDailyCap: number;
  /** A scheduled run missed by at most this many minutes (downtime) runs once, marked late. */
  scheduleGraceMinutes: number;
}

export interface Config {
  /** null when no token is configured: `npm start` then runs the local console. */
  discord: DiscordConfig | null;
  database: DatabaseConfig;
  intake: IntakeConfig;
  push: PushConfig;
  /** Where the corpus is served from: `memory` (default) or `postgres` (needs DATABASE_URL). */
  corpusStore: 'memory' | 'postgres';
  /** Port of the operators' health endpoint on 127.0.0.1… (`HEALTH_PORT`); null: none. */
  healthPort: number | null;
  /** Database store: whole-corpus answers on an archive read the articles of its last this many days. */
  corpusWindowDays: number;
  corpusDir: string;
  /** Folder for the corpus snapshot (fast restarts); null when CACHE_DIR=off. */
  cacheDir: string | null;
  /** Watch the corpus folder and apply added, changed and removed files while serving. */
  watchCorpus: boolean;
  logLevel: LogLevel;
  logPretty: boolean;
}

/** Every problem with the configuration, by key. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`config: ${plural(problems.length, 'problem')} in .env or the environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const SNOWFLAKE = /^\d{17,20}$/;
const TOKEN_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A variable's value, trimmed; unset or blank is undefined. */
function setting(env: Env, key: string): string | undefined {
  const v = env[key]?.trim();
  return v === '' ? undefined : v;
}

/**
 * Checks an environment and builds the Config; throws one ConfigError naming every bad key.
 * Pure: reads only `env` (tests pass a plain object).
 *
 * @example parseConfig({ LOG_LEVEL: 'loud' }) // throws: LOG_LEVEL must be one of fatal, …, got `loud`
 */
export function parseConfig(env: Env, cwd = '.'): Config {
  const problems: string[] = [];
  const get = (key: string) => setting(env, key);

  const logLevel = (get('LOG_LEVEL') ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got \`${get('LOG_LEVEL')}\``);
  }
  const logPretty = parseBoolean('LOG_PRETTY', get('LOG_PRETTY'), false, problems);
  const watchCorpus = parseBoolean('WATCH_CORPUS', get('WATCH_CORPUS'), true, problems);
  const cacheDir = cacheDirOf(get('CACHE_DIR'), cwd);

  const token = get('DISCORD_TOKEN');
  if (token !== undefined && !TOKEN_SHAPE.test(token)) {
    // Never echo the value: it may be a real secret pasted wrongly.
    problems.push(`DISCORD_TOKEN must be a bot token (three dot-separated parts, no spaces), got ${token.length} characters that are not`);
  }
  const applicationId = snowflake('DISCORD_APPLICATION_ID', get('DISCORD_APPLICATION_ID'), problems);
  const guildId = snowflake('DISCORD_GUILD_ID', get('DISCORD_GUILD_ID'), problems);

  const allowedGuilds = (get('ALLOWED_GUILDS') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const badGuilds = allowedGuilds.filter((g) => !SNOWFLAKE.test(g));
  if (badGuilds.length) {
    problems.push(`ALLOWED_GUILDS must be a comma-separated list of guild ids (17–20 digits), got \`${badGuilds.join('`, `')}\``);
  }

  const apiUrl = (get('DISCORD_API_URL') ?? DEFAULT_DISCORD_API_URL).replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(apiUrl);
  } catch {
    problems.push(`DISCORD_API_URL must be a URL such as ${DEFAULT_DISCORD_API_URL}, got \`${apiUrl}\``);
  }
  if (url && !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname)))) {
    problems.push(`DISCORD_API_URL must use https (plain http only on 127.0.0.1 or localhost), got \`${apiUrl}\``);
  }
  if (url && /\/v\d+$/.test(url.pathname)) {
    problems.push(`DISCORD_API_URL must not include the API version (discord.js adds /v10), got \`${apiUrl}\``);
  }

  const cooldownRaw = get('COOLDOWN_SECONDS');
  const cooldownSeconds = cooldownRaw === undefined ? DEFAULT_COOLDOWN_SECONDS : Number(cooldownRaw);
  if (!Number.isInteger(cooldownSeconds) || cooldownSeconds < 0 || cooldownSeconds > 3600) {
    problems.push(`COOLDOWN_SECONDS must be a whole number of seconds from 0 to 3600, got \`${cooldownRaw}\``);
  }

  const { database, corpusStore, corpusWindowDays, corpusDir } = storeSettings(get, cwd, problems);
  const healthRaw = get('HEALTH_PORT');
  const healthPort = healthRaw === undefined ? null : wholeNumber('HEALTH_PORT', healthRaw, 1, 65535, 'a TCP port from 1 to 65535', problems);

  const allowedPrivateNetworks: NetworkRange[] = [];
  for (const cidr of (get('ALLOWED_PRIVATE_NETWORKS') ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    try {
      allowedPrivateNetworks.push({ cidr, range: ipaddr.parseCIDR(cidr) });
    } catch {
      problems.push(`ALLOWED_PRIVATE_NETWORKS must be a comma-separated list of address ranges such as 127.0.0.0/8, got \`${cidr}\``);
    }
  }
  const number = (key: string, fallback: number, min: number, max: number, what: string) => {
    const raw = get(key);
    return raw === undefined ? fallback : wholeNumber(key, raw, min, max, what, problems);
  };
  const intake: IntakeConfig = {
    allowedPrivateNetworks,
    feedPollMinutes: number('FEED_POLL_MINUTES', 10, 1, 24 * 60, 'a whole number of minutes from 1 to 1440'),
    feedFirstPollHours: number('FEED_FIRST_POLL_HOURS', 24, 0, 24 * 365, 'a whole number of hours from 0 to 8760'),
    feedMaxFailures: number('FEED_MAX_FAILURES', 10, 1, 1000, 'a whole number from 1 to 1000'),
  };
  const push: PushConfig = {
    alertIntervalSeconds: number('ALERT_INTERVAL_SECONDS', 30, 0, 3600, 'a whole number of seconds from 0 to 3600'),
    watchDailyCap: number('WATCH_DAILY_CAP', 20, 1, 1000, 'a whole number from 1 to 1000'),
    scheduleGraceMinutes: number('SCHEDULE_GRACE_MINUTES', 60, 0, 24 * 60, 'a whole number of minutes from 0 to 1440'),
  };

  if (problems.length) throw new ConfigError(problems);
  return {
    discord: token
      ? { token, applicationId, guildId, allowedGuilds, apiUrl, cooldownSeconds }
      : null,
    corpusDir,
    cacheDir,
    watchCorpus,
    logLevel: logLevel as LogLevel,
    logPretty,
    database,
    intake,
    push,
    corpusStore,
    healthPort,
    corpusWindowDays,
  };
}

/** Where the corpus and the state are (the keys the bot and the command line both read). */
export type StoreSettings = Pick<Config, 'database' | 'corpusStore' | 'corpusWindowDays' | 'corpusDir'>;

/** Checks DATABASE_URL, CORPUS_STORE, CORPUS_WINDOW_DAYS (problems by key into `problems`); reads DATA_DIR and CORPUS_DIR. */
function storeSettings(get: (key: string) => string | undefined, cwd: string, problems: string[]): StoreSettings {
  const databaseUrl = get('DATABASE_URL') ?? null;
  if (databaseUrl !== null) {
    let db: URL | undefined;
    try {
      db = new URL(databaseUrl);
    } catch {
      // Never echo the value: it may hold a password.
      problems.push('DATABASE_URL must be a URL such as postgres://user:password@host:5432/newsroom, got something that is not a URL');
    }
    if (db && db.protocol !== 'postgres:' && db.protocol !== 'postgresql:') {
      problems.push(`DATABASE_URL must start with postgres:// or postgresql://, got \`${db.protocol}//…\``);
    }
  }
  const corpusStore = (get('CORPUS_STORE') ?? 'memory').toLowerCase();
  if (corpusStore !== 'memory' && corpusStore !== 'postgres') {
    problems.push(`CORPUS_STORE must be memory or postgres, got \`${get('CORPUS_STORE')}\``);
  } else if (corpusStore === 'postgres' && databaseUrl === null) {
    problems.push('CORPUS_STORE=postgres needs DATABASE_URL (the PostgreSQL database that holds the corpus)');
  }
  const windowRaw = get('CORPUS_WINDOW_DAYS');
  const corpusWindowDays = windowRaw === undefined ? 3 : wholeNumber('CORPUS_WINDOW_DAYS', windowRaw, 1, 3650, 'a whole number of days from 1 to 3650', problems);
  return {
    database: { url: databaseUrl, dataDir: resolve(cwd, get('DATA_DIR') ?? '.data') },
    corpusStore: corpusStore as Config['corpusStore'],
    corpusWindowDays,
    corpusDir: resolve(cwd, get('CORPUS_DIR') ?? 'corpus'),
  };
}

/**
 * A database URL fit for logs and error messages: scheme, user, host, port and database, never the
 * password (nor query parameters, which may carry one).
 *
 * @example describeDatabaseUrl('postgres://bot:s3cret@db.example:5432/news') // 'postgres://bot@db.example:5432/news'
 */
export function describeDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : '';
    return `${u.protocol}//${user}${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(an unreadable DATABASE_URL)';
  }
}

/** Loads `.env` (if any; never overriding the real environment) and parses `process.env`. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env, process.cwd());
}

function wholeNumber(key: string, raw: string, min: number, max: number, what: string, problems: string[]): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) problems.push(`${key} must be ${what}, got \`${raw}\``);
  return n;
}

/** What the command line (`npm run ask`) takes from the environment: where snapshots are kept and which corpus answers. */
export interface CliConfig extends StoreSettings {
  /** Folder for the corpus snapshot (CACHE_DIR, shared with the bot); null when CACHE_DIR=off. */
  cacheDir: string | null;
}

/**
 * The command line's configuration: the same `.env`, CACHE_DIR and corpus store (CORPUS_STORE, DATABASE_URL,
 * CORPUS_WINDOW_DAYS) as the bot, and nothing the command line does not use (a bot token with a typo must
 * not stop a reporter's `npm run ask`). A malformed key it uses throws a ConfigError naming it: the command
 * line never answers from another corpus than the one configured. Pure, like parseConfig.
 */
export function parseCliConfig(env: Env, cwd = '.'): CliConfig {
  const problems: string[] = [];
  const get = (key: string) => setting(env, key);
  const settings = storeSettings(get, cwd, problems);
  if (problems.length) throw new ConfigError(problems);
  return { cacheDir: cacheDirOf(get('CACHE_DIR'), cwd), ...settings };
}

/** `loadConfig` for the command line. */
export function loadCliConfig(): CliConfig {
  loadDotenv({ quiet: true });
  return parseCliConfig(process.env, process.cwd());
}

/** CACHE_DIR: a folder (relative to `cwd`), `.cache` when unset, null for `off`. */
function cacheDirOf(value: string | undefined, cwd: string): string | null {
  const raw = value ?? '.cache';
  return raw.toLowerCase() === 'off' ? null : resolve(cwd, raw);
}

function snowflake(key: string, value: string | undefined, problems: string[]): string | null {
  if (value === undefined) return null;
  if (!SNOWFLAKE.test(value)) problems.push(`${key} must be a Discord id (17–20 digits), got \`${value}\``);
  return value;
}

function parseBoolean(key: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined) return fallback;
  const v = value.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  problems.push(`${key} must be true or false, got \`${value}\``);
  return fallback;
}
