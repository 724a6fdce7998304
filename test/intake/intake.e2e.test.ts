/**
 * Intake end to end on 127.0.0.1: a web server serving article pages and feeds, the real guarded fetch,
 * the files written into the corpus, the live library updated, /source answering the new ids, and the
 * feed state in the database (both engines), across a restart.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { source } from '../../src/answer/source.ts';
import { parseFrontMatter } from '../../src/corpus/frontmatter.ts';
import { IntakeError } from '../../src/intake/intake.ts';
import { listFeeds } from '../../src/intake/feed-store.ts';
import { ENGINES } from '../support/database.ts';
import { intakeHarness, type IntakeHarness } from '../support/intake.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';
import iconv from 'iconv-lite';
import { ARTICLE_PARAGRAPHS, articlePage, docxDocument, rssFeed, type FeedItem } from '../support/pages.ts';

let web: WebServer;
/** The feed the server serves at /feed.xml now, with its ETag; conditional requests answered 304. */
const feedState = { items: [] as FeedItem[], etag: '"v1"', conditional: 0, status: 200 };
const pages = new Map<string, string>();

beforeAll(async () => {
  web = await startWebServer({
    '/r/bridge': { status: 302, headers: { location: '/news/bridge' } },
    '/home': { body: '<html><body><nav><a href="/a">A</a> <a href="/b">B</a></nav><p>Welcome.</p></body></html>' },
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><body><p>first bytes');
    },
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.write('<p>');
    },
    '/to-private': { status: 302, headers: { location: 'http://10.0.0.1/news' } },
    '/feed.xml': (req: IncomingMessage, res: ServerResponse) => {
      if (feedState.status !== 200) return void res.writeHead(feedState.status, { 'content-type': 'text/plain' }).end('down');
      if (req.headers['if-none-match'] === feedState.etag) {
        feedState.conditional++;
        return void res.writeHead(304, { etag: feedState.etag }).end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: feedState.etag }).end(rssFeed(feedState.items.map((i) => ({ ...i, link: web.url(i.link) }))));
    },
    '/other-feed.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ title: 'Bridge (wire copy)', link: web.url('/news/a1'), guid: 'wire-1', date: 'Tue, 10 Feb 2026 10:00:00 GMT' }], 'Wire'));
    },
    '/not-a-feed': { body: '<!doctype html><html><body><p>Our site</p></body></html>' },
    '/news/latin': {
      headers: { 'content-type': 'text/html; charset=windows-1252' },
      body: iconv.encode(articlePage({ headline: 'Council\u2019s \u201cfinal\u201d offer \u2013 \u20ac12m', canonical: null, paragraphs: ['The council\u2019s \u201cfinal\u201d offer to the hauliers \u2013 worth \u20ac12m over two years \u2013 was rejected on Friday by their association.', ...ARTICLE_PARAGRAPHS.slice(1)] }), 'windows-1252'),
    },
  });
  // Pages served from the `pages` map (so tests can change an article).
  for (const path of ['/news/bridge', '/news/no-date', '/news/a1', '/news/a2', '/news/a3', '/news/old']) {
    web.routes.set(path, (_req, res) => {
      const body = pages.get(path);
      if (!body) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('gone');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
    });
  }
});
afterAll(() => web.close());

function resetPages() {
  pages.clear();
  pages.set('/news/bridge', articlePage({ canonical: null }));
  pages.set('/news/no-date', articlePage({ headline: 'Ferry timetable changes for the winter', datePublished: null, canonical: null, paragraphs: ARTICLE_PARAGRAPHS.slice(2) }));
  for (const [n, headline] of [['a1', 'Council approves bridge repairs'], ['a2', 'Lorries diverted through the estate'], ['a3', 'Quay reopens after storm'], ['old', 'Harbour history exhibition opens']] as const) {
    pages.set(`/news/${n}`, articlePage({ headline, canonical: null, paragraphs: ARTICLE_PARAGRAPHS.map((p) => `${p} (${headline}.)`) }));
  }
}

