/**
 * Realistic benchmark queries drawn from the corpus itself, deterministically: headline phrases, names,
 * misspellings, one-word topics and six-word topics, as reporters type them.
 */
import type { Corpus } from '../../src/corpus/types.ts';
import { STOP_WORDS } from '../../src/text/terms.ts';
import { random } from './generate.ts';

export interface Query {
  kind: 'headline phrase' | 'name' | 'misspelling' | 'one word' | 'six words';
  text: string;
}

export function makeQueries(corpus: Corpus, perKind = 60, seed = 42): Query[] {
  const rnd = random(seed);
  const articles = corpus.articles;
  const pickArticle = () => articles[Math.floor(rnd() * articles.length)]!;
  const contentWords = (text: string) =>
    (text.match(/[\p{L}][\p{L}'-]+/gu) ?? []).filter((w) => w.length > 2 && !STOP_WORDS.has(w.toLowerCase()));
  const queries: Query[] = [];
  const add = (kind: Query['kind'], make: () => string | null) => {
    for (let tries = 0, made = 0; made < perKind && tries < perKind * 20; tries++) {
      const text = make();
      if (text) {
        queries.push({ kind, text });
        made++;
      }
    }
  };
  const paragraphOf = () => {
    const a = pickArticle();
    return a.paragraphs[Math.floor(rnd() * a.paragraphs.length)]!;
  };

  add('headline phrase', () => {
    const words = contentWords(pickArticle().title ?? '');
    if (words.length < 2) return null;
    const n = 2 + Math.floor(rnd() * 2);
    const at = Math.floor(rnd() * Math.max(1, words.length - n + 1));
    return words.slice(at, at + n).join(' ').toLowerCase();
  });
  add('name', () => {
    const names = paragraphOf().text.match(/(?<=\s)\p{Lu}[\p{Ll}]+(?:\s\p{Lu}[\p{Ll}]+)?/gu) ?? [];
    return names.length ? names[Math.floor(rnd() * names.length)]! : null;
  });
  add('misspelling', () => {
    const words = contentWords(pickArticle().title ?? '').filter((w) => w.length > 4);
    if (!words.length) return null;
    const w = words[Math.floor(rnd() * words.length)]!.toLowerCase();
    const i = 1 + Math.floor(rnd() * (w.length - 2));
    return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
  });
  add('one word', () => {
    const words = contentWords(paragraphOf().text);
    return words.length ? words[Math.floor(rnd() * words.length)]!.toLowerCase() : null;
  });
  add('six words', () => {
    const words = contentWords(paragraphOf().text);
    if (words.length < 6) return null;
    const at = Math.floor(rnd() * (words.length - 5));
    return words.slice(at, at + 6).join(' ').toLowerCase();
  });
  return queries;
}
