import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileFingerprint, loadCorpus, readCorpusFile } from '../../src/corpus/load.ts';
import { buildLibrary } from '../../src/library.ts';
import { source } from '../../src/answer/source.ts';
import { SEED_CORPUS } from '../support/seeds.ts';

describe('loadCorpus on the bundled seed corpus', () => {
  it('loads the five seeds without problems', async () => {
    const corpus = await loadCorpus(SEED_CORPUS);
    expect(corpus.articles.map((a) => a.id)).toEqual(['000', '001', '002', '003', '004']);
    expect(corpus.report.problems).toEqual([]);
  });

  it.each([
    ['004', 'markup remnant', '!-- Google tag (gtag.js) -->'],
    ['001', 'newsletter or social plug', 'Join ST'],
    ['000', 'photo caption or credit', 'STR/AFP via Getty Images'],
    ['002', 'byline', 'Author: Dave DeCamp'],
    ['003', 'reporter credits', 'Hudson and Morello reported from Washington'],
    ['003', 'rule line', '– – –'],
    ['004', 'repeated headline', 'US Warns Iraq of Embassy Shutdown'],
  ])('drops debris from %s as %s and keeps a record of it', async (id, reason, fragment) => {
    const article = (await loadCorpus(SEED_CORPUS)).articleById.get(id)!;
    expect(article.dropped.some((d) => d.reason === reason && d.text.includes(fragment))).toBe(true);
    expect(article.paragraphs.some((p) => p.text.includes(fragment))).toBe(false);
  });

  it('drops both copies of the duplicated photo caption in 000, keeping the story that follows', async () => {
    const article = (await loadCorpus(SEED_CORPUS)).articleById.get('000')!;
    expect(article.dropped.filter((d) => d.text.includes('Getty Images'))).toHaveLength(2);
    expect(article.paragraphs[0]!.text).toMatch(/^The United States has reduced staffing at its Baghdad embassy/);
  });

  it('keeps the lede of 003 as content and leaves its headline unknown', async () => {
    const article = (await loadCorpus(SEED_CORPUS)).articleById.get('003')!;
    expect(article.title).toBeNull();
    expect(article.paragraphs[0]!.text).toMatch(/^BAGHDAD – The U\.S\. government has decided to withdraw some staff/);
  });

  it('takes the first line as the headline when it reads as one', async () => {
    const corpus = await loadCorpus(SEED_CORPUS);
    expect(corpus.articleById.get('000')!.title).toBe('US reduces diplomatic staff in Iraq amid security threats');
    expect(corpus.articleById.get('004')!.title).toBe('US Warns Iraq of Embassy Shutdown in Response to Attacks on Personnel');
  });

  it('keeps every paragraph word for word as in the seed file', async () => {
    const corpus = await loadCorpus(SEED_CORPUS);
    const { readFile } = await import('node:fs/promises');
    for (const article of corpus.articles) {
      const raw = await readFile(join(SEED_CORPUS, article.path), 'utf8');
      for (const p of article.paragraphs) expect(raw).toContain(p.text);
    }
  });
});

