/**
 * A deterministic corpus generator for the benchmark tiers that no real file fills (1M paragraphs):
 * a first-order word Markov chain trained on a real corpus. Every word follows a word it followed in
 * the real text, with the real frequency, so word frequencies and document frequencies keep the real
 * corpus's shape (a Zipf curve, the same common and rare terms); paragraph and article lengths are drawn
 * from the real distributions. Same seed, same corpus. Never lorem ipsum.
 */
import type { Article } from '../../src/corpus/types.ts';

/** mulberry32: a small, well-known seeded PRNG, good enough to pick words. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Chain {
  /** word → following words, repeated as often as they followed it. */
  next: Map<string, string[]>;
  starts: string[];
  paragraphWords: number[];
  articleParagraphs: number[];
  titleWords: number[];
}

export function train(articles: readonly Article[]): Chain {
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  const paragraphWords: number[] = [];
  const articleParagraphs: number[] = [];
  const titleWords: number[] = [];
  for (const a of articles) {
    articleParagraphs.push(a.paragraphs.length);
    if (a.title) titleWords.push(a.title.split(/\s+/).length);
    for (const p of a.paragraphs) {
      const words = p.text.split(/\s+/).filter(Boolean);
      paragraphWords.push(words.length);
      if (words[0]) starts.push(words[0]);
      for (let i = 0; i + 1 < words.length; i++) {
        const list = next.get(words[i]!) ?? [];
        list.push(words[i + 1]!);
        next.set(words[i]!, list);
      }
    }
  }
  return { next, starts, paragraphWords, articleParagraphs, titleWords };
}

function pick<T>(list: readonly T[], rnd: () => number): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function sentence(chain: Chain, words: number, rnd: () => number): string {
  let word = pick(chain.starts, rnd);
  const out = [word];
  while (out.length < words) {
    const options = chain.next.get(word);
    word = options ? pick(options, rnd) : pick(chain.starts, rnd);
    out.push(word);
  }
  return out.join(' ');
}

/**
 * Generates JSON lines (one article each) until `paragraphs` paragraphs are written, in chunks given to
 * `write` (so a 1M-paragraph corpus is never one string).
 */
export function* generate(chain: Chain, paragraphs: number, seed = 1987): Generator<string> {
  const rnd = random(seed);
  let made = 0;
  let n = 0;
  while (made < paragraphs) {
    const count = Math.min(pick(chain.articleParagraphs, rnd), paragraphs - made);
    const body: string[] = [];
    for (let i = 0; i < count; i++) body.push(sentence(chain, Math.max(3, pick(chain.paragraphWords, rnd)), rnd));
    made += count;
    const day = 1 + Math.floor(rnd() * 28);
    const month = 1 + Math.floor(rnd() * 12);
    yield `${JSON.stringify({
      id: `gen-${++n}`,
      title: sentence(chain, pick(chain.titleWords, rnd), rnd).toUpperCase(),
      outlet: 'Generated',
      published: `1987-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      body: body.join('\n\n'),
    })}\n`;
  }
}
