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
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SEED_CORPUS, seedCopy } from '../support/seeds.ts';

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

describe('how many sources an alert says carry a quoted sentence', () => {
  it('does not count sentences that only share a name: "Iraqi Prime Minister Mustafa al-Kadhimi ordered an investigation" is not what 003 and 004 say of Pompeo pressing him', async () => {
    const dir = await seedCopy('corr-');
    await writeFile(
      join(dir, '005_kadhimi.txt'),
      [
        '---',
        'id: "005"',
        'published: 2020-12-07',
        'outlet: Example Wire',
        '---',
        'Militia rocket attack hits Baghdad airport base',
        '',
        'Three rockets struck a base near Baghdad airport late on Sunday, the latest in a series of militia rocket attacks on sites used by US forces.',
        '',
        'Iraqi Prime Minister Mustafa al-Kadhimi ordered an investigation into the attack on Monday.',
        '',
      ].join('\n'),
    );
    const withNew = await openLibrary(dir);
    const article = withNew.corpus.articleById.get('005')!;
    const answer = await watchAnswer(memoryStore(() => withNew), 'militia rocket attacks', [{ article, previous: null, paragraphs: article.paragraphs }], 0);
    const kadhimi = answer.items.find((i) => /al-Kadhimi ordered an investigation/.test(i.text));
    expect(kadhimi).toBeDefined();
    expect(kadhimi!.citations.map((c) => c.article)).toEqual(['005']);
    expect(kadhimi!.tags).toEqual(['single source so far']);
  });
});
