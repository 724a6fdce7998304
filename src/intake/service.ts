/**
 * The intake service the doors use (Services.intake): adding links and files, and managing feeds
 * (subscribe, list, remove, pause, resume) on top of the state database and the poller. Every method
 * returns an Answer or throws an IntakeError whose message is the reply; a state database that cannot be
 * reached is a DatabaseUnreachableError saying whether the change was made (src/db/unreachable.ts).
 * Adding a link or a file writes a corpus file only, never the state database.
 */
import type { Answer, AnswerItem } from '../answer/types.ts';
import { clip } from '../corpus/frontmatter.ts';
import type { IntakeConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { onDatabase, type Asked, type DatabaseSteps } from '../db/unreachable.ts';
import { checkUrl, type Fetcher } from '../fetch/fetch.ts';
import type { Library } from '../library.ts';
import { createIntake, feedFolder, IntakeError, type Intake } from './intake.ts';
import { FeedPoller, type PollReport } from './poller.ts';
import { deleteFeed, findFeed, insertFeed, listFeedsWithAdded, setPaused, type FeedRow } from './feed-store.ts';
import type { Parser } from './parser.ts';

export interface IntakeServiceDeps {
  corpusDir: string;
  database: Database;
  fetcher: Fetcher;
  parser: Parser;
  config: IntakeConfig;
  /** Makes written files live now (the live corpus). */
  apply?: (paths: string[]) => Promise<unknown>;
  library?: () => Library;
  now?: () => Date;
  onPoll?: (report: PollReport) => void;
  onError?: (err: Error) => void;
  /** Told after each round of polling that went through (a database that was down answers again). */
  onRound?: () => void;
}

/** Who asks, for the feeds of their newsroom: a Discord server, or nobody in particular (console, CLI). */
export interface Requester {
  guildId: string | null;
  userId?: string | null;
}

export interface IntakeService {
  readonly intake: Intake;
  readonly poller: FeedPoller;
  addLink(url: string): Promise<Answer>;
  addAttachment(file: { name: string; url: string; size: number; contentType: string | null }): Promise<Answer>;
  subscribe(url: string, o: Requester & { intervalMinutes?: number | null }): Promise<Answer>;
  list(o: Requester): Promise<Answer>;
  remove(ref: string, o: Requester): Promise<Answer>;
  pause(ref: string, o: Requester): Promise<Answer>;
  resume(ref: string, o: Requester): Promise<Answer>;
  /** Starts polling the feeds. */
  start(): void;
  /** Stops polling (a poll in progress finishes); `start()` resumes it. For the standby process. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

export function createIntakeService(deps: IntakeServiceDeps): IntakeService {
  const now = deps.now ?? (() => new Date());
  const intake = createIntake({
    corpusDir: deps.corpusDir,
    fetcher: deps.fetcher,
    parser: deps.parser,
    now,
    ...(deps.apply ? { apply: deps.apply } : {}),
    ...(deps.library ? { library: deps.library } : {}),
  });
  const poller = new FeedPoller({
    database: deps.database,
    fetcher: deps.fetcher,
    parser: deps.parser,
    intake,
    config: deps.config,
    now,
    ...(deps.onPoll ? { onPoll: deps.onPoll } : {}),
    ...(deps.onError ? { onError: deps.onError } : {}),
    ...(deps.onRound ? { onRound: deps.onRound } : {}),
  });
  const db = deps.database;
  /** The read and write steps of one request on the state database. */
  const on = (asked: Asked) => onDatabase(db, 'state', asked);
  /** A change to the feed `ref` names, as the reply about an unreachable database says it. */
  const changing = (ref: string, done: string, retry: string): Asked => {
    const number = /^#?(\d{1,9})$/.exec(ref.trim());
    const r = ref.trim();
    return { change: number ? `feed #${number[1]}` : `feed ${clip(r, 200)}`, done, retry, check: '/feed list' };
  };

  /** A feed of this requester's newsroom by number ("3", "#3") or address. */
  async function resolve(ref: string, o: Requester, steps: DatabaseSteps): Promise<FeedRow> {
    const r = ref.trim();
    const number = /^#?(\d{1,9})$/.exec(r);
    const feed = await steps.read(() => (number ? findFeed(db, { id: Number(number[1]) }) : findFeed(db, { url: r })));
    if (!feed || (o.guildId && feed.guild_id && feed.guild_id !== o.guildId)) {
      throw new IntakeError(`No feed ${number ? `#${number[1]}` : `\`${r.slice(0, 200)}\``} here. /feed list shows the feeds and their numbers.`);
    }
    return feed;
  }

  /** A change confirmed: the feed as the one item (so every door shows the heading), the details as notes. */
  const confirm = (title: string, feed: FeedRow, notes: string[]): Answer => ({
    command: 'feed',
    query: feed.url,
    title,
    items: [{ text: feed.title ?? feed.url, citations: [], label: `#${feed.id}`, feed: feed.id, url: feed.url }],
    sources: [],
    notes,
  });

  return {
    intake,
    poller,
    addLink: (url) => intake.addLink(url),
    addAttachment: (file) => intake.addAttachment(file),

    async subscribe(url, o) {
      let address: string;
      try {
        address = checkUrl(url, deps.config.allowedPrivateNetworks).href;
      } catch (err) {
        throw new IntakeError((err as Error).message);
      }
      const steps = on(changing(address, 'added', '/feed add'));
      const known = await steps.read(() => findFeed(db, { url: address }));
      if (known) throw new IntakeError(`That feed is already followed as #${known.id}${known.paused ? ' (paused: /feed resume ' + known.id + ')' : ''}.`);
      // Read it once now, so a wrong address is said at once rather than at the first poll.
      const parsed = await intake.readFeedAt(address);
      const feed = await steps.write(() => insertFeed(db, {
        url: address,
        title: parsed.feed.title,
        folder: feedFolder(address, parsed.feed.title),
        guildId: o.guildId,
        addedBy: o.userId ?? null,
        intervalMinutes: o.intervalMinutes ?? null,
        now: now(),
      }));
      poller.wake();
      const every = feed.interval_minutes ?? deps.config.feedPollMinutes;
      return confirm(`Following · ${feed.title ?? feed.url} (#${feed.id})`, feed, [
        `${parsed.feed.items.length} item${parsed.feed.items.length === 1 ? '' : 's'} in the ${parsed.feed.format.toUpperCase()} feed now; the first poll adds those of the last ${deps.config.feedFirstPollHours} hours, then every new one.`,
        `Polled every ${every} min; articles go to ${feed.folder}/. /feed list shows how it is doing.`,
      ]);
    },

    async list(o) {
      const at = now();
      const dayStart = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
      const feeds = await on({ read: 'the feeds' }).read(() => listFeedsWithAdded(db, o.guildId, dayStart));
      const items: AnswerItem[] = [];
      let healthy = 0;
      for (const f of feeds) {
        const tags: string[] = [];
        const every = f.interval_minutes ?? deps.config.feedPollMinutes;
        if (f.disabled_at) {
          tags.push(`⚠ disabled since ${when(f.disabled_at)}: ${f.disabled_reason ?? f.last_error ?? 'repeated failures'}. Check the address in a browser, then /feed resume ${f.id}.`);
        } else if (f.paused) {
          tags.push(`paused (/feed resume ${f.id})`);
        } else {
          tags.push(`every ${every} min`);
          if (f.failures > 0) tags.push(`⚠ ${f.failures} failed poll${f.failures === 1 ? '' : 's'} since ${when(f.failing_since!)}: ${f.last_error}; retrying ${when(f.next_due_at)}`);
          else healthy++;
        }
        tags.push(f.last_new_item_at ? `last new item ${when(f.last_new_item_at)}` : f.last_success_at ? 'nothing new yet' : 'not polled yet');
        if (f.added_since > 0) tags.push(`${f.added_since} added today`);
        tags.push(`${f.items_added} in all`);
        items.push({ text: f.title ?? f.url, citations: [], label: `#${f.id}`, tags, feed: f.id, url: f.url, folder: f.folder });
      }
      return {
        command: 'feed',
        query: 'list',
        title: `Feeds · ${feeds.length}${feeds.length ? ` (${healthy} healthy)` : ''}`,
        items,
        sources: [],
        notes: feeds.length === 0 ? ['No feeds yet: /feed add url:<a feed address> follows one.'] : [],
      };
    },

    async remove(ref, o) {
      const steps = on(changing(ref, 'removed', '/feed remove'));
      const feed = await resolve(ref, o, steps);
      await steps.write(() => deleteFeed(db, feed.id));
      return confirm(`Stopped following · ${feed.title ?? feed.url} (#${feed.id})`, feed, [`The ${feed.items_added} article${feed.items_added === 1 ? '' : 's'} it added stay in ${feed.folder}/.`]);
    },

    async pause(ref, o) {
      const steps = on(changing(ref, 'paused', '/feed pause'));
      const feed = await resolve(ref, o, steps);
      await steps.write(() => setPaused(db, feed.id, true, now()));
      return confirm(`Paused · ${feed.title ?? feed.url} (#${feed.id})`, feed, [`/feed resume ${feed.id} starts it again.`]);
    },

    async resume(ref, o) {
      const steps = on(changing(ref, 'resumed', '/feed resume'));
      const feed = await resolve(ref, o, steps);
      await steps.write(() => setPaused(db, feed.id, false, now()));
      poller.wake();
      return confirm(`Resumed · ${feed.title ?? feed.url} (#${feed.id})`, feed, [feed.disabled_at ? `It had been disabled (${feed.disabled_reason}); its failures are cleared and it is polled now.` : 'It is polled now.']);
    },

    start: () => void poller.start(),
    stop: () => poller.stop(),
    close: async () => {
      await poller.stop();
      await deps.parser.close();
    },
  };
}

/** "2 Dec 08:14 UTC" (or "08:14 UTC" for today). */
function when(iso: string): string {
  const d = new Date(iso);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${time}`;
}