describe('loadCorpus on a folder with bad files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    for (const f of await readdir(SEED_CORPUS)) await copyFile(join(SEED_CORPUS, f), join(dir, f));
    await writeFile(join(dir, 'empty.md'), '');
    await writeFile(join(dir, 'blank.txt'), '  \n\n  ');
    await writeFile(join(dir, 'photo.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]));
    await writeFile(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
    // "Café in Zürich" written by an old CMS in Latin-1: é = 0xE9, ü = 0xFC.
    await writeFile(join(dir, 'latin1.txt'), Buffer.from('Caf\xe9 talks in Z\xfcrich\n\nThe talks in Z\xfcrich ended without a deal on Tuesday.\n', 'latin1'));
    await writeFile(
      join(dir, 'export.jsonl'),
      [
        JSON.stringify({ id: 'cms-1', title: 'First story', body: 'A first paragraph.\n\nA second paragraph.', published: '2021-03-04' }),
        '{"id": "cms-2", "title": "Broken", "body": "never closed',
        JSON.stringify({ id: 'cms-3', title: 'No body' }),
        JSON.stringify({ id: '000', title: 'Clashes with a seed id', body: 'Text.' }),
        JSON.stringify({ id: 'cms-4', title: 'Bad date', body: 'Text of four.', published: 'Sept 29' }),
      ].join('\n'),
    );
    await writeFile(join(dir, 'unclosed.md'), '---\ntitle: Never closed\npublished: 2020-01-01\n\nBody text here.\n');
    await writeFile(join(dir, 'badline.md'), '---\ntitle: Fine\nthis line is not a field\n---\nBody text here.\n');
    await writeFile(join(dir, 'huge.txt'), Buffer.alloc(50 * 1024 * 1024, 'a'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const problemFor = async (path: string, line?: number) => {
    const corpus = await loadCorpus(dir);
    return corpus.report.problems.find((p) => p.path === path && (line === undefined || p.line === line));
  };

  it('loads the seeds and the good lines of the export', async () => {
    const corpus = await loadCorpus(dir);
    for (const id of ['000', '001', '002', '003', '004', 'cms-1', 'cms-4', 'latin1']) expect(corpus.articleById.has(id)).toBe(true);
    expect(corpus.articleById.get('cms-1')!.paragraphs.map((p) => p.text)).toEqual(['A first paragraph.', 'A second paragraph.']);
    expect(corpus.articleById.get('cms-1')!.paragraphs.map((p) => p.id)).toEqual([expect.stringMatching(/^cms-1-[0-9a-z]{4}$/), expect.stringMatching(/^cms-1-[0-9a-z]{4}$/)]);
  });

  it.each([
    ['empty.md', undefined, 'skipped', /empty file/],
    ['blank.txt', undefined, 'skipped', /empty file/],
    ['photo.txt', undefined, 'skipped', /binary/],
    ['image.png', undefined, 'skipped', /not a corpus file/],
    ['latin1.txt', undefined, 'loaded', /Windows-1252/],
    ['export.jsonl', 2, 'skipped', /not valid JSON/],
    ['export.jsonl', 3, 'skipped', /no `body`/],
    ['export.jsonl', 4, 'skipped', /duplicate id `000`/],
    ['export.jsonl', 5, 'loaded', /`published` must be YYYY-MM-DD.*got `Sept 29`/],
    ['unclosed.md', 1, 'skipped', /never closed/],
    ['badline.md', 3, 'skipped', /`key: value`.*this line is not a field/],
    ['huge.txt', undefined, 'skipped', /50\.0 MB, over the 2\.0 MB limit/],
  ])('reports %s (line %s) as %s with what was wrong', async (path, line, action, message) => {
    const problem = await problemFor(path, line);
    expect(problem, `no problem reported for ${path}:${line}`).toBeDefined();
    expect(problem!.action).toBe(action);
    expect(problem!.message).toMatch(message);
  });

  it('decodes the Latin-1 file as Windows-1252 text', async () => {
    const article = (await loadCorpus(dir)).articleById.get('latin1')!;
    expect(article.title).toBe('Café talks in Zürich');
    expect(article.paragraphs[0]!.text).toContain('Zürich ended');
  });

  it('still answers /source after the bad files', async () => {
    const library = buildLibrary(await loadCorpus(dir));
    expect(source(library, '001-p1').items[0]!.text).toMatch(/partially withdrawn its staff/);
    expect(source(library, library.corpus.articleById.get('002')!.paragraphs[0]!.id).items).toHaveLength(1);
    expect(source(library, '').items.length).toBe(library.corpus.articles.length);
  });
});

describe('citation ids', () => {
  it('are the same across two loads of the same files', async () => {
    const a = await loadCorpus(SEED_CORPUS);
    const b = await loadCorpus(SEED_CORPUS);
    expect([...a.paragraphById.keys()]).toEqual([...b.paragraphById.keys()]);
    for (const [id, p] of a.paragraphById) expect(b.paragraphById.get(id)!.text).toBe(p.text);
  });

  it('of one article do not change when another file is added', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    await copyFile(join(SEED_CORPUS, '003_f1395bb943e01d03.txt'), join(dir, '003.txt'));
    const before = await loadCorpus(dir);
    await writeFile(join(dir, '001-new.md'), 'A new headline\n\nA new paragraph about the embassy.\n');
    const after = await loadCorpus(dir);
    for (const [id, p] of before.paragraphById) expect(after.paragraphById.get(id)?.text).toBe(p.text);
    await rm(dir, { recursive: true, force: true });
  });

  it('are unique and short enough to type, without look-alike letters', async () => {
    const corpus = await loadCorpus(SEED_CORPUS);
    const ids = corpus.articles.flatMap((a) => a.paragraphs.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9]{3}-[0-9a-hjkmnp-tv-z]{4}$/);
  });

  it('of unchanged paragraphs survive an edit that inserts, changes and removes other paragraphs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    const file = join(dir, 'story.md');
    await writeFile(file, 'Headline\n\nFirst paragraph.\n\nSecond paragraph.\n\nThird paragraph.\n\nFourth paragraph.\n');
    const before = (await loadCorpus(dir)).articleById.get('story')!.paragraphs;
    await writeFile(file, 'Headline\n\nA correction on top.\n\nFirst paragraph.\n\nSecond paragraph, corrected.\n\nFourth paragraph.\n');
    const after = (await loadCorpus(dir)).articleById.get('story')!.paragraphs;
    const idOf = (ps: typeof before, text: string) => ps.find((p) => p.text === text)?.id;
    expect(idOf(after, 'First paragraph.')).toBe(idOf(before, 'First paragraph.'));
    expect(idOf(after, 'Fourth paragraph.')).toBe(idOf(before, 'Fourth paragraph.'));
    expect(after.map((p) => p.id)).not.toContain(idOf(before, 'Second paragraph.'));
    expect(after.map((p) => p.n)).toEqual([1, 2, 3, 4]);
    await rm(dir, { recursive: true, force: true });
  });

  it('tell apart two paragraphs with the same words', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corpus-'));
    await writeFile(join(dir, 'table.md'), 'Headline\n\nQUOTA 1987\n\nQUOTA 1987\n');
    const ps = (await loadCorpus(dir)).articleById.get('table')!.paragraphs;
    expect(ps).toHaveLength(2);
    expect(ps[0]!.id).not.toBe(ps[1]!.id);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('fileFingerprint', () => {
  it('gives a large export (hashed in chunks) the same hash readCorpusFile records', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fingerprint-'));
    try {
      const line = (i: number) => JSON.stringify({ id: `a${i}`, title: `Story ${i}`, body: `Paragraph ${i} of a long export about harbour dredging. `.repeat(20) });
      const file = join(dir, 'export.jsonl');
      await writeFile(file, `${Array.from({ length: 2000 }, (_, i) => line(i)).join('\n')}\n`); // about 2.5 MB: over the chunked size
      const small = join(dir, 'small.md');
      await writeFile(small, 'Small\n\nOne paragraph.\n');
      for (const f of [file, small]) {
        const read = await readCorpusFile(dir, f);
        expect(await fileFingerprint(f)).toBe(read!.hash);
        expect(read!.hash).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(await fileFingerprint(join(dir, 'gone.jsonl'))).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
