/**
 * Push: the bot speaking by itself. Watches hear each live round ("these articles arrived"), test their
 * topics against the new text (src/push/match.ts) and post alerts; schedules post a command's answer at a
 * local time. Everything lasts across restarts in the state database (src/push/store.ts), and everything
 * posted goes through a `Poster` (the Discord one in src/discord/poster.ts, or the console).
 *
 * A unit to start and stop: `start()` begins the scheduler and the posting of waiting alerts (and catches
 * up a run missed within the grace window); `stop()` ends them. A process that is not the active one
 * (issue 15: a standby) never starts it, so nothing is posted twice. Management (add, list, pause…) works
 * either way, since it only writes the database.
 *
 * Manners: one message per channel per round at most, and at most one per ALERT_INTERVAL_SECONDS (the rest
 * waits and is batched); at most WATCH_DAILY_CAP articles per watch a UTC day (the rest summarised the next
 * day); an article alerts once per watch, an edit only with its new sentences; a post Discord refuses
 * (403/404) pauses what posts to that channel, with the reason, and is never retried.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Database } from '../db/database.ts';
import { OutageLog } from '../db/outage-log.ts';
import { isUnreachable, onDatabase, type Asked, type DatabaseSteps as Steps } from '../db/unreachable.ts';
import type { Logger } from '../log.ts';
import type { PushConfig } from '../config.ts';
import type { Answer, AnswerItem, SourceRef } from '../answer/types.ts';
import type { Article, Paragraph } from '../corpus/types.ts';
import type { ArrivedArticle, LiveUpdate } from '../live/watch.ts';
import { archiveOutage, type ArticleReader, type CorpusStore, type StoreAnswer } from '../store/types.ts';
import { cleanQuery } from '../answer/index.ts';
import { TOPIC_PARAGRAPHS } from '../answer/brief.ts';
import { terms } from '../text/terms.ts';
import { Slices } from '../slices.ts';
import { CARRIED_ALONE, candidateOf, quotedSentences, RoundIndex, sourceCounter, spellingsWritten } from './match.ts';
import { spelledQuery, type TopicSpelling } from '../analyse/entities-spellings.ts';
import { alertAnswer, describeUtc, type AlertGroup } from './answers.ts';
import { canonicalZone, describeInstant, nextOccurrence, occurrencesBetween, parseDays, parseTime, type WallTime } from './calendar.ts';
import * as store from './store.ts';
import { fileTime } from './since.ts';
import { plural } from '../text/plural.ts';

/** The time, injectable: tests move it; the bot reads the system clock. */
export interface Clock {
  now(): number;
}
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/** What a post came to: sent, refused for good (403/404: never retried), or failed for now. */
export type PostResult = { ok: true } | { ok: false; refused: boolean; status: number | null; reason: string };

/** The one way push reaches a channel: Discord (src/discord/poster.ts) or the local console. */
export interface Poster {
  /** Whether an answer fits one message (an alert is one message; what does not fit waits for the next). */
  fitsOneMessage(answer: Answer): boolean;
  /** Posts an answer: one message, or (`paged`) every page as a message of its own, in order. */
  post(channelId: string, answer: Answer, options: { paged: boolean }): Promise<PostResult>;
}

/** A request push cannot carry out as asked; the message says what to do instead (shown to the person). */
export class PushError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PushError';
  }
}

export type ScheduleCommand = 'brief' | 'timeline' | 'who';
export const SCHEDULE_COMMANDS: readonly ScheduleCommand[] = ['brief', 'timeline', 'who'];

/** At most this many watches and schedules per server (each costs every round, or a post a day). */
export const MAX_WATCHES_PER_GUILD = 100;
export const MAX_SCHEDULES_PER_GUILD = 25;
/** A run this long after its time is marked late (it came from a catch-up, not the timer). */
export const LATE_AFTER_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

/**
 * What push reads of the corpus, from either store (src/store): answers for schedules, articles by id for
 * the sentences waiting to be posted, a topic's articles for "now 3 articles · 1 report (AFP)", whether a new watch's topic
 * matches anything yet. The matching itself needs no corpus: a round brings its articles whole
 * (`LiveUpdate.arrived`).
 */
export type PushCorpus = Pick<CorpusStore, 'ask'> & ArticleReader;

export interface PushOptions {
  database: Database;
  corpus: PushCorpus;
  poster: Poster;
  config: PushConfig;
  logger: Logger;
  clock?: Clock;
  /** How often due schedules and waiting alerts are looked at, in ms (default 15 s). */
  tickMs?: number;
  /** The longest stretch of matching work before answers get a turn, in ms (default 10). */
  sliceMs?: number;
}

/** What one round cost and found (for the log and the benchmark). */
export interface RoundReport {
  arrived: number;
  paragraphs: number;
  watches: number;
  matched: number;
  queued: number;
  /** Work, in ms: building the round's index, and testing every watch against it (yields excluded). */
  indexMs: number;
  matchMs: number;
  /** Finding the other spellings of the watched names, in ms (the store's call: waits and yields included). */
  spellingsMs: number;
  /** The longest stretch without a yield, in ms (database calls are waits). */
  longestSliceMs: number;
}

export class Push {
  readonly #o: Required<Omit<PushOptions, 'clock'>> & { clock: Clock };
  readonly #log: Logger;
  /** The state database or the archive going down and coming back, said once each (no stack each tick). */
  readonly #outage: OutageLog;
  /** Whether the archive answered during the job running now (so its coming back is said only when it did). */
  #archiveAnswered = false;
  #running = false;
  #chain: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  #wake: { at: number; timer: NodeJS.Timeout } | null = null;
  /** Called after every round (tests, benchmark). */
  onRound: ((report: RoundReport) => void) | null = null;

