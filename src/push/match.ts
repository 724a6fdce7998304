/**
 * Which new text a watch's topic matches, with the relevance the answers use: the round's articles are
 * indexed by the engine's own paragraph index (same tokenizer, stop words, stems, BM25 and fields), each
 * watch's topic is searched there as `/brief <topic>` searches the corpus (the other spellings of its names
 * included: "Kataeb" for "Kataib"), and an article counts only when its hits match every word of the topic
 * (/brief's rule, `unmatchedWords`, a spelling counting as the word it spells). Of its new paragraphs found,
 * the sentences that carry a topic word are the ones quoted, best first; text that was in the article
 * before an edit never counts.
 *
 * How many sources carry a quoted sentence's point is counted as /brief counts it: among the articles the
 * search finds for the topic in the whole corpus, the sentences that state the same fact (`sameFactIn`, as
 * /brief's citations), and the independent reports among them (`independentReports`, as /brief's tags):
 * AFP's copy in three outlets is one report.
 */
import { createHash } from 'node:crypto';
import type { Article, Paragraph, Sentence } from '../corpus/types.ts';
import type { ArrivedArticle } from '../live/watch.ts';
import type { SearchHit } from '../index/types.ts';
import { ParagraphIndex } from '../index/minisearch.ts';
import { collectCandidates, shownText, type Candidate } from '../brief/candidates.ts';
import { factIndex, factKeys, sameFact, sameFactIn, type FactKey } from '../brief/corroborate.ts';
import { inverseFrequencies } from '../brief/vectors.ts';
import { unmatchedWords } from '../brief/words.ts';
import { spelledQuery, spellingTerms, type TopicSpelling } from '../analyse/entities-spellings.ts';
import { matchKey } from '../text/normalize.ts';
import { terms } from '../text/terms.ts';
import { countSources, type Carrier, type SourceCount } from '../brief/reports.ts';

/** At most this many sentences of one article in one alert (the best ones). */
export const SENTENCES_PER_ARTICLE = 3;

/**
 * The sentences an alert quotes of one article's matches (ranked best first): at most
 * SENTENCES_PER_ARTICLE, each a point of its own. A sentence that states the same fact as a better one
 * (`sameFact`, the rule /brief's citations use) is left out, so an article that repeats its lede further
 * down is quoted once. `said`: sentences an earlier alert of the watch quoted; they are not quoted again,
 * and what repeats them is left out too.
 *
 * @example quotedSentences(match.sentences, (s) => alerted.has(s.key)).map((s) => s.paragraph.id) // ['004-zpqy', '004-8byh']
 */
export function quotedSentences<S extends { candidate: Candidate }>(ranked: readonly S[], said: (s: S) => boolean = () => false): S[] {
  const keyOf = factKeys<Candidate>();
  const points: FactKey[] = [];
  const out: S[] = [];
  for (const s of ranked) {
    const key = keyOf(s.candidate);
    if (points.some((p) => sameFact(p, key) > 0)) continue;
    points.push(key);
    if (said(s)) continue;
    out.push(s);
    if (out.length === SENTENCES_PER_ARTICLE) break;
  }
  return out;
}

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
  /** Its paragraph's search score for the topic. */
  score: number;
}

/** An article of the round that matches a topic, and its matching sentences, best first. */
export interface ArticleMatch {
  article: Article;
  sentences: SentenceMatch[];
}

/** A topic's words as index terms (each word may give several: "al-Kadhimi"), remembered: watches repeat. */
const WORDS = new Map<string, string[][]>();

function topicWords(topic: string): string[][] {
  let words = WORDS.get(topic);
  if (!words) {
    words = topic.split(/\s+/).map((w) => terms(w)).filter((t) => t.length > 0);
    if (WORDS.size >= 10_000) WORDS.clear();
    WORDS.set(topic, words);
  }
  return words;
}

const NOT_SPELLED: ReadonlyMap<string, string> = new Map();

/** A topic's words with the index terms of their other spellings added ("kataib" → "kataib", "kataeb"). */
function withSpellings(words: readonly string[][], spelled: ReadonlyMap<string, string>): string[][] {
  return words.map((w) => {
    const also = [...spelled].filter(([, typed]) => w.includes(typed)).map(([term]) => term);
    return also.length ? [...w, ...also] : w;
  });
}

