import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Answer, AnswerItem } from '../../src/answer/types.ts';
import { fitsOneMessage, postedMessages } from '../../src/discord/poster.ts';
import { BUDGET } from '../../src/discord/render.ts';
import { checkLimits } from '../../src/discord/limits.ts';
import { cite, hostileText, smallAnswer, source, worstAnswer } from './fixtures.ts';

/** The decision as it was made before: every page rendered, one message or more. */
const renderedFits = (answer: Answer) => postedMessages(answer).length === 1;

const ARTICLES = ['000', '001', '002', '003', '004', '005'];

/** Text of about `length` characters, plain or hostile (markdown and mentions grow when escaped). */
const text = fc.tuple(fc.integer({ min: 1, max: 900 }), fc.integer({ min: 0, max: 7 }), fc.boolean()).map(([length, seed, hostile]) =>
  hostile ? hostileText(length, seed) : 'plain words of an ordinary sentence '.repeat(Math.ceil(length / 36)).slice(0, length),
);

const item: fc.Arbitrary<AnswerItem> = fc
  .record({
    text,
    cited: fc.uniqueArray(fc.constantFrom(...ARTICLES), { maxLength: 3 }),
    label: fc.option(fc.constantFrom('000-abcd', '3 Dec 2020', 'Watch label that is long enough to be cut at sixty characters by the renderer'), { nil: undefined }),
    tags: fc.option(fc.array(fc.constantFrom('now 3 sources', 'single source so far', 'new'), { maxLength: 2 }), { nil: undefined }),
    section: fc.option(fc.constantFrom('Watch #1 · militia rocket attacks', 'Watch #2 · Tueller', 'paragraph'), { nil: undefined }),
  })
  .map(({ text: t, cited, label, tags, section }) => ({
    text: t,
    citations: cited.map((a, k) => cite(a, k + 1, t)),
    ...(label === undefined ? {} : { label }),
    ...(tags === undefined ? {} : { tags }),
    ...(section === undefined ? {} : { section }),
  }));

/** Answers around the limits: 0–14 items (a page holds 8), short to long texts (the description holds 2800). */
const answer: fc.Arbitrary<Answer> = fc
  .record({
    items: fc.oneof(fc.array(item, { maxLength: BUDGET.itemsPerPage }), fc.array(item, { minLength: BUDGET.itemsPerPage - 1, maxLength: 14 })),
    sources: fc.uniqueArray(fc.constantFrom(...ARTICLES), { maxLength: ARTICLES.length }),
    notes: fc.array(text, { maxLength: 3 }),
    title: text,
  })
  .map(({ items, sources, notes, title }) => ({ command: 'watch', query: 'topic', title, items, notes, sources: sources.map((a) => source(a)) }));

describe('fitsOneMessage', () => {
  it('decides as rendering every page did, on generated answers of every size', () => {
    const seen = { fits: 0, tooManyItems: 0, tooLong: 0 };
    fc.assert(
      fc.property(answer, (a) => {
        const fits = fitsOneMessage(a);
        expect(fits).toBe(renderedFits(a));
        if (fits) seen.fits++;
        else if (a.items.length > BUDGET.itemsPerPage) seen.tooManyItems++;
        else seen.tooLong++;
      }),
      { numRuns: 600 },
    );
    // Every way to decide was met: one message, too many items for a page, items too long for one.
    expect(seen.fits).toBeGreaterThan(20);
    expect(seen.tooManyItems).toBeGreaterThan(20);
    expect(seen.tooLong).toBeGreaterThan(20);
  });

  it.each([
    ['no items (a notice)', { ...smallAnswer(), items: [] }],
    ['a small answer', smallAnswer()],
    ['the worst answer', worstAnswer()],
    ['exactly a page of items', { ...smallAnswer(), items: Array.from({ length: BUDGET.itemsPerPage }, (_, i) => smallAnswer().items[i % 3]!) }],
    ['a page and one item', { ...smallAnswer(), items: Array.from({ length: BUDGET.itemsPerPage + 1 }, (_, i) => smallAnswer().items[i % 3]!) }],
  ])('decides as rendering did for %s', (_, a) => {
    expect(fitsOneMessage(a)).toBe(renderedFits(a));
  });

  it('what it says fits is one message within every Discord limit', () => {
    fc.assert(
      fc.property(answer, (a) => {
        if (!fitsOneMessage(a)) return;
        const [message, ...more] = postedMessages(a);
        expect(more).toEqual([]);
        expect(checkLimits(message!)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
