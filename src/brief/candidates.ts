import type { Article, Paragraph, Sentence } from '../corpus/types.ts';
import { matchKey } from '../text/normalize.ts';
import { terms } from '../text/terms.ts';
import { boilerplateReason } from './boilerplate.ts';

/** A sentence that may become a finding of a briefing, with what ranking needs to know about it. */
export interface Candidate {
  paragraph: Paragraph;
  sentence: Sentence;
  /** Article id. */
  article: string;
  /** 0-based position of the sentence in its article (counting every sentence of every kept paragraph). */
  position: number;
  /** Number of words, for length priors and word budgets. */
  words: number;
  /** Index terms (stop words out, Porter stems), in order, with repeats. */
  terms: string[];
}

export interface CollectOptions {
  /** Only sentences of these paragraphs (a topic's search hits); all paragraphs when absent. */
  paragraphs?: ReadonlySet<string>;
  /** Only the first N sentences of each article (bounds work on very large corpora). */
  maxPosition?: number;
}

/**
 * The candidate sentences of a set of articles: every sentence that is not boilerplate, not an article's
 * headline repeated and has at least three index terms. Sentence spans come from the paragraph, so a
 * candidate's text is always a verbatim substring of its paragraph.
 */
export function collectCandidates(articles: readonly Article[], options: CollectOptions = {}): Candidate[] {
  const out: Candidate[] = [];
  const headlines = new Set(articles.flatMap((a) => (a.title ? [matchKey(a.title)] : [])));
  for (const article of articles) {
    let position = 0;
    for (const paragraph of article.paragraphs) {
      if (options.maxPosition !== undefined && position >= options.maxPosition) break;
      const wanted = !options.paragraphs || options.paragraphs.has(paragraph.id);
      for (const sentence of paragraph.sentences) {
        const here = position++;
        if (!wanted) continue;
        if (headlines.has(matchKey(sentence.text))) continue;
        if (boilerplateReason(sentence.text)) continue;
        const t = terms(sentence.text);
        if (t.length < 3) continue;
        out.push({ paragraph, sentence, article: article.id, position: here, words: sentence.text.split(/\s+/).length, terms: t });
      }
    }
  }
  return out;
}
