import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ELLIPSIS, cleanOption, escapeAndTruncate, escapeMarkdown, superscript, truncate } from '../../src/discord/text.ts';
import { checkText } from '../../src/discord/options.ts';
import { UserError } from '../../src/discord/errors.ts';

const hasLoneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('escapeMarkdown', () => {
  it.each([
    ['bold and italics lose their meaning', '**a** _b_', '\\*\\*a\\*\\* \\_b\\_'],
    ['a user mention shows as text', '<@123>', '\\<\\@123>'],
    ['@everyone cannot be a mention', '@everyone', '\\@everyone'],
    ['a masked link shows its brackets', '[x](https://e.x)', '\\[x\\](https\\://e.x)'],
    ['a heading marker at line start is escaped', '# Title', '\\# Title'],
    ['a list marker at line start is escaped', 'a\n- b', 'a\n\\- b'],
    ['a numbered list at line start is escaped', '1. first', '1\\. first'],
    ['a hyphen inside a word is left alone', 'U.S.-led', 'U.S.-led'],
    ['a backslash is doubled', 'a\\b', 'a\\\\b'],
  ])('%s', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('truncate', () => {
  it.each([
    ['text that fits is unchanged', 'short text', 20, 'short text'],
    ['a cut lands on a word boundary with an ellipsis', 'the quick brown fox', 12, 'the quick…'],
    ['a single long word is cut inside it', 'abcdefghijklmnop', 6, 'abcde…'],
    ['an emoji is never split', '😀😀😀😀', 4, '😀…'],
    ['a family emoji (one grapheme) is kept whole or dropped', 'ab 👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 16, 'ab 👨‍👩‍👧‍👦…'],
  ])('%s', (_name, text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('never exceeds the limit, never splits a surrogate pair, and keeps a prefix of the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
        const out = truncate(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(hasLoneSurrogate(out)).toBe(false);
        if (text.length <= max) expect(out).toBe(text);
        else {
          expect(out.endsWith(ELLIPSIS)).toBe(true);
          expect(text.startsWith(out.slice(0, -1))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeAndTruncate', () => {
  it('fits the limit after escaping, never splits a pair, never leaves a dangling escape', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '*', '@', '<', '\\', '\n', '-', '😀', 'é', '#', '1', '.'), maxLength: 200 }),
        fc.integer({ min: 1, max: 150 }),
        (text, max) => {
          const out = escapeAndTruncate(text, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(hasLoneSurrogate(out)).toBe(false);
          // An odd run of backslashes before the ellipsis would escape nothing and show.
          expect(/(^|[^\\])(\\\\)*\\…$/.test(out)).toBe(false);
          if (escapeMarkdown(text).length <= max) expect(out).toBe(escapeMarkdown(text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('options', () => {
  it.each([
    ['an absent option reads as empty', null, ''],
    ['control characters become spaces and whitespace collapses', '  embassy\u0000\u200b\tdrawdown \n', 'embassy drawdown'],
    ['exactly 100 characters is accepted', 'a'.repeat(100), 'a'.repeat(100)],
  ])('%s', (_name, raw, expected) => {
    expect(checkText('topic', raw)).toBe(expected);
  });

  it('a value over 100 characters is a bad option that says what to do', () => {
    expect(() => checkText('topic', 'word '.repeat(40))).toThrow(UserError);
    expect(() => checkText('topic', 'word '.repeat(40))).toThrow(/too long.*at most 100/);
  });

  it('cleanOption removes bidi and zero-width tricks', () => {
    expect(cleanOption('a\u202Eb\u2066c')).toBe('a b c');
  });

  it('cleanOption joins a word split only by a soft hyphen or a zero-width joiner', () => {
    expect(cleanOption('emb\u00ADassy draw\u200Ddown\u2060s')).toBe('embassy drawdowns');
  });
});

describe('superscript', () => {
  it.each([[1, '¹'], [10, '¹⁰'], [42, '⁴²']])('%i → %s', (n, s) => {
    expect(superscript(n)).toBe(s);
  });
});
