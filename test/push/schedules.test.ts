import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../support/database.ts';
import { PUSH_DEFAULTS, pushRig, type PushRig } from './support.ts';
import { newnessNote, newnessTags, Push } from '../../src/push/push.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { unreachableAnswer } from '../../src/store/types.ts';
import { createLogger } from '../../src/log.ts';
import { scheduleListAnswer } from '../../src/push/answers.ts';
import { plural } from '../../src/text/plural.ts';

const NEWSROOM = '100000000000000001';
const GUILD = '900000000000000001';

const add = (rig: PushRig, o: { command?: string; topic?: string; time: string; timezone: string; days?: string }) =>
  rig.push.addSchedule({ guildId: GUILD, channelId: NEWSROOM, command: o.command ?? 'brief', topic: o.topic ?? 'embassy', time: o.time, timezone: o.timezone, days: o.days ?? '', createdBy: 'editor' });

/** Moves the clock and lets push look at its schedules. */
async function at(rig: PushRig, iso: string): Promise<void> {
  rig.clock.set(iso);
  await rig.push.tick();
}

describe.each(ENGINES)('schedules on %s', (engine) => {
  let rig: PushRig;
  afterEach(async () => {
    await rig?.close();
  });

  it('posts 07:00 Europe/London at 07:00 local across the spring change, paged, with the command’s answer', async () => {
    rig = await pushRig(engine, {}, '2026-03-27T12:00:00.000Z');
    const s = await add(rig, { time: '07:00', timezone: 'Europe/London' });
    expect(s.next_run_at).toBe('2026-03-28T07:00:00.000Z');
    rig.push.start();
    await at(rig, '2026-03-28T06:59:00.000Z');
    expect(rig.poster.posts).toEqual([]);
    await at(rig, '2026-03-28T07:00:10.000Z');
    expect(rig.poster.posts).toHaveLength(1);
    const { answer, paged, channelId } = rig.poster.posts[0]!;
    expect({ paged, channelId }).toEqual({ paged: true, channelId: NEWSROOM });
    expect(answer.command).toBe('brief');
    expect(answer.title).toMatch(/^⏰ 07:00 Europe\/London · Briefing · embassy — /);
    expect(answer.items.length).toBeGreaterThan(0);
    // Sunday 29 March: clocks went forward at 01:00 UTC, so 07:00 BST is 06:00 UTC.
    const [row] = await rig.push.listSchedules(GUILD);
    expect(row).toMatchObject({ next_run_at: '2026-03-29T06:00:00.000Z', last_run_at: '2026-03-28T07:00:00.000Z', last_status: 'posted' });
    await at(rig, '2026-03-29T06:00:05.000Z');
    expect(rig.poster.posts).toHaveLength(2);
    expect(rig.poster.posts[1]!.answer.title).not.toMatch(/late/);
    await at(rig, '2026-03-29T07:00:05.000Z');
    expect(rig.poster.posts).toHaveLength(2);
  });

  it('runs a time the clock skips once, an hour later on the new clock; a repeated time only the first time', async () => {
    rig = await pushRig(engine, {}, '2026-03-07T12:00:00.000Z');
    await add(rig, { time: '02:30', timezone: 'America/New_York' });
    rig.push.start();
    await at(rig, '2026-03-08T06:31:00.000Z'); // 01:31 EST: not yet
    expect(rig.poster.posts).toHaveLength(0);
    await at(rig, '2026-03-08T07:30:30.000Z'); // 03:30 EDT
    expect(rig.poster.posts).toHaveLength(1);

    const autumn = await pushRig(engine, {}, '2026-10-31T12:00:00.000Z');
    try {
      await add(autumn, { time: '01:30', timezone: 'America/New_York' });
      autumn.push.start();
      await at(autumn, '2026-11-01T05:30:30.000Z'); // 01:30 EDT
      await at(autumn, '2026-11-01T06:30:30.000Z'); // 01:30 EST, the same wall time again
      expect(autumn.poster.posts).toHaveLength(1);
      expect((await autumn.push.listSchedules(GUILD))[0]!.next_run_at).toBe('2026-11-02T06:30:00.000Z');
    } finally {
      await autumn.close();
    }
  });

  it('catches up a run missed within the grace window once, marked late; older ones are skipped and listed', async () => {
    rig = await pushRig(engine, { scheduleGraceMinutes: 60 }, '2026-12-01T12:00:00.000Z');
    await add(rig, { time: '07:00', timezone: 'Europe/London' });
    // The bot was down from before 07:00 until 07:40 on 2 Dec.
    rig.clock.set('2026-12-02T07:40:00.000Z');
    rig.push.start();
    await rig.push.idle();
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(1);
    const late = rig.poster.posts[0]!.answer;
    expect(late.title).toMatch(/^⏰ 07:00 Europe\/London \(late\) · /);
    expect(late.notes[0]).toBe('Posted late: it was due Wed 2 Dec 07:00 (Europe/London) while the bot was down.');
    expect((await rig.push.listSchedules(GUILD))[0]).toMatchObject({ last_status: 'late', missed_count: 0 });

    // Down again from 2 Dec until 5 Dec 09:30: 3, 4 and 5 Dec 07:00 are all missed, the last beyond the grace window.
    await rig.restart();
    rig.clock.set('2026-12-05T09:30:00.000Z');
    rig.push.start();
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(1);
    const [row] = await rig.push.listSchedules(GUILD);
    expect(row).toMatchObject({ missed_count: 3, last_missed_at: '2026-12-05T07:00:00.000Z', next_run_at: '2026-12-06T07:00:00.000Z' });
    const list = scheduleListAnswer(rig.library, [row!], { channelName: () => '#newsroom' });
    expect(list.items[0]!.tags).toContain('3 runs missed while the bot was down (last Sat 5 Dec 07:00)');

    // Down over two runs, back within the grace window of the second: one catch-up, the first skipped.
    await rig.restart();
    rig.clock.set('2026-12-07T07:30:00.000Z');
    rig.push.start();
    await rig.push.tick();
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(2);
    expect(rig.poster.posts[1]!.answer.notes[0]).toMatch(/due Mon 7 Dec 07:00/);
    expect((await rig.push.listSchedules(GUILD))[0]).toMatchObject({ missed_count: 4, last_run_at: '2026-12-07T07:00:00.000Z' });
  });

  it('marks new only what arrived since the previous run (before the first: since the schedule was set); old text another new article carries is said so, not "new"', async () => {
    rig = await pushRig(engine, {}, '2026-12-03T06:00:00.000Z');
    await add(rig, { time: '07:00', timezone: 'UTC', topic: 'embassy' });
    rig.push.start();
    // 000 arrives before the first run: it retells what 001 (a file of 2020) says about the embassy.
    rig.clock.set('2026-12-03T06:30:00.000Z');
    await rig.arrive();
    await at(rig, '2026-12-03T07:00:01.000Z');
    const first = rig.poster.posts[0]!.answer;
    const fresh = first.items.filter((i) => i.tags?.includes('new'));
    const carried = first.items.filter((i) => i.tags?.includes('also in new article 000'));
    expect(fresh.length).toBeGreaterThan(0);
    expect(carried.length).toBeGreaterThan(0);
    // "new" only on text from 000; an older sentence 000 also carries is not "new".
    expect(fresh.every((i) => i.citations[0]!.article === '000')).toBe(true);
    expect(carried.every((i) => i.citations[0]!.article !== '000' && !i.tags!.includes('new'))).toBe(true);
    expect(first.items.filter((i) => i.citations.some((c) => c.article === '000'))).toHaveLength(fresh.length + carried.length);
    expect(first.notes[0]).toBe(
      `${plural(fresh.length, 'item')} from ${fresh.length === 1 ? 'an article' : 'articles'} that arrived since the schedule was set (Thu 3 Dec 06:00) ${fresh.length === 1 ? 'is' : 'are'} marked new; ` +
        `${plural(carried.length, 'older item')} ${carried.length === 1 ? 'is' : 'are'} also in ${carried.length === 1 ? 'an article' : 'articles'} that arrived since, marked “also in new article …”.`,
    );
    expect(first.notes.join(' ')).not.toMatch(/previous run/);

    await at(rig, '2026-12-04T07:00:01.000Z');
    const second = rig.poster.posts[1]!.answer;
    expect(second.items.some((i) => i.tags?.some((t) => t === 'new' || t.startsWith('also in new')))).toBe(false);
    expect(second.notes[0]).toBe('Nothing here arrived since the previous run (Thu 3 Dec 07:00).');
  });

  it('pauses on a refused post with the reason, resumes from the next time without catching up, refuses bad input', async () => {
    rig = await pushRig(engine, {}, '2026-12-03T06:00:00.000Z');
    const s = await add(rig, { time: '07:00', timezone: 'Europe/London', command: 'timeline', topic: '' });
    rig.poster.failures.set(NEWSROOM, { ok: false, refused: true, status: 404, reason: 'Discord says the channel is gone (404 Unknown Channel)' });
    rig.push.start();
    await at(rig, '2026-12-03T07:00:01.000Z');
    let [row] = await rig.push.listSchedules(GUILD);
    expect(row).toMatchObject({ paused: 1, last_status: 'failed', last_error: 'Discord says the channel is gone (404 Unknown Channel)' });
    expect(row!.paused_reason).toMatch(/^Discord says the channel is gone \(404 Unknown Channel\)/);
    await at(rig, '2026-12-04T07:00:01.000Z');
    expect(rig.poster.posts).toEqual([]);
    rig.poster.failures.clear();
    await rig.push.resumeSchedule(GUILD, s.id);
    [row] = await rig.push.listSchedules(GUILD);
    expect(row).toMatchObject({ paused: 0, paused_reason: null, next_run_at: '2026-12-05T07:00:00.000Z' });
    await rig.push.tick();
    expect(rig.poster.posts).toEqual([]);

    await expect(add(rig, { time: '7am', timezone: 'Europe/London' })).rejects.toThrow('time must be HH:MM on a 24-hour clock, e.g. 07:00 or 18:30, got `7am`.');
    await expect(add(rig, { time: '07:00', timezone: 'BST' })).rejects.toThrow('timezone must be a time zone name such as Europe/London, America/New_York or UTC, got `BST`.');
    await expect(add(rig, { time: '07:00', timezone: 'UTC', days: 'someday' })).rejects.toThrow(/days must be "every day", "weekdays" or days such as "mon,wed,fri", got `someday`/);
    await expect(add(rig, { time: '07:00', timezone: 'UTC', command: 'source' })).rejects.toThrow('command must be one of brief, timeline, who, got `source`.');
  });
});

