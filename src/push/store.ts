/**
 * Push state in the database (tables of migration 003): watches and what they alerted, schedules and their
 * runs, each channel's last post, when articles arrived, and the posts Discord refused. Plain functions
 * taking a `Database`; the same queries on SQLite and PostgreSQL. Times are ISO-8601 UTC strings.
 */
import type { Selectable } from 'kysely';
import type { Database } from '../db/database.ts';
import type { PushAlertTable, PushScheduleTable, PushWatchTable } from '../db/schema.ts';

export type WatchRow = Selectable<PushWatchTable>;
export type ScheduleRow = Selectable<PushScheduleTable>;
export type AlertRow = Selectable<PushAlertTable>;
export type AlertStatus = AlertRow['status'];

const iso = (t: number) => new Date(t).toISOString();

// ── watches ──────────────────────────────────────────────────────────────────────────────────────────

export async function addWatch(database: Database, w: { guildId: string; channelId: string; topic: string; createdBy: string; now: number }): Promise<WatchRow> {
  return database.db
    .insertInto('push_watches')
    .values({ guild_id: w.guildId, channel_id: w.channelId, topic: w.topic, created_by: w.createdBy, created_at: iso(w.now), paused_reason: null, paused_at: null, last_alert_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The watches of a guild (all guilds when null), oldest first. */
export async function listWatches(database: Database, guildId: string | null): Promise<WatchRow[]> {
  let q = database.db.selectFrom('push_watches').selectAll().orderBy('id');
  if (guildId !== null) q = q.where('guild_id', '=', guildId);
  return q.execute();
}

export async function activeWatches(database: Database): Promise<WatchRow[]> {
  return database.db.selectFrom('push_watches').selectAll().where('paused', '=', 0).orderBy('id').execute();
}

export async function getWatch(database: Database, id: number): Promise<WatchRow | undefined> {
  return database.db.selectFrom('push_watches').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Removes a watch and what it alerted. */
export async function removeWatch(database: Database, id: number): Promise<void> {
  await database.db.deleteFrom('push_alerts').where('watch_id', '=', id).execute();
  await database.db.deleteFrom('push_watches').where('id', '=', id).execute();
}

/** Pauses (with the reason, null when a person paused it) or resumes a watch. */
export async function setWatchPaused(database: Database, id: number, paused: boolean, reason: string | null, now: number): Promise<void> {
  await database.db
    .updateTable('push_watches')
    .set(paused ? { paused: 1, paused_reason: reason, paused_at: iso(now) } : { paused: 0, paused_reason: null, paused_at: null })
    .where('id', '=', id)
    .execute();
}

// ── alerts ───────────────────────────────────────────────────────────────────────────────────────────

/**
 * The sentence keys alerted (or held) for these (watch, article) pairs, as `watch id` → `article id` → keys:
 * one query for a round's matches, whatever the number of watches (a statement per PAIRS_PER_QUERY pairs).
 */
export async function alertedKeys(database: Database, pairs: ReadonlyArray<{ watchId: number; articleId: string }>): Promise<Map<number, Map<string, Set<string>>>> {
  const out = new Map<number, Map<string, Set<string>>>();
  const unique = [...new Map(pairs.map((p) => [`${p.watchId}\u0000${p.articleId}`, p])).values()];
  for (let i = 0; i < unique.length; i += PAIRS_PER_QUERY) {
    const chunk = unique.slice(i, i + PAIRS_PER_QUERY);
    const rows = await database.db
      .selectFrom('push_alerts')
      .select(['watch_id', 'article_id', 'sentence_key'])
      .where(({ eb, refTuple, tuple }) => eb(refTuple('watch_id', 'article_id'), 'in', chunk.map((p) => tuple(p.watchId, p.articleId))))
      .execute();
    for (const r of rows) {
      let byArticle = out.get(r.watch_id);
      if (!byArticle) out.set(r.watch_id, (byArticle = new Map()));
      let keys = byArticle.get(r.article_id);
      if (!keys) byArticle.set(r.article_id, (keys = new Set()));
      keys.add(r.sentence_key);
    }
  }
  return out;
}

/** (watch, article) pairs per `alertedKeys` statement, and rows per `queueAlerts` insert (parameters stay far below both engines' caps). */
const PAIRS_PER_QUERY = 500;
const ALERTS_PER_INSERT = 500;

export interface NewAlert {
  watchId: number;
  channelId: string;
  articleId: string;
  sentenceKey: string;
  paragraphId: string;
  sentence: string;
}

/** Queues matched sentences, of any watches, in one insert (a statement per ALERTS_PER_INSERT rows); one already known for its watch and article is left as it was. */
export async function queueAlerts(database: Database, alerts: readonly NewAlert[], now: number): Promise<void> {
  for (let i = 0; i < alerts.length; i += ALERTS_PER_INSERT) {
    await database.db
      .insertInto('push_alerts')
      .values(
        alerts.slice(i, i + ALERTS_PER_INSERT).map((a) => ({
          watch_id: a.watchId,
          channel_id: a.channelId,
          article_id: a.articleId,
          sentence_key: a.sentenceKey,
          paragraph_id: a.paragraphId,
          sentence: a.sentence,
          matched_at: iso(now),
          status: 'queued' as const,
          posted_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['watch_id', 'article_id', 'sentence_key']).doNothing())
      .execute();
  }
}

/**
 * Channels with alerts to post: queued ones, or capped ones matched before `dayStart` (the start of the
 * daily cap's day) that wait for their summary. A channel whose only waiting alerts are today's capped ones
 * is not listed: nothing can be posted there until the cap's day turns.
 */
export async function channelsWaiting(database: Database, dayStart: number): Promise<string[]> {
  const rows = await database.db
    .selectFrom('push_alerts')
    .select('channel_id')
    .distinct()
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'capped'), eb('matched_at', '<', iso(dayStart))])]))
    .execute();
  return rows.map((r) => r.channel_id);
}

