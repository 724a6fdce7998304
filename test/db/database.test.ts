import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { inject } from 'vitest';
import { DatabaseError, openDatabase, SQLITE_FILE, type Database } from '../../src/db/database.ts';
import { LATEST_MIGRATION, migrationsFor } from '../../src/db/migrations/index.ts';
import { ENGINES, freshDatabaseConfig, openTestDatabase } from '../support/database.ts';

describe.each(ENGINES)('the state database on %s', (engine) => {
  let database: (Database & { close(): Promise<void> }) | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('is migrated to the latest schema when opened', async () => {
    database = await openTestDatabase(engine);
    const { rows } = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(database.db);
    expect(rows.map((r) => r.name).at(-1)).toBe(LATEST_MIGRATION);
    await database.db.insertInto('state').values({ key: 'k', value: 'v', updated_at: new Date().toISOString() }).execute();
    expect(await database.db.selectFrom('state').select('value').where('key', '=', 'k').executeTakeFirst()).toEqual({ value: 'v' });
  });

  it('keeps its rows across a reopen and migrates nothing twice', async () => {
    const { config, drop } = await freshDatabaseConfig(engine);
    try {
      const first = await openDatabase(config);
      await first.db.insertInto('state').values({ key: 'kept', value: '1', updated_at: '2026-12-03T00:00:00.000Z' }).execute();
      await first.close();
      const second = await openDatabase(config);
      expect(await second.db.selectFrom('state').selectAll().execute()).toEqual([{ key: 'kept', value: '1', updated_at: '2026-12-03T00:00:00.000Z' }]);
      await second.close();
    } finally {
      await drop();
    }
  });

  it('keeps the alerts of a database set up before migration 006, without their unread `sources`', async () => {
    const { config, drop } = await freshDatabaseConfig(engine);
    try {
      // The database as a version of the bot before 006 left it, with an alert it posted.
      const old = new Kysely<any>({
        dialect: engine === 'sqlite' ? new SqliteDialect({ database: new SqliteDatabase(join(config.dataDir, SQLITE_FILE)) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: config.url! }) }),
      });
      const migrator = new Migrator({ db: old, provider: { getMigrations: async () => migrationsFor(engine) }, migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
      expect((await migrator.migrateTo('005-corpus-deferred-indexes')).error).toBeUndefined();
      await old.insertInto('push_watches').values({ guild_id: 'g', channel_id: 'c', topic: 'embassy', created_by: 'editor', created_at: '2026-12-03T08:00:00.000Z' }).execute();
      const alert = { watch_id: 1, channel_id: 'c', article_id: '000', sentence_key: 'k', paragraph_id: '000-p1', sentence: 'The embassy said so.', matched_at: '2026-12-03T08:00:00.000Z', status: 'posted', posted_at: '2026-12-03T08:00:01.000Z' };
      await old.insertInto('push_alerts').values({ ...alert, sources: 3 }).execute();
      await old.destroy();

      const current = await openDatabase(config);
      try {
        expect(await current.db.selectFrom('push_alerts').selectAll().execute()).toEqual([{ id: 1, ...alert }]);
      } finally {
        await current.close();
      }
    } finally {
      await drop();
    }
  });

  it('refuses a schema from a newer version of the bot, saying so', async () => {
    const { config, drop } = await freshDatabaseConfig(engine);
    try {
      const first = await openDatabase(config);
      await sql`insert into schema_migrations (name, timestamp) values ('999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(first.db);
      await first.close();
      await expect(openDatabase(config)).rejects.toThrow(/set up by a newer version of the bot \(it has migration 999-from-the-future/);
    } finally {
      await drop();
    }
  });
});

describe('opening a database that is not there', () => {
  it('names the host and database when nothing answers, never the password', async () => {
    const err = await openDatabase({ url: 'postgres://bot:s3cret-pw@127.0.0.1:1/newsroom', dataDir: '.' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as Error).message).toMatch(/database newsroom at 127\.0\.0\.1:1 .*nothing answers on 127\.0\.0\.1:1: check that PostgreSQL is running/);
    expect((err as Error).message).not.toContain('s3cret-pw');
  });

  it('says to create a database that does not exist', async () => {
    const url = new URL(inject('postgresUrl'));
    url.pathname = '/no_such_newsroom';
    url.password = 'hunter2';
    const err = await openDatabase({ url: url.toString(), dataDir: '.' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/database no_such_newsroom does not exist .*createdb no_such_newsroom/);
    expect((err as Error).message).not.toContain('hunter2');
  });

  it('says when DATA_DIR cannot hold the SQLite file', async () => {
    const { config, drop } = await freshDatabaseConfig('sqlite');
    try {
      const file = join(config.dataDir, 'a-file');
      writeFileSync(file, 'not a folder');
      await expect(openDatabase({ url: null, dataDir: file })).rejects.toThrow(/cannot open the SQLite database .*check that DATA_DIR is a folder the bot may write to/);
    } finally {
      await drop();
    }
  });
});