describe('a schedule when the archive cannot be reached', () => {
  it('is not posted as "unreachable": the run waits for the next tick, within the grace window', async () => {
    const rig = await pushRig('sqlite', {}, '2026-12-03T06:00:00.000Z');
    try {
      const store = memoryStore(() => rig.library);
      let reachable = false;
      const corpus = { ...store, root: store.root, ask: (...a: Parameters<typeof store.ask>) => (reachable ? store.ask(...a) : Promise.resolve(unreachableAnswer(a[0], a[1], 'postgres://db.example:5432/news', 'Connection terminated unexpectedly'))) };
      await rig.push.stop();
      rig.push = new Push({ database: rig.database, corpus, poster: rig.poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock: rig.clock, tickMs: 60_000 });
      await add(rig, { time: '07:00', timezone: 'UTC' });
      rig.push.start();
      await at(rig, '2026-12-03T07:00:01.000Z');
      expect(rig.poster.posts).toEqual([]);
      expect((await rig.push.listSchedules(GUILD))[0]).toMatchObject({ next_run_at: '2026-12-03T07:00:00.000Z', last_run_at: null });
      reachable = true;
      await at(rig, '2026-12-03T07:00:20.000Z');
      expect(rig.poster.posts).toHaveLength(1);
      expect(rig.poster.posts[0]!.answer.items.length).toBeGreaterThan(0);
      expect((await rig.push.listSchedules(GUILD))[0]).toMatchObject({ next_run_at: '2026-12-04T07:00:00.000Z', last_status: 'posted' });
    } finally {
      await rig.close();
    }
  });
});

