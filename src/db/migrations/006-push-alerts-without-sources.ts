import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * 006: `push_alerts.sources` goes. It recorded how many sources a posted sentence had, and nothing read it:
 * a message counts its sentences' sources when it is posted (a retried post counts again, with what arrived
 * meanwhile). Both engines (SQLite drops a column in place since 3.35; better-sqlite3 bundles a newer one).
 */
export async function up(db: Kysely<unknown>, _ctx: MigrationContext): Promise<void> {
  await db.schema.alterTable('push_alerts').dropColumn('sources').execute();
}
