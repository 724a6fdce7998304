import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * 003: push — watches and the alerts they posted (what, where, when), scheduled answers with their last
 * runs and failures, each channel's last post (the rate limit survives a restart), and when articles
 * arrived (for "new since the previous run").
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  await ctx
    .addId(db.schema.createTable('push_watches'))
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_reason', 'text')
    .addColumn('paused_at', 'text')
    .addColumn('last_alert_at', 'text')
    .execute();
  await db.schema.createIndex('push_watches_channel').on('push_watches').column('channel_id').execute();

  await ctx
    .addId(db.schema.createTable('push_alerts'))
    .addColumn('watch_id', 'integer', (c) => c.notNull().references('push_watches.id').onDelete('cascade'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('sentence_key', 'text', (c) => c.notNull())
    .addColumn('paragraph_id', 'text', (c) => c.notNull())
    .addColumn('sentence', 'text', (c) => c.notNull())
    .addColumn('sources', 'integer')
    .addColumn('matched_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'text')
    .addUniqueConstraint('push_alerts_once', ['watch_id', 'article_id', 'sentence_key'])
    .execute();
  await db.schema.createIndex('push_alerts_channel_status').on('push_alerts').columns(['channel_id', 'status']).execute();

  await ctx
    .addId(db.schema.createTable('push_schedules'))
    .addColumn('guild_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('command', 'text', (c) => c.notNull())
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('time', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('days', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paused_reason', 'text')
    .addColumn('paused_at', 'text')
    .addColumn('next_run_at', 'text', (c) => c.notNull())
    .addColumn('last_run_at', 'text')
    .addColumn('last_posted_at', 'text')
    .addColumn('last_status', 'text')
    .addColumn('last_error', 'text')
    .addColumn('missed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_missed_at', 'text')
    .execute();
  await db.schema.createIndex('push_schedules_channel').on('push_schedules').column('channel_id').execute();

  await db.schema
    .createTable('push_channels')
    .addColumn('channel_id', 'text', (c) => c.primaryKey())
    .addColumn('last_post_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('push_arrivals')
    .addColumn('article_id', 'text', (c) => c.primaryKey())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('arrived_at', 'text', (c) => c.notNull())
    .execute();

  await ctx
    .addId(db.schema.createTable('push_failures'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
