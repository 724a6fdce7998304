/**
 * The state database: the one module that owns the connection, the engine and the migrations. Feeds,
 * watches, schedules and what was posted live here; the rest of the code calls the plain functions of
 * the modules beside this one (feeds.ts, watches.ts, …) with a `Database`.
 *
 * SQLite (better-sqlite3, a file in DATA_DIR) by default: nothing to set up. PostgreSQL when DATABASE_URL is
 * set: several processes, or state kept on a database server. One query layer for both (Kysely); the
 * migrations run at open. The password in DATABASE_URL is never logged nor put in an error.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { describeDatabaseUrl, type DatabaseConfig } from '../config.ts';
import { LATEST_MIGRATION, migrationsFor, type Engine } from './migrations/index.ts';
import type { Tables } from './schema.ts';

export type { Engine } from './migrations/index.ts';

export interface Database {
  db: Kysely<Tables>;
  engine: Engine;
  /** Where the data is, fit for logs: the SQLite file, or the PostgreSQL URL without its password. */
  where: string;
  /** Closes the connections (idempotent). */
  close(): Promise<void>;
}

/** The database could not be opened or migrated; the message says what to check. */
export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`database: ${message}`, options);
    this.name = 'DatabaseError';
  }
}

/** File name of the embedded database inside DATA_DIR. */
export const SQLITE_FILE = 'newsroom.sqlite';

/**
 * Opens the state database the configuration names and brings its schema up to date.
 * Throws a DatabaseError that names the host and database (never the password) and what to check.
 *
 * @example const database = await openDatabase(config.database); … await database.close();
 */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const database = config.url ? await openPostgres(config.url) : openSqlite(config.dataDir);
  try {
    await migrate(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

function openSqlite(dataDir: string): Database {
  const file = join(dataDir, SQLITE_FILE);
  let sqlite: SqliteDatabase.Database;
  try {
    mkdirSync(dataDir, { recursive: true });
    sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
  } catch (err) {
    throw new DatabaseError(`cannot open the SQLite database ${file} (${(err as Error).message}): check that DATA_DIR is a folder the bot may write to`, { cause: err });
  }
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return closing({ db, engine: 'sqlite', where: file });
}

async function openPostgres(url: string): Promise<Database> {
  const where = describeDatabaseUrl(url);
  const pool = await openPostgresPool(url, { max: 10, connectionTimeoutMillis: 10_000 });
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return closing({ db, engine: 'postgres', where });
}

/**
 * A node-postgres pool on `url` whose first connection was made: bigints come back as numbers (our counts
 * stay far below 2^53, as SQLite gives them), an idle connection that breaks never crashes the process.
 * Throws a DatabaseError saying what to check (never the password). The corpus store opens its own.
 */
export async function openPostgresPool(url: string, options: Omit<pg.PoolConfig, 'connectionString' | 'types'> = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    idleTimeoutMillis: 30_000,
    ...options,
    types: { getTypeParser: (oid: number, format?: any) => (oid === 20 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
  });
  // An idle client losing its connection (the server restarted) must not crash the process: the pool
  // drops it and the next query opens a new one.
  pool.on('error', () => {});
  // Nor one that is checked out: its query fails with the error (and the pool drops it on release), but the
  // client also emits 'error', which the pool only listens to while it is idle; unheard, that is an uncaught
  // exception. It happens whenever the server goes away mid-query, or a dead idle client is handed out
  // before its 'end' is read.
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseError(explainPostgresError(err, url), { cause: err });
  }
  return pool;
}

function closing(database: Omit<Database, 'close'>): Database {
  let closed: Promise<void> | undefined;
  return { ...database, close: () => (closed ??= database.db.destroy()) };
}

async function migrate(database: Database): Promise<void> {
  const known = migrationsFor(database.engine);
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => known },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  // A database migrated by a newer version of the bot has migrations this version does not know:
  // refuse rather than run old code on a newer schema.
  const newer = (await appliedNames(database)).filter((name) => !(name in known));
  if (newer.length > 0) {
    throw new DatabaseError(
      `${database.where} was set up by a newer version of the bot (it has migration ${newer[0]}; this version knows up to ${LATEST_MIGRATION}): run the newer version, or point DATABASE_URL/DATA_DIR elsewhere`,
    );
  }
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
    throw new DatabaseError(`could not bring ${database.where} up to date (${failed}: ${(error as Error).message})`, { cause: error });
  }
}

async function appliedNames(database: Database): Promise<string[]> {
  try {
    const { rows } = await sql<{ name: string }>`select name from schema_migrations`.execute(database.db);
    return rows.map((r) => r.name);
  } catch {
    return []; // a new database: no migration table yet
  }
}

/** Turns a connection failure into what an operator should check. */
export function explainPostgresError(err: unknown, url: string): string {
  const where = describeDatabaseUrl(url);
  let host = 'the host';
  let name = 'the database';
  let user = 'the user';
  try {
    const u = new URL(url);
    host = `${u.hostname}:${u.port || 5432}`;
    name = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'the default database';
    user = decodeURIComponent(u.username) || 'the default user';
  } catch {
    // describeDatabaseUrl said it already
  }
  const e = err as { code?: string; message?: string };
  const why =
    e.code === 'ECONNREFUSED'
      ? `nothing answers on ${host}: check that PostgreSQL is running there (e.g. \`pg_ctlcluster 15 main start\`) and the host and port in DATABASE_URL`
      : e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
        ? `the host in DATABASE_URL (${host}) is not known to DNS: check its spelling`
        : e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '')
          ? `${host} did not answer in time: check the host, the port and any firewall between`
          : e.code === '28P01' || e.code === '28000'
            ? `PostgreSQL refused user ${user}: check the user and password in DATABASE_URL`
            : e.code === '3D000'
              ? `database ${name} does not exist on ${host}: create it (\`createdb ${name}\`) or fix DATABASE_URL`
              : `${(e.message ?? String(err)).replaceAll(url, where)}`;
  return `cannot use the PostgreSQL database ${name} at ${host} (${where}): ${why}`;
}
