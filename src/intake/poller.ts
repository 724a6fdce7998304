/**
 * The feed poller: polls each subscribed feed when it is due (every FEED_POLL_MINUTES, or the feed's own
 * interval), with conditional requests (a 304 costs one round trip and no parsing), and turns new items
 * into corpus files through intake. The state lives in the database (feed-store.ts), so a restart neither
 * adds an item twice nor forgets a disabled feed; "when is each feed due" is a column, and after downtime
 * every overdue feed is polled once (not once per missed interval).
 *
 * - First poll of a feed: only items of the last FEED_FIRST_POLL_HOURS are added; the rest (and undated
 *   items) are remembered as `old`, never added later. Afterwards every item not seen before is new.
 * - The same story is added once: an item is known by its guid (else its link, else its text) within its
 *   feed, and across feeds by its link and its article's text.
 * - An item whose entry changed (title, date, text) is fetched again; if its article changed, its file is
 *   rewritten and the live corpus retires the old citation ids with the reason.
 * - A failed poll is retried later and later (the interval doubled per failure, at most 24 h); after
 *   FEED_MAX_FAILURES failures in a row the feed is disabled, with what failed and since when, until
 *   `/feed resume`.
 */
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../db/database.ts';
import type { IntakeConfig } from '../config.ts';
import type { Fetcher } from '../fetch/fetch.ts';
import { FetchError } from '../fetch/fetch.ts';
import type { FeedEntry } from './feed-parse.ts';
import type { Intake } from './intake.ts';
import type { Parser } from './parser.ts';
import { dueFeeds, nextDueAt, recordFailure, recordItem, recordSuccess, seenKeys, writtenElsewhere, type FeedRow } from './feed-store.ts';
import { textHash, urlKey } from './article-file.ts';

/** Most page fetches in flight at once, across feeds. */
const PAGE_CONCURRENCY = 4;
/** Most feeds polled at once. */
const FEED_CONCURRENCY = 4;
/** Longest wait between failed polls. */
const MAX_BACKOFF_MS = 24 * 3600_000;

export interface PollerDeps {
  database: Database;
  fetcher: Fetcher;
  parser: Parser;
  intake: Intake;
  config: Pick<IntakeConfig, 'feedPollMinutes' | 'feedFirstPollHours' | 'feedMaxFailures'>;
  now?: () => Date;
  /** Told about every poll (for the log). */
  onPoll?: (report: PollReport) => void;
  /** Told when a round of polling failed as a whole (the state database unreachable, a bug). */
  onError?: (err: Error) => void;
  /** Told after each round of polling that went through. */
  onRound?: () => void;
}

/** What one poll of one feed did. */
export interface PollReport {
  feed: number;
  url: string;
  outcome: 'not-modified' | 'polled' | 'failed' | 'disabled';
  added: number;
  updated: number;
  skipped: number;
  failed: number;
  error?: string;
  ms: number;
}

export class FeedPoller {
  readonly #deps: PollerDeps;
  #timer: NodeJS.Timeout | null = null;
  #round: Promise<PollReport[]> | null = null;
  #stopped = true;

  constructor(deps: PollerDeps) {
    this.#deps = deps;
  }

