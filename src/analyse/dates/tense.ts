/**
 * Tense cues around a temporal expression: does the sentence report what happened or announce what will?
 * A rough, word-level reading (no parser), as HeidelTime does in its news mode: the verb nearest the
 * expression decides, a verb before it first ("said on Tuesday that …", "will meet on Friday").
 */

export type Tense = 'past' | 'future' | 'none';

const FUTURE = new RegExp(
  [
    // Future tense and plans: "will meet", "is scheduled", "plans to", "payable April 2".
    "\\b(?:will|shall|won['’]t|would|going to|expected to|(?:is|are|be) expected|scheduled|set to|plans? to|planned|planning to|intends? to|aims? to|is to|are to|upcoming|forthcoming|payable|due(?!(?:\\s+\\w+ly)?\\s+to\\s+(?:the|a|an|its|their|his|her|this|that|lower|higher|weak|strong|[a-z]+ing)\\b)|effective|expires?|matures?|maturing|redeemable|pending)\\b|['’]ll\\b",
    // "the next OPEC meeting … on December 9" (not "their next steps in the wake of Friday's drops").
    '\\bnext\\s+(?:[A-Z]\\w*\\s+|regular\\s+|full\\s+)?(?:meeting|session|round|conference|summit|talks|auction|tender|sale|payment|dividend|election|visit)s?\\b',
    // A passive infinitive of what is still to be done: "the next meeting to be held in Vienna on December 9"
    // (not after a verb of saying or seeming: "was reported to be killed on Monday").
    '(?<!\\b(?:\\w+ed|said|thought|known|seen|was|were|is|are|seems?|appears?)\\s+)\\bto be (?:held|made|paid|sent|built|sold|signed|opened|\\w+ed)\\b',
    // "later this year", "later in the month".
    '\\blater\\s+(?=this|in|next)',
    // A present tense that announces a fixed event: "the council meets on Monday", "talks open in May".
    '\\b(?:meets|opens|begins|resumes|convenes|reconvenes|arrives|visits|takes place|(?:is|are) (?:meeting|visiting|holding|starting|opening))\\b',
  ].join('|'),
  'g',
);

/**
 * Modals that look ahead: "OPEC may need to hold a meeting in September", "prices could fall in May". Lower
 * case only ("May" is a month); not a perfect ("may have met on Monday") nor "could not" (a past "was not
 * able to" as often as not). They govern their own verb phrase only: `MODAL_REACH` characters.
 */
const MODAL = /\b(?:may|might|should|must|needs? to|could(?!\s+not\b))\b(?!\s+(?:not\s+)?have\b)/g;
const MODAL_REACH = 60;

const EARLIER = /\bearlier\s+(?=this|in|last)/gi;

const IRREGULAR_PAST =
  'was|were|had|did|said|told|began|took|met|came|went|left|won|lost|fled|fell|rose|led|held|made|gave|struck|saw|shot|fought|became|broke|sent|spoke|ran|stood|brought|built|caught|chose|drew|drove|flew|froze|got|grew|hid|hit|kept|knew|laid|meant|paid|quit|rode|sold|shook|shut|sank|sat|slept|spent|spread|stole|stuck|swore|swept|taught|tore|thought|threw|understood|woke|wrote|sought|bought|felt|found|heard|won|beat|bit|dealt|fed|forbade|forgave|overthrew|slew|swung|wept|withdrew|underwent|undertook|overtook|ago';

// Lower-case words only: "United", "Ahmed" and "Red" are not verbs.
const PAST = new RegExp(`\\b(?:${IRREGULAR_PAST}|[a-z]{2,}ed)\\b`, 'g');

// Words ending in -ed that are rarely past-tense verbs in news prose.
const NOT_PAST = new Set(['need', 'feed', 'seed', 'speed', 'breed', 'bleed', 'indeed', 'proceed', 'succeed', 'exceed', 'hundred', 'red', 'bed', 'shed', 'wed', 'ned', 'creed', 'greed', 'weed', 'deed', 'reed', 'steed', 'tweed', 'embed', 'sacred', 'kindred', 'naked', 'wicked', 'rugged', 'ragged', 'beloved', 'scheduled', 'planned', 'expected', 'proposed', 'intended']);

interface Cue {
  at: number;
  end: number;
  tense: Exclude<Tense, 'none'>;
  /** How far (characters) the cue governs, when less than the caller's reach. */
  reach?: number;
  /** An "-ed" word just after a comma: a participle phrase, which does not reach past its closing comma. */
  parenthetical?: boolean;
}

