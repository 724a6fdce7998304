/**
 * /watch and /schedule while the PostgreSQL state database is down (cut behind a TCP proxy): every request
 * is a DatabaseUnreachableError that says which database, where (never the password), whether the change was
 * made and what to do; once the database is back the same request works. The console door is checked here
 * too: it prints the same words, for whoever runs the bot, and carries on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { DatabaseUnreachableError, unreachableReply } from '../../src/db/unreachable.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary, type Library } from '../../src/library.ts';
import { Push } from '../../src/push/push.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { runConsole } from '../../src/cli/console.ts';
import { CONSOLE_CHANNEL, CONSOLE_GUILD, consolePoster } from '../../src/cli/push.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { DATABASE_PASSWORD, stateBehindProxy, type DatabaseBehindProxy } from '../support/outage.ts';
import { PUSH_DEFAULTS, RecordingPoster } from './support.ts';

const GUILD = '900000000000000001';
const NEWSROOM = '100000000000000001';
const DISCORD_ADVICE = "If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is.";

let state: DatabaseBehindProxy;
let library: Library;
let push: Push;
const logs: string[] = [];

beforeAll(async () => {
  state = await stateBehindProxy();
  library = await openLibrary(SEED_CORPUS);
  // Not started: managing watches and schedules only reads and writes the database.
  push = new Push({ database: state.database, corpus: memoryStore(() => library), poster: new RecordingPoster(), config: PUSH_DEFAULTS, logger: createLogger({ level: 'debug' }, { write: (l) => logs.push(l) }), tickMs: 60_000 });
  await push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'militia rocket attacks', createdBy: 'editor' });
  await push.addSchedule({ guildId: GUILD, channelId: NEWSROOM, command: 'brief', topic: 'embassy', time: '07:00', timezone: 'Europe/London', days: '', createdBy: 'editor' });
});

afterAll(async () => {
  await push?.stop();
  await state?.close();
});

const addWatch = () => push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'embassy drawdown', createdBy: 'editor' });
const addSchedule = () => push.addSchedule({ guildId: GUILD, channelId: NEWSROOM, command: 'who', topic: '', time: '18:30', timezone: 'UTC', days: 'weekdays', createdBy: 'editor' });

describe('watches and schedules while the state database is down', () => {
  // In order: each runs again once the database is back, so the next finds what it needs (#1 paused, …).
  it.each<[string, () => Promise<unknown>, string]>([
    ['/watch list (a read)', () => push.listWatches(GUILD), 'could not be reached just now, so the watches could not be read; nothing was changed. Try again in a moment.'],
    ['/watch add', addWatch, 'could not be reached just now, so watch “embassy drawdown” was not saved. Try /watch add again in a moment.'],
    ['/watch pause', () => push.pauseWatch(GUILD, 1), 'could not be reached just now, so watch #1 was not paused. Try /watch pause again in a moment.'],
    ['/watch resume', () => push.resumeWatch(GUILD, 1), 'could not be reached just now, so watch #1 was not resumed. Try /watch resume again in a moment.'],
    ['/watch remove', () => push.removeWatch(GUILD, 1), 'could not be reached just now, so watch #1 was not removed. Try /watch remove again in a moment.'],
    ['/schedule list (a read)', () => push.listSchedules(GUILD), 'could not be reached just now, so the schedules could not be read; nothing was changed. Try again in a moment.'],
    ['/schedule add', addSchedule, 'could not be reached just now, so the schedule of /who at 18:30 was not saved. Try /schedule add again in a moment.'],
    ['/schedule pause', () => push.pauseSchedule(GUILD, 1), 'could not be reached just now, so schedule #1 was not paused. Try /schedule pause again in a moment.'],
    ['/schedule resume', () => push.resumeSchedule(GUILD, 1), 'could not be reached just now, so schedule #1 was not resumed. Try /schedule resume again in a moment.'],
    ['/schedule remove', () => push.removeSchedule(GUILD, 1), 'could not be reached just now, so schedule #1 was not removed. Try /schedule remove again in a moment.'],
  ])('%s: says the state database could not be reached and what happened; works again once it is back', async (_, request, words) => {
    const err = await state.whileCut(() => request().then(() => null, (e: unknown) => e));
    expect(err).toBeInstanceOf(DatabaseUnreachableError);
    expect(err).toMatchObject({ database: 'state', where: state.where, made: 'no' });
    const reply = unreachableReply(err, 'discord');
    // In Discord by its role only; at the console, where it is.
    expect(reply).toBe(`The state database ${words} ${DISCORD_ADVICE}`);
    expect(unreachableReply(err, 'console')).toContain(`The state database (${state.where}) ${words}`);
    for (const text of [reply, unreachableReply(err, 'console'), (err as Error).message]) expect(text).not.toContain(DATABASE_PASSWORD);
    await expect(request()).resolves.toBeDefined();
  });

  it('nothing was saved behind anyone\'s back, and no log line holds the password', async () => {
    expect((await push.listWatches(GUILD)).watches.map((w) => [w.id, w.topic])).toEqual([[2, 'embassy drawdown']]);
    expect((await push.listSchedules(GUILD)).map((s) => [s.id, s.command])).toEqual([[2, 'who']]);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.some((l) => l.includes(DATABASE_PASSWORD))).toBe(false);
  });
});

describe('the log while the state database is down and back', () => {
  it('one warning naming the state database and where (no stack, no password) however many ticks, then one info line when it answers', async () => {
    const lines: string[] = [];
    const ticking = new Push({ database: state.database, corpus: memoryStore(() => library), poster: new RecordingPoster(), config: PUSH_DEFAULTS, logger: createLogger({ level: 'debug' }, { write: (l) => lines.push(l) }), tickMs: 60_000 });
    ticking.start();
    await ticking.idle();
    try {
      await state.whileCut(async () => {
        for (let i = 0; i < 3; i++) await ticking.tick();
      });
      await ticking.tick();
    } finally {
      await ticking.stop();
    }
    const records = lines.map((l) => JSON.parse(l) as Record<string, any>);
    expect(records.filter((r) => r.level >= 50)).toEqual([]);
    const warnings = records.filter((r) => r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ database: 'state', where: state.where });
    expect(warnings[0]!.msg).toBe(`the state database (${state.where}) cannot be reached: watches and schedules wait until it answers (checked again at each tick; no change is lost)`);
    expect(warnings[0]).not.toHaveProperty('err');
    expect(records.filter((r) => r.msg.includes('answers again'))).toEqual([expect.objectContaining({ level: 30, msg: `the state database (${state.where}) answers again: watches and schedules carry on` })]);
    expect(lines.some((l) => l.includes(DATABASE_PASSWORD) || l.includes('"stack"'))).toBe(false);
  });
});

describe('the console while the state database is down', () => {
  it('prints what happened, worded for whoever runs the bot, keeps reading lines, and answers once the database is back', async () => {
    const atConsole = new Push({ database: state.database, corpus: memoryStore(() => library), poster: consolePoster(new PassThrough()), config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), tickMs: 60_000 });
    await atConsole.addWatch({ guildId: CONSOLE_GUILD, channelId: CONSOLE_CHANNEL, topic: 'embassy', createdBy: 'console' });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c) => (text += String(c)));
    const done = runConsole(library, input, output, { push: atConsole });
    const type = async (line: string, expected: string | RegExp) => {
      const from = text.length;
      input.write(`${line}\n`);
      const seen = () => (typeof expected === 'string' ? text.slice(from).includes(expected) : expected.test(text.slice(from)));
      for (let i = 0; i < 1000 && !seen(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(text.slice(from)).toMatch(expected); // a string: contained
    };
    const advice = 'If it keeps happening, check that PostgreSQL is running there and that DATABASE_URL points to it; the bot uses it again as soon as it answers.';
    await state.whileCut(async () => {
      await type('/watch list', `The state database (${state.where}) could not be reached just now, so the watches could not be read; nothing was changed. Try again in a moment. ${advice}`);
      await type('/watch pause 1', `so watch #1 was not paused. Try /watch pause again in a moment. ${advice}`);
    });
    await type('/watch list', /Watches · 1 \(1 active\)[\s\S]*#\d+ +embassy/);
    input.end();
    await done;
    await atConsole.stop();
    expect(text).not.toContain(DATABASE_PASSWORD);
    expect(text).not.toContain('Sorry, something went wrong');
  });
});

describe('a change whose connection is lost after its statement was sent', () => {
  it('/watch add: says it may or may not have been saved and that /watch list shows it; once back, the watch is there once or not at all', async () => {
    const guild = '900000000000000002';
    const add = () => push.addWatch({ guildId: guild, channelId: NEWSROOM, topic: 'harbour bridge', createdBy: 'editor' });
    // The insert's bytes reach the server, its reply never comes back: whether it was made is unknown.
    // One cut only: the proxy passes again afterwards, as the database being back.
    const cut = state.proxy.cutAfter('insert into "push_watches"');
    const err = await add().then(() => null, (e: unknown) => e);
    await cut;
    expect(err).toBeInstanceOf(DatabaseUnreachableError);
    expect(err).toMatchObject({ database: 'state', where: state.where, made: 'unknown' });
    const said = 'stopped answering while watch “harbour bridge” was being saved, so it may or may not have been. Once it is back, /watch list shows whether it was; if not, run /watch add again.';
    expect(unreachableReply(err, 'discord')).toBe(`The state database ${said} ${DISCORD_ADVICE}`);
    expect(unreachableReply(err, 'console')).toContain(`The state database (${state.where}) ${said}`);

    // /watch list answers: the watch is there once, or not at all (the server may or may not have run the insert).
    const listed = (await push.listWatches(guild)).watches;
    expect(listed.length).toBeLessThanOrEqual(1);
    expect(listed.map((w) => w.topic)).toEqual(listed.length ? ['harbour bridge'] : []);
    // Doing what the reply says leaves exactly one either way: saved now, or "already posts".
    const again = await add().then(() => 'saved', (e: unknown) => (e as Error).message);
    expect(again).toBe(listed[0] ? `Watch #${listed[0].id} already posts “harbour bridge” to that channel.` : 'saved');
    expect((await push.listWatches(guild)).watches.map((w) => w.topic)).toEqual(['harbour bridge']);
  });
});
