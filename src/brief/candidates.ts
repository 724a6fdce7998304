import type { Article, Paragraph, Sentence } from '../corpus/types.ts';
import { matchKey } from '../text/normalize.ts';
import { terms } from '../text/terms.ts';
import { boilerplateReason } from './boilerplate.ts';
import { DATELINE } from '../text/outlets.ts';

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
  /**
   * A sentence opening on a word that points back ("That prompted militias to announce a unilateral truce
   * …") is read together with the sentence before it in its paragraph, as one verbatim span, when the two
   * hold at most this many words and the one before neither points back nor is excluded. Off when absent.
   */
  joinDangling?: number;
}

/** Opening words that refer back to an earlier sentence ("He said …", "That prompted …"; not quotations). */
export const DANGLING = /^(?:He|She|It|They|This|That|These|Those|His|Her|Its|Their|Such|But|And|Also|However|Meanwhile|Additionally|The (?:company|firm|group|spokesman|spokeswoman|official|source)\b)\b/u;

/** Joined spans per dangling sentence object (stable, so what is learnt about a span is kept too). */
const JOINED = new WeakMap<Sentence, Sentence>();

/** Every joined span made (see `isJoinedSpan`). */
const SPANS = new WeakSet<Sentence>();

/** The sentence with the one before it, as one verbatim span of the paragraph. */
function joined(paragraph: Paragraph, previous: Sentence, sentence: Sentence): Sentence {
  let j = JOINED.get(sentence);
  if (!j) {
    JOINED.set(sentence, (j = { text: paragraph.text.slice(previous.start, sentence.end), start: previous.start, end: sentence.end }));
    SPANS.add(j);
  }
  return j;
}

/** Whether a candidate's sentence is a dangling sentence joined to the one before it (two claims in one span). */
export function isJoinedSpan(sentence: Sentence): boolean {
  return SPANS.has(sentence);
}

/** What a briefing needs to know about a sentence whatever the query: filled once per sentence object. */
interface SentenceFacts {
  /** Why the sentence cannot be a finding, or null. */
  excluded: string | null;
  terms: string[];
  words: number;
}

/** Sentences are immutable (a changed article brings new objects), so what is learnt about one is kept. */
const LEARNT = new WeakMap<Sentence, SentenceFacts>();

function factsOf(paragraph: Paragraph, sentence: Sentence): SentenceFacts {
  let f = LEARNT.get(sentence);
  if (!f) {
    const excluded = boilerplateReason(sentence.text) ?? badSplit(paragraph.text, sentence);
    f = { excluded, terms: excluded ? [] : terms(sentence.text), words: sentence.text.split(/\s+/).length };
    LEARNT.set(sentence, f);
  }
  return f;
}

/**
 * A sentence the splitter cut in the wrong place: the text after it goes on in lower case or with a digit,
 * or it starts in lower case, or with a digit right after "digit." (Reuters' "has averaged 16. 20 dlrs").
 */
function badSplit(text: string, sentence: Sentence): string | null {
  if (/^[\p{Ll}\p{N}]/u.test(text.slice(sentence.end).trimStart())) return 'cut short: the text goes on in lower case or a digit';
  if (/^\p{Ll}/u.test(sentence.text)) return 'starts mid-sentence (lower case)';
  if (/^\p{N}/u.test(sentence.text) && /\p{N}\.$/u.test(text.slice(0, sentence.start).trimEnd())) return 'starts mid-number';
  return null;
}

/**
 * The candidate sentences of a set of articles: every sentence that is not boilerplate, not an article's
 * headline repeated, not cut by a doubtful split ("has averaged 16. 20 dlrs") and has at least three index
 * terms. Sentence spans come from the paragraph, so a candidate's text is always a verbatim substring of
 * its paragraph.
 */
export function collectCandidates(articles: readonly Article[], options: CollectOptions = {}): Candidate[] {
  const out: Candidate[] = [];
  const headlines = new Set(articles.flatMap((a) => (a.title ? [matchKey(a.title)] : [])));
  for (const article of articles) {
    let position = 0;
    for (const paragraph of article.paragraphs) {
      if (options.maxPosition !== undefined && position >= options.maxPosition) break;
      const wanted = !options.paragraphs || options.paragraphs.has(paragraph.id);
      const sentences = paragraph.sentences;
      for (let i = 0; i < sentences.length; i++) {
        const here = position++;
        if (!wanted) continue;
        let sentence = sentences[i]!;
        const next = sentences[i + 1];
        if (options.joinDangling && next && DANGLING.test(next.text) && !DANGLING.test(sentence.text) && !factsOf(paragraph, sentence).excluded && !factsOf(paragraph, next).excluded) {
          const pair = joined(paragraph, sentence, next);
          if (factsOf(paragraph, pair).words <= options.joinDangling) {
            sentence = pair;
            i++;
            position++;
          }
        }
        const f = factsOf(paragraph, sentence);
        if (f.excluded || f.terms.length < 3) continue;
        if (headlines.size && headlines.has(matchKey(sentence.text))) continue;
        out.push({ paragraph, sentence, article: article.id, position: here, words: f.words, terms: f.terms });
      }
    }
  }
  return out;
}

/**
 * The text a briefing shows for a candidate: its sentence, without the dateline that opens an article's
 * first paragraph (the place and agency are the source list's business). Always a verbatim span of the
 * paragraph.
 *
 * @example shownText(lede) // "The American embassy in Baghdad has partially withdrawn its staff …" (no "BAGHDAD (AFP) - ")
 */
export function shownText(c: Candidate): string {
  const text = c.sentence.text;
  if (c.paragraph.n !== 1 || c.sentence.start !== 0) return text;
  const m = DATELINE.exec(text);
  return m && text.length - m[0].length >= 20 ? text.slice(m[0].length) : text;
}
