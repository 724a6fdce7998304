import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildLibrary } from '../../src/library.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { source } from '../../src/answer/source.ts';
import { renderText } from '../../src/render/text.ts';
import type { Library } from '../../src/library.ts';
import { seedLibrary } from '../support/seeds.ts';
import { nth } from '../support/ids.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

describe('source', () => {
  it('with no id lists the articles with headline, outlet, date and paragraph count', () => {
    const answer = source(library, '');
    expect(answer.items.map((i) => i.label)).toEqual(['000', '001', '002', '003', '004']);
    // 003 has no headline: its first words stand in, quoted, never "(untitled)".
    expect(answer.items[3]).toMatchObject({ text: '“BAGHDAD – The U.S. government has decided to withdraw some staff from…”', outlet: 'The Washington Post', published: '2020-12-02' });
    expect(answer.sources[3]!.heading).toBe(answer.items[3]!.text);
    expect(answer.items[0]!.paragraphs).toBe(library.corpus.articleById.get('000')!.paragraphs.length);
  });

  it('with an article id shows its paragraphs with their ids, then what the loader dropped', () => {
    const answer = source(library, '004');
    const paragraphs = answer.items.filter((i) => i.section === 'paragraph');
    expect(paragraphs.map((i) => i.label)).toEqual([1, 2, 3, 4, 5, 6].map((n) => nth(library, '004', n)));
    expect(answer.items.filter((i) => i.section === 'dropped').map((i) => i.text)).toContain('!-- Google tag (gtag.js) -->');
    expect(answer.sources).toHaveLength(1);
  });

  it('with a citation id shows the paragraph verbatim with its neighbours', () => {
    const answer = source(library, nth(library, '001', 4));
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]).toMatchObject({ previous: nth(library, '001', 3), next: nth(library, '001', 5), label: nth(library, '001', 4) });
    expect(answer.items[0]!.text).toMatch(/^"It's a minor drawdown based on security reservations/);
  });

  it.each(['001-p4', '001 4', '001-P4'])('finds a paragraph by its position as %j', (query) => {
    expect(source(library, query).items[0]!.label).toBe(nth(library, '001', 4));
  });

  it.each([
    ['a position keeps what was typed beside the id it found', '001-p4', `Source · 001-p4 → ${'ID'}`],
    ['a citation id is the title as it is', 'ID', 'Source · ID'],
    ['a citation id typed in capitals is not repeated', 'UPPER', 'Source · ID'],
  ])('the title: %s', (_name, typed, title) => {
    const id = nth(library, '001', 4);
    const query = typed === 'ID' ? id : typed === 'UPPER' ? id.toUpperCase() : typed;
    expect(source(library, query).title).toBe(title.replace('ID', id));
  });

  it('an untitled article is named by its first words wherever it is shown, never "(untitled)"', () => {
    const answers = [source(library, '003'), source(library, nth(library, '003', 2)), source(library, '')];
    expect(answers[0]!.title).toBe('Source · “BAGHDAD – The U.S. government has decided to withdraw some staff from…”');
    expect(answers[1]!.notes[0]).toMatch(/^Paragraph 2 of \d+ in “BAGHDAD – The U\.S\. government/);
    expect(JSON.stringify(answers)).not.toContain('untitled');
  });

  it('has no previous paragraph for the first and no next for the last', () => {
    const last = library.corpus.articleById.get('002')!.paragraphs.length;
    expect(source(library, nth(library, '002', 1)).items[0]!.previous).toBeNull();
    expect(source(library, nth(library, '002', last)).items[0]!.next).toBeNull();
  });

  it('accepts ids in any case and words of exactly one headline', () => {
    const id = nth(library, '001', 4);
    expect(source(library, id.toUpperCase()).query).toBe(id);
    expect(source(library, 'Embassy Shutdown').query).toBe('004');
  });

  it.each([
    ['a mistyped citation id (one character wrong)', (id: string) => `${id.slice(0, -1)}${id.endsWith('z') ? 'y' : 'z'}`],
    ['a citation id with a character missing', (id: string) => id.slice(0, -1)],
  ])('for %s says so and suggests the right id among the nearest', (_name, mangle) => {
    const id = nth(library, '001', 4);
    const typed = mangle(id);
    const answer = source(library, typed);
    expect(answer.items).toEqual([]);
    expect(answer.notes).toEqual([`No article or paragraph \`${typed}\` in the corpus. The nearest ids are suggested below.`]);
    expect(answer.suggestions).toContain(id);
    expect(renderText(answer).split(id)).toHaveLength(2); // the id once: in "Try: …", not in the note as well
  });

  it.each(['001-p99', '001 99', '001-p0'])('for a paragraph position past the article\'s end (%s) says how many paragraphs it has', (id) => {
    const n = library.corpus.articleById.get('001')!.paragraphs.length;
    const answer = source(library, id);
    expect(answer.notes).toEqual([`Article 001 has ${n} paragraphs: 001-p1 … 001-p${n}.`]);
    expect(answer.next).toEqual([{ command: 'source', query: '001', does: 'shows the article with its citation ids' }]);
  });

  it('names the command that lists the articles as data, for each door to word, when no id is near', () => {
    const answer = source(library, 'qqqqqqqqqqqqqqqqqqqq');
    expect(answer.notes.join(' ')).not.toContain('/source');
    expect(answer.next).toEqual([{ command: 'source', query: '', does: 'lists the articles' }]);
  });

  it('for an unknown article id suggests the nearest article ids', () => {
    expect(source(library, '0001').suggestions).toContain('001');
  });
});

describe('source counts in the singular when there is one', () => {
  it('says "1 article", "1 paragraph", "0 lines", never "1 articles" or "1 paragraphs"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'source-one-'));
    try {
      await writeFile(join(dir, '010.md'), '---\nid: "010"\ntitle: "One paragraph"\npublished: 2020-12-03\n---\nThe embassy in Baghdad reduced its staff on Thursday, officials said.\n');
      const one = buildLibrary(await loadCorpus(dir));
      const list = source(one, '');
      expect(list.title).toBe('Sources · 1 article');
      expect(list.items[0]!.tags).toContain('1 paragraph');
      expect(source(one, '010').notes[0]).toBe('1 paragraph; 0 lines dropped as debris.');
      expect(source(one, '010-p9').notes[0]).toMatch(/^Article 010 has 1 paragraph: 010-p1\.$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