/**
 * A channel's alerts to post, oldest first, of active watches only, with their watch's topic: the queued
 * ones, and the capped ones matched before `dayStart` (held back on an earlier day: summarised now).
 */
export async function alertsWaiting(database: Database, channelId: string, dayStart: number): Promise<{ queued: Array<AlertRow & { topic: string }>; heldBack: Array<AlertRow & { topic: string }> }> {
  const rows = await database.db
    .selectFrom('push_alerts')
    .innerJoin('push_watches', 'push_watches.id', 'push_alerts.watch_id')
    .selectAll('push_alerts')
    .select('push_watches.topic')
    .where('push_alerts.channel_id', '=', channelId)
    .where((eb) => eb.or([eb('push_alerts.status', '=', 'queued'), eb.and([eb('push_alerts.status', '=', 'capped'), eb('push_alerts.matched_at', '<', iso(dayStart))])]))
    .where('push_watches.paused', '=', 0)
    .orderBy('push_alerts.id')
    .execute();
  return { queued: rows.filter((r) => r.status === 'queued'), heldBack: rows.filter((r) => r.status === 'capped') };
}

/** Drops a watch's alerts still waiting (it was paused: resuming it starts afresh). */
export async function dropWaiting(database: Database, watchId: number): Promise<void> {
  await database.db.updateTable('push_alerts').set({ status: 'dropped' }).where('watch_id', '=', watchId).where('status', 'in', ['queued', 'capped']).execute();
}

/** Marks the waiting alerts of a channel Discord refused as failed. */
export async function failWaiting(database: Database, channelId: string): Promise<void> {
  await database.db.updateTable('push_alerts').set({ status: 'failed' }).where('channel_id', '=', channelId).where('status', 'in', ['queued', 'capped']).execute();
}

/** Sets the status of alerts (only of those still in status `from`, when given). */
export async function setAlertStatus(database: Database, ids: readonly number[], status: AlertStatus, postedAt: number | null = null, from?: AlertStatus): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    let q = database.db
      .updateTable('push_alerts')
      .set({ status, ...(postedAt !== null ? { posted_at: iso(postedAt) } : {}) })
      .where('id', 'in', ids.slice(i, i + 500));
    if (from) q = q.where('status', '=', from);
    await q.execute();
  }
}

