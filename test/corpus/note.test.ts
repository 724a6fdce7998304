/**
 * A file's `note` (front matter or JSON): kept by the loader and by the snapshot, and shown wherever the
 * article is cited — /source, the terminal's Sources, the Markdown export — beside the URL it is cited under.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { source } from '../../src/answer/source.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { toMarkdown } from '../../src/export/markdown.ts';
import { openLibraryWithReport } from '../../src/library.ts';
import { renderText } from '../../src/render/text.ts';

const NOTE = "from the feed's own text, not the page; the page could not be read: https://news.example/gone was not found (HTTP 404)";
let dir: string;
let cache: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corpus-note-'));
  cache = await mkdtemp(join(tmpdir(), 'corpus-note-cache-'));
  await writeFile(
    join(dir, 'gone.md'),
    `---\nid: "gone"\ntitle: "Harbour bridge closed"\noutlet: "Harbour Gazette"\npublished: 2026-02-10\nurl: https://news.example/gone\nnote: "${NOTE}"\n---\n\nThe council closed the harbour bridge to lorries on Tuesday after engineers found cracks.\n\nRepairs will take eighteen months.\n`,
  );
  await writeFile(join(dir, 'plain.md'), '---\nid: "plain"\ntitle: "Ferry timetable"\n---\n\nThe winter ferry timetable starts on Monday.\n');
  await writeFile(join(dir, 'export.jsonl'), `${JSON.stringify({ id: 'wire', title: 'Wire copy', body: 'A wire story about the bridge.', url: 'https://wire.example/1', note: 'an agency summary, not the full story' })}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(cache, { recursive: true, force: true });
});

describe('an article\'s note', () => {
  it('is read from front matter and from JSON lines; a file without one has none', async () => {
    const corpus = await loadCorpus(dir);
    expect(corpus.articleById.get('gone')!.note).toBe(NOTE);
    expect(corpus.articleById.get('wire')!.note).toBe('an agency summary, not the full story');
    expect(corpus.articleById.get('plain')!.note).toBeUndefined();
  });

  it('survives the snapshot', async () => {
    const first = await openLibraryWithReport(dir, { cacheDir: cache, background: false });
    expect(first.library.corpus.articleById.get('gone')!.note).toBe(NOTE);
    const again = await openLibraryWithReport(dir, { cacheDir: cache, background: false });
    expect(again.report.snapshot).toBe('used');
    expect(again.library.corpus.articleById.get('gone')!.note).toBe(NOTE);
  });

  it('is said by /source (the article, a paragraph, the list) and carried by its source reference', async () => {
    const { library } = await openLibraryWithReport(dir, { background: false });
    const article = source(library, 'gone');
    expect(article.sources[0]).toMatchObject({ url: 'https://news.example/gone', note: NOTE });
    expect(article.notes).toContain(`About this text: ${NOTE}.`);
    const paragraph = source(library, library.corpus.articleById.get('gone')!.paragraphs[1]!.id);
    expect(paragraph.notes).toContain(`About this text: ${NOTE}.`);
    expect(source(library, '').items.find((i) => i.label === 'gone')!.tags).toContain(NOTE);
    expect(source(library, 'plain').notes.join(' ')).not.toMatch(/About this text/);
    expect(source(library, 'plain').sources[0]).not.toHaveProperty('note');
  });

  it('stands beside the URL in the terminal\'s Sources and in the Markdown export', async () => {
    const { library } = await openLibraryWithReport(dir, { background: false });
    const answer = source(library, 'gone');
    expect(renderText(answer).split('\n')).toContain(`  gone   Harbour bridge closed · Harbour Gazette · 10 Feb 2026 · https://news.example/gone · (${NOTE})`);
    expect(toMarkdown(answer)).toContain('[Harbour bridge closed](<https://news.example/gone>), Harbour Gazette, 10 Feb 2026, *(from the feed\'s own text, not the page; the page could not be read: https://news.example/gone was not found (HTTP 404))*');
  });
});