  constructor(options: PushOptions) {
    this.#o = { tickMs: 15_000, sliceMs: 10, clock: SYSTEM_CLOCK, ...options };
    this.#log = options.logger.child({ component: 'push' });
    this.#outage = new OutageLog(this.#log, 'state', options.database.where, 'watches and schedules');
  }

  get running(): boolean {
    return this.#running;
  }

  get clock(): Clock {
    return this.#o.clock;
  }

  /** Starts posting: waiting alerts, due schedules (one catch-up within the grace window), then the timer. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#log.info('push started: watches and schedules post from this process');
    this.#enqueue(async () => {
      const unsure = await store.unconfirmPosting(this.#o.database);
      if (unsure > 0) this.#log.warn({ sentences: unsure }, 'alerts were being posted when the process posting them stopped: they may or may not have reached their channel, and are not posted again');
    });
    this.#enqueue(() => this.#tick());
  }

  /** Stops posting (work in flight finishes); the state stays in the database for the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#wake) clearTimeout(this.#wake.timer);
    this.#timer = null;
    this.#wake = null;
    await this.idle();
  }

  /** Resolves when the work queued so far is done (tests). */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.#chain;
      await seen;
    } while (seen !== this.#chain);
  }

  /** Runs due schedules and posts waiting alerts now (the timer does this by itself). */
  tick(): Promise<void> {
    this.#enqueue(() => this.#tick());
    return this.idle();
  }

  /** The live corpus's listener: a round with new text is matched against every active watch. */
  readonly onLiveUpdate = (update: LiveUpdate): void => {
    if (!this.#running || update.arrived.length === 0) return;
    this.#enqueue(() => this.#round(update.arrived));
  };

  #enqueue(work: () => Promise<void>): void {
    const job = async () => {
      this.#archiveAnswered = false;
      await work();
    };
    // Every job reads the state database; the archive is said to answer again only when this job read it.
    this.#chain = this.#chain.then(job).then(
      () => this.#outage.answered(this.#archiveAnswered ? ['state', 'archive'] : ['state']),
      (err: unknown) => {
        if (!this.#outage.failed(err)) this.#log.error({ err }, 'push work failed');
      },
    );
  }

  async #tick(): Promise<void> {
    if (!this.#running) return;
    let putOff = false;
    try {
      putOff = await this.#runSchedules();
      await this.#flushWaiting();
    } finally {
      this.#arm(putOff);
    }
  }

  /**
   * The next tick: at the next schedule's time if that comes before the regular interval. `putOff`: a due
   * run was left for later because the archive cannot be reached, so the next time is already past: the
   * regular interval then (asking again at once would only ask a database that is down, over and over).
   */
  #arm(putOff = false): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    void store.nextDue(this.#o.database).then(
      (next) => {
        if (!this.#running) return;
        const untilDue = next === null || putOff ? Infinity : next - this.#o.clock.now();
        const delay = Math.max(10, Math.min(this.#o.tickMs, untilDue));
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.#enqueue(() => this.#tick()), delay);
        this.#timer.unref?.();
      },
      (err: unknown) => {
        // Tick again at the regular interval all the same: a database down now may be back by then.
        if (!this.#outage.failed(err)) this.#log.warn({ err }, 'could not read the next schedule');
        if (!this.#running) return;
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.#enqueue(() => this.#tick()), this.#o.tickMs);
        this.#timer.unref?.();
      },
    );
  }

  /** Flushes waiting channels at `at` (the end of a channel's rate-limit interval). */
  #wakeAt(at: number): void {
    if (!this.#running || (this.#wake && this.#wake.at <= at)) return;
    if (this.#wake) clearTimeout(this.#wake.timer);
    const timer = setTimeout(() => {
      this.#wake = null;
      this.#enqueue(() => this.#flushWaiting());
    }, Math.max(0, at - this.#o.clock.now()));
    timer.unref?.();
    this.#wake = { at, timer };
  }

  /** Flushes every channel with something to post (a channel held back only by today's daily cap is not read). */
  async #flushWaiting(): Promise<void> {
    for (const channel of await store.channelsWaiting(this.#o.database, capDayStart(this.#o.clock.now()))) await this.#flush(channel);
  }

  // ── watches: a round ───────────────────────────────────────────────────────────────────────────────

  async #round(arrived: readonly ArrivedArticle[]): Promise<void> {
    const { database } = this.#o;
    const now = this.#o.clock.now();
    await store.recordArrivals(database, arrived.map((a) => ({ articleId: a.article.id, path: a.article.path })), now);
    const watches = await store.activeWatches(database);
    if (watches.length === 0) return;
    const report: RoundReport = { arrived: arrived.length, paragraphs: 0, watches: watches.length, matched: 0, queued: 0, indexMs: 0, matchMs: 0, spellingsMs: 0, longestSliceMs: 0 };
    const slices = new Slices(this.#o.sliceMs);
    const maybeYield = () => slices.maybeYield();
    const timed = <T>(key: 'indexMs' | 'matchMs', work: () => T): T => {
      const t = performance.now();
      try {
        return work();
      } finally {
        report[key] += performance.now() - t;
      }
    };

    const indexStart = performance.now();
    let waited = 0;
    const round = await RoundIndex.build(arrived, async () => {
      const t = performance.now();
      await maybeYield();
      waited += performance.now() - t;
    });
    report.indexMs = performance.now() - indexStart - waited;
    report.paragraphs = round.size;
    // The other spellings of the names in the topics, once per topic for the round, from the corpus's names
    // as they are now: the live corpus has analysed the round (or written it to the database) before telling
    // push, so a spelling the round brings for the first time counts. Not to be had: matched as typed.
    await maybeYield();
    const spellingStart = performance.now();
    const spellings = await this.#spellings(watches.map((w) => w.topic));
    report.spellingsMs = performance.now() - spellingStart;
    // Every watch is tested first; then what they already alerted is read, and what is new queued, in one
    // statement each for the whole round (not two per matching watch).
    const matched: Array<{ watch: store.WatchRow; matches: ReturnType<RoundIndex['match']> }> = [];
    for (const watch of watches) {
      await maybeYield();
      const matches = timed('matchMs', () => round.match(watch.topic, spellings.get(watch.topic)));
      if (matches.length > 0) matched.push({ watch, matches });
    }
    report.matched = matched.length;
    // Database calls count as work here: on SQLite they run synchronously (their promises resolve without
    // giving the event loop a turn), so only maybeYield lets answers in.
    await maybeYield();
    const known = await store.alertedKeys(database, matched.flatMap(({ watch, matches }) => matches.map((m) => ({ watchId: watch.id, articleId: m.article.id }))));
    await maybeYield();
    const channels = new Set<string>();
    const alerts: store.NewAlert[] = [];
    for (const { watch, matches } of matched) {
      const seen = known.get(watch.id);
      const chosen = matches.flatMap((m) =>
        quotedSentences(m.sentences, (s) => seen?.get(m.article.id)?.has(s.key) === true).map((s) => ({ ...s, article: m.article })),
      );
      if (chosen.length === 0) continue;
      for (const s of chosen) {
        alerts.push({ watchId: watch.id, channelId: watch.channel_id, articleId: s.article.id, sentenceKey: s.key, paragraphId: s.paragraph.id, sentence: s.text });
      }
      channels.add(watch.channel_id);
    }
    await store.queueAlerts(database, alerts, now);
    report.queued = alerts.length;
    report.longestSliceMs = slices.end();
    for (const key of ['indexMs', 'matchMs', 'spellingsMs', 'longestSliceMs'] as const) report[key] = Math.round(report[key] * 10) / 10;
    this.#log.info({ ...report }, 'watches tested against a round');
    this.onRound?.(report);
    for (const channel of channels) await this.#flush(channel);
  }

  /**
   * The other spellings of the names in these topics (the store's `topicSpellings`, one call), for matching
   * and for what alerts say; none when the corpus cannot tell (logged): the topics are then matched as typed.
   */
  async #spellings(topics: readonly string[]): Promise<Map<string, TopicSpelling[]>> {
    try {
      return await this.#o.corpus.topicSpellings([...new Set(topics)]);
    } catch (err) {
      this.#log.warn({ err }, 'could not read the other spellings of the watched names: topics are matched as typed');
      return new Map();
    }
  }

  /**
   * Posts a channel's waiting alerts as one message, unless the channel had one less than the interval
   * ago (then at the end of it). What does not fit one message, or passes a watch's daily cap, waits.
   * The rows of a message are claimed in the database before it is posted (as a schedule's run is), so two
   * processes never post the same alert: one flushing while the other takes over finds them taken.
   */
  async #flush(channelId: string): Promise<void> {
    // A turn for answers between channels, and whenever a slice of work is done (SQLite's calls below never
    // give one by themselves).
    await yieldToEventLoop();
    const slices = new Slices(this.#o.sliceMs);
    if (!this.#running) return;
    const { database, poster, config, corpus } = this.#o;
    const now = this.#o.clock.now();
    const interval = config.alertIntervalSeconds * 1000;
    const last = await store.lastPost(database, channelId);
    if (last !== null && now - last < interval) {
      this.#wakeAt(last + interval);
      return;
    }
    const dayStart = capDayStart(now);
    const { queued, heldBack } = await store.alertsWaiting(database, channelId, dayStart);
    if (queued.length === 0 && heldBack.length === 0) return;
    // The articles as the corpus holds them now (an article edited or removed since keeps only what is still there).
    const current = await corpus.articles([...new Set([...queued, ...heldBack].map((r) => r.article_id))]);
    this.#archiveAnswered = true;

    // Sentences still in the corpus, as articles per watch, in the order they matched.
    const dropped: number[] = [];
    const groups = new Map<string, AlertGroup & { ids: number[] }>();
    for (const row of queued) {
      const article = current.get(row.article_id);
      const paragraph = article ? paragraphOf(article, row.paragraph_id) : undefined;
      if (!article || !paragraph || !paragraph.text.includes(row.sentence)) {
        dropped.push(row.id);
        continue;
      }
      const key = `${row.watch_id}\u0000${row.article_id}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { watch: { id: row.watch_id, topic: row.topic }, article, sentences: [], ids: [] }));
      g.sentences.push({ paragraph, text: row.sentence });
      g.ids.push(row.id);
    }

    // The daily cap: articles past it wait for tomorrow's summary.
    const notes: string[] = [];
    const capped: number[] = [];
    const allowed: Array<AlertGroup & { ids: number[] }> = [];
    const byWatch = new Map<number, Array<AlertGroup & { ids: number[] }>>();
    for (const g of groups.values()) byWatch.set(g.watch.id, [...(byWatch.get(g.watch.id) ?? []), g]);
    const postedToday = await store.articlesPostedSince(database, [...byWatch.keys()], dayStart);
    for (const [watchId, list] of byWatch) {
      const room = Math.max(0, config.watchDailyCap - (postedToday.get(watchId) ?? 0));
      allowed.push(...list.slice(0, room));
      const over = list.slice(room);
      if (over.length === 0) continue;
      capped.push(...over.flatMap((g) => g.ids));
      notes.push(`Watch #${watchId} (${list[0]!.watch.topic}) reached its daily cap of ${plural(config.watchDailyCap, 'article')}: ${over.length} more today ${over.length === 1 ? 'is' : 'are'} held back and summarised tomorrow.`);
    }
    allowed.sort((a, b) => a.ids[0]! - b.ids[0]!);
    // What the alert says it matched besides the topic as typed: the other spellings each article writes.
    const spellings = allowed.length > 0 ? await this.#spellings(allowed.map((g) => g.watch.topic)) : new Map<string, TopicSpelling[]>();
    for (const g of allowed) g.spellings = spellingsWritten(spellings.get(g.watch.topic) ?? [], g.article);

    // One message: whole articles while they fit, each sentence's sources counted as it goes in (one
    // counter per watch topic, with a yield before each); the rest waits for the next message.
    const counters = new Map<number, Awaited<ReturnType<typeof sourceCounter>>>();
    const chosen: typeof allowed = [];
    for (const g of allowed) {
      await slices.maybeYield();
      let count = counters.get(g.watch.id);
      if (!count) {
        const { articles } = await corpus.searchArticles(g.watch.topic, TOPIC_PARAGRAPHS, spellings.get(g.watch.topic));
        counters.set(g.watch.id, (count = await sourceCounter(articles, () => slices.maybeYield())));
      }
      const anchors = g.sentences.map((x) => candidateOf(g.article, x.paragraph, x.text));
      const found = count(g.article, anchors.filter((a) => a !== null));
      let k = 0;
      g.sentences.forEach((x, i) => {
        x.carried = anchors[i] ? found[k++]! : CARRIED_ALONE;
      });
      if (!poster.fitsOneMessage(alertAnswer([...chosen, g], notes))) {
        if (chosen.length > 0) break;
        g.sentences = g.sentences.slice(0, 1);
        g.ids = g.ids.slice(0, 1);
      }
      chosen.push(g);
    }
    const waiting = allowed.length - chosen.length;
    if (waiting > 0) notes.push(`${plural(waiting, 'more matching article')} ${waiting === 1 ? 'follows' : 'follow'} in the next message.`);
    // What the cap held back on earlier days: its articles still in the corpus listed by headline and id (at
    // most HELD_LISTED a watch) while the message holds them, after the new sentences; each watch's note counts them all.
    const held = heldBackByWatch(heldBack, current);
    const heading = chosen.length === 0 ? '🔔 Watches · what the daily cap held back' : undefined;
    const listed = held.flatMap((w) => w.articles.slice(0, HELD_LISTED).map((article) => ({ watch: w.watch, article })));
    while (listed.length > 0 && !poster.fitsOneMessage(heldBackFirst(alertAnswer(chosen, notes, heading, listed), held, listed, config.watchDailyCap))) listed.pop();
    // Ahead of every other note: Discord cuts a message's notes at BUDGET.notes, and these count what is not listed.
    const summary = held.map((w) => heldBackNote(w, listed.filter((l) => l.watch.id === w.watch.id).length, config.watchDailyCap));
    await slices.maybeYield();
    if (dropped.length) await store.setAlertStatus(database, dropped, 'dropped', null, 'queued');
    if (capped.length) await store.setAlertStatus(database, capped, 'capped', null, 'queued');
    if (chosen.length === 0 && summary.length === 0) return;
    await slices.maybeYield();

    const sentIds = chosen.flatMap((g) => g.ids);
    const summarised = heldBack.map((r) => r.id);
    const claim = [...sentIds.map((id) => ({ id, status: 'queued' as const })), ...summarised.map((id) => ({ id, status: 'capped' as const }))];
    if (!(await store.claimAlerts(database, claim, now))) {
      this.#log.info({ channel: channelId }, 'alerts already taken by another process: not posted here');
      return;
    }
    const answer = heldBackFirst(alertAnswer(chosen, notes, heading, listed), held, listed, config.watchDailyCap);
    const result = await poster.post(channelId, answer, { paged: false });
    if (result.ok) {
      await store.setAlertStatus(database, sentIds, 'posted', now);
      await store.setAlertStatus(database, summarised, 'summarised');
      await store.noteAlertPosted(database, [...new Set(chosen.map((g) => g.watch.id))], now);
      await store.setLastPost(database, channelId, now);
      this.#log.info({ channel: channelId, articles: chosen.length, sentences: sentIds.length, waiting }, 'alert posted');
      if (waiting > 0) this.#wakeAt(now + interval);
      return;
    }
    // Not posted: the claim is given back (waiting as before), then a refusal marks what waits as failed.
    await store.setAlertStatus(database, sentIds, 'queued');
    await store.setAlertStatus(database, summarised, 'capped');
    await this.#failed(channelId, result, { watches: [...new Set([...chosen, ...allowed].map((g) => g.watch.id))] });
  }

  /** A post failed: refused for good → pause what posts there, with the reason; otherwise retry at the next tick. */
  async #failed(channelId: string, result: Extract<PostResult, { ok: false }>, what: { watches?: number[]; schedule?: number }): Promise<void> {
    const { database } = this.#o;
    const now = this.#o.clock.now();
    if (!result.refused) {
      this.#log.warn({ channel: channelId, status: result.status, reason: result.reason }, 'posting failed; trying again later');
      return;
    }
    const reason = `${result.reason} (${describeUtc(new Date(now).toISOString())})`;
    const paused = await store.pauseChannel(database, channelId, reason, now);
    await store.failWaiting(database, channelId);
    for (const id of what.watches ?? []) await store.recordFailure(database, { kind: 'watch', targetId: id, channelId, status: result.status, message: result.reason, now });
    if (what.schedule !== undefined) await store.recordFailure(database, { kind: 'schedule', targetId: what.schedule, channelId, status: result.status, message: result.reason, now });
    this.#log.warn({ channel: channelId, status: result.status, reason: result.reason, pausedWatches: paused.watches, pausedSchedules: paused.schedules }, 'Discord refused a post: what posts to this channel is paused');
  }

  // ── schedules ──────────────────────────────────────────────────────────────────────────────────────

  /** Runs the due schedules; true when one was put off because the archive cannot be reached. */
  async #runSchedules(): Promise<boolean> {
    const now = this.#o.clock.now();
    let putOff = false;
    for (const s of await store.dueSchedules(this.#o.database, now)) {
      if (!this.#running) break;
      if (!(await this.#runSchedule(s, now))) putOff = true;
    }
    return putOff;
  }

  /**
   * Runs one due schedule: the latest time it was due, if that is within the grace window (a catch-up,
   * marked late, when it is more than LATE_AFTER_MS ago); every older missed time is skipped and counted.
   * The answer is made first (an archive that cannot be reached leaves the run for the next tick), then the
   * run is claimed in the database and posted: it happens at most once, whichever process gets there.
   * False when the run was put off because the archive cannot be reached (said once per outage, as every
   * database outage of push's jobs is: `OutageLog`).
   */
  async #runSchedule(s: store.ScheduleRow, now: number): Promise<boolean> {
    const { database, poster, config } = this.#o;
    const when = wallTimeOf(s);
    const first = Date.parse(s.next_run_at);
    const due = [first, ...occurrencesBetween(when, first, now)];
    const latest = due.at(-1)!;
    const grace = Math.max(config.scheduleGraceMinutes * 60_000, LATE_AFTER_MS);
    const runAt = now - latest <= grace ? latest : null;
    const skipped = runAt === null ? due : due.slice(0, -1);
    const late = runAt !== null && now - runAt > LATE_AFTER_MS;
    // Before its first run, "new" is what arrived since the schedule was set.
    const never = s.last_run_at === null;
    const previous = never ? Date.parse(s.created_at) : Date.parse(s.last_run_at!);
    const answer = runAt === null ? null : await this.scheduledAnswer(s, { due: runAt, late, previous, first: never });
    const down = answer ? archiveOutage(answer) : null;
    if (down) {
      this.#outage.failed(down);
      this.#log.debug({ schedule: s.id }, 'the archive is unreachable: the scheduled answer is tried again at the next tick');
      return false;
    }
    if (answer) this.#archiveAnswered = true;
    const claimed = await store.claimRun(database, s, nextOccurrence(when, now), { runAt, missed: skipped.length, lastMissed: skipped.at(-1) ?? null });
    if (!claimed) return true;
    if (skipped.length) this.#log.warn({ schedule: s.id, missed: skipped.length, last: new Date(skipped.at(-1)!).toISOString() }, 'scheduled runs missed while the bot was down: skipped');
    if (runAt === null || answer === null) return true;
    const result = await poster.post(s.channel_id, answer, { paged: true });
    if (result.ok) {
      await store.setRunResult(database, s.id, { status: late ? 'late' : 'posted', at: now, error: null });
      this.#log.info({ schedule: s.id, channel: s.channel_id, late, due: new Date(runAt).toISOString() }, 'scheduled answer posted');
      return true;
    }
    await store.setRunResult(database, s.id, { status: 'failed', at: now, error: result.reason });
    await this.#failed(s.channel_id, result, { schedule: s.id });
    return true;
  }

  /**
   * A schedule's answer as it is posted: the command's answer, headed with the schedule's time, and a late
   * run said to be late. What arrived since the previous run (`previous`; with `first`, since the schedule
   * was set): an item whose shown text is from such an article (its first citation) is tagged "new"; an
   * older item that such an article also carries is tagged "also in new article 005" instead, so old text
   * never reads as new (`newnessTags`). The first note counts both, with the same words as the tags.
   */
  async scheduledAnswer(
    s: Pick<store.ScheduleRow, 'command' | 'topic' | 'time' | 'timezone'>,
    run: { due: number; late: boolean; previous: number; first?: boolean },
  ): Promise<StoreAnswer> {
    const answer = await this.#o.corpus.ask(s.command, s.topic);
    if (answer.unreachable) return answer;
    const arrivals = await this.#arrivalTimes(answer.sources);
    const { fresh, carried } = newnessTags(answer.items, (article) => (arrivals.get(article) ?? -Infinity) > run.previous);
    const since = `${run.first ? 'since the schedule was set' : 'since the previous run'} (${describeInstant(run.previous, s.timezone)})`;
    const notes = [newnessNote(fresh, carried, since)];
    if (run.late) notes.unshift(`Posted late: it was due ${describeInstant(run.due, s.timezone)} (${s.timezone}) while the bot was down.`);
    answer.notes = [...notes, ...answer.notes];
    answer.title = `⏰ ${s.time} ${s.timezone}${run.late ? ' (late)' : ''} · ${answer.title}`;
    return answer;
  }

  /**
   * When an answer's articles arrived: the time a live round brought them (recorded), else their file's
   * modification time. Articles with neither are left out.
   */
  async #arrivalTimes(sources: readonly SourceRef[]): Promise<Map<string, number>> {
    const out = await store.arrivalsOf(this.#o.database, sources.map((s) => s.article));
    for (const source of sources) {
      if (out.has(source.article)) continue;
      const t = await fileTime(this.#o.corpus.root, source.path);
      if (t !== null) out.set(source.article, t);
    }
    return out;
  }

  // ── management (the doors: /watch, /schedule, the console) ───────────────────────────────────────────
  // Each request runs its statements through `onDatabase` (src/db/unreachable.ts): a state database that
  // cannot be reached is a DatabaseUnreachableError saying what was asked and whether it was done, which
  // every door words the same way.

  /** The steps of one management request on the state database. */
  #on(asked: Asked): Steps {
    return onDatabase(this.#o.database, 'state', asked);
  }

  /**
   * Saves a watch; `matchesNow` says whether anything in the corpus matches its topic already (a yes/no, no
   * article read), or null when that could not be checked (the archive unreachable, or the check failed:
   * logged); `spellings`, the other spellings of the names in it that it matches too ("Kataeb" for
   * "Kataib"). The watch stays saved either way: the check only tells the person what to expect.
   * A state database that cannot be reached is a DatabaseUnreachableError saying whether the watch was saved:
   * not, when no connection could be made; perhaps, when it was lost during the insert.
   */
  async addWatch(w: { guildId: string; channelId: string; topic: string; createdBy: string }): Promise<{ watch: store.WatchRow; matchesNow: boolean | null; spellings: TopicSpelling[] }> {
    const { database } = this.#o;
    const topic = cleanQuery(w.topic).query;
    if (topic === '') throw new PushError('Give a topic to watch, e.g. `militia rocket attacks`.');
    if (terms(topic).length === 0) throw new PushError(`“${topic}” has only words the search ignores (the, of, said…): give the words a story would use.`);
    const on = this.#on({ change: `watch “${topic}”`, done: 'saved', retry: '/watch add', check: '/watch list' });
    const existing = await on.read(() => store.listWatches(database, w.guildId));
    const same = existing.find((x) => x.channel_id === w.channelId && x.topic.toLowerCase() === topic.toLowerCase());
    if (same) throw new PushError(`Watch #${same.id} already posts “${same.topic}” to that channel${same.paused ? ' (paused: /watch resume id:' + same.id + ')' : ''}.`);
    if (existing.length >= MAX_WATCHES_PER_GUILD) throw new PushError(`This server has ${existing.length} watches, the most it may have: remove some with /watch remove id:… first.`);
    const watch = await on.write(() => store.addWatch(database, { ...w, topic, now: this.#o.clock.now() }));
    this.#log.info({ watch: watch.id, guild: w.guildId, channel: w.channelId }, 'watch added');
    let matchesNow: boolean | null = null;
    let spellings: TopicSpelling[] = [];
    try {
      // The topic and the other spellings of its names, as the watch will match them.
      spellings = (await this.#o.corpus.topicSpellings([topic])).get(topic) ?? [];
      matchesNow = await this.#o.corpus.anyMatch(spelledQuery(topic, spellings));
      if (matchesNow === null) this.#log.warn({ watch: watch.id }, 'the archive is unreachable: a new watch is saved without checking what matches it now');
    } catch (err) {
      spellings = [];
      if (isUnreachable(err)) this.#log.warn({ err, watch: watch.id }, 'the archive is unreachable: a new watch is saved without checking what matches it now');
      else this.#log.error({ err, watch: watch.id }, 'could not check what matches a new watch now (it is saved)');
    }
    return { watch, matchesNow, spellings: matchesNow === null ? [] : spellings };
  }

  async listWatches(guildId: string): Promise<{ watches: store.WatchRow[]; counts: Map<number, { posted: number; waiting: number }> }> {
    const on = this.#on({ read: 'the watches' });
    const watches = await on.read(() => store.listWatches(this.#o.database, guildId));
    return { watches, counts: await on.read(() => store.alertCounts(this.#o.database, watches.map((w) => w.id))) };
  }

  async #watch(on: Steps, guildId: string, id: number): Promise<store.WatchRow> {
    const w = await on.read(() => store.getWatch(this.#o.database, id));
    if (!w || w.guild_id !== guildId) throw new PushError(`There is no watch #${id} in this server: /watch list shows them.`);
    return w;
  }

  async removeWatch(guildId: string, id: number): Promise<store.WatchRow> {
    const on = this.#on({ change: `watch #${id}`, done: 'removed', retry: '/watch remove', check: '/watch list' });
    const w = await this.#watch(on, guildId, id);
    await on.write(() => store.removeWatch(this.#o.database, id));
    this.#log.info({ watch: id }, 'watch removed');
    return w;
  }

  async pauseWatch(guildId: string, id: number): Promise<store.WatchRow> {
    const on = this.#on({ change: `watch #${id}`, done: 'paused', retry: '/watch pause', check: '/watch list' });
    const w = await this.#watch(on, guildId, id);
    await on.write(() => store.setWatchPaused(this.#o.database, id, true, null, this.#o.clock.now()));
    await on.write(() => store.dropWaiting(this.#o.database, id));
    return w;
  }

  /**
   * Resumes a watch; `check` (the door's: may the bot still post in its channel?) runs on the watch first and
   * may refuse by throwing, so a watch paused because Discord refused a post is not resumed into the refusal.
   */
  async resumeWatch(guildId: string, id: number, check?: (w: store.WatchRow) => void): Promise<store.WatchRow> {
    const on = this.#on({ change: `watch #${id}`, done: 'resumed', retry: '/watch resume', check: '/watch list' });
    const w = await this.#watch(on, guildId, id);
    check?.(w);
    await on.write(() => store.setWatchPaused(this.#o.database, id, false, null, this.#o.clock.now()));
    return w;
  }

  async addSchedule(s: { guildId: string; channelId: string; command: string; topic: string; time: string; timezone: string; days: string; createdBy: string }): Promise<store.ScheduleRow> {
    const { database } = this.#o;
    if (!(SCHEDULE_COMMANDS as readonly string[]).includes(s.command)) throw new PushError(`command must be one of ${SCHEDULE_COMMANDS.join(', ')}, got \`${s.command}\`.`);
    const time = parseTime(s.time);
    if (!time) throw new PushError(`time must be HH:MM on a 24-hour clock, e.g. 07:00 or 18:30, got \`${s.time}\`.`);
    const timezone = canonicalZone(s.timezone.trim());
    if (!timezone || !s.timezone.trim()) throw new PushError(`timezone must be a time zone name such as Europe/London, America/New_York or UTC, got \`${s.timezone}\`.`);
    const days = parseDays(s.days);
    if (!days.ok) throw new PushError(`${days.message}.`);
    const topic = cleanQuery(s.topic).query;
    const on = this.#on({ change: `the schedule of /${s.command}${topic ? ` ${topic}` : ''} at ${time}`, done: 'saved', retry: '/schedule add', check: '/schedule list' });
    const existing = await on.read(() => store.listSchedules(database, s.guildId));
    if (existing.length >= MAX_SCHEDULES_PER_GUILD) throw new PushError(`This server has ${existing.length} schedules, the most it may have: remove some with /schedule remove id:… first.`);
    const now = this.#o.clock.now();
    const nextRunAt = nextOccurrence({ time, timezone, days: days.days }, now);
    const row = await on.write(() => store.addSchedule(database, { ...s, command: s.command as ScheduleCommand, topic, time, timezone, days: days.stored, now, nextRunAt }));
    this.#log.info({ schedule: row.id, guild: s.guildId, channel: s.channelId, next: row.next_run_at }, 'schedule added');
    this.#arm();
    return row;
  }

  listSchedules(guildId: string): Promise<store.ScheduleRow[]> {
    return this.#on({ read: 'the schedules' }).read(() => store.listSchedules(this.#o.database, guildId));
  }

  async #schedule(on: Steps, guildId: string, id: number): Promise<store.ScheduleRow> {
    const s = await on.read(() => store.getSchedule(this.#o.database, id));
    if (!s || s.guild_id !== guildId) throw new PushError(`There is no schedule #${id} in this server: /schedule list shows them.`);
    return s;
  }

  async removeSchedule(guildId: string, id: number): Promise<store.ScheduleRow> {
    const on = this.#on({ change: `schedule #${id}`, done: 'removed', retry: '/schedule remove', check: '/schedule list' });
    const s = await this.#schedule(on, guildId, id);
    await on.write(() => store.removeSchedule(this.#o.database, id));
    return s;
  }

  async pauseSchedule(guildId: string, id: number): Promise<store.ScheduleRow> {
    const on = this.#on({ change: `schedule #${id}`, done: 'paused', retry: '/schedule pause', check: '/schedule list' });
    const s = await this.#schedule(on, guildId, id);
    await on.write(() => store.setSchedulePaused(this.#o.database, id, true, null, this.#o.clock.now()));
    return s;
  }

  /**
   * Resumes a schedule from its next time after now: runs missed while it was paused are not caught up.
   * `check` runs on the schedule first and may refuse by throwing (as for resumeWatch).
   */
  async resumeSchedule(guildId: string, id: number, check?: (s: store.ScheduleRow) => void): Promise<store.ScheduleRow> {
    const on = this.#on({ change: `schedule #${id}`, done: 'resumed', retry: '/schedule resume', check: '/schedule list' });
    const s = await this.#schedule(on, guildId, id);
    check?.(s);
    const now = this.#o.clock.now();
    const next = nextOccurrence(wallTimeOf(s), now);
    await on.write(() => store.setSchedulePaused(this.#o.database, id, false, null, now, next));
    this.#arm();
    return { ...s, paused: 0, paused_reason: null, next_run_at: new Date(next).toISOString() };
  }

  /** A channel was deleted: its watches and schedules go with it (logged). */
  async channelDeleted(channelId: string): Promise<{ watches: number; schedules: number }> {
    const gone = await store.forgetChannel(this.#o.database, channelId);
    if (gone.watches.length || gone.schedules.length) {
      this.#log.info(
        { channel: channelId, watches: gone.watches.map((w) => ({ id: w.id, topic: w.topic })), schedules: gone.schedules.map((s) => ({ id: s.id, command: s.command, topic: s.topic })) },
        'channel deleted: its watches and schedules are removed',
      );
    }
    return { watches: gone.watches.length, schedules: gone.schedules.length };
  }
}

/**
 * The start of the daily cap's day for `now`: the UTC day (WATCH_DAILY_CAP counts articles per watch per UTC
 * day; what it held back is summarised once the next one starts).
 */
export function capDayStart(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

/** A schedule's when, as the calendar reads it. */
export function wallTimeOf(s: Pick<store.ScheduleRow, 'time' | 'timezone' | 'days'>): WallTime {
  const days = parseDays(s.days === 'daily' ? '' : s.days);
  if (!days.ok) throw new Error(`push: stored days \`${s.days}\` cannot be read`);
  return { time: s.time, timezone: s.timezone, days: days.days };
}

/** At most this many new articles are named in an item's "also in new articles 005, 007" tag (more are counted). */
const NEW_CARRIERS_NAMED = 3;

/**
 * Tags a scheduled answer's items by what arrived since the previous run (`isNew(article id)`): "new" when
 * the text shown is from a new article (the first citation: the Answer's rule), else "also in new article
 * 005" ("also in new articles 005, 007", "also in 4 new articles") when only other articles it cites are new.
 * Returns how many of each.
 */
export function newnessTags(items: AnswerItem[], isNew: (article: string) => boolean): { fresh: number; carried: number } {
  let fresh = 0;
  let carried = 0;
  for (const item of items) {
    const [shown, ...others] = item.citations;
    if (!shown) continue;
    if (isNew(shown.article)) {
      item.tags = [...(item.tags ?? []), 'new'];
      fresh++;
      continue;
    }
    const added = [...new Set(others.map((c) => c.article).filter((a) => a !== shown.article && isNew(a)))];
    if (added.length === 0) continue;
    const tag = added.length > NEW_CARRIERS_NAMED ? `also in ${added.length} new articles` : `also in new ${added.length === 1 ? 'article' : 'articles'} ${added.join(', ')}`;
    item.tags = [...(item.tags ?? []), tag];
    carried++;
  }
  return { fresh, carried };
}

/**
 * The note on what is new in a scheduled answer, counting the items `newnessTags` tagged:
 * "2 items from articles that arrived since the previous run (Thu 3 Dec 07:00) are marked new; 1 older item
 * is also in an article that arrived since, marked “also in new article …”."
 */
export function newnessNote(fresh: number, carried: number, since: string): string {
  const be = (n: number) => (n === 1 ? 'is' : 'are');
  const alsoMarked = 'marked “also in new article …”';
  if (fresh > 0) {
    const first = `${plural(fresh, 'item')} from ${fresh === 1 ? 'an article' : 'articles'} that arrived ${since} ${be(fresh)} marked new`;
    return carried > 0 ? `${first}; ${plural(carried, 'older item')} ${be(carried)} also in ${carried === 1 ? 'an article' : 'articles'} that arrived since, ${alsoMarked}.` : `${first}.`;
  }
  if (carried > 0) return `Nothing shown here is from an article that arrived ${since}; ${plural(carried, 'older item')} ${be(carried)} also in ${carried === 1 ? 'an article' : 'articles'} that did, ${alsoMarked}.`;
  return `Nothing here arrived ${since}.`;
}

/** A paragraph of an article by id. */
function paragraphOf(article: Article, id: string): Paragraph | undefined {
  return article.paragraphs.find((p) => p.id === id);
}

/** At most this many of the articles a watch's daily cap held back are listed by headline the next day. */
const HELD_LISTED = 3;

/** What the daily cap held back on earlier days, per watch: the articles still in the corpus, how many in all, on which days. */
interface HeldBackWatch {
  watch: { id: number; topic: string };
  articles: Article[];
  total: number;
  days: string[];
}

function heldBackByWatch(rows: ReadonlyArray<store.AlertRow & { topic: string }>, current: ReadonlyMap<string, Article>): HeldBackWatch[] {
  const byWatch = new Map<number, { topic: string; ids: Set<string>; days: Set<string> }>();
  for (const r of rows) {
    const w = byWatch.get(r.watch_id) ?? { topic: r.topic, ids: new Set<string>(), days: new Set<string>() };
    w.ids.add(r.article_id);
    w.days.add(describeUtc(r.matched_at).replace(/ \d\d:\d\d UTC$/, ''));
    byWatch.set(r.watch_id, w);
  }
  return [...byWatch].map(([id, w]) => ({
    watch: { id, topic: w.topic },
    articles: [...w.ids].map((a) => current.get(a)).filter((a): a is Article => a !== undefined),
    total: w.ids.size,
    days: [...w.days],
  }));
}

/**
 * A watch's note on what its daily cap held back, `listed` of them by headline and id above it:
 * "Watch #1 (harbour dredging): 2 more articles matched on 3 Dec beyond the daily cap of 1, listed above by
 * id (/source <id> shows one). /brief harbour dredging covers them."
 */
/** An alert with the held-back notes (one per watch) ahead of its other notes. */
function heldBackFirst(answer: Answer, held: readonly HeldBackWatch[], listed: ReadonlyArray<{ watch: { id: number } }>, cap: number): Answer {
  answer.notes = [...held.map((w) => heldBackNote(w, listed.filter((l) => l.watch.id === w.watch.id).length, cap)), ...answer.notes];
  return answer;
}

function heldBackNote(w: HeldBackWatch, listed: number, cap: number): string {
  const where = listed === 0 ? '' : `${listed === w.total ? ', listed' : `; ${listed} listed`} above by id (/source <id> shows one)${listed === w.total ? '' : `, ${w.total - listed} more`}`;
  return `Watch #${w.watch.id} (${w.watch.topic}): ${plural(w.total, 'more article')} matched on ${w.days.join(', ')} beyond the daily cap of ${cap}${where}. /brief ${w.watch.topic} covers them.`;
}