/** Another process claimed an alert first (rolls the claim back). */
class Taken extends Error {}

/**
 * Takes alerts for one message: each row moves from the status it was read in (queued, or capped for a
 * summary) to `posting`, all of them or none, in one transaction. False when another process took any of
 * them meanwhile: then this one must not post (the other does). A row's update waits for a concurrent
 * claim of it to commit and then finds it taken, so a message is posted by one process only.
 */
export async function claimAlerts(database: Database, rows: ReadonlyArray<{ id: number; status: 'queued' | 'capped' }>, now: number): Promise<boolean> {
  if (rows.length === 0) return true;
  try {
    await database.db.transaction().execute(async (trx) => {
      let claimed = 0;
      for (const status of ['queued', 'capped'] as const) {
        const ids = rows.filter((r) => r.status === status).map((r) => r.id);
        for (let i = 0; i < ids.length; i += 500) {
          const result = await trx
            .updateTable('push_alerts')
            .set({ status: 'posting', posted_at: iso(now) })
            .where('id', 'in', ids.slice(i, i + 500))
            .where('status', '=', status)
            .executeTakeFirst();
          claimed += Number(result.numUpdatedRows);
        }
      }
      if (claimed !== rows.length) throw new Taken();
    });
    return true;
  } catch (err) {
    if (err instanceof Taken) return false;
    throw err;
  }
}

/**
 * Alerts a process claimed and has not settled (it stopped while posting them, or is finishing after losing
 * its role): marked unconfirmed and never posted again. A process still finishing settles its own rows by
 * id afterwards (posted, or back to waiting when the post failed), whatever this mark says.
 */
