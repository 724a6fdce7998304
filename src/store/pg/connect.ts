/**
 * The corpus store's connection pool: node-postgres on DATABASE_URL (the state database's server and
 * database: migrations 004 and up made its corpus tables), opened as the state database opens its own,
 * so a failure to connect is explained the same way: host and database named, never the password.
 */
import type pg from 'pg';
import { openPostgresPool } from '../../db/database.ts';

export interface PoolOptions {
  /** Connections at most (default 8). */
  max?: number;
  /** Give up a connection attempt after this many ms (default 5,000). */
  connectTimeoutMs?: number;
  /** Cancel a statement after this many ms (default none). */
  statementTimeoutMs?: number;
}

/** Opens a pool and checks one connection; throws a DatabaseError saying what to check. */
export function openCorpusPool(url: string, options: PoolOptions = {}): Promise<pg.Pool> {
  return openPostgresPool(url, {
    max: options.max ?? 8,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    keepAlive: true,
    ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
  });
}
