import { beforeAll, describe, expect, it } from 'vitest';
import { source } from '../../src/answer/source.ts';
import type { Library } from '../../src/library.ts';
import { seedLibrary } from '../support/seeds.ts';

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

describe('source', () => {
  it('with no id lists the articles with headline, outlet, date and paragraph count', () => {
    const answer = source(library, '');
    expect(answer.items.map((i) => i.label)).toEqual(['000', '001', '002', '003', '004']);
    expect(answer.items[3]).toMatchObject({ text: '(untitled)', outlet: 'The Washington Post', published: '2020-12-02' });
    expect(answer.items[0]!.paragraphs).toBe(library.corpus.articleById.get('000')!.paragraphs.length);
  });

  it('with an article id shows its paragraphs with their ids, then what the loader dropped', () => {
    const answer = source(library, '004');
    const paragraphs = answer.items.filter((i) => i.section === 'paragraph');
    expect(paragraphs.map((i) => i.label)).toEqual(['004-p1', '004-p2', '004-p3', '004-p4', '004-p5', '004-p6']);
    expect(answer.items.filter((i) => i.section === 'dropped').map((i) => i.text)).toContain('!-- Google tag (gtag.js) -->');
    expect(answer.sources).toHaveLength(1);
  });

  it('with a citation id shows the paragraph verbatim with its neighbours', () => {
    const answer = source(library, '001-p4');
    expect(answer.items).toHaveLength(1);
    expect(answer.items[0]).toMatchObject({ previous: '001-p3', next: '001-p5', label: '001-p4' });
    expect(answer.items[0]!.text).toBe(library.corpus.paragraphById.get('001-p4')!.text);
  });

  it('has no previous paragraph for the first and no next for the last', () => {
    const last = library.corpus.articleById.get('002')!.paragraphs.length;
    expect(source(library, '002-p1').items[0]!.previous).toBeNull();
    expect(source(library, `002-p${last}`).items[0]!.next).toBeNull();
  });

  it('accepts ids in any case and words of exactly one headline', () => {
    expect(source(library, '001-P4').query).toBe('001-p4');
    expect(source(library, 'Embassy Shutdown').query).toBe('004');
  });

  it.each([
    ['00-p3', '000-p3'],
    ['001-p99', '001-p9'],
    ['0001', '001'],
  ])('for the unknown id %s says so and suggests %s among the nearest', (id, expected) => {
    const answer = source(library, id);
    expect(answer.items).toEqual([]);
    expect(answer.notes[0]).toContain(`No article or paragraph \`${id}\``);
    expect(answer.suggestions).toContain(expected);
  });
});
