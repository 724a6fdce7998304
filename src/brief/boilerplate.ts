import { debrisReason } from '../corpus/clean.ts';

/**
 * Sentence-level boilerplate filter for /brief. The loader already drops whole debris lines; this catches
 * what survives inside paragraphs or in corpora loaded from exports: bylines, captions and credits, plugs
 * and calls to action, author bios, datelines and headings standing alone, and lines that are not full
 * sentences (decks, table rows and list lines without closing punctuation). A sentence it names is never
 * shown as a finding (it may still be cited by other answers, e.g. /source).
 */

interface Rule {
  reason: string;
  test: RegExp | ((s: string) => boolean);
  /**
   * Lower-case strings one of which the sentence must contain for the rule to run: case-insensitive
   * Unicode regexes are slow, and a whole-corpus briefing tests tens of thousands of sentences.
   */
  hints?: readonly string[];
}

const RULES: Rule[] = [
  { reason: 'byline', hints: ['by ', 'by\u00a0', 'author', 'reporting'], test: /^(by|author:?|written by|posted by|words by|reporting by)\s+\p{Lu}[\p{L}.'’-]*(\s+(and\s+)?\p{Lu}[\p{L}.'’-]*){0,5}\s*[,|]?\s*[\p{L} ]{0,30}$/iu },
  { reason: 'photo caption or credit', hints: ['getty', 'photo', 'image', 'reuters/', 'enlarge', 'caption'], test: /(\bvia Getty Images|\bPHOTO:|\bphoto(graph)? (by|credit|courtesy)\b|\bimage (copyright|caption|credit)\b|\(AP Photo|\bAP Photo\/|\bREUTERS\/[\p{Lu}]|\bEnlarge this image\b|\bhide caption\b|\btoggle caption\b)/iu },
  {
    reason: 'plug or call to action',
    hints: ['follow', 'like', 'sign up', 'subscribe', 'click', 'read more', 'newsletter', 'download', 'join', 'mailing', 'rights reserved', 'copyright', '©', 'may not be', 'share', 'watch the video', 'sponsored', 'terms of', 'privacy', 'cookie'],
    test: /(\b(follow|like) (us|him|her|them|me) on\b|\bsign up (for|to)\b|\bsubscribe (to|for|now)\b|\bclick here\b|^read more\b|\bread more\s*[:»>]|\bnewsletter\b|\bdownload (our|the) app\b|\bjoin (our|st's|the) [\p{L}' ]{0,30}(telegram|whatsapp|channel|mailing list)\b|\bmailing list\b|\ball rights reserved\b|\bcopyright\s*(©|\(c\)|\d{4})|©|\bthis (material|article) may not be (published|broadcast)\b|\bshare (this|on) (article|story|facebook|twitter)\b|\bwatch the video\b|\bsponsored content\b|\bterms of (use|service)\b|\bprivacy policy\b|\bcookies?\b.*\b(browser|enable|policy)\b)/iu,
  },
  { reason: 'author bio', hints: [' is a', ' is the', '@', 'reached at', 'email'], test: /(\bis (a|an|the) [\p{L} -]{0,40}\b(editor|reporter|correspondent|writer|columnist|contributor) (of|for|at)\b|@\w{2,}\s*\.?$|\bcan be reached at\b|\bemail (him|her|them) at\b)/iu },
  { reason: 'link or address', hints: ['http', 'www.', '@'], test: /(https?:\/\/|www\.)\S+|\S+@\S+\.\w{2,}/i },
  { reason: 'dateline only', test: /^[\p{Lu} ,.'’-]{2,40}\s*(\([\p{L} .]{1,20}\))?\s*[-–—:]?\s*$/u },
];

/** Why a sentence is boilerplate rather than a finding, or null when it may be shown. */
export function boilerplateReason(sentence: string): string | null {
  const s = sentence.trim();
  const loader = debrisReason(s);
  if (loader) return loader;
  const lower = s.toLowerCase();
  for (const rule of RULES) {
    if (rule.hints && !rule.hints.some((h) => lower.includes(h))) continue;
    const hit = typeof rule.test === 'function' ? rule.test(s) : rule.test.test(s);
    if (hit) return rule.reason;
  }
  const words = s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length < 4) return 'too short to be a finding';
  if (!/[.!?…]["'”’)\]]*$/u.test(s)) return isHeading(words) ? 'heading' : 'not a full sentence (no closing punctuation: a deck, a list or table line)';
  return null;
}

/**
 * A line without closing punctuation whose words are mostly capitalised: a headline, section heading or
 * kicker ("Long Story Short", "RELATED: Best Places To Live"), not a sentence of the story.
 */
function isHeading(words: readonly string[]): boolean {
  if (words.length > 20) return false;
  const capitalised = words.filter((w) => /^["'“‘(]?[\p{Lu}\p{N}]/u.test(w)).length;
  return capitalised / words.length >= 0.6 || words.length <= 6;
}
