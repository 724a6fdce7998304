import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TopicMatcher, corpusTopics, suggestTopics, type NearTopic } from '../../src/brief/topics.ts';
import { editDistance } from '../../src/answer/suggest.ts';
import { foldCase } from '../../src/text/normalize.ts';
import type { SearchHit, SearchIndex } from '../../src/index/types.ts';
import type { Corpus } from '../../src/corpus/types.ts';

/**
 * What `TopicMatcher.near` replaces: every topic compared with every word (the shared prefixes, then the
 * edit distance to the key and to each word of a key with spaces). The matcher must give exactly this.
 */
function nearByScan(topics: ReadonlyMap<string, number>, words: readonly string[]): NearTopic[] {
  const out: NearTopic[] = [];
  for (const [topic, uses] of topics) {
    const key = foldCase(topic);
    let distance = Infinity;
    for (const w of words) {
      let d = Infinity;
      if (key.startsWith(w) || (w.length >= 4 && w.startsWith(key) && key.length >= 4)) d = 0;
      else {
        const max = Math.max(1, Math.floor(w.length / 3));
        for (const part of key.includes(' ') ? [key, ...key.split(/\s+/)] : [key]) {
          if (Math.abs(part.length - w.length) > max) continue;
          const e = editDistance(w, part, max);
          if (e <= max) d = Math.min(d, e);
        }
      }
      distance = Math.min(distance, d);
    }
    if (distance < Infinity) out.push({ topic, distance, uses });
  }
  return out;
}

const REUTERS_LIKE = new Map<string, number>([
  ['payout', 40],
  ['SETS PAYOUT\nQtly', 12],
  ['Soleimani', 9],
  ['Qassem Soleimani', 7],
  ['General Motors Corp', 30],
  ['corp', 300],
  ['corporation', 80],
  ['Poor\'s Corp', 25],
  ['threshold', 3],
  ['billion', 500],
  ['Bâle', 2],
  ['banana', 1],
  ['Ana', 4],
]);

describe('TopicMatcher: topics near misspelt words', () => {
  it.each([
    ['a transposition (two edits), in a topic or a word of one', ['paoyut'], ['payout', 'SETS PAYOUT\nQtly']],
    ['a typo in one word of a name', ['solemani'], ['Soleimani', 'Qassem Soleimani']],
    ['a prefix of a key, or one edit from a word of a key', ['corpo'], ['General Motors Corp', 'corp', 'corporation', "Poor's Corp"]],
    ['a key that prefixes the word', ['corporate'], ['corp', 'corporation']],
    ['accents folded in the topics', ['bale'], ['Bâle']],
    ['a word with repeated bigrams', ['bananna'], ['banana']],
    ['nothing near', ['zzzzzz'], []],
  ])('%s', (_name, words, expected) => {
    const near = new TopicMatcher(REUTERS_LIKE).near(words);
    expect(near.map((n) => n.topic)).toEqual(expected);
    expect(near).toEqual(nearByScan(REUTERS_LIKE, words));
  });

  it('gives what comparing every topic gives, for any topics and words', () => {
    // A small alphabet, so that prefixes, repeated bigrams and near misses are common.
    const word = fc.stringMatching(/^[abcé]{1,9}$/);
    const topic = fc.oneof(word, fc.tuple(word, word).map(([a, b]) => `${a} ${b}`), fc.tuple(word, word).map(([a, b]) => `${a}\n${b}`));
    fc.assert(
      fc.property(fc.uniqueArray(topic, { maxLength: 40 }), fc.array(fc.stringMatching(/^[abcé]{3,12}$/), { minLength: 1, maxLength: 3 }), (list, words) => {
        const topics = new Map(list.map((t, i) => [t, (i * 7) % 5]));
        expect(new TopicMatcher(topics).near(words)).toEqual(nearByScan(topics, words));
      }),
      { numRuns: 300 },
    );
  });
});

describe('suggestTopics', () => {
  /** A corpus of headlines only, and an index that finds the topics of `findable`, counting searches. */
  function fixture(titles: string[], findable: string[]) {
    const articles = titles.map((title, i) => ({ id: `a${i}`, title, paragraphs: [] }));
    const corpus = { articles } as unknown as Corpus;
    const searches: string[] = [];
    const index = {
      size: 0,
      search: (q: string) => {
        searches.push(q);
        return findable.includes(q) ? ([{ score: 1 }] as unknown as SearchHit[]) : [];
      },
      paragraphFrequency: () => 0,
      addArticle: () => {},
      removeArticle: () => {},
    } satisfies SearchIndex;
    return { corpus, index, searches };
  }

  it('offers near topics the index finds, most used first, and asks the index once per topic and corpus version', () => {
    // Topics: "Payout" and "payout" (2 articles), "Payouts", "payouts", "Layout", "layout" … (1 article).
    const { corpus, index, searches } = fixture(['Payout raised', 'Payout cut', 'Payouts ahead', 'Layout changed'], ['payout', 'payouts']);
    // "payout" prefixes the word, "payouts" is it (both distance 0), "layout" is two edits away but not found.
    expect(suggestTopics(corpus, index, 'payouts')).toEqual(['payout', 'payouts']);
    expect(suggestTopics(corpus, index, 'paoyut')).toEqual(['payout']);
    expect(searches.filter((s) => s === 'payout')).toHaveLength(1);
    expect(searches.filter((s) => s === 'layout')).toHaveLength(1);
    // A live update replaces the article list: the topics and what the index finds are looked at again.
    const updated = { ...corpus, articles: [...corpus.articles] } as Corpus;
    expect(suggestTopics(updated, index, 'payouts')).toEqual(['payout', 'payouts']);
    expect(searches.filter((s) => s === 'payout')).toHaveLength(2);
  });

  it('offers a name without the capitalised function word that starts its sentence', () => {
    // "The Trump administration …" must give the topic "Trump", not "The Trump" (offered for `/brief the`).
    const { corpus, index } = fixture(['The Trump administration cut staff', 'In Baghdad the embassy shrank'], ['Trump', 'Baghdad', 'The Trump', 'In Baghdad']);
    expect([...corpusTopics(corpus).keys()].filter((t) => /^\p{Lu}/u.test(t))).toEqual(['Trump', 'Baghdad']);
    expect(suggestTopics(corpus, index, 'the')).toEqual([]);
  });
});
