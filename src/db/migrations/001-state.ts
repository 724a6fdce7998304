import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/** 001: the key-value `state` table (facts about this database and its owner). */
export function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  return db.schema
    .createTable('state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
