/**
 * A fresh state database per test, on either engine: SQLite in a temporary folder, or a new database in
 * the run's PostgreSQL server (see global-setup.ts). `ENGINES` drives `describe.each` so the same tests
 * run on both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/db/database.ts';
import type { DatabaseConfig } from '../../src/config.ts';

export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

let counter = 0;

/** A DatabaseConfig for an empty database of `engine` (made now), and how to drop it. */
export async function freshDatabaseConfig(engine: Engine): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsroom-db-'));
  if (engine === 'sqlite') {
    return { config: { url: null, dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const admin = inject('postgresUrl');
  const name = `test_${process.pid}_${Date.now().toString(36)}_${++counter}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    config: { url: url.toString(), dataDir },
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens (and migrates) a fresh database of `engine`; `close()` also drops it. */
export async function openTestDatabase(engine: Engine): Promise<Database & { config: DatabaseConfig }> {
  const { config, drop } = await freshDatabaseConfig(engine);
  const database = await openDatabase(config);
  return {
    ...database,
    config,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
