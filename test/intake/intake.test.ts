/**
 * Intake without a network: a fetcher that serves documents from a table (a page that is not there fails as
 * the guarded fetcher fails), the parser inline, a temporary corpus folder. Feed items shown exactly as the
 * feed wrote them, repaired once, and cited honestly when the page could not be read; the CLI's look-ups
 * made from one walk of the corpus folder.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCorpusFile } from '../../src/corpus/load.ts';
import { parseFrontMatter } from '../../src/corpus/frontmatter.ts';
import { sourceRef } from '../../src/answer/cite.ts';
import { FetchError, type Fetcher, type FetchRequest } from '../../src/fetch/fetch.ts';
import { createIntake, type Intake } from '../../src/intake/intake.ts';
import { inlineParser } from '../../src/intake/parser.ts';

// Every recursive walk of a folder, counted (the CLI used to walk the whole corpus for each feed item).
const walks = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  return {
    ...fs,
    readdir: ((path: string, options?: { recursive?: boolean }) => {
      if (options?.recursive) walks.count++;
      return (fs.readdir as (...args: unknown[]) => unknown)(path, options);
    }) as typeof fs.readdir,
  };
});

/** A fetcher serving `docs` (url → body and type); any other address is a 404, as the real fetcher says it. */
function tableFetcher(docs: Map<string, { body: string; type: string }>): Fetcher {
  return {
    async fetch(request: FetchRequest) {
      const doc = docs.get(request.url);
      if (!doc) throw new FetchError('http', `${request.url} was not found (HTTP 404); check the address`, request.url, 404);
      return { status: 'ok', url: request.url, httpStatus: 200, contentType: doc.type, bytes: new TextEncoder().encode(doc.body), etag: null, lastModified: null, redirects: [] };
    },
    close: async () => {},
  };
}

let dir: string;
let docs: Map<string, { body: string; type: string }>;
let intake: Intake;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'intake-unit-'));
  docs = new Map();
  intake = createIntake({ corpusDir: dir, fetcher: tableFetcher(docs), parser: inlineParser, now: () => new Date('2026-02-10T12:00:00Z') });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The paragraphs and front matter of every file written under feeds/, by title. */
async function written(): Promise<Map<string, { fields: Record<string, string>; paragraphs: string[] }>> {
  const out = new Map<string, { fields: Record<string, string>; paragraphs: string[] }>();
  for (const name of await readdir(join(dir, 'feeds'), { recursive: true })) {
    if (!name.endsWith('.md')) continue;
    const fm = parseFrontMatter(await readFile(join(dir, 'feeds', name), 'utf8'));
    if (!fm.ok) throw new Error(fm.message);
    out.set(fm.fields.title ?? name, { fields: fm.fields, paragraphs: fm.body.split('\n\n').map((p) => p.trim()).filter(Boolean) });
  }
  return out;
}

