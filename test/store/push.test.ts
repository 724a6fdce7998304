/**
 * Watches and schedules on the database store (CORPUS_STORE=postgres): the live watcher writes a dropped
 * file through to PostgreSQL and tells push what arrived; push matches it, counts its sources in the
 * archive's search and posts; a schedule posts the store's answer. The same alert the in-memory path makes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Answer } from '../../src/answer/types.ts';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type pg from 'pg';
import { openCorpusPool } from '../../src/store/pg/connect.ts';
import { importPaths, writeThrough } from '../../src/store/pg/import.ts';
import { DatabaseLiveCorpus } from '../../src/store/pg/live.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { Push } from '../../src/push/push.ts';
import { watchAnswer } from '../../src/push/since.ts';
import { openLibrary } from '../../src/library.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { createLogger } from '../../src/log.ts';
import { openTestDatabase } from '../support/database.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { HELD, PUSH_DEFAULTS, RecordingPoster, seedsWithoutHeld, TestClock } from '../push/support.ts';
import { startTcpProxy } from '../support/tcp-proxy.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NEWSROOM = '100000000000000001';
const GUILD = '900000000000000001';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
let pool: pg.Pool;
let dir: string;
let store: PostgresStore;
let live: DatabaseLiveCorpus;
let push: Push;
let poster: RecordingPoster;
let clock: TestClock;

beforeEach(async () => {
  database = await openTestDatabase('postgres');
  pool = await openCorpusPool(database.config.url!);
  dir = await seedsWithoutHeld('push-db-');
  await importPaths(pool, [dir]);
  store = new PostgresStore(pool, { root: dir, where: 'test' });
  poster = new RecordingPoster();
  clock = new TestClock(Date.parse('2026-12-03T06:00:00.000Z'));
  push = new Push({ database, corpus: store, poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock, tickMs: 60_000 });
  live = new DatabaseLiveCorpus(pool, dir, { onUpdate: (u) => push.onLiveUpdate(u) });
});
afterEach(async () => {
  await live?.close();
  await push.stop();
  await pool.end();
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes a file into the corpus folder; the watcher's round writes it to the database and push handles it. */
async function arrive(file = HELD, text?: string): Promise<void> {
  await writeFile(join(dir, file), text ?? (await readFile(join(SEED_CORPUS, HELD))));
  await live.rescan();
  await push.idle();
}

const paragraphText = async (id: string) => (await pool.query<{ text: string }>('select text from corpus_paragraphs where id = $1', [id])).rows[0]?.text;

