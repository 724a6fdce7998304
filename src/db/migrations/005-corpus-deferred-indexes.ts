import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * 005: the corpus store's secondary indexes set aside during a bulk import into an empty archive, with their
 * definitions (src/store/pg/indexes.ts): an import builds them once at its end, and a later import or bot
 * start rebuilds any that an import cut short left behind. PostgreSQL only, as 004.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine !== 'postgres') return;
  await sql`create table corpus_deferred_indexes (
    name text primary key,
    definition text not null
  )`.execute(db);
}
