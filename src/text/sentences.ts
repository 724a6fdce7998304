import type { Sentence } from '../corpus/types.ts';

/**
 * Abbreviations that end with a period but do not end a sentence when a word follows.
 * Titles and ranks never end a sentence before a name; months never end one before a day number.
 */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cpl', 'pvt', 'adm', 'cmdr',
  'sen', 'rep', 'gov', 'lt.gen', 'brig', 'rev', 'fr', 'sr', 'jr', 'st', 'mt', 'ft', 'pres', 'supt', 'insp',
  'hon', 'messrs', 'mme', 'mlle', 'sheikh', 'no', 'nos', 'vs', 'v', 'etc', 'cf', 'approx', 'dept', 'univ',
  'co', 'corp', 'inc', 'ltd', 'bros', 'ave', 'blvd', 'rd', 'fig', 'vol', 'pp', 'ed', 'eds', 'est',
]);
const MONTHS = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);
/** Words that commonly open a sentence; after "U.S." they tell that the sentence did end there. */
const OPENERS = new Set([
  'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'but', 'and', 'in', 'on', 'at', 'this', 'that',
  'these', 'those', 'there', 'his', 'her', 'their', 'its', 'our', 'however', 'meanwhile', 'after', 'before',
  'while', 'when', 'if', 'as', 'since', 'officials', 'still', 'yet', 'so', 'for', 'some', 'many', 'most',
]);

const CLOSERS = '"\'”’)]»';
const OPENING = /["'“‘(\[«\p{Lu}\p{N}]/u;

/**
 * Splits a paragraph into sentences, as spans of the verbatim text (whitespace between sentences is
 * left out). Survives abbreviations ("U.S.", "Gen.", "Mr"), dates ("Jan. 3", "(Dec 2)"), initials and
 * quotations that run over several sentences: a quote that opens and closes inside the paragraph is
 * kept in one sentence with its attribution (`"It's a drawdown. They could come back," he said.`).
 * A line break inside a paragraph ends a sentence when the line has no closing punctuation
 * (datelines, headings).
 *
 * @example splitSentences('Gen. Milley spoke on Jan. 3. He left.').map(s => s.text)
 * // ['Gen. Milley spoke on Jan. 3.', 'He left.']
 */
export function splitSentences(text: string): Sentence[] {
  const quoteSpans = balancedQuoteSpans(text);
  const insideQuote = (i: number) => quoteSpans.some(([a, b]) => i > a && i < b);
  const cuts: number[] = [];

  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      const before = text.slice(0, i).trimEnd();
      const lastChar = before[before.length - 1];
      if (before.length > 0 && lastChar !== undefined && !/[.!?:;,]/.test(lastChar)) cuts.push(i);
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Swallow runs of terminal punctuation and closing quotes/brackets: `?!`, `."`, `.)`.
    let j = i + 1;
    while (j < text.length && ('.!?…'.includes(text[j]!) || CLOSERS.includes(text[j]!))) j++;
    if (j >= text.length) break;
    if (!/\s/.test(text[j]!)) continue;
    let k = j;
    while (k < text.length && /\s/.test(text[k]!)) k++;
    if (k >= text.length) break;
    if (!OPENING.test(text[k]!)) continue;
    if (ch === '.' && !endsSentence(text, i, k)) continue;
    if (insideQuote(i) && !closesQuoteHere(text, i, j)) continue;
    cuts.push(j);
    i = j - 1;
  }

  const sentences: Sentence[] = [];
  let start = 0;
  for (const cut of [...cuts, text.length]) {
    const span = trimSpan(text, start, cut);
    if (span) sentences.push(span);
    start = cut;
  }
  // A copy of the right size: an array grown by `push` keeps room for 17, and every paragraph keeps its list.
  return sentences.slice();
}

/** Does the period at `dot` end a sentence, given that the next word starts at `next`? */
function endsSentence(text: string, dot: number, next: number): boolean {
  const before = text.slice(0, dot);
  const word = /([\p{L}\p{N}.'’-]*)$/u.exec(before)?.[1] ?? '';
  const bare = word.replace(/^[.'’-]+/, '');
  const lower = bare.toLowerCase();
  const nextWord = /^[\p{L}\p{N}'’]+/u.exec(text.slice(next))?.[0] ?? '';
  const nextIsNumber = /^\p{N}/u.test(nextWord);

  if (lower.length === 0) return true;
  if (TITLES.has(lower)) return false;
  if (MONTHS.has(lower)) return !nextIsNumber;
  // A single initial ("J. Smith") or a dotted acronym ("U.S.", "U.N."): a sentence ends there only when
  // the next word is a typical sentence opener ("... the U.S. The move ...").
  if (/^\p{Lu}$/u.test(bare) || /^(\p{L}\.)+\p{L}$/u.test(bare)) {
    return OPENERS.has(nextWord.toLowerCase());
  }
  // Numbers like "No. 3" are caught above; "3.5" never reaches here (no space after the dot).
  return true;
}

/**
 * Spans [open, close] of quotations that open and close inside the text. Curly quotes pair by shape;
 * straight double quotes pair in order. An unbalanced quote (a quote that runs on into the next
 * paragraph, as news style allows) opens no span.
 */
function balancedQuoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '“' || (c === '"' && open < 0)) {
      if (open < 0) open = i;
    } else if ((c === '”' || c === '"') && open >= 0) {
      spans.push([open, i]);
      open = -1;
    }
  }
  return spans;
}

/** A sentence end inside a quote counts when the quote closes right at it and a new sentence follows. */
function closesQuoteHere(text: string, dot: number, afterPunct: number): boolean {
  const tail = text.slice(dot + 1, afterPunct);
  return /["”]/.test(tail);
}

function trimSpan(text: string, start: number, end: number): Sentence | null {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  if (a >= b) return null;
  return { text: text.slice(a, b), start: a, end: b };
}