const filesUnder = async (dir: string) => (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.md')).sort();

describe('adding a link', () => {
  let h: IntakeHarness;
  beforeEach(async () => {
    resetPages();
    h = await intakeHarness('sqlite', { thread: true, timeoutMs: 1500 });
  });
  afterEach(() => h.close());

  it('writes an ordinary corpus file, makes it live before replying, and /source answers its ids', async () => {
    const answer = await h.service.addLink(web.url('/r/bridge'));
    const files = await filesUnder(join(h.dir, 'added'));
    expect(files).toHaveLength(1);
    const text = await readFile(join(h.dir, 'added', files[0]!), 'utf8');
    const fm = parseFrontMatter(text);
    expect(fm.ok && fm.fields).toMatchObject({
      title: 'Harbour bridge closed to lorries after cracks found',
      outlet: 'The Harbour Gazette',
      author: 'Jane Mbeki',
      published: '2026-02-10T09:30:00+01:00',
      url: web.url('/news/bridge'),
      fetched: '2026-02-10T12:00:00.000Z',
    });
    expect(fm.ok && fm.body.split('\n\n').map((p) => p.trim())).toEqual(expect.arrayContaining(ARTICLE_PARAGRAPHS));

    const article = h.library.corpus.articleById.get(answer.sources[0]!.article)!;
    expect(article.paragraphs.map((p) => p.text)).toEqual(expect.arrayContaining(ARTICLE_PARAGRAPHS));
    expect(answer).toMatchObject({ command: 'add', title: 'Added · Harbour bridge closed to lorries after cracks found' });
    expect(answer.sources[0]).toMatchObject({ title: 'Harbour bridge closed to lorries after cracks found', outlet: 'The Harbour Gazette', published: '2026-02-10', url: web.url('/news/bridge') });
    const firstId = answer.items[0]!.citations[0]!.id;
    expect(answer.notes.join(' ')).toMatch(new RegExp(`\\d+ paragraphs .*First paragraphs: ${firstId}`));
    expect(source(h.library, firstId).items[0]!.text).toBe(article.paragraphs[0]!.text);
    expect(h.library.index.search('cracks supporting piers', { limit: 3 })[0]!.paragraph.articleId).toBe(article.id);
  });

  it('leaves an unknown date unknown (never the clock), keeping the fetch time apart', async () => {
    const answer = await h.service.addLink(web.url('/news/no-date'));
    expect(answer.sources[0]!.published).toBeNull();
    expect(answer.notes).toContain('No publication date on the page: left unknown (the time it was fetched is kept in the corpus file).');
    const [file] = await filesUnder(join(h.dir, 'added'));
    const text = await readFile(join(h.dir, 'added', file!), 'utf8');
    expect(text).not.toMatch(/^published:/m);
    expect(text).toMatch(/^fetched: 2026-02-10T12:00:00.000Z$/m);
  });

  it('says "already in the corpus, unchanged" the second time (hours later), with its ids, and writes nothing', async () => {
    const first = await h.service.addLink(web.url('/news/bridge'));
    const [file] = await filesUnder(join(h.dir, 'added'));
    const text = await readFile(join(h.dir, 'added', file!), 'utf8');
    h.clock.now = new Date('2026-02-10T15:45:00Z'); // a later fetch: only `fetched` would differ
    const again = await h.service.addLink(web.url('/news/bridge'));
    expect(again.title).toBe('Already in the corpus · Harbour bridge closed to lorries after cracks found');
    const id = first.sources[0]!.article;
    expect(again.notes[0]).toBe(`Article ${id} is already in the corpus, unchanged since it was added on 10 Feb 2026 at 12:00 UTC: nothing was written.`);
    expect(again.notes.join(' ')).toContain(`First paragraphs: ${first.items.map((i) => i.citations[0]!.id).join(' · ')}.`);
    expect(again.notes.at(-1)).toBe(`It is in added/${file}.`);
    expect(again.items.map((i) => i.citations[0]!.id)).toEqual(first.items.map((i) => i.citations[0]!.id));
    expect(await readFile(join(h.dir, 'added', file!), 'utf8')).toBe(text); // not even the fetch time
  });

  it('says "Updated" with the paragraphs added and removed when the article changed, and replaces the file', async () => {
    const first = await h.service.addLink(web.url('/news/bridge'));
    const oldIds = first.items.map((i) => i.citations[0]!.id);
    h.clock.now = new Date('2026-02-10T15:45:00Z');
    pages.set('/news/bridge', articlePage({ canonical: null, paragraphs: [`Corrected: ${ARTICLE_PARAGRAPHS[0]}`, ...ARTICLE_PARAGRAPHS.slice(1)] }));
    const updated = await h.service.addLink(web.url('/news/bridge'));
    expect(updated.title).toMatch(/^Updated · /);
    const newId = updated.items[0]!.citations[0]!.id;
    expect(updated.notes[0]).toBe(`Changed since it was last added: 1 paragraph added (${newId}), 1 removed.`);
    expect(await filesUnder(join(h.dir, 'added'))).toHaveLength(1);
    expect(source(h.library, oldIds[0]!).notes[0]).toMatch(/no longer in the corpus: changed or removed when added\/.+ was edited/);
    expect(source(h.library, oldIds[1]!).items).toHaveLength(1); // unchanged paragraphs keep their ids
  });

  it('words an attached file\'s notes as a file\'s, and says an unchanged file added again is already there', async () => {
    web.routes.set('/files/note.txt', { headers: { 'content-type': 'text/plain' }, body: 'The quay reopened on Monday after the storm repairs, the harbour master said in a short statement to staff.\n' });
    const file = { name: 'note.txt', url: web.url('/files/note.txt'), size: 200, contentType: 'text/plain' };
    const added = await h.service.addAttachment(file);
    expect(added.title).toMatch(/^Added · /);
    expect(added.notes).toContain('No publication date in the file: left unknown (the time it was added is kept in the corpus file).');
    expect(added.notes.join(' ')).not.toMatch(/\bpage\b/);
    h.clock.now = new Date('2026-02-11T08:00:00Z');
    const again = await h.service.addAttachment(file);
    expect(again.title).toMatch(/^Already in the corpus · /);
    expect(again.notes[0]).toMatch(new RegExp(`^Article ${added.sources[0]!.article} is already in the corpus, unchanged since it was added on 10 Feb 2026 at 12:00 UTC`));
  });

  it('keeps a Windows-1252 page\'s curly quotes, dashes and euro sign exactly as written', async () => {
    const answer = await h.service.addLink(web.url('/news/latin'));
    expect(answer.title).toBe('Added · Council\u2019s \u201cfinal\u201d offer \u2013 \u20ac12m');
    expect(answer.items[0]!.text).toBe('The council\u2019s \u201cfinal\u201d offer to the hauliers \u2013 worth \u20ac12m over two years \u2013 was rejected on Friday by their association.');
  });

  it('adds attached Word and HTML files, and refuses a file larger than it said it was', async () => {
    web.routes.set('/files/report.docx', { headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, body: await docxDocument('Quay repairs: the engineers\u2019 report', ARTICLE_PARAGRAPHS.slice(0, 3)) });
    const docx = await h.service.addAttachment({ name: 'report.docx', url: web.url('/files/report.docx'), size: 5000, contentType: null });
    expect(docx.title).toBe('Added · Quay repairs: the engineers\u2019 report');
    expect(h.library.corpus.articleById.get(docx.sources[0]!.article)!.paragraphs.map((p) => p.text)).toEqual(ARTICLE_PARAGRAPHS.slice(0, 3));

    web.routes.set('/files/page.html', { body: articlePage({ headline: 'Saved page of the bridge story', canonical: null }) });
    const html = await h.service.addAttachment({ name: 'page.html', url: web.url('/files/page.html'), size: 9000, contentType: 'text/html' });
    expect(html.sources[0]).toMatchObject({ title: 'Saved page of the bridge story', outlet: 'The Harbour Gazette', published: '2026-02-10', url: null });

    // An attached file whose front matter names the id of a newsroom's own file is refused; that file is kept.
    const own = h.library.corpus.articleById.get('001')!.path;
    const before = await readFile(join(h.dir, own), 'utf8');
    web.routes.set('/files/clash.md', { headers: { 'content-type': 'text/markdown' }, body: '---\nid: "001"\ntitle: "Notes"\n---\nA reporter\'s notes on the bridge.\n' });
    await expect(h.service.addAttachment({ name: 'clash.md', url: web.url('/files/clash.md'), size: 200, contentType: 'text/markdown' })).rejects.toThrow(/the id `001` is already used by 001_331889c918708f60\.txt, a corpus file the bot did not add; nothing was written/);
    expect(await readFile(join(h.dir, own), 'utf8')).toBe(before);

    web.routes.set('/files/liar.txt', { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(5000) });
    await expect(h.service.addAttachment({ name: 'liar.txt', url: web.url('/files/liar.txt'), size: 100, contentType: 'text/plain' })).rejects.toThrow(/liar\.txt is larger than the 100 bytes it was announced with; nothing was kept/);
  });

  it.each([
    ['not a URL', 'harbour bridge', /is not a web address/],
    ['another scheme', 'ftp://example.com/a', /only http and https/],
    ['a private address', 'http://10.0.0.1/news', /private|non-public|not public/i],
    ['a redirect to a private address', '/to-private', /private|non-public|not public/i],
    ['a page that is not found', '/news/gone', /was not found \(HTTP 404\)/],
    ['a page without an article', '/home', /no article text found/],
    ['a page that never finishes', '/slow', /did not answer within/],
    ['a page over the size limit', '/huge', /over the 10\.0 MB limit/],
  ])('refuses %s with a message that says what to do, and writes nothing', async (_what, target, message) => {
    const url = target.startsWith('/') ? web.url(target) : target;
    const err = await h.service.addLink(url).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(IntakeError);
    expect((err as Error).message).toMatch(message);
    expect(await filesUnder(h.dir).then((f) => f.filter((x) => x.startsWith('added')))).toEqual([]);
    expect(h.library.corpus.report.articles).toBe(5);
  });
});

describe.each(ENGINES)('feeds (%s)', (engine) => {
  let h: IntakeHarness;
  beforeEach(async () => {
    resetPages();
    feedState.etag = '"v1"';
    feedState.conditional = 0;
    feedState.status = 200;
    feedState.items = [
      { title: 'Council approves bridge repairs', link: '/news/a1', guid: 'a1', date: 'Tue, 10 Feb 2026 10:00:00 GMT' },
      { title: 'Lorries diverted through the estate', link: '/news/a2', guid: 'a2', date: 'Tue, 10 Feb 2026 11:30:00 +0100' },
      { title: 'Harbour history exhibition opens', link: '/news/old', guid: 'old', date: 'Mon, 02 Feb 2026 09:00:00 GMT' },
    ];
    h = await intakeHarness(engine);
  });
  afterEach(() => h.close());

  it('follows a feed: the first poll adds the recent items only, a 304 adds nothing, new items are added', async () => {
    const followed = await h.service.subscribe(web.url('/feed.xml'), { guildId: 'g1', userId: 'u1' });
    expect(followed.title).toMatch(/^Following · Harbour Gazette — News \(#1\)/);
    const [first] = await h.service.poller.pollDue();
    expect(first).toMatchObject({ outcome: 'polled', added: 2, skipped: 1 });
    const [feed] = await listFeeds(h.database);
    const written = await filesUnder(join(h.dir, feed!.folder));
    expect(written).toHaveLength(2);
    const titles = h.library.corpus.articles.map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Council approves bridge repairs', 'Lorries diverted through the estate']));
    expect(titles).not.toContain('Harbour history exhibition opens');

    // Ten minutes later: due again; the server answers 304 to the conditional request.
    h.clock.now = new Date('2026-02-10T12:10:00Z');
    const [second] = await h.service.poller.pollDue();
    expect(second).toMatchObject({ outcome: 'not-modified', added: 0 });
    expect(feedState.conditional).toBe(1);

    feedState.items.unshift({ title: 'Quay reopens after storm', link: '/news/a3', guid: 'a3', date: 'Tue, 10 Feb 2026 12:15:00 GMT' });
    feedState.etag = '"v2"';
    h.clock.now = new Date('2026-02-10T12:20:00Z');
    const [third] = await h.service.poller.pollDue();
    expect(third).toMatchObject({ outcome: 'polled', added: 1, skipped: 0 });
    expect(h.library.corpus.articles.map((a) => a.title)).toContain('Quay reopens after storm');
    const list = await h.service.list({ guildId: 'g1' });
    expect(list.title).toBe('Feeds · 1 (1 healthy)');
    expect(list.items[0]!.tags).toEqual(expect.arrayContaining(['every 10 min', 'last new item 10 Feb 12:20 UTC', '3 added today']));
    expect((await h.service.list({ guildId: 'another-guild' })).items).toEqual([]);
  });

  it('adds the same story once across feeds, and rewrites an item whose article changed', async () => {
    await h.service.subscribe(web.url('/feed.xml'), { guildId: 'g1' });
    await h.service.poller.pollDue();
    await h.service.subscribe(web.url('/other-feed.xml'), { guildId: 'g1' });
    const [wire] = await h.service.poller.pollDue();
    expect(wire).toMatchObject({ added: 0, skipped: 1 });
    expect(h.library.corpus.articles.filter((a) => a.title === 'Council approves bridge repairs')).toHaveLength(1);

    const a1 = h.library.corpus.articles.find((a) => a.title === 'Council approves bridge repairs')!;
    const oldFirst = a1.paragraphs[0]!.id;
    pages.set('/news/a1', articlePage({ headline: 'Council approves bridge repairs', canonical: null, paragraphs: ['Updated: the council approved the repairs unanimously.', ...ARTICLE_PARAGRAPHS.slice(1).map((p) => `${p} (Council approves bridge repairs.)`)] }));
    feedState.items[0] = { ...feedState.items[0]!, date: 'Tue, 10 Feb 2026 12:40:00 GMT' };
    feedState.etag = '"v3"';
    h.clock.now = new Date('2026-02-10T12:45:00Z');
    const reports = await h.service.poller.pollDue();
    expect(reports.find((r) => r.url.endsWith('/feed.xml'))).toMatchObject({ updated: 1, added: 0 });
    const now = h.library.corpus.articleById.get(a1.id)!;
    expect(now.paragraphs[0]!.text).toBe('Updated: the council approved the repairs unanimously.');
    expect(source(h.library, oldFirst).notes[0]).toMatch(/no longer in the corpus/);
  });

  it('backs off after failures, disables the feed with the reason, and a restart remembers it and what was seen', async () => {
    await h.service.subscribe(web.url('/feed.xml'), { guildId: 'g1' });
    await h.service.poller.pollDue();
    const articles = h.library.corpus.report.articles;
    feedState.status = 503;
    const due: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [feed] = await listFeeds(h.database);
      h.clock.now = new Date(feed!.next_due_at);
      due.push(feed!.next_due_at);
      const [report] = await h.service.poller.pollDue();
      expect(report!.outcome).toBe(i < 2 ? 'failed' : 'disabled');
      expect(report!.error).toMatch(/had an error \(HTTP 503\)/);
    }
    const [disabled] = await listFeeds(h.database);
    // The waits double: 10, 20 then 40 minutes.
    expect((Date.parse(due[2]!) - Date.parse(due[1]!)) / 60_000).toBe(20);
    expect(disabled!.disabled_reason).toMatch(/^3 failed polls in a row since .*; last: .*HTTP 503/);
    const list = await h.service.list({ guildId: 'g1' });
    expect(list.title).toBe('Feeds · 1 (0 healthy)');
    expect(list.items[0]!.tags![0]).toMatch(/^⚠ disabled since .*HTTP 503.*\/feed resume 1\.$/);

    // Restart: the same database and corpus, a new process's objects.
    feedState.status = 200;
    feedState.etag = '"v9"'; // a full document again: every item must be recognised, not just skipped by a 304
    h = await h.restart();
    h.clock.now = new Date('2026-02-11T09:00:00Z');
    expect(await h.service.poller.pollDue()).toEqual([]); // still disabled
    await h.service.resume('1', { guildId: 'g1' });
    const [after] = await h.service.poller.pollDue();
    expect(after).toMatchObject({ outcome: 'polled', added: 0 }); // nothing added twice
    expect(h.library.corpus.report.articles).toBe(articles);
  });

  it('refuses an address that is not a feed, and a feed followed twice', async () => {
    await expect(h.service.subscribe(web.url('/not-a-feed'), { guildId: 'g1' })).rejects.toThrow(/not a feed the bot can read: an HTML page/);
    await h.service.subscribe(web.url('/feed.xml'), { guildId: 'g1' });
    await expect(h.service.subscribe(web.url('/feed.xml'), { guildId: 'g1' })).rejects.toThrow(/already followed as #1/);
    await expect(h.service.remove('7', { guildId: 'g1' })).rejects.toThrow(/No feed #7 here/);
    await expect(h.service.pause('1', { guildId: 'another' })).rejects.toThrow(/No feed #1 here/);
    expect((await h.service.remove('1', { guildId: 'g1' })).title).toMatch(/^Stopped following/);
  });
});
