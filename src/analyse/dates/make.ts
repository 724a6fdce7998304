import { dayNumber, type Day } from './calendar.ts';
import type { Prefix } from './context.ts';
import type { Tense } from './tense.ts';
import type { FoundDate, Granularity, Relation, Season } from '../dates.ts';

/** Builds a FoundDate, deciding its relation from the value against the reference and the tense. */
export function make(
  sentence: string,
  prefix: Pick<Prefix, 'start' | 'part' | 'by'>,
  end: number,
  value: string,
  granularity: Granularity,
  ref: Day | null,
  tense: Tense,
  relative: boolean,
  season?: Season,
): FoundDate {
  const start = prefix.start;
  // "September," → "September": trailing punctuation is not part of the phrase.
  while (end > start && /[\s,;:]/.test(sentence[end - 1]!)) end--;
  const found: FoundDate = { phrase: sentence.slice(start, end), start, end, value, granularity, relation: relationOf(value, ref, tense, prefix.by), relative };
  if (prefix.part && granularity !== 'day') found.part = prefix.part;
  if (season) found.season = season;
  return found;
}

function relationOf(value: string, ref: Day | null, tense: Tense, by: boolean): Relation {
  const c = ref ? comparePeriod(value, ref) : 0;
  const ahead = c > 0 || (c === 0 && (tense === 'future' || by)) || (!ref && tense === 'future');
  if (!ahead) return 'past';
  return by ? 'deadline' : 'future';
}

/** -1, 0 or 1: is the period `value` before, around or after the reference day? */
function comparePeriod(value: string, ref: Day): number {
  const [y, m, d] = value.split('-').map(Number) as [number, number | undefined, number | undefined];
  if (y !== ref.year) return y < ref.year ? -1 : 1;
  if (m === undefined) return 0;
  if (m !== ref.month) return m < ref.month ? -1 : 1;
  if (d === undefined) return 0;
  const a = dayNumber({ year: y, month: m, day: d });
  const b = dayNumber(ref);
  return a === b ? 0 : a < b ? -1 : 1;
}