/**
 * The other spellings among `spellings` that an article writes (its headline or text), each with the typed
 * word it stands for: what an alert says it matched besides the topic as typed.
 *
 * @example spellingsWritten([{ word: 'Kataib', also: ['Kataeb'] }], article001) // [{ word: 'Kataib', also: ['Kataeb'] }]
 */
export function spellingsWritten(spellings: readonly TopicSpelling[], article: Article): TopicSpelling[] {
  if (spellings.length === 0) return [];
  const written = new Set(terms([article.title ?? '', ...article.paragraphs.map((p) => p.text)].join('\n')));
  return spellings.flatMap((s) => {
    const also = s.also.filter((a) => terms(a).some((t) => written.has(t)));
    return also.length ? [{ ...s, also }] : [];
  });
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
/** A candidate sentence of a round's new text, prepared once per round for every watch to test. */
interface Prepared {
  candidate: Candidate;
  terms: ReadonlySet<string>;
  key: string;
  text: string;
}

export class RoundIndex {
  readonly #paragraphs = new Map<string, Paragraph>();
  readonly #index = new ParagraphIndex(this.#paragraphs);
  /** Per arrived article: its new paragraphs' candidate sentences by paragraph id (text new in this round only). */
  readonly #arrived: Map<string, { article: Article; order: number; sentences: Map<string, Prepared[]> }> = new Map();
  #fresh = 0;

  constructor(arrived: readonly ArrivedArticle[] = []) {
    for (const arrival of arrived) this.add(arrival);
  }

  /**
   * Builds the index of a round an article at a time, calling `between` (which may yield to the event loop)
   * after each: a round of hundreds of articles never holds answers up for long.
   */
  static async build(arrived: readonly ArrivedArticle[], between: () => Promise<void>): Promise<RoundIndex> {
    const round = new RoundIndex();
    for (const arrival of arrived) {
      round.add(arrival);
      await between();
    }
    return round;
  }

  /** Adds an arrived article. */
  add(arrival: ArrivedArticle): void {
    // The whole article is indexed (an edit's new sentence counts when the article as a whole is about the
    // topic), with its headline and outlet as /brief searches them; only its new paragraphs are quoted.
    for (const p of arrival.article.paragraphs) this.#paragraphs.set(p.id, p);
    const before = new Set(arrival.previous?.paragraphs.flatMap((p) => p.sentences.map((s) => sentenceKey(s.text))) ?? []);
    const sentences = new Map<string, Prepared[]>();
    for (const c of collectCandidates([arrival.article], { paragraphs: new Set(arrival.paragraphs.map((p) => p.id)) })) {
      const key = sentenceKey(c.sentence.text);
      if (before.has(key)) continue;
      const list = sentences.get(c.paragraph.id) ?? [];
      list.push({ candidate: c, terms: new Set(c.terms), key, text: shownText(c) });
      sentences.set(c.paragraph.id, list);
    }
    this.#arrived.set(arrival.article.id, { article: arrival.article, order: this.#arrived.size, sentences });
    this.#index.addArticle(arrival.article);
    this.#fresh += arrival.paragraphs.length;
  }

  /** New paragraphs in the round. */
  get size(): number {
    return this.#fresh;
  }

  /**
   * The articles of the round that match `topic`, in the order they arrived, with their matching new
   * sentences. `spellings`: the other spellings of the names in the topic that the corpus writes (the
   * store's `topicSpellings`), searched too and counted as the typed word, as /brief counts them: a watch
   * on "Kataib Hezbollah" matches an article that writes "Kataeb Hezbollah".
   */
  match(topic: string, spellings: readonly TopicSpelling[] = []): ArticleMatch[] {
    if (this.#fresh === 0) return [];
    const spelled = spellings.length ? spellingTerms(spellings) : NOT_SPELLED;
    const hits = this.#index.search(spelled.size ? spelledQuery(topic, spellings) : topic, { limit: this.#index.size });
    const words = spelled.size ? withSpellings(topicWords(topic), spelled) : topicWords(topic);
    // A word of the topic in no article of the round: no article can match (most phrases stop here).
    if (hits.length === 0 || (words.length > 1 && unmatchedWords(topic, hits, spelled).length > 0)) return [];
    const byArticle = new Map<string, SearchHit[]>();
    for (const h of hits) {
      const list = byArticle.get(h.paragraph.articleId);
      if (list) list.push(h);
      else byArticle.set(h.paragraph.articleId, [h]);
    }
    const out: Array<ArticleMatch & { order: number }> = [];
    for (const [id, found] of byArticle) {
      const arrival = this.#arrived.get(id);
      // A one-word topic is matched by any hit (every searched term comes from that word): the rule need not run.
      if (!arrival || (words.length > 1 && unmatchedWords(topic, found, spelled).length > 0)) continue;
      const matches: SentenceMatch[] = [];
      for (const hit of found) {
        for (const s of arrival.sentences.get(hit.paragraph.id) ?? []) {
          let carried = 0;
          for (const w of words) if (w.some((t) => s.terms.has(t))) carried++;
          if (carried > 0) matches.push({ candidate: s.candidate, paragraph: hit.paragraph, sentence: s.candidate.sentence, text: s.text, key: s.key, words: carried, score: hit.score });
        }
      }
      if (matches.length === 0) continue;
      matches.sort((a, b) => b.words - a.words || b.score - a.score || a.candidate.position - b.candidate.position);
      out.push({ article: arrival.article, sentences: matches, order: arrival.order });
    }
    return out.sort((a, b) => a.order - b.order);
  }
}

/** How widely a quoted sentence's point is carried: its articles and independent reports, and the other articles' sentences that state it. */
export interface Carried extends SourceCount {
  /** The sentences of other articles that carry the same fact (one per article, the closest first): what the alert cites beside its own. */
  others: Carrier[];
}

/** A sentence carried by no other article. */
export const CARRIED_ALONE: Carried = { articles: 1, reports: [], others: [] };

/**
 * Counts how many articles carry the point of a sentence (itself included), and the independent reports
 * among them, in a topic's articles — those of the paragraphs a search for the topic finds
 * (`TOPIC_PARAGRAPHS`, what /brief reads; `searchArticles` of either store) — as /brief counts and tags a
 * fact ("3 articles · 1 report (AFP)"). Make one counter per topic and ask it for the sentences of each
 * article of that topic. The articles' sentences are first read one article at a time, with `between` (which
 * may yield to the event loop) after each: what /brief learns about a sentence is kept, so the whole set is
 * then collected at once cheaply.
 *
 * @example (await sourceCounter((await store.searchArticles('security blip', TOPIC_PARAGRAPHS)).articles))(article000, [candidate]) // [{ articles: 3, reports: [AFP], others: [001's, 002's] }]
 */
export async function sourceCounter(
  articles: readonly Article[],
  between: () => Promise<void> = async () => {},
): Promise<(article: Article, anchors: readonly Candidate[]) => Carried[]> {
  for (const article of articles) {
    collectCandidates([article]);
    await between();
  }
  const all = collectCandidates(articles);
  const idf = inverseFrequencies(all.map((c) => c.terms));
  const keyOf = factKeys<Candidate>(idf);
  const index = factIndex(all);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return (article, anchors) =>
    anchors.map((anchor) => {
      const others = sameFactIn(anchor, index, keyOf).flatMap((c): Carrier[] => {
        const carrier = byId.get(c.article);
        return carrier ? [{ article: carrier, paragraph: c.paragraph, sentence: c.sentence }] : [];
      });
      return { ...countSources([{ article, paragraph: anchor.paragraph, sentence: anchor.sentence }, ...others]), others };
    });
}

/**
 * The candidate sentence (as /brief sees it) of a quoted sentence of an article, for `sourcesFor`; null when
 * the article no longer holds it.
 */
export function candidateOf(article: Article, paragraph: Paragraph, text: string): Candidate | null {
  return collectCandidates([article], { paragraphs: new Set([paragraph.id]) }).find((c) => shownText(c) === text) ?? null;
}
