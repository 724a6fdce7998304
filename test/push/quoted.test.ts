/**
 * What an alert quotes of an article: its best sentences, each a point of its own. Seed 004 repeats its lede
 * further down ("Pompeo delivered the message via phone to …" in 004-zpqy and, reworded, in 004-ff56): a
 * watch on "militia rocket attacks" quoted both, one after the other.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../src/library.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { watchAnswer } from '../../src/push/since.ts';
import { quotedSentences, SENTENCES_PER_ARTICLE } from '../../src/push/match.ts';
import { collectCandidates } from '../../src/brief/candidates.ts';
import { SEED_CORPUS } from '../support/seeds.ts';

let library: Library;
beforeAll(async () => {
  library = await openLibrary(SEED_CORPUS);
});

const arrivalOf = (id: string) => {
  const article = library.corpus.articleById.get(id)!;
  return [{ article, previous: null, paragraphs: article.paragraphs }];
};

describe('the sentences an alert quotes', () => {
  it('quotes a point an article repeats once', async () => {
    const answer = await watchAnswer(memoryStore(() => library), 'militia rocket attacks', arrivalOf('004'), 0);
    const texts = answer.items.map((i) => i.text);
    expect(texts.filter((t) => /Pompeo delivered the message via phone/.test(t))).toHaveLength(1);
    expect(texts.length).toBeGreaterThan(1);
  });

  it('keeps the ranked order, at most SENTENCES_PER_ARTICLE, and leaves out what repeats a sentence already said', () => {
    const candidates = collectCandidates([library.corpus.articleById.get('004')!]).map((candidate) => ({ candidate }));
    const lede = candidates.find((c) => /^Pompeo delivered the message via phone/.test(c.candidate.sentence.text))!;
    const retold = candidates.find((c) => /^Reports suggest that Pompeo delivered/.test(c.candidate.sentence.text))!;
    const others = candidates.filter((c) => c !== lede && c !== retold);
    const ranked = [lede, retold, ...others];
    const quoted = quotedSentences(ranked);
    expect(quoted[0]).toBe(lede);
    expect(quoted).not.toContain(retold);
    expect(quoted).toHaveLength(SENTENCES_PER_ARTICLE);
    // Said in an earlier alert: neither it nor its retelling is quoted again.
    const later = quotedSentences(ranked, (s) => s === lede);
    expect(later).not.toContain(lede);
    expect(later).not.toContain(retold);
  });
});