describe('a schedule put off while the archive is down', () => {
  it('asks the archive again at the tick interval (not as soon as it can), and logs the outage once', async () => {
    const rig = await pushRig('sqlite', {}, '2026-12-03T06:00:00.000Z');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const store = memoryStore(() => rig.library);
      let asked = 0;
      const corpus = { ...store, root: store.root, ask: (...a: Parameters<typeof store.ask>) => (asked++, Promise.resolve(unreachableAnswer(a[0], a[1], 'postgres://db.example:5432/news', 'Connection terminated unexpectedly'))) };
      await rig.push.stop();
      const lines: string[] = [];
      rig.push = new Push({ database: rig.database, corpus, poster: rig.poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'debug' }, { write: (l) => lines.push(l) }), clock: rig.clock, tickMs: 60_000 });
      await add(rig, { time: '07:00', timezone: 'UTC' });
      rig.clock.set('2026-12-03T07:00:01.000Z'); // due; the clock stands still from here
      rig.push.start();
      await rig.push.idle();
      expect(asked).toBe(1);
      // Half a tick interval: no more asking (it was every 10 ms, the run's time being past).
      for (let i = 0; i < 30; i++) await vi.advanceTimersByTimeAsync(1_000);
      await rig.push.idle();
      expect(asked).toBe(1);
      // Then once an interval.
      for (let i = 0; i < 3; i++) {
        await vi.advanceTimersByTimeAsync(60_000);
        await rig.push.idle();
      }
      expect(asked).toBeGreaterThanOrEqual(2);
      expect(asked).toBeLessThanOrEqual(4);
      const warnings = lines.map((l) => JSON.parse(l) as Record<string, any>).filter((r) => r.level >= 40);
      expect(warnings).toEqual([expect.objectContaining({ database: 'archive', where: 'postgres://db.example:5432/news', msg: 'the archive (postgres://db.example:5432/news) cannot be reached: watches and schedules wait until it answers (checked again at each tick; no change is lost)' })]);
      expect(rig.poster.posts).toEqual([]);
    } finally {
      vi.useRealTimers();
      await rig.close();
    }
  });
});

