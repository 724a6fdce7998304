import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * 002: intake. `feeds`: each subscribed feed, its validators (ETag, Last-Modified), failures and when it is
 * due; `feed_items`: every item seen, so a restart never adds one twice, with the file it became.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await ctx
    .addId(db.schema.createTable('feeds'))
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('guild_id', 'text')
    .addColumn('added_by', 'text')
    .addColumn('interval_minutes', 'integer')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_poll_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failing_since', 'text')
    .addColumn('last_error', 'text')
    .addColumn('disabled_at', 'text')
    .addColumn('disabled_reason', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_new_item_at', 'text')
    .addColumn('items_added', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_due_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await ctx
    .addId(db.schema.createTable('feed_items'))
    .addColumn('feed_id', 'integer', (c) => c.notNull().references('feeds.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('guid', 'text')
    .addColumn('link', 'text')
    .addColumn('title', 'text')
    .addColumn('entry_hash', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text')
    .addColumn('article_id', 'text')
    .addColumn('path', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('feed_items_feed_key', ['feed_id', 'key'])
    .execute();
  await db.schema.createIndex('feed_items_link').on('feed_items').column('link').execute();
  await db.schema.createIndex('feed_items_content_hash').on('feed_items').column('content_hash').execute();
  await db.schema.createIndex('feeds_next_due').on('feeds').column('next_due_at').execute();
}
