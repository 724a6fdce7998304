/**
 * The words just before a temporal expression that change what it means: "last"/"next", "early"/"mid"/
 * "late", "by" (a deadline), "until", and the prepositions that make a bare month name a date.
 */

export type Modifier = 'last' | 'next' | 'this';
export type Part = 'early' | 'mid' | 'late';

export interface Prefix {
  /** Where the phrase starts once the modifiers are taken in. */
  start: number;
  modifier?: Modifier;
  part?: Part;
  /** "by …": a deadline. */
  by: boolean;
  /** "until …", "till …", "through …": the end of a span. */
  until: boolean;
  /** A preposition or modifier introduces the expression ("in May", "since March", "last June"). */
  introduced: boolean;
}

const MODIFIER = /\b(last|next|this(?:\s+past|\s+coming)?|past|coming)\s+$/i;
const PART = /(?:\b(early|late)\s+|\b(mid)-?\s*|\b(?:the\s+)?(beginning|start|middle|end)\s+of\s+(?:the\s+)?)$/i;
const BY = /\bby\s+$/i;
const UNTIL = /\b(?:until|till|through|to)\s+(?:after\s+|before\s+)?$/i;
const PREPOSITION = /\b(?:in|on|since|until|till|by|from|during|before|after|through|of|between|and|to|or|throughout|around|as\s+early\s+as|as\s+late\s+as|last|next|this|early|late|mid|end|start|beginning|middle)\s*-?\s*$/i;

function partOf(word: string): Part {
  const w = word.toLowerCase();
  if (w === 'early' || w === 'beginning' || w === 'start') return 'early';
  if (w === 'late' || w === 'end') return 'late';
  return 'mid';
}

function modifierOf(word: string): Modifier {
  const w = word.toLowerCase();
  if (w.startsWith('last') || w === 'past' || w === 'this past') return 'last';
  if (w.startsWith('next') || w === 'coming' || w === 'this coming') return 'next';
  return /past/.test(w) ? 'last' : /coming/.test(w) ? 'next' : 'this';
}

/**
 * Reads the modifiers before `start` in `sentence`, innermost first: "by late last December" gives
 * modifier `last`, part `late`, by = true, and the start of "late".
 */
export function prefixAt(sentence: string, start: number): Prefix {
  let at = start;
  let before = sentence.slice(0, at);
  const prefix: Prefix = { start, by: false, until: false, introduced: PREPOSITION.test(before) };
  let m = MODIFIER.exec(before);
  if (m) {
    prefix.modifier = modifierOf(m[1]!.replace(/\s+/g, ' '));
    at = m.index + m[0].indexOf(m[1]!);
    before = sentence.slice(0, at);
  }
  m = PART.exec(before);
  // "will be late this year": an adjective after a form of "be", not the late part of the year.
  if (m && m[1] && /\b(?:be|is|are|was|were|been|being|am|seems?|get|gets|got|running)\s+$/i.test(before.slice(0, m.index))) m = null;
  if (m) {
    prefix.part = partOf(m[1] ?? m[2] ?? m[3]!);
    at = m.index + (m[0].length - m[0].trimStart().length);
    before = sentence.slice(0, at);
  }
  prefix.start = at;
  prefix.by = BY.test(before);
  prefix.until = UNTIL.test(before);
  return prefix;
}

/** A modifier or part written inside the expression itself ("last Friday", "mid-October" as one token). */
export function innerModifier(text: string): Modifier | undefined {
  const m = /^(last|next|this(?:\s+past|\s+coming)?|past|coming)\b/i.exec(text.trim());
  return m ? modifierOf(m[1]!.replace(/\s+/g, ' ')) : undefined;
}
