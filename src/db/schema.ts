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

/** A watch (migration 003): a topic whose new articles are posted to a channel. */
export interface PushWatchTable {
  id: Generated<number>;
  guild_id: string;
  channel_id: string;
  topic: string;
  created_by: string;
  created_at: string;
  /** 1 when paused (by a person, or by the bot after Discord refused a post: then `paused_reason` says why). */
  paused: Generated<number>;
  paused_reason: string | null;
  paused_at: string | null;
  last_alert_at: string | null;
}

/** One sentence a watch matched (migration 003; 006 dropped its unread `sources`): queued, then posted; never alerted twice. */
export interface PushAlertTable {
  id: Generated<number>;
  watch_id: number;
  channel_id: string;
  article_id: string;
  /** The sentence's text folded for comparison (src/text/normalize.ts matchKey), hashed. */
  sentence_key: string;
  paragraph_id: string;
  /** The sentence, verbatim. */
  sentence: string;
  matched_at: string;
  /**
   * queued → posted; or capped (over the daily cap) → summarised; failed (Discord refused); dropped (gone
   * before posting). posting: claimed by the process posting it (back to queued or capped if the post
   * fails); unconfirmed: still posting when that process stopped (it may or may not have reached the
   * channel; never posted again).
   */
  status: 'queued' | 'posted' | 'capped' | 'summarised' | 'failed' | 'dropped' | 'posting' | 'unconfirmed';
  /** When it was posted (or claimed for posting). */
  posted_at: string | null;
}

/** A scheduled answer (migration 003). */
export interface PushScheduleTable {
  id: Generated<number>;
  guild_id: string;
  channel_id: string;
  command: 'brief' | 'timeline' | 'who';
  topic: string;
  /** Local wall time, HH:MM. */
  time: string;
  /** IANA time zone name. */
  timezone: string;
  /** `daily`, `weekdays`, or days as `mon,wed,fri`. */
  days: string;
  created_by: string;
  created_at: string;
  paused: Generated<number>;
  paused_reason: string | null;
  paused_at: string | null;
  /** The next time it is due (UTC). */
  next_run_at: string;
  /** The due time of the last run handled (posted or failed). */
  last_run_at: string | null;
  last_posted_at: string | null;
  last_status: 'posted' | 'late' | 'failed' | null;
  last_error: string | null;
  /** Runs missed (the bot was down past the grace window) and skipped. */
  missed_count: Generated<number>;
  last_missed_at: string | null;
}

/** When the bot last posted in a channel (migration 003): the rate limit survives a restart. */
export interface PushChannelTable {
  channel_id: string;
  last_post_at: string;
}

/** When the live corpus brought an article in (migration 003), for "new since the previous run". */
export interface PushArrivalTable {
  article_id: string;
  path: string;
  arrived_at: string;
}

/** A post Discord refused (migration 003), for the operators and the lists. */
export interface PushFailureTable {
  id: Generated<number>;
  kind: 'watch' | 'schedule';
  target_id: number;
  channel_id: string;
  status: number | null;
  message: string;
  at: string;
}

/**
 * The corpus store's tables (migration 004, PostgreSQL only): src/store/pg reads and writes them, mostly
 * with plain SQL and COPY; these interfaces are for typed queries elsewhere.
 */
export interface CorpusArticlesTable {
  seq: Generated<number>;
  id: string;
  file: string;
  path: string;
  title: string | null;
  outlet: string | null;
  /** YYYY-MM-DD, or null. */
  published: string | null;
  published_info: unknown;
  url: string | null;
  /** The article's note on its text (migration 008), or null. */
  note: string | null;
  dropped: unknown;
  paragraphs: number;
  title_terms: string[];
  title_tf: number[];
  title_len: number;
  outlet_terms: string[];
  outlet_tf: number[];
  outlet_len: number;
  analyses: unknown;
  imported_at: string;
}

export interface CorpusParagraphsTable {
  pid: Generated<number>;
  id: string;
  article_seq: number;
  n: number;
  text: string;
  sentences: number[];
  terms: string[];
  tf: number[];
  len: number;
  term_count: number;
}

export interface CorpusFilesTable {
  path: string;
  hash: string;
  article_ids: string[];
  imported_at: string;
}

export interface CorpusRetiredTable {
  id: string;
  reason: string;
  retired_at: string;
}

export interface Tables {
  state: StateTable;
  push_watches: PushWatchTable;
  push_alerts: PushAlertTable;
  push_schedules: PushScheduleTable;
  push_channels: PushChannelTable;
  push_arrivals: PushArrivalTable;
  push_failures: PushFailureTable;
  corpus_articles: CorpusArticlesTable;
  corpus_paragraphs: CorpusParagraphsTable;
  corpus_files: CorpusFilesTable;
  corpus_retired: CorpusRetiredTable;
  feeds: FeedsTable;
  feed_items: FeedItemsTable;
}

/** Rows as read: `Selectable` of each table. */
export type Id = Generated<number>;
