import { describe, expect, it } from 'vitest';
import { collectCandidates, shownText } from '../../src/brief/candidates.ts';
import type { Article } from '../../src/corpus/types.ts';
import { makeArticle } from '../support/articles.ts';

const article = (id: string, title: string | null, texts: string[]): Article => makeArticle(id, texts, { title });

describe('collectCandidates: what may become a finding', () => {
  const a = article('x', 'Oil output rises in Venezuela', [
    'Oil output rises in Venezuela',
    'Venezuelan oil through the first half of 1987 has averaged 16. 20 dlrs per barrel, the state oil company said.',
    'The finance minister said the oil revenue projection is based on an average price of 16.35 dlrs per barrel.',
    'Follow us on Twitter for more energy news.',
  ]);
  const texts = collectCandidates([a]).map((c) => c.sentence.text);

  it.each([
    ['the headline repeated as a paragraph', 'Oil output rises in Venezuela'],
    ['a sentence cut short by a split inside a number', 'Venezuelan oil through the first half of 1987 has averaged 16.'],
    ['the rest of that number', '20 dlrs per barrel, the state oil company said.'],
    ['a plug', 'Follow us on Twitter for more energy news.'],
  ])('leaves out %s', (_what, text) => {
    expect(texts).not.toContain(text);
  });

  it('keeps a full sentence of the story', () => {
    expect(texts).toContain('The finance minister said the oil revenue projection is based on an average price of 16.35 dlrs per barrel.');
  });

  it('reads only the chosen paragraphs and the first sentences when asked', () => {
    expect(collectCandidates([a], { paragraphs: new Set(['x-p3']) }).map((c) => c.paragraph.id)).toEqual(['x-p3']);
    expect(collectCandidates([a], { maxPosition: 1 })).toEqual([]);
  });
});

describe('collectCandidates with joinDangling: a sentence that points back is read with the one before it', () => {
  const a = article('j', null, [
    'By September, the US had threatened to close the embassy unless Iraqi authorities reined in militia attacks. That prompted militias to announce a unilateral truce that lasted until November 17, when rockets fired at the Green Zone killed a child.',
    'That prompted Iran-aligned factions to agree to a truce in mid-October, and the attacks swiftly stopped.',
    'He said the talks on the budget had failed. But the delegates would meet again in June, the chairman said.',
    'The council met on Monday to discuss the budget for next year. It approved spending of two million euros on roads, schools, hospitals, libraries, parks, bridges, the tram line and the old harbour after a debate in the town hall that lasted well into the night.',
  ]);
  const texts = (joinDangling?: number) => collectCandidates([a], joinDangling === undefined ? {} : { joinDangling }).map((c) => c.sentence.text);

  it.each([
    ['a sentence and the one pointing back to it, as one span', a.paragraphs[0]!.text, true],
    ['no sentence across paragraphs (the first of its paragraph stays alone)', a.paragraphs[1]!.text, true],
    ['no pair whose first sentence points back too ("He said … But …")', 'He said the talks on the budget had failed.', true],
    ['no pair longer than the limit', 'The council met on Monday to discuss the budget for next year.', true],
    ['the first sentence of a joined pair alone', 'By September, the US had threatened to close the embassy unless Iraqi authorities reined in militia attacks.', false],
  ])('gives %s', (_what, text, present) => {
    expect(texts(40).includes(text)).toBe(present);
  });

  it('keeps every span verbatim in its paragraph, at the position of its first sentence', () => {
    for (const c of collectCandidates([a], { joinDangling: 40 })) {
      expect(c.paragraph.text.slice(c.sentence.start, c.sentence.end)).toBe(c.sentence.text);
    }
    expect(collectCandidates([a], { joinDangling: 60 })[0]!.position).toBe(0);
  });

  it('joins nothing when not asked (whole-corpus briefings)', () => {
    expect(texts()).toContain('By September, the US had threatened to close the embassy unless Iraqi authorities reined in militia attacks.');
  });
});

describe('shownText: the text a briefing shows', () => {
  it.each([
    ['BAGHDAD (AFP) - The American embassy in Baghdad has partially withdrawn its staff.', 'The American embassy in Baghdad has partially withdrawn its staff.'],
    ['BAGHDAD – The U.S. government has decided to withdraw some staff from its embassy.', 'The U.S. government has decided to withdraw some staff from its embassy.'],
    ['WASHINGTON (Reuters) — Treasury Secretary James Baker said the dollar had fallen enough.', 'Treasury Secretary James Baker said the dollar had fallen enough.'],
    ['The U.S. - Iraq talks will resume on Monday in Baghdad, officials said.', 'The U.S. - Iraq talks will resume on Monday in Baghdad, officials said.'],
  ])('%s → %s', (lede, shown) => {
    const [c] = collectCandidates([article('d', null, [lede])]);
    expect(shownText(c!)).toBe(shown);
    expect(lede.endsWith(shown)).toBe(true);
  });

  it('leaves a later paragraph alone, dateline-like or not', () => {
    const [, c] = collectCandidates([article('d', null, ['The talks ended without agreement on Monday, delegates said.', 'LONDON - The council will meet again in June, the chairman said.'])]);
    expect(shownText(c!)).toBe('LONDON - The council will meet again in June, the chairman said.');
  });
});
