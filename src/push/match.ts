/**
 * Which new text a watch's topic matches, with the relevance the answers use: the round's articles are
 * indexed by the engine's own paragraph index (same tokenizer, stop words, stems, BM25 and fields), each
 * watch's topic is searched there as `/brief <topic>` searches the corpus, and an article counts only when
 * its hits match every word of the topic (/brief's rule, `unmatchedWords`). Of its new paragraphs found,
 * the sentences that carry a topic word are the ones quoted, best first; text that was in the article
 * before an edit never counts.
 *
 * How many sources carry a quoted sentence's point is counted as /brief counts it: among the articles the
 * index finds for the topic in the whole library, the sentences that state the same fact (`sameFactIn`).
 */
import { createHash } from 'node:crypto';
import type { Article, Paragraph, Sentence } from '../corpus/types.ts';
import type { Library } from '../library.ts';
import type { ArrivedArticle } from '../live/watch.ts';
import type { SearchHit } from '../index/types.ts';
import { createParagraphIndex, type ParagraphIndex } from '../index/minisearch.ts';
import { collectCandidates, shownText, type Candidate } from '../brief/candidates.ts';
import { factIndex, factKeys, sameFactIn } from '../brief/corroborate.ts';
import { inverseFrequencies } from '../brief/vectors.ts';
import { TOPIC_PARAGRAPHS, unmatchedWords } from '../answer/brief.ts';
import { matchKey } from '../text/normalize.ts';
import { terms } from '../text/terms.ts';

/** At most this many sentences of one article in one alert (the best ones). */
export const SENTENCES_PER_ARTICLE = 3;

/** One sentence of new text that matches a topic. */
export interface SentenceMatch {
  candidate: Candidate;
  paragraph: Paragraph;
  sentence: Sentence;
  /** What is shown: the sentence, verbatim (without an opening dateline, as /brief shows it). */
  text: string;
  /** Identifies the sentence's text within its article, whatever paragraph it sits in (`sentenceKey`). */
  key: string;
  /** How many words of the topic it carries. */
  words: number;
}

/** An article of the round that matches a topic, and its matching sentences, best first. */
export interface ArticleMatch {
  article: Article;
  sentences: SentenceMatch[];
}

/** The key of a sentence's text: folded (case, punctuation, spaces) and hashed, short. */
export function sentenceKey(text: string): string {
  return createHash('sha1').update(matchKey(text)).digest('base64url').slice(0, 16);
}

/**
 * The new text of one live round, indexed for matching topics. Building it costs the round's paragraphs
 * (made only when there are watches to test); each `match` is a search of that small index.
 *
 * @example new RoundIndex(update.arrived).match('militia rocket attacks')[0]?.sentences[0]?.text
 */
export class RoundIndex {
  readonly #index: ParagraphIndex;
  readonly #arrived: Map<string, { arrival: ArrivedArticle; fresh: Set<string>; before: Set<string> }> = new Map();
  readonly #fresh: number;

  constructor(arrived: readonly ArrivedArticle[]) {
    const paragraphs = new Map<string, Paragraph>();
    let fresh = 0;
    for (const arrival of arrived) {
      // The whole article is indexed (an edit's new sentence counts when the article as a whole is about the
      // topic), with its headline and outlet as /brief searches them; only its new paragraphs are quoted.
      for (const p of arrival.article.paragraphs) paragraphs.set(p.id, p);
      const before = new Set(arrival.previous?.paragraphs.flatMap((p) => p.sentences.map((s) => sentenceKey(s.text))) ?? []);
      this.#arrived.set(arrival.article.id, { arrival, fresh: new Set(arrival.paragraphs.map((p) => p.id)), before });
      fresh += arrival.paragraphs.length;
    }
    this.#index = createParagraphIndex(arrived.map((a) => a.article), paragraphs);
    this.#fresh = fresh;
  }

  /** New paragraphs in the round. */
  get size(): number {
    return this.#fresh;
  }

  /** The articles of the round that match `topic`, in the order they arrived, with their matching new sentences. */
  match(topic: string): ArticleMatch[] {
    if (this.#fresh === 0) return [];
    const hits = this.#index.search(topic, { limit: this.#index.size });
    if (hits.length === 0) return [];
    const byArticle = new Map<string, SearchHit[]>();
    for (const h of hits) {
      const list = byArticle.get(h.paragraph.articleId);
      if (list) list.push(h);
      else byArticle.set(h.paragraph.articleId, [h]);
    }
    const words = topic.split(/\s+/).map((w) => terms(w)).filter((t) => t.length > 0);
    const out: ArticleMatch[] = [];
    for (const [id, { arrival, fresh, before }] of this.#arrived) {
      const found = byArticle.get(id);
      if (!found || unmatchedWords(topic, found).length > 0) continue;
      const score = new Map(found.filter((h) => fresh.has(h.paragraph.id)).map((h) => [h.paragraph.id, h.score]));
      if (score.size === 0) continue;
      const sentences: Array<SentenceMatch & { score: number }> = [];
      for (const c of collectCandidates([arrival.article], { paragraphs: new Set(score.keys()) })) {
        const have = new Set(c.terms);
        const carried = words.filter((w) => w.some((t) => have.has(t))).length;
        if (carried === 0) continue;
        const key = sentenceKey(c.sentence.text);
        if (before.has(key)) continue;
        sentences.push({ candidate: c, paragraph: c.paragraph, sentence: c.sentence, text: shownText(c), key, words: carried, score: score.get(c.paragraph.id)! });
      }
      if (sentences.length === 0) continue;
      sentences.sort((a, b) => b.words - a.words || b.score - a.score || a.candidate.position - b.candidate.position);
      out.push({ article: arrival.article, sentences: sentences.map(({ score: _, ...s }) => s) });
    }
    return out;
  }
}

/**
 * How many articles carry the point of each sentence (itself included), among the articles the index
 * finds for the topic in the whole library, as /brief counts "N sources".
 */
export function sourcesFor(library: Library, topic: string, anchors: readonly Candidate[]): number[] {
  if (anchors.length === 0) return [];
  const ids = new Set(library.index.search(topic, { limit: TOPIC_PARAGRAPHS }).map((h) => h.paragraph.articleId));
  const articles = [...ids].flatMap((id) => library.corpus.articleById.get(id) ?? []);
  const all = collectCandidates(articles);
  const idf = inverseFrequencies([...all, ...anchors].map((c) => c.terms));
  const keyOf = factKeys<Candidate>(idf);
  const index = factIndex(all);
  return anchors.map((a) => 1 + sameFactIn(a, index, keyOf).length);
}
