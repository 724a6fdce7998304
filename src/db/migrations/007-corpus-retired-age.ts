import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * 007: `corpus_retired` in the order ids were retired, so a write that retires ids forgets the oldest beyond
 * MAX_RETIRED (src/store/pg/write.ts, as the in-memory library does) by walking an index rather than sorting
 * the table. PostgreSQL only, as 004.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine !== 'postgres') return;
  await sql`create index corpus_retired_age on corpus_retired (retired_at, id)`.execute(db);
}