// "-ed" after these is an adjective or a passive, not a past-tense verb ("the accrued interest", "is
// scheduled to be released", "the armed groups").
const NOT_VERB_BEFORE = /\b(?:the|a|an|of|plus|its|their|his|her|our|be|been|being|is|are|am|get|gets|become|remain|remains|newly|well)\s+$/i;

function cues(text: string): Cue[] {
  const found: Cue[] = [];
  for (const m of text.matchAll(FUTURE)) found.push({ at: m.index, end: m.index + m[0].length, tense: 'future' });
  for (const m of text.matchAll(MODAL)) found.push({ at: m.index, end: m.index + m[0].length, tense: 'future', reach: MODAL_REACH });
  // "a ruling earlier this month that EPAC should not …": the month so far.
  for (const m of text.matchAll(EARLIER)) found.push({ at: m.index, end: m.index + m[0].length, tense: 'past' });
  for (const m of text.matchAll(PAST)) {
    if (NOT_PAST.has(m[0])) continue;
    // "is held", "to be held": a participle after a form of "be" or an article is no past tense.
    if (NOT_VERB_BEFORE.test(text.slice(0, m.index)) && m[0] !== 'ago') continue;
    // "the talks, convened by the International Cocoa Organization (ICCO), in London on Monday": a passive
    // participle between commas describes a thing; it governs no date outside its commas (see `tenseAt`).
    // ("Sumitomo, with deposits of …, merged with Heiwa Sogo … in October" is the main verb.)
    const parenthetical = m[0].endsWith('ed') && /,\s*$/.test(text.slice(0, m.index)) && /^\s+by\b/.test(text.slice(m.index + m[0].length));
    found.push({ at: m.index, end: m.index + m[0].length, tense: 'past', ...(parenthetical ? { parenthetical } : {}) });
  }
  return found;
}

const REPORTING = /^(?:said|told|added|reported|noted|stated)$/;

/** A comma and a conjunction: a new clause begins. */
const NEXT_CLAUSE = /,\s+(?:and|but|while|whereas|although|though)\b/i;

/** Quotes and clause breaks between a verb and a date mean the verb does not govern it. */
const BARRIER = /[“”";:]/;

/**
 * The tense governing the expression at [start, end) of `sentence`: the nearest cue in the same stretch
 * of text (no quote mark or semicolon between), a cue before the expression preferred to one after it;
 * `none` when nothing is within `reach` (characters; a cue after the expression counts 1.5×, a reporting verb
 * after a comma 3×; a modal only before it, within `MODAL_REACH`, and not before a possessive ("Monday's");
 * no cue across ", and" after it).
 * @example tenseAt('Milley said on Tuesday that', 12, 22) // 'past'
 */
export function tenseAt(sentence: string, start: number, end: number, reach = 150): Tense {
  let best: { cost: number; tense: Exclude<Tense, 'none'> } | undefined;
  for (const c of cues(sentence)) {
    let cost: number;
    if (c.at >= start && c.end <= end) cost = 0; // inside the expression: "scheduled for May"
    else if (c.end <= start) {
      // "should not suffer … from Monday's financial turmoil": a possessive date names an event; a modal
      // before it qualifies another verb.
      if (c.reach !== undefined && /^['’]s\b/.test(sentence.slice(end))) continue;
      if (BARRIER.test(sentence.slice(c.end, start))) continue;
      if (c.parenthetical && sentence.slice(c.end, start).includes(',')) continue;
      cost = start - c.end;
    } else if (c.at >= end) {
      if (BARRIER.test(sentence.slice(end, c.at))) continue;
      // "… contract on March 17, and the authorities must rule …": the next clause has its own time.
      if (NEXT_CLAUSE.test(sentence.slice(end, c.at))) continue;
      // A modal governs the verb after it: "the setback in Sunday's elections may force …" is not ahead.
      if (c.reach !== undefined) continue;
      // "… the next OPEC meeting to be held in Vienna on December 9, Ali said": the reporting verb after a
      // comma dates the saying, not what was said; it decides only when nothing nearer does (3× its distance).
      const reporting = REPORTING.test(sentence.slice(c.at, c.end)) && sentence.slice(end, c.at).includes(',');
      cost = (c.at - end) * (reporting ? 3 : 1.5);
    } else continue;
    if (cost > Math.min(reach, c.reach ?? reach)) continue;
    if (!best || cost < best.cost) best = { cost, tense: c.tense };
  }
  return best?.tense ?? 'none';
}

/** True when `text` holds a past-tense cue ("broke", "reported"). */
export function hasPastCue(text: string): boolean {
  return cues(text).some((c) => c.tense === 'past');
}