const json = (items: object[]) => ({ body: JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Plain Words', items }), type: 'application/feed+json' });

describe('a feed item\'s own text', () => {
  it('keeps JSON Feed content_text and summary verbatim (plain text, never read as HTML); content_html stays HTML', async () => {
    docs.set('https://feed.example/feed.json', json([
      { id: '1', title: 'Text', content_text: 'In HTML a line break is written <br> and an ampersand &amp; (x<y).\n\nA second paragraph,\nover two lines.' },
      { id: '2', title: 'Summary', summary: 'Tags such as <p> are shown as written & so is &lt;.' },
      { id: '3', title: 'Html', content_html: '<p>One &amp; two</p><p>three <b>bold</b></p>', content_text: 'ignored' },
    ]));
    await intake.addFeedOnce('https://feed.example/feed.json');
    const files = await written();
    expect(files.get('Text')!.paragraphs).toEqual(['In HTML a line break is written <br> and an ampersand &amp; (x<y).', 'A second paragraph, over two lines.']);
    expect(files.get('Summary')!.paragraphs).toEqual(['Tags such as <p> are shown as written & so is &lt;.']);
    expect(files.get('Html')!.paragraphs).toEqual(['One & two', 'three bold']);
  });

  it('keeps Atom type="text" verbatim, its entities decoded once (by the XML parser); type="html" is HTML', async () => {
    docs.set('https://feed.example/atom.xml', {
      type: 'application/atom+xml',
      body: `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title><id>urn:a</id><updated>2026-02-10T10:00:00Z</updated>
<entry><id>urn:1</id><title>Plain</title><updated>2026-02-10T10:00:00Z</updated><summary type="text">Write &lt;br&gt; for a break and &amp;amp; for an ampersand.</summary></entry>
<entry><id>urn:2</id><title>Marked</title><updated>2026-02-10T10:00:00Z</updated><content type="html">&lt;p&gt;Fish &amp;amp; chips&lt;/p&gt;</content></entry>
<entry><id>urn:3</id><title>Untyped</title><updated>2026-02-10T10:00:00Z</updated><summary>Untyped text says x &lt; y &amp; y &gt; z.</summary></entry>
</feed>`,
    });
    await intake.addFeedOnce('https://feed.example/atom.xml');
    const files = await written();
    expect(files.get('Plain')!.paragraphs).toEqual(['Write <br> for a break and &amp; for an ampersand.']);
    expect(files.get('Marked')!.paragraphs).toEqual(['Fish & chips']);
    expect(files.get('Untyped')!.paragraphs).toEqual(['Untyped text says x < y & y > z.']);
  });

  // "ÃƒÂ©" is "Ã©" encoded twice; one repair gives back what the publisher wrote ("Ã©", in an article about
  // encodings), a second would turn it into "é".
  it.each([
    ['HTML (an RSS description)', { body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Enc</title><item><title>Twice</title><guid>t1</guid><description>&lt;p&gt;Read as Latin-1, é shows as ÃƒÂ© on the page.&lt;/p&gt;</description></item></channel></rss>', type: 'application/rss+xml' }],
    ['plain text (JSON Feed content_text)', json([{ id: 't1', title: 'Twice', content_text: 'Read as Latin-1, é shows as ÃƒÂ© on the page.' }])],
  ])('repairs the text of %s once', async (_what, doc) => {
    docs.set('https://feed.example/enc', doc);
    await intake.addFeedOnce('https://feed.example/enc');
    expect((await written()).get('Twice')!.paragraphs).toEqual(['Read as Latin-1, é shows as Ã© on the page.']);
  });
});

describe('an item whose page cannot be read', () => {
  it('is written from the feed\'s text with a note saying so, which the loader keeps and every citation carries', async () => {
    docs.set('https://feed.example/feed.json', json([{ id: 'g', title: 'Gone', url: 'https://news.example/gone', content_text: 'The feed\'s own short text about the harbour, enough words to be an article.' }]));
    const answer = await intake.addFeedOnce('https://feed.example/feed.json');
    expect(answer.items[0]!.tags).toEqual(["from the feed's own text, not the page; the page could not be read: https://news.example/gone was not found (HTTP 404)"]);
    const file = (await written()).get('Gone')!;
    expect(file.fields.url).toBe('https://news.example/gone');
    expect(file.fields.note).toBe("from the feed's own text, not the page; the page could not be read: https://news.example/gone was not found (HTTP 404)");
    const path = answer.sources[0]!.path;
    const [article] = (await readCorpusFile(dir, join(dir, path)))!.articles;
    expect(article!.note).toBe(file.fields.note);
    expect(sourceRef(article!)).toMatchObject({ url: 'https://news.example/gone', note: file.fields.note });
    expect(answer.sources[0]!.note).toBe(file.fields.note);
  });
});

describe('an attached Markdown file', () => {
  it('keeps its own note', async () => {
    docs.set('https://files.example/notes.md', { body: '---\ntitle: "Agency copy"\nnote: "the agency\'s summary, not the full story"\n---\nThe agency says the bridge will reopen in spring.\n', type: 'text/markdown' });
    const answer = await intake.addAttachment({ name: 'notes.md', url: 'https://files.example/notes.md', size: 200, contentType: 'text/markdown' });
    expect(answer.sources[0]).toMatchObject({ title: 'Agency copy', note: "the agency's summary, not the full story" });
  });
});

describe('the CLI (no library)', () => {
  it('walks the corpus folder once per run, not once per item, and still finds what it wrote', async () => {
    await mkdir(join(dir, 'newsroom'), { recursive: true });
    for (let i = 0; i < 30; i++) await writeFile(join(dir, 'newsroom', `story-${i}.md`), `Story ${i}.\n`);
    const items = Array.from({ length: 12 }, (_, i) => ({ id: `i${i}`, title: `Item ${i}`, content_text: `Item ${i} of the feed, with enough words to be kept as an article.` }));
    docs.set('https://feed.example/feed.json', json(items));
    walks.count = 0;
    const first = await intake.addFeedOnce('https://feed.example/feed.json');
    expect(first.items.map((i) => i.label)).toEqual(Array(12).fill('added'));
    expect(walks.count).toBeLessThanOrEqual(1);
    // The same run again: every item is found where it was written (the file is not written twice).
    walks.count = 0;
    const again = await intake.addFeedOnce('https://feed.example/feed.json');
    expect(again.items.map((i) => i.label)).toEqual(Array(12).fill('unchanged'));
    expect(walks.count).toBe(0);
    expect((await written()).size).toBe(12);
  });
});
