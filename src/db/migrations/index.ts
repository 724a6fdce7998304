/**
 * The migrations, in order: numbered, append-only (an applied migration is never edited; a change is a
 * new one). Kysely's Migrator runs the ones a database has not had yet, at start-up, in one transaction
 * each. The list is explicit, like the command list, so nothing depends on scanning a folder.
 */
import type { CreateTableBuilder, Kysely, Migration } from 'kysely';
import * as m001 from './001-state.ts';
import * as m002 from './002-intake.ts';
import * as m003 from './003-push.ts';
import * as m004 from './004-corpus.ts';
import * as m005 from './005-corpus-deferred-indexes.ts';
import * as m006 from './006-push-alerts-without-sources.ts';
import * as m007 from './007-corpus-retired-age.ts';
import * as m008 from './008-corpus-article-note.ts';

export type Engine = 'sqlite' | 'postgres';

/** What a migration may need to know beyond the schema builder: the engine, for the few types that differ. */
export interface MigrationContext {
  engine: Engine;
  /** Adds the table's `id` column: an auto-incrementing integer primary key on either engine. */
  addId<T extends string, C extends string>(table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C | 'id'>;
}

type Step = { up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> };

const STEPS: Record<string, Step> = {
  '001-state': m001,
  '002-intake': m002,
  '003-push': m003,
  // 004, 005, 007, 008: the PostgreSQL corpus store (nothing on SQLite).
  '004-corpus': m004,
  '005-corpus-deferred-indexes': m005,
  '006-push-alerts-without-sources': m006,
  '007-corpus-retired-age': m007,
  '008-corpus-article-note': m008,
};

/** The migrations for one engine, as Kysely's Migrator takes them. */
export function migrationsFor(engine: Engine): Record<string, Migration> {
  const ctx: MigrationContext = {
    engine,
    addId: (table) =>
      engine === 'postgres'
        ? table.addColumn('id', 'serial', (c) => c.primaryKey())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  };
  return Object.fromEntries(Object.entries(STEPS).map(([name, step]) => [name, { up: (db: Kysely<any>) => step.up(db, ctx) }]));
}

/** The name of the newest migration this version of the bot knows. */
export const LATEST_MIGRATION = Object.keys(STEPS).at(-1)!;
