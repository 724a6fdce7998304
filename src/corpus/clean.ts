import type { Dropped } from './types.ts';
import { matchKey } from '../text/normalize.ts';

/**
 * Cleaning: telling scraping debris from content. Each rule looks at one line and either keeps it or
 * names why it goes. Kept lines are never rewritten; dropped ones are listed so a person can see them.
 */

/** A paragraph as it stands in the file: verbatim text and the line it starts on. */
export interface RawParagraph {
  text: string;
  line: number;
}

export interface Cleaned {
  /** The headline found as the first line, when the file gave none in its metadata. */
  title: string | null;
  paragraphs: RawParagraph[];
  dropped: Dropped[];
}

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';

/** A line that is only a date: "Tuesday, March 3, 2020", "3 March 2020", "2020-03-03" (compiled once: every sentence of a briefing is tested). */
const DATE_LINE = new RegExp(`^(?:\\w+day,?\\s+)?(?:${MONTH}\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+${MONTH}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2})$`, 'i');

interface Rule {
  reason: string;
  test: (line: string) => boolean;
}

/** Rules in order; the first that matches names the reason. Content lines match none. */
const RULES: Rule[] = [
  { reason: 'markup remnant', test: (l) => /^<?!--.*-->?$/.test(l) || /^(<\/?[a-z][^>]*>\s*)+$/i.test(l) },
  { reason: 'rule line', test: (l) => /^[-–—_*=~·•#\s]+$/.test(l) && l.replace(/\s/g, '').length >= 3 },
  {
    reason: 'photo caption or credit',
    test: (l) =>
      /(\bvia Getty Images|\bPHOTO:\s*[\w\s/.&-]{1,40}|\((?:photo|picture|image)[^)]{0,60}\)|\b(?:Photo|Image|Picture) (?:credit|courtesy)\b.{0,60}|\bAP Photo\/.{1,40})\s*$/i.test(l),
  },
  {
    reason: 'newsletter or social plug',
    test: (l) =>
      l.length < 300 &&
      (/^(join|follow|subscribe|sign up|download|get the)\b.*\b(telegram|newsletter|twitter|facebook|instagram|whatsapp|tiktok|youtube|channel|podcast|app|updates)\b/i.test(l) ||
        /\bfollow (us|him|her|them) on\b|\b(sign up|subscribe) (for|to) our\b/i.test(l)),
  },
  { reason: 'byline', test: (l) => /^(by|author:|written by)\s+\p{Lu}[\p{L}.'’-]*(\s+(and\s+)?\p{Lu}[\p{L}.'’-]*){0,5}$/iu.test(l) },
  {
    reason: 'reporter credits',
    test: (l) =>
      l.length < 300 &&
      !/\b(said|says|told)\b/.test(l) &&
      (/^(additional )?(reporting|editing|writing) by\b/i.test(l) ||
        /\b(reported from|contributed (from|to this report|reporting)) ?[\p{L} ,.'’-]{0,40}\.?$/u.test(l)),
  },
  { reason: 'source line', test: (l) => /^source:\s*\S.{0,80}$/i.test(l) },
  { reason: 'date line', test: (l) => DATE_LINE.test(l) },
];

/** Why a line is debris, or null when it is content. */
export function debrisReason(line: string): string | null {
  const l = line.trim();
  for (const rule of RULES) if (rule.test(l)) return rule.reason;
  return null;
}

/**
 * Does the first line read as a lede rather than a headline? A headline is short and rarely ends in a
 * full stop; a lede is a full sentence ("BAGHDAD – The U.S. government has decided …").
 */
export function readsAsLede(line: string): boolean {
  const words = line.trim().split(/\s+/).length;
  return words > 25 || (words >= 12 && /[.!?]["'”’)]?$/.test(line.trim()));
}

/**
 * Cleans an article body. `firstLine` is the file line the body starts on (for reports).
 * With `findTitle`, the first content line is taken as the headline unless it reads as a lede.
 */
export function cleanBody(body: string, firstLine: number, options: { findTitle: boolean; title: string | null }): Cleaned {
  const dropped: Dropped[] = [];
  const paragraphs: RawParagraph[] = [];
  let title = options.title;
  let lookForTitle = options.findTitle;
  const seen = new Set<string>();
  let titleKey = title === null ? null : matchKey(title);
  if (titleKey) seen.add(titleKey);

  const lines = body.split('\n');
  let block: Array<{ text: string; line: number }> = [];
  const flush = () => {
    if (block.length > 0) paragraphs.push({ text: block.map((l) => l.text).join('\n'), line: block[0]!.line });
    block = [];
  };

  lines.forEach((raw, i) => {
    const line = firstLine + i;
    const text = raw.replace(/\s+$/, '');
    if (text.trim() === '') return flush();
    const reason = debrisReason(text);
    if (reason) {
      flush(); // debris between two lines separates them: never glue text across it
      return void dropped.push({ line, text, reason });
    }
    if (lookForTitle) {
      lookForTitle = false;
      if (!readsAsLede(text)) {
        title = text.trim();
        titleKey = matchKey(title);
        seen.add(titleKey);
        return;
      }
    }
    const key = matchKey(text);
    // A repeated long line is scraping debris (a caption or headline scraped twice); short repeated lines
    // are usually table rows and stay.
    if (seen.has(key) && (key === titleKey || text.split(/\s+/).length >= 8)) {
      return void dropped.push({ line, text, reason: key === titleKey ? 'repeated headline' : 'duplicate line' });
    }
    seen.add(key);
    block.push({ text, line });
  });
  flush();
  return { title, paragraphs, dropped };
}
