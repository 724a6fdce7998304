/**
 * A fresh PostgreSQL corpus store per test: a new database in the run's server (test/support), migrated,
 * with a pool for the store's own queries; `close()` drops it.
 */
import type pg from 'pg';
import { freshDatabaseConfig } from '../support/database.ts';
import { openDatabase } from '../../src/db/database.ts';
import { openCorpusPool } from '../../src/store/pg/connect.ts';

export interface TestStoreDatabase {
  url: string;
  pool: pg.Pool;
  close(): Promise<void>;
}

export async function openTestStoreDatabase(): Promise<TestStoreDatabase> {
  const { config, drop } = await freshDatabaseConfig('postgres');
  await (await openDatabase(config)).close();
  const pool = await openCorpusPool(config.url!);
  return {
    url: config.url!,
    pool,
    close: async () => {
      await pool.end();
      await drop();
    },
  };
}