  #now(): Date {
    return this.#deps.now?.() ?? new Date();
  }

  /** Starts polling: due feeds now, then whenever the next one is due (checked at least every minute). */
  start(): this {
    this.#stopped = false;
    this.#schedule(0);
    return this;
  }

  /** Stops the timer and waits for a poll in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#round?.catch(() => []);
  }

  /** Polls again soon (a feed was added or resumed). */
  wake(): void {
    if (!this.#stopped) this.#schedule(0);
  }

  #schedule(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), Math.max(0, Math.min(delayMs, 60_000)));
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    try {
      await this.pollDue();
      this.#deps.onRound?.();
    } catch (err) {
      this.#deps.onError?.(err as Error);
    }
    if (this.#stopped) return;
    const next = await nextDueAt(this.#deps.database).catch(() => null);
    this.#schedule(next ? next.getTime() - this.#now().getTime() : 60_000);
  }

  /** Polls every feed that is due now (one round; rounds never overlap). */
  pollDue(): Promise<PollReport[]> {
    if (this.#round) return this.#round;
    this.#round = (async () => {
      const feeds = await dueFeeds(this.#deps.database, this.#now());
      const reports: PollReport[] = [];
      await eachLimited(feeds, FEED_CONCURRENCY, async (feed) => {
        reports.push(await this.poll(feed));
      });
      return reports;
    })().finally(() => {
      this.#round = null;
    });
    return this.#round;
  }

  /** Polls one feed now, whatever its schedule. */
  async poll(feed: FeedRow): Promise<PollReport> {
    const started = performance.now();
    const { database, fetcher, parser, intake, config } = this.#deps;
    const report: PollReport = { feed: feed.id, url: feed.url, outcome: 'polled', added: 0, updated: 0, skipped: 0, failed: 0, ms: 0 };
    const intervalMs = (feed.interval_minutes ?? config.feedPollMinutes) * 60_000;
    const finish = () => {
      report.ms = Math.round(performance.now() - started);
      this.#deps.onPoll?.(report);
      return report;
    };
    let fetched;
    try {
      fetched = await fetcher.fetch({ url: feed.url, kind: 'feed', etag: feed.etag, lastModified: feed.last_modified });
    } catch (err) {
      await this.#failed(feed, report, failureText(err), intervalMs);
      return finish();
    }
    const now = this.#now();
    if (fetched.status === 'not-modified') {
      report.outcome = 'not-modified';
      await recordSuccess(database, feed, { now, nextDue: new Date(now.getTime() + intervalMs), etag: fetched.etag, lastModified: fetched.lastModified, added: 0 });
      return finish();
    }
    const parsed = await parser.feed(fetched.bytes, fetched.url, fetched.contentType).catch((err: Error) => ({ ok: false as const, reason: err.message }));
    if (!parsed.ok) {
      await this.#failed(feed, report, `not a feed: ${parsed.reason}`, intervalMs);
      return finish();
    }

    const seen = await seenKeys(database, feed.id);
    const windowStart = now.getTime() - config.feedFirstPollHours * 3600_000;
    const work: Array<{ entry: FeedEntry; key: string; entryHash: string; previous: string | null }> = [];
    for (const entry of parsed.feed.items) {
      const key = itemKey(entry);
      const entryHash = hashEntry(entry);
      const known = seen.get(key);
      if (known) {
        // Seen before: fetched again only when the feed says the item changed (and it was written).
        if (known.entry_hash !== entryHash && known.path) work.push({ entry, key, entryHash, previous: known.path });
        continue;
      }
      seen.set(key, { key } as never); // the same item twice in one document
      if (!feed.first_poll_done && !(entry.published && entry.published.instant >= windowStart)) {
        report.skipped++;
        await recordItem(database, { feed_id: feed.id, key, guid: entry.guid, link: entry.link, title: entry.title, entry_hash: entryHash, content_hash: null, article_id: null, path: null, status: 'old', reason: entry.published ? 'older than the first-poll window' : 'no date, at the first poll' }, now);
        continue;
      }
      work.push({ entry, key, entryHash, previous: null });
    }

    const paths: string[] = [];
    await eachLimited(work, PAGE_CONCURRENCY, async ({ entry, key, entryHash, previous }) => {
      // The same story from another feed (or an earlier poll under another key): once is enough.
      const link = entry.link ? urlKey(entry.link) : null;
      const elsewhere = previous ? undefined : await writtenElsewhere(database, { link, contentHash: null });
      if (elsewhere) {
        report.skipped++;
        await recordItem(database, { feed_id: feed.id, key, guid: entry.guid, link, title: entry.title, entry_hash: entryHash, content_hash: elsewhere.content_hash, article_id: elsewhere.article_id, path: null, status: 'duplicate', reason: `already in the corpus as ${elsewhere.path}` }, now);
        return;
      }
      const outcome = await intake.ingestEntry(entry, { folder: feed.folder, feedTitle: feed.title ?? parsed.feed.title, previousPath: previous }).catch((err: Error) => ({ status: 'failed' as const, reason: err.message }));
      let status: string = outcome.status;
      let reason = outcome.reason ?? null;
      if (!previous && (outcome.status === 'added') && 'contentHash' in outcome && outcome.contentHash) {
        const same = await writtenElsewhere(database, { link: null, contentHash: outcome.contentHash });
        if (same && same.path && same.path !== outcome.path) {
          // Written, but the same text is already in the corpus from another item: take it out again.
          await rm(join(intake.corpusDir, outcome.path!), { force: true });
          status = 'duplicate';
          reason = `the same text is already in the corpus as ${same.path}`;
        }
      }
      if (status === 'added') report.added++;
      else if (status === 'updated') report.updated++;
      else if (status === 'failed') report.failed++;
      else report.skipped++;
      const path = 'path' in outcome && (status === 'added' || status === 'updated' || status === 'unchanged') ? (outcome.path ?? null) : previous;
      if (path && (status === 'added' || status === 'updated')) paths.push(path);
      await recordItem(
        database,
        {
          feed_id: feed.id,
          key,
          guid: entry.guid,
          link,
          title: entry.title,
          entry_hash: entryHash,
          content_hash: 'contentHash' in outcome ? (outcome.contentHash ?? null) : null,
          article_id: 'article' in outcome ? (outcome.article?.id ?? null) : null,
          path,
          status: previous && status === 'unchanged' ? 'added' : status,
          reason,
        },
        now,
      );
    });
    await intake.apply(paths);
    const done = this.#now();
    await recordSuccess(database, feed, { now: done, nextDue: new Date(done.getTime() + intervalMs), etag: fetched.etag, lastModified: fetched.lastModified, title: parsed.feed.title, added: report.added });
    return finish();
  }

  async #failed(feed: FeedRow, report: PollReport, error: string, intervalMs: number): Promise<void> {
    const now = this.#now();
    const failures = feed.failures + 1;
    const { feedMaxFailures } = this.#deps.config;
    const backoff = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures - 1, 10));
    const disable =
      failures >= feedMaxFailures
        ? `${failures} failed polls in a row since ${(feed.failing_since ?? now.toISOString()).slice(0, 16).replace('T', ' ')} UTC; last: ${error}`
        : undefined;
    await recordFailure(this.#deps.database, feed, { now, nextDue: new Date(now.getTime() + backoff), error, ...(disable ? { disable } : {}) });
    report.outcome = disable ? 'disabled' : 'failed';
    report.error = error;
  }
}

/** How an item is known within its feed: its guid, else its link, else a hash of its title and text. */
export function itemKey(entry: FeedEntry): string {
  if (entry.guid) return `guid:${entry.guid}`;
  if (entry.link) return `link:${urlKey(entry.link)}`;
  return `hash:${textHash([entry.title ?? '', entry.content ?? ''])}`;
}

/** What the feed says about an item; a change means its article may have changed. */
function hashEntry(entry: FeedEntry): string {
  return createHash('sha256').update(JSON.stringify([entry.title, entry.dateText, entry.content, entry.link])).digest('hex').slice(0, 32);
}

function failureText(err: unknown): string {
  if (err instanceof FetchError) return err.message;
  return (err as Error).message ?? String(err);
}

/** Runs `fn` over `items`, at most `limit` at once. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}