export async function unconfirmPosting(database: Database): Promise<number> {
  const result = await database.db.updateTable('push_alerts').set({ status: 'unconfirmed' }).where('status', '=', 'posting').executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * How many articles each of these watches has had posted since `since` (the start of the day, for the daily
 * cap), in one query; a watch with none is absent.
 */
export async function articlesPostedSince(database: Database, watchIds: readonly number[], since: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (watchIds.length === 0) return out;
  const rows = await database.db
    .selectFrom('push_alerts')
    .select(['watch_id', (eb) => eb.fn.count<number>('article_id').distinct().as('n')])
    .where('watch_id', 'in', [...new Set(watchIds)])
    .where('status', '=', 'posted')
    .where('posted_at', '>=', iso(since))
    .groupBy('watch_id')
    .execute();
  for (const r of rows) out.set(r.watch_id, Number(r.n));
  return out;
}

export async function noteAlertPosted(database: Database, watchIds: readonly number[], now: number): Promise<void> {
  if (watchIds.length === 0) return;
  await database.db.updateTable('push_watches').set({ last_alert_at: iso(now) }).where('id', 'in', [...watchIds]).execute();
}

/** Per watch: alerts posted, and queued or capped, for the lists. */
export async function alertCounts(database: Database, watchIds: readonly number[]): Promise<Map<number, { posted: number; waiting: number }>> {
  const out = new Map<number, { posted: number; waiting: number }>();
  if (watchIds.length === 0) return out;
  const rows = await database.db
    .selectFrom('push_alerts')
    .select(['watch_id', 'status', (eb) => eb.fn.count<number>('article_id').distinct().as('n')])
    .where('watch_id', 'in', [...watchIds])
    .groupBy(['watch_id', 'status'])
    .execute();
  for (const r of rows) {
    const c = out.get(r.watch_id) ?? { posted: 0, waiting: 0 };
    if (r.status === 'posted') c.posted += Number(r.n);
    else if (r.status === 'queued' || r.status === 'capped') c.waiting += Number(r.n);
    out.set(r.watch_id, c);
  }
  return out;
}

// ── channels ─────────────────────────────────────────────────────────────────────────────────────────

export async function lastPost(database: Database, channelId: string): Promise<number | null> {
  const row = await database.db.selectFrom('push_channels').select('last_post_at').where('channel_id', '=', channelId).executeTakeFirst();
  return row ? Date.parse(row.last_post_at) : null;
}

export async function setLastPost(database: Database, channelId: string, at: number): Promise<void> {
  await database.db
    .insertInto('push_channels')
    .values({ channel_id: channelId, last_post_at: iso(at) })
    .onConflict((oc) => oc.column('channel_id').doUpdateSet({ last_post_at: iso(at) }))
    .execute();
}

/** Pauses every watch and schedule posting to a channel Discord refused, with the reason. Returns how many. */
export async function pauseChannel(database: Database, channelId: string, reason: string, now: number): Promise<{ watches: number[]; schedules: number[] }> {
  const watches = await database.db.selectFrom('push_watches').select('id').where('channel_id', '=', channelId).where('paused', '=', 0).execute();
  const schedules = await database.db.selectFrom('push_schedules').select('id').where('channel_id', '=', channelId).where('paused', '=', 0).execute();
  const set = { paused: 1, paused_reason: reason, paused_at: iso(now) };
  if (watches.length) await database.db.updateTable('push_watches').set(set).where('id', 'in', watches.map((w) => w.id)).execute();
  if (schedules.length) await database.db.updateTable('push_schedules').set(set).where('id', 'in', schedules.map((s) => s.id)).execute();
  return { watches: watches.map((w) => w.id), schedules: schedules.map((s) => s.id) };
}

/** Deletes a channel's watches (with their alerts) and schedules: the channel is gone. */
export async function forgetChannel(database: Database, channelId: string): Promise<{ watches: WatchRow[]; schedules: ScheduleRow[] }> {
  const watches = await database.db.selectFrom('push_watches').selectAll().where('channel_id', '=', channelId).execute();
  const schedules = await database.db.selectFrom('push_schedules').selectAll().where('channel_id', '=', channelId).execute();
  await database.db.deleteFrom('push_alerts').where('channel_id', '=', channelId).execute();
  await database.db.deleteFrom('push_watches').where('channel_id', '=', channelId).execute();
  await database.db.deleteFrom('push_schedules').where('channel_id', '=', channelId).execute();
  await database.db.deleteFrom('push_channels').where('channel_id', '=', channelId).execute();
  return { watches, schedules };
}

export async function recordFailure(database: Database, f: { kind: 'watch' | 'schedule'; targetId: number; channelId: string; status: number | null; message: string; now: number }): Promise<void> {
  await database.db
    .insertInto('push_failures')
    .values({ kind: f.kind, target_id: f.targetId, channel_id: f.channelId, status: f.status, message: f.message.slice(0, 500), at: iso(f.now) })
    .execute();
}

// ── arrivals ─────────────────────────────────────────────────────────────────────────────────────────

/** Records when articles arrived (a later arrival of the same article, an edit, replaces the earlier). */
export async function recordArrivals(database: Database, arrivals: ReadonlyArray<{ articleId: string; path: string }>, now: number): Promise<void> {
  for (let i = 0; i < arrivals.length; i += 200) {
    await database.db
      .insertInto('push_arrivals')
      .values(arrivals.slice(i, i + 200).map((a) => ({ article_id: a.articleId, path: a.path, arrived_at: iso(now) })))
      .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({ path: eb.ref('excluded.path'), arrived_at: eb.ref('excluded.arrived_at') })))
      .execute();
  }
}

