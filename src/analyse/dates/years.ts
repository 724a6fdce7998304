import { formatDate, type Day } from './calendar.ts';
import { prefixAt } from './context.ts';
import { tenseAt } from './tense.ts';
import { make } from './make.ts';
import type { FoundDate, Season } from '../dates.ts';

/**
 * What chrono-node does not read: bare years ("in 2014", "the 2015 nuclear deal", "mid-2011") and seasons
 * ("in the spring of 2011", "last summer"). Numbers that only look like years are not: "2,500", "20
 * percent", "1500 GMT", "2000 troops".
 */

const YEAR = /(?<![\d,.$£€#/:]|\d[.,]|(?<!mid)-)\b(1[6-9]\d\d|20\d\d)\b(?!\s*(?:%|percent|per\s*cent)|[,.:]\d|\s*(?:GMT|UTC|BST|EST|EDT|CET|hrs|local\s+time))/g;
const NOT_AFTER_YEAR =
  /^\s+(?:people|persons|troops|soldiers|police(?:men)?|men|women|children|families|refugees|dlrs|dollars|pounds|euros|yen|marks|francs|tonnes|tons|barrels|shares|km|kilometres|kilometers|miles|metres|meters|feet|kg|mln|billion|million|members|cases|deaths|rockets|votes|seats|hectares|acres|units|cars|vehicles|jobs|workers|employees|prisoners|detainees|students|homes|houses|staff|personnel|protesters|demonstrators|fighters|militants|marines|civilians|delegates)\b/i;
const NOT_BEFORE_YEAR = /(?:\b(?:at|No\.?|number|route|flight|room|page|about|some|nearly|almost|over|than|around|approximately)\s+|[$£€#]\s*)$/i;

const SEASON = /\b(spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?((?:1[6-9]|20)\d\d)\b)?/gi;

function seasonOf(word: string): Season {
  const w = word.toLowerCase();
  return w === 'fall' ? 'autumn' : (w as Season);
}

/** First month of each season (winter: the December it starts in). */
const SEASON_START: Record<Season, number> = { spring: 3, summer: 6, autumn: 9, winter: 12 };

/** Bare years and seasons in `sentence` outside the spans already `claimed` by other expressions. */
export function findSeasonsAndYears(sentence: string, ref: Day | null, claimed: ReadonlyArray<[number, number]>): FoundDate[] {
  const found: FoundDate[] = [];
  const free = (s: number, e: number) => !claimed.some(([a, b]) => s < b && a < e) && !found.some((f) => s < f.end && f.start < e);

  for (const m of sentence.matchAll(SEASON)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const season = seasonOf(m[1]!);
    const prefix = prefixAt(sentence, start);
    const tense = tenseAt(sentence, start, end);
    const after = sentence.slice(end);
    let year: number;
    let relative = false;
    if (m[2]) year = Number(m[2]);
    else {
      // Without a year a season is a date only when "last/this/next" or "in the" introduce it, and "fall"
      // only with "last/this/next" ("the fall of Mubarak" is not autumn).
      const introduced = prefix.modifier || (/\b(?:in|during|over|since|until|by)\s+the\s+$/i.test(sentence.slice(0, start)) && !/^\s+of\b/i.test(after));
      if (!introduced || (m[1]!.toLowerCase() === 'fall' && !prefix.modifier)) continue;
      if (!ref) continue;
      relative = true;
      const first = SEASON_START[season];
      const startedBy = (y: number) => y * 12 + first <= ref.year * 12 + ref.month;
      const endedBy = (y: number) => y * 12 + first + 2 < ref.year * 12 + ref.month;
      if (prefix.modifier === 'last') year = endedBy(ref.year) ? ref.year : ref.year - 1;
      else if (prefix.modifier === 'next') year = startedBy(ref.year) ? ref.year + 1 : ref.year;
      else if (prefix.modifier === 'this') year = ref.year;
      else year = tense === 'future' ? (endedBy(ref.year) ? ref.year + 1 : ref.year) : startedBy(ref.year) ? ref.year : ref.year - 1;
    }
    found.push(make(sentence, prefix, end, formatDate(year), 'year', ref, tense, relative, season));
  }

  for (const m of sentence.matchAll(YEAR)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!free(start, end)) continue;
    const year = Number(m[1]);
    if (ref && (year > ref.year + 10 || year < ref.year - 150)) continue;
    if (NOT_AFTER_YEAR.test(sentence.slice(end)) || NOT_BEFORE_YEAR.test(sentence.slice(0, start))) continue;
    // "the 1986/87 crop", "1985-86 season": a crop or fiscal year, not the date of an event.
    if (/^[/–-]\d{2,4}\b/.test(sentence.slice(end)) || /\d{4}[/–-]$/.test(sentence.slice(0, start))) continue;
    const prefix = prefixAt(sentence, start);
    found.push(make(sentence, prefix, end, formatDate(year), 'year', ref, tenseAt(sentence, start, end), false));
  }
  return found;
}
