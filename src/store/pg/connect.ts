/**
 * The corpus store's connection pool: node-postgres on DATABASE_URL (the state database's server and
 * database: migrations 004 and up made its corpus tables). A failure to connect is explained as the
 * state database explains it: host and database named, never the password.
 */
import pg from 'pg';
import { DatabaseError, explainPostgresError } from '../../db/database.ts';

export interface PoolOptions {
  /** Connections at most (default 8). */
  max?: number;
  /** Give up a connection attempt after this many ms (default 5,000). */
  connectTimeoutMs?: number;
  /** Cancel a statement after this many ms (default none). */
  statementTimeoutMs?: number;
}

/** Opens a pool and checks one connection; throws a DatabaseError saying what to check. */
export async function openCorpusPool(url: string, options: PoolOptions = {}): Promise<pg.Pool> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    // bigint (seq, counts) as numbers: our ids and counts stay far below 2^53.
    types: { getTypeParser: (oid: number, format?: any) => (oid === 20 ? (v: string) => Number(v) : oid === 1016 ? (v: string) => pg.types.getTypeParser(1007 as never, format)(v) : pg.types.getTypeParser(oid, format)) } as pg.CustomTypesConfig,
  });
  // An idle client losing its connection (the server restarted) must not crash the process: the pool
  // drops it and the next query opens a new one.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseError(explainPostgresError(err, url), { cause: err });
  }
  return pool;
}
