/**
 * /feed and /add while the PostgreSQL state database is down (cut behind a TCP proxy): every feed request is
 * a DatabaseUnreachableError that says where (never the password), whether the change was made and what to
 * do, and works again once the database is back; /add writes a corpus file only, so it works all along.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseUnreachableError, unreachableReply } from '../../src/db/unreachable.ts';
import { FetchError, type Fetcher, type FetchRequest } from '../../src/fetch/fetch.ts';
import { inlineParser } from '../../src/intake/parser.ts';
import { createIntakeService, type IntakeService } from '../../src/intake/service.ts';
import { TEST_INTAKE_CONFIG } from '../support/intake.ts';
import { articlePage, rssFeed } from '../support/pages.ts';
import { DATABASE_PASSWORD, stateBehindProxy, type DatabaseBehindProxy } from '../support/outage.ts';

const pages = new Map<string, { body: string; type: string }>([
  ['https://gazette.example/news/bridge', { body: articlePage({ canonical: null }), type: 'text/html' }],
  ['https://gazette.example/feed.xml', { body: rssFeed([{ title: 'Harbour bridge closed', link: 'https://gazette.example/news/bridge', guid: 'b1' }]), type: 'application/rss+xml' }],
  ['https://radio.example/feed.xml', { body: rssFeed([], 'Harbour Radio'), type: 'application/rss+xml' }],
]);
const fetcher: Fetcher = {
  async fetch(request: FetchRequest) {
    const page = pages.get(request.url);
    if (!page) throw new FetchError('http', `${request.url} was not found (HTTP 404); check the address`, request.url, 404);
    return { status: 'ok', url: request.url, httpStatus: 200, contentType: page.type, bytes: new TextEncoder().encode(page.body), etag: null, lastModified: null, redirects: [] };
  },
  close: async () => {},
};

const GUILD = { guildId: 'g1', userId: 'editor' };
const ADVICE = "If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is.";

let state: DatabaseBehindProxy;
let dir: string;
let intake: IntakeService;

beforeAll(async () => {
  state = await stateBehindProxy();
  dir = await mkdtemp(join(tmpdir(), 'intake-outage-'));
  // Not started: no polling, only the requests of the doors.
  intake = createIntakeService({ corpusDir: dir, database: state.database, fetcher, parser: inlineParser, config: TEST_INTAKE_CONFIG, now: () => new Date('2026-02-10T12:00:00Z') });
  await intake.subscribe('https://gazette.example/feed.xml', GUILD);
});

afterAll(async () => {
  await intake?.close();
  await state?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('feeds while the state database is down', () => {
  // In order: each runs again once the database is back, so the next finds what it needs (#1 paused, …).
  it.each<[string, () => Promise<unknown>, string]>([
    ['/feed list (a read)', () => intake.list(GUILD), 'could not be reached just now, so the feeds could not be read; nothing was changed. Try again in a moment.'],
    ['/feed add', () => intake.subscribe('https://radio.example/feed.xml', GUILD), 'could not be reached just now, so feed https://radio.example/feed.xml was not added. Try /feed add again in a moment.'],
    ['/feed pause (by number)', () => intake.pause('1', GUILD), 'could not be reached just now, so feed #1 was not paused. Try /feed pause again in a moment.'],
    ['/feed resume (by number)', () => intake.resume('#1', GUILD), 'could not be reached just now, so feed #1 was not resumed. Try /feed resume again in a moment.'],
    ['/feed remove (by address)', () => intake.remove('https://gazette.example/feed.xml', GUILD), 'could not be reached just now, so feed https://gazette.example/feed.xml was not removed. Try /feed remove again in a moment.'],
  ])('%s: says the state database could not be reached and what happened; works again once it is back', async (_, request, words) => {
    const err = await state.whileCut(() => request().then(() => null, (e: unknown) => e));
    expect(err).toBeInstanceOf(DatabaseUnreachableError);
    expect(err).toMatchObject({ database: 'state', where: state.where, made: 'no' });
    const reply = unreachableReply(err, 'discord');
    // In Discord by its role only; at the console, where it is.
    expect(reply).toBe(`The state database ${words} ${ADVICE}`);
    expect(unreachableReply(err, 'console')).toContain(`The state database (${state.where}) ${words}`);
    for (const text of [reply, unreachableReply(err, 'console'), (err as Error).message]) expect(text).not.toContain(DATABASE_PASSWORD);
    await expect(request()).resolves.toMatchObject({ command: 'feed' });
  });

  it('/add writes a corpus file and never the state database: it works while the database is down', async () => {
    const answer = await state.whileCut(() => intake.addLink('https://gazette.example/news/bridge'));
    expect(answer.title).toBe('Added · Harbour bridge closed to lorries after cracks found');
  });
});