/** When these articles arrived, where recorded (ms). */
export async function arrivalsOf(database: Database, articleIds: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ids = [...new Set(articleIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await database.db.selectFrom('push_arrivals').select(['article_id', 'arrived_at']).where('article_id', 'in', ids.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.article_id, Date.parse(r.arrived_at));
  }
  return out;
}

// ── schedules ────────────────────────────────────────────────────────────────────────────────────────

export interface NewSchedule {
  guildId: string;
  channelId: string;
  command: ScheduleRow['command'];
  topic: string;
  time: string;
  timezone: string;
  days: string;
  createdBy: string;
  now: number;
  nextRunAt: number;
}

export async function addSchedule(database: Database, s: NewSchedule): Promise<ScheduleRow> {
  return database.db
    .insertInto('push_schedules')
    .values({
      guild_id: s.guildId,
      channel_id: s.channelId,
      command: s.command,
      topic: s.topic,
      time: s.time,
      timezone: s.timezone,
      days: s.days,
      created_by: s.createdBy,
      created_at: iso(s.now),
      paused_reason: null,
      paused_at: null,
      next_run_at: iso(s.nextRunAt),
      last_run_at: null,
      last_posted_at: null,
      last_status: null,
      last_error: null,
      last_missed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listSchedules(database: Database, guildId: string | null): Promise<ScheduleRow[]> {
  let q = database.db.selectFrom('push_schedules').selectAll().orderBy('id');
  if (guildId !== null) q = q.where('guild_id', '=', guildId);
  return q.execute();
}

export async function getSchedule(database: Database, id: number): Promise<ScheduleRow | undefined> {
  return database.db.selectFrom('push_schedules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function removeSchedule(database: Database, id: number): Promise<void> {
  await database.db.deleteFrom('push_schedules').where('id', '=', id).execute();
}

/** Active schedules due at `now`, earliest first. */
export async function dueSchedules(database: Database, now: number): Promise<ScheduleRow[]> {
  return database.db.selectFrom('push_schedules').selectAll().where('paused', '=', 0).where('next_run_at', '<=', iso(now)).orderBy('next_run_at').orderBy('id').execute();
}

/** The earliest time an active schedule is due, or null. */
export async function nextDue(database: Database): Promise<number | null> {
  const row = await database.db.selectFrom('push_schedules').select((eb) => eb.fn.min<string>('next_run_at').as('t')).where('paused', '=', 0).executeTakeFirst();
  return row?.t ? Date.parse(row.t) : null;
}

/**
 * Takes a run: moves `next_run_at` on from the value this process read, and records the skipped runs.
 * Returns false when the row changed meanwhile (another process, or the schedule was removed or paused):
 * then this process must not run it, so a run never happens twice.
 */
export async function claimRun(
  database: Database,
  s: ScheduleRow,
  next: number,
  o: { runAt: number | null; missed: number; lastMissed: number | null },
): Promise<boolean> {
  const result = await database.db
    .updateTable('push_schedules')
    .set({
      next_run_at: iso(next),
      ...(o.runAt !== null ? { last_run_at: iso(o.runAt) } : {}),
      ...(o.missed > 0 ? { missed_count: s.missed_count + o.missed, last_missed_at: iso(o.lastMissed!) } : {}),
    })
    .where('id', '=', s.id)
    .where('next_run_at', '=', s.next_run_at)
    .where('paused', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setRunResult(database: Database, id: number, r: { status: 'posted' | 'late' | 'failed'; at: number; error: string | null }): Promise<void> {
  await database.db
    .updateTable('push_schedules')
    .set({ last_status: r.status, last_error: r.error, ...(r.status !== 'failed' ? { last_posted_at: iso(r.at) } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Pauses or resumes a schedule; resuming sets its next run (runs missed while paused are not caught up). */
export async function setSchedulePaused(database: Database, id: number, paused: boolean, reason: string | null, now: number, nextRunAt?: number): Promise<void> {
  await database.db
    .updateTable('push_schedules')
    .set(
      paused
        ? { paused: 1, paused_reason: reason, paused_at: iso(now) }
        : { paused: 0, paused_reason: null, paused_at: null, ...(nextRunAt !== undefined ? { next_run_at: iso(nextRunAt) } : {}) },
    )
    .where('id', '=', id)
    .execute();
}

/** Every recorded arrival (the CLI's `ask watch --since`). */
export async function allArrivals(database: Database): Promise<Map<string, number>> {
  const rows = await database.db.selectFrom('push_arrivals').select(['article_id', 'arrived_at']).execute();
  return new Map(rows.map((r) => [r.article_id, Date.parse(r.arrived_at)]));
}
