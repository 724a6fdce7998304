/**
 * Tense cues around a temporal expression: does the sentence report what happened or announce what will?
 * A rough, word-level reading (no parser), as HeidelTime does in its news mode: the verb nearest the
 * expression decides, a verb before it first ("said on Tuesday that …", "will meet on Friday").
 */

export type Tense = 'past' | 'future' | 'none';

const FUTURE = /\b(?:will|shall|won['’]t|would|going to|expected to|scheduled|due to|set to|plans? to|planned|planning to|intends? to|aims? to|is to|are to|upcoming|forthcoming|payable|due|effective|expires?|matures?|maturing|redeemable|pending)\b|['’]ll\b/g;

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
}

// "-ed" after these is an adjective or a passive, not a past-tense verb ("the accrued interest", "is
// scheduled to be released", "the armed groups").
const NOT_VERB_BEFORE = /\b(?:the|a|an|of|plus|its|their|his|her|our|be|been|being|is|are|am|get|gets|become|remain|remains|newly|well)\s+$/i;

function cues(text: string): Cue[] {
  const found: Cue[] = [];
  for (const m of text.matchAll(FUTURE)) found.push({ at: m.index, end: m.index + m[0].length, tense: 'future' });
  for (const m of text.matchAll(PAST)) {
    if (NOT_PAST.has(m[0])) continue;
    if (m[0].endsWith('ed') && NOT_VERB_BEFORE.test(text.slice(0, m.index))) continue;
    found.push({ at: m.index, end: m.index + m[0].length, tense: 'past' });
  }
  return found;
}

/** Quotes and clause breaks between a verb and a date mean the verb does not govern it. */
const BARRIER = /[“”";:]/;

/**
 * The tense governing the expression at [start, end) of `sentence`: the nearest cue in the same stretch
 * of text (no quote mark or semicolon between), a cue before the expression preferred to one after it;
 * `none` when nothing is within `reach` (characters; a cue after the expression counts 1.5×).
 * @example tenseAt('Milley said on Tuesday that', 12, 22) // 'past'
 */
export function tenseAt(sentence: string, start: number, end: number, reach = 150): Tense {
  let best: { cost: number; tense: Exclude<Tense, 'none'> } | undefined;
  for (const c of cues(sentence)) {
    let cost: number;
    if (c.at >= start && c.end <= end) cost = 0; // inside the expression: "scheduled for May"
    else if (c.end <= start) {
      if (BARRIER.test(sentence.slice(c.end, start))) continue;
      cost = start - c.end;
    } else if (c.at >= end) {
      if (BARRIER.test(sentence.slice(end, c.at))) continue;
      cost = (c.at - end) * 1.5;
    } else continue;
    if (cost > reach) continue;
    if (!best || cost < best.cost) best = { cost, tense: c.tense };
  }
  return best?.tense ?? 'none';
}

/** True when `text` holds a past-tense cue ("broke", "reported"). */
export function hasPastCue(text: string): boolean {
  return cues(text).some((c) => c.tense === 'past');
}
