import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenize } from '../../src/text/terms.ts';
import { foldCase, foldPunctuation } from '../../src/text/normalize.ts';

/** The tokenizer without its plain-ASCII shortcut: every text folded for punctuation and accents. */
const folded = (text: string) =>
  foldCase(foldPunctuation(text))
    .replace(/\b(?:\p{L}\.){2,}/gu, (acronym) => acronym.replaceAll('.', ''))
    .match(/[\p{L}\p{N}]+/gu) ?? [];

describe('tokenize', () => {
  it.each([
    ['plain ASCII', 'The U.S. embassy in Baghdad cut 2,500 staff.', ['the', 'us', 'embassy', 'in', 'baghdad', 'cut', '2', '500', 'staff']],
    ['curly quotes and accents', 'Al-Kádhimi’s “truce”', ['al', 'kadhimi', 's', 'truce']],
    ['a soft hyphen and zero-width joiners inside words (copied from a web page)', 'emb\u00ADassy Bagh\u200Ddad draw\u2060down\uFEFF', ['embassy', 'baghdad', 'drawdown']],
  ])('%s', (_what, text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });

  it('gives any ASCII text the same tokens as the full folding', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)) }), (text) => {
        expect(tokenize(text)).toEqual(folded(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives plain ASCII the same tokens as the full folding, beside other text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', 'z', 'Q', 'u', 'S', ' ', '.', '.', "'", '-', '_', '"', '3', '0', '\t', ',', 'é', '’', 'ﬁ', 'İ', '\u00a0') }), (text) => {
        expect(tokenize(text)).toEqual(folded(text));
      }),
      { numRuns: 2000 },
    );
  });
});
