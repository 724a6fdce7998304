import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * 008: an article's `note` (front matter / JSON `note`: where its text came from when that is not the page
 * at its URL, e.g. a feed's own text when the page could not be read), so the store cites it as the
 * in-memory corpus does. Files intake wrote from feeds (`feeds/…`, the ones that carry such notes) are
 * marked for reading again, so their notes arrive with the next import or live round; other files gain
 * theirs when they change or are imported again. PostgreSQL only, as 004.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine !== 'postgres') return;
  await sql`alter table corpus_articles add column note text`.execute(db);
  await sql`update corpus_files set hash = '' where path like 'feeds/%'`.execute(db);
}