describe('what a scheduled answer calls new', () => {
  const cite = (article: string) => ({ id: `${article}-p1`, article, paragraph: 1, excerpt: 'x' });
  it('tags by the article the text is from; other new carriers are named, four or more counted', () => {
    const items = [['005'], ['001', '005'], ['001', '005', '007'], ['001', '005', '006', '007', '008'], ['001', '002'], []].map((a) => ({ text: 'x', citations: a.map(cite) }));
    expect(newnessTags(items, (a) => a >= '005')).toEqual({ fresh: 1, carried: 3 });
    expect(items.map((i) => (i as { tags?: string[] }).tags ?? [])).toEqual([['new'], ['also in new article 005'], ['also in new articles 005, 007'], ['also in 4 new articles'], [], []]);
  });
  it('counts in the note what the tags say', () => {
    const since = 'since the previous run (Thu 3 Dec 07:00)';
    expect(newnessNote(1, 0, since)).toBe('1 item from an article that arrived since the previous run (Thu 3 Dec 07:00) is marked new.');
    expect(newnessNote(0, 1, since)).toBe('Nothing shown here is from an article that arrived since the previous run (Thu 3 Dec 07:00); 1 older item is also in an article that did, marked “also in new article …”.');
    expect(newnessNote(0, 0, since)).toBe('Nothing here arrived since the previous run (Thu 3 Dec 07:00).');
  });
});
