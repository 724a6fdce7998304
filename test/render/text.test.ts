import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/types.ts';
import { askCommand, renderText } from '../../src/render/text.ts';
import { smallAnswer, source } from '../discord/fixtures.ts';

describe('renderText: what an answer left out, in the terminal\'s words', () => {
  it.each([
    ['a total --limit can reach names the exact --limit', 40, 'Note: 12 of 40 dates shown, the ones most sources point at; --limit 40 shows them all.'],
    ['a total beyond --limit\'s range names the largest', 2500, 'Note: 12 of 2,500 dates shown, the ones most sources point at; --limit 100 shows the first 100.'],
  ])('%s', (_name, total, line) => {
    const answer: Answer = { ...smallAnswer('timeline'), more: [{ shown: 12, total, unit: 'dates', chosen: 'the ones most sources point at' }] };
    const text = renderText(answer);
    expect(text.split('\n')).toContain(line);
    expect(text).not.toMatch(/Show all|More\b/);
  });

  it('names an untitled source by its heading', () => {
    const answer: Answer = { ...smallAnswer(), sources: [source('000', { title: null }), source('001')] };
    expect(renderText(answer)).toContain('  000    “Opening words of article 000…” · The Daily Example · 3 Dec 2020');
    expect(renderText(answer)).not.toContain('untitled');
  });
});

describe('renderText: the commands worth running next, as each terminal door types them', () => {
  const answer: Answer = { ...smallAnswer('source'), next: [{ command: 'source', query: '001', does: 'shows the whole article' }] };

  it.each([
    ['the console types them as in Discord', {}, 'Note: /source 001 shows the whole article.'],
    ['the shell names npm run ask', { door: 'cli' as const }, 'Note: `npm run ask -- source 001` shows the whole article.'],
    ['the shell repeats the --corpus it was given', { door: 'cli' as const, corpus: 'news/today' }, 'Note: `npm run ask -- source 001 --corpus news/today` shows the whole article.'],
  ])('%s', (_name, door, line) => {
    expect(renderText(answer, door).split('\n')).toContain(line);
  });

  it('quotes a --corpus path the shell would split', () => {
    expect(askCommand('corpus', '', "my corpus's files")).toBe(`npm run ask -- corpus --corpus 'my corpus'\\''s files'`);
  });
});
