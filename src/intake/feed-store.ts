/**
 * Feed state in the state database (tables of migration 002): plain functions taking a `Database`, the same
 * on SQLite and PostgreSQL. Times are ISO-8601 UTC strings; flags 0/1.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { FeedItemsTable, FeedsTable } from '../db/schema.ts';

export type FeedRow = Selectable<FeedsTable>;
export type FeedItemRow = Selectable<FeedItemsTable>;

export interface NewFeed {
  url: string;
  title: string | null;
  folder: string;
  guildId: string | null;
  addedBy: string | null;
  intervalMinutes: number | null;
  now: Date;
}

/** Subscribes a feed; due at once. Throws when the URL is already subscribed (see `findFeed` first). */
export async function insertFeed(database: Database, feed: NewFeed): Promise<FeedRow> {
  const now = feed.now.toISOString();
  return database.db
    .insertInto('feeds')
    .values({
      url: feed.url,
      title: feed.title,
      folder: feed.folder,
      guild_id: feed.guildId,
      added_by: feed.addedBy,
      interval_minutes: feed.intervalMinutes,
      next_due_at: now,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A feed by its number or its URL. */
export async function findFeed(database: Database, ref: { id?: number; url?: string }): Promise<FeedRow | undefined> {
  let q = database.db.selectFrom('feeds').selectAll();
  if (ref.id !== undefined) q = q.where('id', '=', ref.id);
  else if (ref.url !== undefined) q = q.where('url', '=', ref.url);
  else return undefined;
  return q.executeTakeFirst();
}

/** Every feed, in the order they were added; of one guild when `guildId` is given. */
export async function listFeeds(database: Database, guildId?: string | null): Promise<FeedRow[]> {
  let q = database.db.selectFrom('feeds').selectAll().orderBy('id');
  if (guildId) q = q.where('guild_id', '=', guildId);
  return q.execute();
}

/** Removes a feed and what it remembers of its items (the articles it wrote stay in the corpus). */
export async function deleteFeed(database: Database, id: number): Promise<void> {
  await database.db.deleteFrom('feed_items').where('feed_id', '=', id).execute();
  await database.db.deleteFrom('feeds').where('id', '=', id).execute();
}

/** Pauses or resumes a feed. Resuming also clears a disabled feed's failures: it is due at once. */
export async function setPaused(database: Database, id: number, paused: boolean, now: Date): Promise<void> {
  await database.db
    .updateTable('feeds')
    .set(paused ? { paused: 1 } : { paused: 0, disabled_at: null, disabled_reason: null, failures: 0, failing_since: null, next_due_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Feeds to poll now: not paused, not disabled, due. */
export async function dueFeeds(database: Database, now: Date): Promise<FeedRow[]> {
  return database.db
    .selectFrom('feeds')
    .selectAll()
    .where('paused', '=', 0)
    .where('disabled_at', 'is', null)
    .where('next_due_at', '<=', now.toISOString())
    .orderBy('next_due_at')
    .execute();
}

/** When the next active feed is due, or null when none is. */
export async function nextDueAt(database: Database): Promise<Date | null> {
  const row = await database.db
    .selectFrom('feeds')
    .select((eb) => eb.fn.min('next_due_at').as('next'))
    .where('paused', '=', 0)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row?.next ? new Date(row.next) : null;
}

export interface PollSuccess {
  now: Date;
  nextDue: Date;
  etag: string | null;
  lastModified: string | null;
  title?: string | null;
  added: number;
}

/** A poll that worked (a 304 included): failures cleared, validators kept, next poll scheduled. */
export async function recordSuccess(database: Database, feed: FeedRow, s: PollSuccess): Promise<void> {
  const now = s.now.toISOString();
  await database.db
    .updateTable('feeds')
    .set({
      etag: s.etag,
      last_modified: s.lastModified,
      failures: 0,
      failing_since: null,
      last_error: null,
      last_polled_at: now,
      last_success_at: now,
      first_poll_done: 1,
      next_due_at: s.nextDue.toISOString(),
      ...(s.title && !feed.title ? { title: s.title } : {}),
      ...(s.added > 0 ? { last_new_item_at: now, items_added: feed.items_added + s.added } : {}),
    })
    .where('id', '=', feed.id)
    .execute();
}

export interface PollFailure {
  now: Date;
  nextDue: Date;
  error: string;
  /** Set when this failure disables the feed: the reason shown in /feed list. */
  disable?: string;
}

/** A poll that failed: counted, the reason kept, the next try put off (or the feed disabled). */
export async function recordFailure(database: Database, feed: FeedRow, f: PollFailure): Promise<void> {
  const now = f.now.toISOString();
  await database.db
    .updateTable('feeds')
    .set({
      failures: feed.failures + 1,
      failing_since: feed.failing_since ?? now,
      last_error: f.error,
      last_polled_at: now,
      next_due_at: f.nextDue.toISOString(),
      ...(f.disable ? { disabled_at: now, disabled_reason: f.disable } : {}),
    })
    .where('id', '=', feed.id)
    .execute();
}

/** Every key a feed has seen (one query per poll instead of one per item). */
export async function seenKeys(database: Database, feedId: number): Promise<Map<string, FeedItemRow>> {
  const rows = await database.db.selectFrom('feed_items').selectAll().where('feed_id', '=', feedId).execute();
  return new Map(rows.map((r) => [r.key, r]));
}

/** An item of any feed already written to the corpus with this link or these contents. */
export async function writtenElsewhere(database: Database, o: { link: string | null; contentHash: string | null }): Promise<FeedItemRow | undefined> {
  let q = database.db.selectFrom('feed_items').selectAll().where('path', 'is not', null);
  q = q.where((eb) => {
    const ors = [];
    if (o.link) ors.push(eb('link', '=', o.link));
    if (o.contentHash) ors.push(eb('content_hash', '=', o.contentHash));
    return ors.length ? eb.or(ors) : eb.val(false);
  });
  return q.executeTakeFirst();
}

export type ItemRecord = Omit<FeedItemRow, 'id' | 'seen_at' | 'updated_at'>;

/** Records an item (new, or seen again with changes). */
export async function recordItem(database: Database, item: ItemRecord, now: Date): Promise<void> {
  const at = now.toISOString();
  await database.db
    .insertInto('feed_items')
    .values({ ...item, seen_at: at, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['feed_id', 'key']).doUpdateSet({
        entry_hash: item.entry_hash,
        content_hash: item.content_hash,
        title: item.title,
        link: item.link,
        article_id: item.article_id,
        path: item.path,
        status: item.status,
        reason: item.reason,
        updated_at: at,
      }),
    )
    .execute();
}

/**
 * Every feed, in the order they were added (of one guild when `guildId` is given), each with how many items
 * it added or updated since `since` (`added_since`): /feed list in one query.
 */
export async function listFeedsWithAdded(database: Database, guildId: string | null | undefined, since: Date): Promise<Array<FeedRow & { added_since: number }>> {
  let q = database.db
    .selectFrom('feeds')
    .selectAll('feeds')
    .select((eb) =>
      eb
        .selectFrom('feed_items')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('feed_items.feed_id', '=', 'feeds.id')
        .where('feed_items.status', 'in', ['added', 'updated'])
        .where('feed_items.updated_at', '>=', since.toISOString())
        .as('added_since'),
    )
    .orderBy('feeds.id');
  if (guildId) q = q.where('feeds.guild_id', '=', guildId);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, added_since: Number(r.added_since ?? 0) }));
}
