import { describe, expect, it } from 'vitest';
import { corpusReport } from '../../src/answer/corpus.ts';
import type { Library } from '../../src/library.ts';
import { seedLibrary } from '../support/seeds.ts';

describe('the corpus answer', () => {
  it('counts a large archive as an editor writes numbers: "12,345 dated, 7,655 without a date"', async () => {
    const library = await seedLibrary();
    const { report } = library.corpus;
    const large = {
      ...library,
      corpus: { ...library.corpus, report: { ...report, articles: 20_000, paragraphs: 250_000, files: 3, totals: { dated: 12_345, droppedLines: 4_321, problems: 2_500, skipped: 1_000 } } },
    } as Library;
    expect(corpusReport(large).notes[0]).toBe(
      '20,000 articles, 250,000 paragraphs from 3 files; 12,345 dated, 7,655 without a date; 4,321 lines dropped as debris; 1,000 files or lines skipped, 1,500 loaded with a warning.',
    );
  });
});
