import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { splitSentences } from '../../src/text/sentences.ts';

const texts = (paragraph: string) => splitSentences(paragraph).map((s) => s.text);

describe('splitSentences', () => {
  it.each([
    ['an abbreviated rank before a name does not end a sentence', 'Army Gen. Mark Milley spoke. He left.', ['Army Gen. Mark Milley spoke.', 'He left.']],
    ['"U.S." inside a sentence does not end it', 'The U.S. military is now reducing its presence in Iraq. Officials agreed.', ['The U.S. military is now reducing its presence in Iraq.', 'Officials agreed.']],
    ['"U.S." before a sentence opener ends the sentence', 'The strike was carried out by the U.S. The move angered Iran.', ['The strike was carried out by the U.S.', 'The move angered Iran.']],
    ['"Mr" without a period is an ordinary word', '“It’s going to be hard, but yeah,” Mr Biden said. That task will be harder.', ['“It’s going to be hard, but yeah,” Mr Biden said.', 'That task will be harder.']],
    ['"Jan. 3" keeps the month with its day', 'It will continue until after the Jan. 3 anniversary. The individual spoke.', ['It will continue until after the Jan. 3 anniversary.', 'The individual spoke.']],
    ['a month abbreviation at the end of a sentence ends it', 'The vote was set for Jan. Nobody objected.', ['The vote was set for Jan.', 'Nobody objected.']],
    ['"(Dec 2)." ends the sentence after the bracket', 'Officials told AFP late Wednesday (Dec 2). Washington was outraged.', ['Officials told AFP late Wednesday (Dec 2).', 'Washington was outraged.']],
    ['a quotation of two sentences stays with its attribution', '"It\'s a minor drawdown. They could come back - it\'s just a security blip," the senior source said. Another line.', ['"It\'s a minor drawdown. They could come back - it\'s just a security blip," the senior source said.', 'Another line.']],
    ['a closing quote after the full stop ends the sentence', 'It said safety was its “highest priority.” The department official said more.', ['It said safety was its “highest priority.”', 'The department official said more.']],
    ['an unclosed quote (continued in the next paragraph) does not swallow the paragraph', '“We knew ahead of time. Top staff are staying.', ['“We knew ahead of time.', 'Top staff are staying.']],
    ['decimals and numbers with commas do not split', 'Cocoa rose 3.5 pct to 1,410 dlrs. Traders said so.', ['Cocoa rose 3.5 pct to 1,410 dlrs.', 'Traders said so.']],
    ['an initial before a surname does not split', 'The report by J. Smith was published. It was read.', ['The report by J. Smith was published.', 'It was read.']],
    ['a question and an exclamation end sentences', 'Why would it be in our interests to bomb them? Nobody knows! Really.', ['Why would it be in our interests to bomb them?', 'Nobody knows!', 'Really.']],
    ['a line break after a line without punctuation ends a sentence', 'September 29, 2020\nUS Warns Iraq of Embassy Shutdown', ['September 29, 2020', 'US Warns Iraq of Embassy Shutdown']],
    ['a lower-case word after a period is not a new sentence', 'He met officials in Washington, D.C. on Tuesday.', ['He met officials in Washington, D.C. on Tuesday.']],
  ])('%s', (_name, paragraph, expected) => {
    expect(texts(paragraph)).toEqual(expected);
  });

  it('gives spans that are verbatim slices of the paragraph, in order and without overlap', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'B', ' ', '.', '"', '“', '”', '?', 'U', 'S', '\n', 'é', '3') }), (text) => {
        let last = 0;
        for (const s of splitSentences(text)) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.text.trim()).toBe(s.text);
          last = s.end;
        }
      }),
    );
  });
});