describe('push on the database store', () => {
  it('alerts a watch on a file dropped into the corpus, as the in-memory path would; an edit alerts only its new sentence', async () => {
    const topic = 'militia rocket attacks';
    await push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic, createdBy: 'editor' });
    push.start();
    await live.rescan(); // the articles already imported bring nothing
    await push.idle();
    expect(poster.posts).toEqual([]);

    await arrive();
    expect(poster.posts).toHaveLength(1);
    const { answer } = poster.posts[0]!;
    expect(answer.title).toBe('🔔 Watch · militia rocket attacks — 1 new article');
    for (const item of answer.items) {
      expect(item.citations[0]!.article).toBe('000');
      expect(await paragraphText(item.citations[0]!.id)).toContain(item.text);
    }
    // The in-memory path on the same corpus: the same sentences, ids, "now N independent sources" and the other carriers cited.
    const library = await openLibrary(dir);
    const article = library.corpus.articleById.get('000')!;
    const memory = await watchAnswer(memoryStore(() => library), topic, [{ article, previous: null, paragraphs: article.paragraphs }], 0);
    const shown = (a: typeof answer) => a.items.map((i) => ({ text: i.text, ids: i.citations.map((c) => c.id), tags: i.tags }));
    expect(shown(answer).some((i) => i.ids.length > 1)).toBe(true);
    expect(shown(answer)).toEqual(shown(memory));
    expect(answer.sources).toEqual(memory.sources);

    const text = await readFile(join(SEED_CORPUS, HELD), 'utf8');
    const added = 'Militia rockets struck a base near Baghdad airport on Friday, officials said.';
    await arrive(HELD, text.replace('\n\n', `\n\n${added}\n\n`));
    expect(poster.posts).toHaveLength(2);
    expect(poster.posts[1]!.answer.items.map((i) => i.text)).toEqual([added]);
    expect(await paragraphText(poster.posts[1]!.answer.items[0]!.citations[0]!.id)).toBe(added);
  });

  it('says whether anything in the archive matches a new watch’s topic, from the terms’ counts alone, and the other spellings it matches too', async () => {
    expect((await push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'embassy drawdown', createdBy: 'editor' })).matchesNow).toBe(true);
    expect((await push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'quokka husbandry', createdBy: 'editor' })).matchesNow).toBe(false);
    const added = await push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'Kataib Hezbollah', createdBy: 'editor' });
    expect(added).toMatchObject({ matchesNow: true, spellings: [{ word: 'Kataib', also: ['Kataeb'] }] });
    expect(store.cachedArticles).toBe(0);
  });

  it('alerts a watch on "Kataib Hezbollah" when a new article writes "Kataeb Hezbollah", a spelling the archive meets for the first time in that round, as the in-memory path does', async () => {
    // The archive writes only "Kataib" (002) so far: 001, which writes "Kataeb", is taken out.
    const kataeb = '001_331889c918708f60.txt';
    const text = await readFile(join(dir, kataeb), 'utf8');
    await rm(join(dir, kataeb));
    await writeThrough(pool, [], [kataeb]);
    expect((await store.topicSpellings(['Kataib Hezbollah'])).get('Kataib Hezbollah')).toEqual([]);
    const topic = 'Kataib Hezbollah';
    await push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic, createdBy: 'editor' });
    push.start();
    await arrive(kataeb, text);
    expect(poster.posts).toHaveLength(1);
    const { answer } = poster.posts[0]!;
    expect(answer.title).toBe('🔔 Watch · Kataib Hezbollah — 1 new article');
    expect(answer.notes).toContain('Also matched: “Kataeb” for “Kataib” (another spelling of the name in the corpus).');
    for (const item of answer.items) {
      expect(item.citations[0]!.article).toBe('001');
      expect(await paragraphText(item.citations[0]!.id)).toContain(item.text);
    }
    const library = await openLibrary(dir);
    const article = library.corpus.articleById.get('001')!;
    const memory = await watchAnswer(memoryStore(() => library), topic, [{ article, previous: null, paragraphs: article.paragraphs }], 0);
    const shown = (a: typeof answer) => a.items.map((i) => ({ text: i.text, ids: i.citations.map((c) => c.id), tags: i.tags }));
    expect(shown(answer)).toEqual(shown(memory));
    expect(answer.notes).toEqual(memory.notes.filter((n) => !n.includes('arrived after'))); // that note is --since's own
  });

  it('`npm run ask -- watch <topic> --since` answers from the database: what arrived after that time, with verbatim sentences and ids', async () => {
    push.start();
    await live.rescan();
    await push.idle();
    await new Promise((r) => setTimeout(r, 20));
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    clock.set(new Date().toISOString()); // the arrival push records: after `since`, as in a real run
    await arrive();
    const env = { ...process.env, DATABASE_URL: database.config.url!, CORPUS_STORE: 'postgres', CORPUS_DIR: dir, CACHE_DIR: 'off' };
    const cli = async (...args: string[]) => (await run(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...args], { cwd: ROOT, env })).stdout;
    const answer = JSON.parse(await cli('watch', 'militia', 'rocket', 'attacks', '--since', since, '--json')) as Answer;
    expect(answer.title).toMatch(/^🔔 Watch · militia rocket attacks — 1 article since /);
    expect(answer.notes[0]).toMatch(/^1 article arrived after .* \(recorded by the bot, else by the time of their import\)\.$/);
    expect(answer.items.length).toBeGreaterThan(0);
    for (const item of answer.items) {
      expect(item.citations[0]!.article).toBe('000');
      expect(await paragraphText(item.citations[0]!.id)).toContain(item.text);
    }
    const later = await cli('watch', 'militia', 'rocket', 'attacks', '--since', new Date().toISOString());
    expect(later).toContain('0 articles arrived after');
  });

  it('leaves a scheduled run for the next tick while the archive cannot be reached (nothing claimed or posted), then posts it once', async () => {
    const proxy = await startTcpProxy(Number(new URL(database.config.url!).port));
    const url = new URL(database.config.url!);
    url.port = String(proxy.port);
    const far = await openCorpusPool(url.toString(), { connectTimeoutMs: 1000 });
    try {
      await push.stop();
      push = new Push({ database, corpus: new PostgresStore(far, { root: dir, where: 'test' }), poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock, tickMs: 60_000 });
      await push.addSchedule({ guildId: GUILD, channelId: NEWSROOM, command: 'brief', topic: 'militia attacks', time: '07:00', timezone: 'UTC', days: '', createdBy: 'editor' });
      push.start();
      await proxy.cut();
      clock.set('2026-12-03T07:00:01.000Z');
      await push.tick();
      expect(poster.posts).toEqual([]);
      expect((await push.listSchedules(GUILD))[0]).toMatchObject({ next_run_at: '2026-12-03T07:00:00.000Z', last_run_at: null, last_status: null, missed_count: 0 });

      await proxy.restore();
      clock.set('2026-12-03T07:00:20.000Z');
      await push.tick();
      expect(poster.posts).toHaveLength(1);
      expect(poster.posts[0]!.answer.items.length).toBeGreaterThan(0);
      expect(poster.posts[0]!.answer.notes.join(' ')).not.toMatch(/unreachable/);
      expect((await push.listSchedules(GUILD))[0]).toMatchObject({ next_run_at: '2026-12-04T07:00:00.000Z', last_run_at: '2026-12-03T07:00:00.000Z', last_status: 'posted' });
      await push.tick();
      expect(poster.posts).toHaveLength(1);
    } finally {
      await push.stop();
      await far.end();
      await proxy.close();
    }
  });

  it('posts a schedule with the store’s answer, what arrived since the previous run marked new', async () => {
    await push.addSchedule({ guildId: GUILD, channelId: NEWSROOM, command: 'brief', topic: 'militia attacks', time: '07:00', timezone: 'UTC', days: '', createdBy: 'editor' });
    push.start();
    clock.set('2026-12-03T07:00:01.000Z');
    await push.tick();
    expect(poster.posts).toHaveLength(1);
    const first = poster.posts[0]!.answer;
    const asked = await store.ask('brief', 'militia attacks');
    expect(first.items.map((i) => i.text)).toEqual(asked.items.map((i) => i.text));
    expect(first.items.some((i) => i.tags?.includes('new'))).toBe(false);

    clock.set('2026-12-03T12:00:00.000Z');
    await arrive();
    clock.set('2026-12-04T07:00:01.000Z');
    await push.tick();
    const second = poster.posts[1]!.answer;
    const fresh = second.items.filter((i) => i.tags?.includes('new'));
    expect(fresh.length).toBeGreaterThan(0);
    // "new" is text from 000; an older sentence 000 also carries is not.
    expect(fresh.every((i) => i.citations[0]!.article === '000')).toBe(true);
    expect(second.items.filter((i) => !i.tags?.includes('new')).every((i) => i.citations[0]!.article !== '000')).toBe(true);
  });
});
