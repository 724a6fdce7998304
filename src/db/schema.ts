/**
 * The tables of the state database, as Kysely sees them. One interface per table; `Generated` marks what
 * the database fills in (ids). Every table is defined by a migration in `migrations/`: a change to a table
 * is a new migration plus a change here, never an edit of an old migration.
 *
 * Conventions that keep SQLite and PostgreSQL alike: times are ISO-8601 UTC strings (`2026-12-03T07:00:00.000Z`:
 * they sort as text); flags are integers 0/1; lists and small records are JSON text; ids are integers.
 */
import type { Generated } from 'kysely';

/** Small facts about this database and the process that owns it (`key` → `value`). */
export interface StateTable {
  key: string;
  value: string;
  updated_at: string;
}

/** A subscribed feed (migration 002). */
export interface FeedsTable {
  id: Generated<number>;
  url: string;
  title: string | null;
  /** The corpus folder its articles are written to, relative to the corpus root (`feeds/3-gazette`). */
  folder: string;
  guild_id: string | null;
  added_by: string | null;
  /** Minutes between polls; null: the default (FEED_POLL_MINUTES). */
  interval_minutes: number | null;
  paused: Generated<number>;
  /** 0 until the first successful poll (which adds only the items of the first-poll window). */
  first_poll_done: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  /** Failed polls in a row. */
  failures: Generated<number>;
  failing_since: string | null;
  last_error: string | null;
  disabled_at: string | null;
  disabled_reason: string | null;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_new_item_at: string | null;
  items_added: Generated<number>;
  next_due_at: string;
  created_at: string;
}

/** An item seen in a feed (migration 002): never added twice, replaced when its article changes. */
export interface FeedItemsTable {
  id: Generated<number>;
  feed_id: number;
  /** What identifies the item in its feed: `guid:…`, `link:…` or `hash:…` of its title and content. */
  key: string;
  guid: string | null;
  link: string | null;
  title: string | null;
  /** Hash of the entry as the feed gives it (title, date, content): a change means the article may have changed. */
  entry_hash: string;
  /** Hash of the article's paragraphs as written to the corpus (the same story from two feeds is one file). */
  content_hash: string | null;
  article_id: string | null;
  /** The corpus file, relative to the corpus root. */
  path: string | null;
  /** added | updated | old (before the first-poll window) | duplicate | failed */
  status: string;
  reason: string | null;
  seen_at: string;
  updated_at: string;
}

// Push (watches, schedules) adds its tables in migration 003, and their interfaces here.

export interface Tables {
  state: StateTable;
  feeds: FeedsTable;
  feed_items: FeedItemsTable;
}

/** Rows as read: `Selectable` of each table. */
export type Id = Generated<number>;
