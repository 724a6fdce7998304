/**
 * The intake service's feed management on the state database (both engines), without a network: /feed list
 * in one query, and a new subscription read by the same code (and so refused with the same words) as `ask feed`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { FetchError, type Fetcher, type FetchRequest } from '../../src/fetch/fetch.ts';
import { insertFeed, recordItem } from '../../src/intake/feed-store.ts';
import { inlineParser } from '../../src/intake/parser.ts';
import { createIntakeService, type IntakeService } from '../../src/intake/service.ts';
import { ENGINES, freshDatabaseConfig } from '../support/database.ts';
import { TEST_INTAKE_CONFIG } from '../support/intake.ts';

const docs = new Map<string, { body: string; type: string }>([
  ['https://site.example/', { body: '<!doctype html><html><body><p>Our site</p></body></html>', type: 'text/html' }],
]);
const fetcher: Fetcher = {
  async fetch(request: FetchRequest) {
    const doc = docs.get(request.url);
    if (!doc) throw new FetchError('http', `${request.url} was not found (HTTP 404); check the address`, request.url, 404);
    return { status: 'ok', url: request.url, httpStatus: 200, contentType: doc.type, bytes: new TextEncoder().encode(doc.body), etag: null, lastModified: null, redirects: [] };
  },
  close: async () => {},
};

describe.each(ENGINES)('the intake service (%s)', (engine) => {
  let database: Database;
  let drop: () => Promise<void>;
  let dir: string;
  let service: IntakeService;
  const queries = { count: 0 };
  /** Counts every statement the service sends. */
  const counter: KyselyPlugin = {
    transformQuery: (args) => (queries.count++, args.node),
    transformResult: async (args) => args.result,
  };
  const now = new Date('2026-02-10T12:00:00Z');

  beforeEach(async () => {
    const fresh = await freshDatabaseConfig(engine);
    drop = fresh.drop;
    database = await openDatabase(fresh.config);
    dir = await mkdtemp(join(tmpdir(), 'intake-service-'));
    service = createIntakeService({ corpusDir: dir, database: { ...database, db: database.db.withPlugin(counter) }, fetcher, parser: inlineParser, config: TEST_INTAKE_CONFIG, now: () => now });
  });
  afterEach(async () => {
    await service.close();
    await database.close();
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists the feeds with what each added today in one query, however many feeds', async () => {
    for (let i = 1; i <= 4; i++) {
      const feed = await insertFeed(database, { url: `https://feeds.example/${i}.xml`, title: `Feed ${i}`, folder: `feeds/f${i}`, guildId: 'g1', addedBy: null, intervalMinutes: null, now });
      for (let k = 0; k < i; k++) {
        const at = k === 0 ? new Date('2026-02-09T23:00:00Z') : now; // the first item of each: yesterday
        await recordItem(database, { feed_id: feed.id, key: `k${k}`, guid: null, link: null, title: null, entry_hash: 'h', content_hash: null, article_id: null, path: `feeds/f${i}/${k}.md`, status: k === 3 ? 'failed' : 'added', reason: null }, at);
      }
    }
    await insertFeed(database, { url: 'https://feeds.example/other.xml', title: 'Another newsroom', folder: 'feeds/o', guildId: 'g2', addedBy: null, intervalMinutes: null, now });
    queries.count = 0;
    const list = await service.list({ guildId: 'g1' });
    expect(queries.count).toBe(1);
    expect(list.items.map((i) => i.text)).toEqual(['Feed 1', 'Feed 2', 'Feed 3', 'Feed 4']);
    const today = list.items.map((i) => i.tags!.find((t) => t.endsWith('added today')) ?? null);
    expect(today).toEqual([null, '1 added today', '2 added today', '2 added today']);
    expect((await service.list({ guildId: null })).items).toHaveLength(5);
  });

  it.each([
    ['a page that is not a feed', 'https://site.example/', /^https:\/\/site\.example\/ is not a feed the bot can read: an HTML page, not a feed/],
    ['an address that is not found', 'https://site.example/feed.xml', /^https:\/\/site\.example\/feed\.xml was not found \(HTTP 404\)/],
  ])('refuses %s to /feed add and to `ask feed` in the same words', async (_what, url, message) => {
    const subscribe = await service.subscribe(url, { guildId: 'g1' }).then(() => null, (err: Error) => err.message);
    const once = await service.intake.addFeedOnce(url).then(() => null, (err: Error) => err.message);
    expect(subscribe).toMatch(message);
    expect(subscribe).toBe(once);
  });
});
