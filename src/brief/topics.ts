import type { Corpus } from '../corpus/types.ts';
import type { SearchIndex } from '../index/types.ts';
import { foldCase, foldPunctuation } from '../text/normalize.ts';
import { STOP_WORDS } from '../text/terms.ts';
import { editDistance } from '../answer/suggest.ts';

/**
 * Topics the corpus does have, for "nothing about X — try …": words of headlines and capitalised names
 * from the text, counted by the articles that use them.
 */
export function corpusTopics(corpus: Corpus, maxArticles = 2000): Map<string, number> {
  const cached = TOPICS.get(corpus.articles);
  if (cached && cached.length === corpus.articles.length && cached.maxArticles === maxArticles) return cached.topics;
  const counts = new Map<string, number>();
  for (const article of corpus.articles.slice(0, maxArticles)) {
    const seen = new Set<string>();
    const text = [article.title ?? '', ...article.paragraphs.slice(0, 4).map((p) => p.text)].join('\n');
    for (const m of foldPunctuation(text).matchAll(/\b\p{Lu}[\p{L}'-]{2,}(?:\s+\p{Lu}[\p{L}'-]{2,}){0,2}/gu)) {
      const name = m[0].replace(/'s$/, '');
      if (STOP_WORDS.has(foldCase(name))) continue;
      seen.add(name);
    }
    for (const w of foldPunctuation(article.title ?? '').toLowerCase().match(/[\p{L}]{4,}/gu) ?? []) {
      if (!STOP_WORDS.has(w)) seen.add(w);
    }
    for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  TOPICS.set(corpus.articles, { length: corpus.articles.length, maxArticles, topics: counts });
  return counts;
}

/** Topics per article list (a live update replaces the list or changes its length). */
const TOPICS = new WeakMap<readonly unknown[], { length: number; maxArticles: number; topics: Map<string, number> }>();

/**
 * Up to `n` topics close to a query that found nothing: each word of the query against the corpus topics
 * by shared prefix or edit distance (at most a third of the word's length), most used first. Only topics
 * the index does find are offered.
 *
 * @example suggestTopics(corpus, index, 'Solemani') // ['Soleimani', …]
 */
export function suggestTopics(corpus: Corpus, index: SearchIndex, query: string, n = 5): string[] {
  const topics = corpusTopics(corpus);
  const words = foldCase(foldPunctuation(query)).match(/[\p{L}\p{N}]{3,}/gu) ?? [];
  const scored: Array<{ topic: string; distance: number; uses: number }> = [];
  for (const [topic, uses] of topics) {
    const key = foldedTopic(topic);
    let distance = Infinity;
    for (const w of words) {
      const d = key.startsWith(w) || (w.length >= 4 && w.startsWith(key) && key.length >= 4) ? 0 : closeness(w, key);
      distance = Math.min(distance, d);
    }
    if (distance < Infinity) scored.push({ topic, distance, uses });
  }
  scored.sort((a, b) => a.distance - b.distance || b.uses - a.uses || a.topic.localeCompare(b.topic));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of scored) {
    const key = foldCase(s.topic);
    if (seen.has(key)) continue;
    seen.add(key);
    if (index.search(s.topic, { limit: 1 }).length === 0) continue;
    out.push(s.topic);
    if (out.length >= n) break;
  }
  return out;
}

/** Topics folded for comparison, kept (the same few thousand strings come back with every miss). */
const FOLDED = new Map<string, string>();
function foldedTopic(topic: string): string {
  let f = FOLDED.get(topic);
  if (f === undefined) {
    if (FOLDED.size > 200_000) FOLDED.clear();
    FOLDED.set(topic, (f = foldCase(topic)));
  }
  return f;
}

/** Edit distance between a query word and a topic (its closest word), or Infinity past a third of the word. */
function closeness(word: string, topic: string): number {
  const max = Math.max(1, Math.floor(word.length / 3));
  let best = Infinity;
  for (const part of topic.includes(' ') ? [topic, ...topic.split(/\s+/)] : [topic]) {
    if (Math.abs(part.length - word.length) > max) continue;
    const d = editDistance(word, part, max);
    if (d <= max) best = Math.min(best, d);
  }
  return best;
}
