import * as chrono from 'chrono-node/en'; // English only: the other locales' parsers cost start-up time (about 0.2 s)
import { dayNumber, formatDate, fromDayNumber, parseDay, weekdayDay, yearFor, type Day, type Placement } from './dates/calendar.ts';
import { innerModifier, prefixAt, type Part } from './dates/context.ts';
import { hasPastCue, tenseAt, type Tense } from './dates/tense.ts';
import { findSeasonsAndYears } from './dates/years.ts';
import { make } from './dates/make.ts';
import { attributiveAt } from './dates/attributive.ts';

export type { Part } from './dates/context.ts';

/** How precise a resolved date is: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export type Granularity = 'year' | 'month' | 'day';

/**
 * What the date is to the sentence: something that happened (`past`), something announced or expected
 * (`future`), a deadline ("by January 15"), or a length of time that is not a date at all (`duration`).
 */
export type Relation = 'past' | 'future' | 'deadline' | 'duration';

export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

/** One temporal expression found in a sentence. */
export interface FoundDate {
  /** The verbatim phrase: `sentence.slice(start, end)`. */
  phrase: string;
  start: number;
  end: number;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null for a duration or a relative date with no reference. */
  value: string | null;
  granularity: Granularity | null;
  /** "early/mid/late October" (month or year granularity only). */
  part?: Part;
  /** "spring 2011" (year granularity). */
  season?: Season;
  relation: Relation;
  /** True when the value depends on the reference date (the text alone does not give the year). */
  relative: boolean;
  /**
   * The year of a month or day written without one was chosen by tense or nearness to the reference
   * (not pinned by last/next/this, "this year" or an anniversary): the article's other dates may say
   * otherwise ("March 7" in a 2005 article that also writes "March 7 2003"), see `analyseArticle`.
   */
  yearGuessed?: boolean;
  /**
   * The date belongs to something the sentence only mentions, not to its own event: a noun modifier ("the
   * 2015 nuclear deal", "Iran's 2009 election") or a date in a reduced relative ("militias formed in
   * 2014", "the group, founded in 1982,"). Recognised and resolved as any other, but it does not date
   * the sentence (see dates/attributive.ts).
   */
  attributive?: boolean;
  /**
   * For an attributive date in a participial clause, the verbatim span [start, end) of the sentence that
   * is about the dated thing alone, when there is one ("a group of … militias formed in 2014 to fight ISIS.").
   */
  clause?: { start: number; end: number };
}

/** The date a sentence's relative expressions are resolved against: its article's publication date. */
export interface Reference {
  /** YYYY-MM-DD */
  date: string;
}

/** Any of these in a sentence may start a date; sentences without one skip the parser (most do). */
const MAY_HAVE_DATE =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|yesterday|today|tonight|tomorrow|ago|years?|months?|days?|weeks?|hours?|decades?|spring|summer|autumn|fall|winter|weekend)\b|\b(?:1[6-9]|20)\d\d\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/i;

const UNIT = /\b(?:days?|weeks?|fortnights?|months?|years?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\b/i;
// Not "later"/"earlier": "twelve hours later" counts from the story's own time, not the reference.
const RELATIVE_WORD = /\b(?:yesterday|today|tonight|tomorrow|ago|last|next|this|past|coming)\b/i;
const MONTH_NAME = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?/i;
const EXPLICIT_YEAR = /\b(?:1[6-9]|20)\d\d\b|['’]\d\d\b/;

/**
 * Finds the temporal expressions of one sentence and resolves them against `reference` (the article's
 * publication date). chrono-node recognises and parses; our rules choose the year or week it leaves
 * open (by tense, "last"/"next", "by", "until"), keep the granularity the text gives, read
 * "early/mid/late", seasons and bare years, and mark durations. With no reference only absolute
 * expressions get a value; today's clock is never used.
 *
 * @example
 * findDates('Fears have increased since the killing outside Tehran last Friday.', { date: '2020-12-03' })
 * // [{ phrase: 'last Friday', value: '2020-11-27', granularity: 'day', relation: 'past', relative: true, … }]
 */
export function findDates(sentence: string, reference: Reference | null): FoundDate[] {
  if (!MAY_HAVE_DATE.test(sentence)) return [];
  const ref = reference ? parseDay(reference.date) : null;
  // chrono always gets an explicit reference; with none, a fixed one whose results we keep only when the
  // text gives the year itself.
  const anchor = ref ?? { year: 2000, month: 1, day: 1 };
  const instant = new Date(Date.UTC(anchor.year, anchor.month - 1, anchor.day, 12));
  const results = chrono.parse(sentence, { instant, timezone: 0 });

  const found: FoundDate[] = [];
  const claimed: Array<[number, number]> = [];
  for (const r of results) {
    const item = fromChrono(sentence, r, ref, claimed);
    if (item) {
      found.push(item);
      claimed.push([item.start, item.end]);
    }
  }
  for (const item of findSeasonsAndYears(sentence, ref, claimed)) found.push(item);
  found.sort((a, b) => a.start - b.start);
  const kept = dropEchoes(sentence, found);
  markAttributive(sentence, kept);
  return kept;
}

/** Marks the dates that belong to something the sentence only mentions (see dates/attributive.ts). */
function markAttributive(sentence: string, found: FoundDate[]): void {
  for (const f of found) {
    if (f.value === null || f.relation === 'duration') continue;
    // "the Jan. 3 anniversary of the slaying …": the value is already the slaying's, the event named.
    if (/^\s*anniversary\b/i.test(sentence.slice(f.end))) continue;
    const others = found.filter((o) => o !== f && o.value !== null).map((o): [number, number] => [o.start, o.end]);
    const attribution = attributiveAt(sentence, f.start, f.end, others);
    if (!attribution) continue;
    f.attributive = true;
    // A clause is shown on its own only when its date is sure: not a year guessed from tense or nearness.
    if (attribution.clause && !f.yearGuessed) f.clause = attribution.clause;
  }
}

/** "late Wednesday (Dec 2)": the weekday and the date in brackets are one expression; keep the date. */
function dropEchoes(sentence: string, found: FoundDate[]): FoundDate[] {
  return found.filter((f, i) => {
    const next = found[i + 1];
    return !(next && f.granularity === 'day' && next.value === f.value && /^\s*[(,–—-]?\s*$/.test(sentence.slice(f.end, next.start)));
  });
}

function overlaps(claimed: ReadonlyArray<[number, number]>, start: number, end: number): boolean {
  return claimed.some(([s, e]) => start < e && s < end);
}

function fromChrono(sentence: string, r: chrono.ParsedResult, ref: Day | null, claimed: Array<[number, number]>): FoundDate | null {
  let start = r.index;
  let end = r.index + r.text.length;
  if (overlaps(claimed, start, end)) return null;
  const text = r.text;
  const certain = (c: chrono.Component) => r.start.isCertain(c);
  const prefix = prefixAt(sentence, start);

  // Lengths of time: "for two days", "90 days", "over the last year".
  if (UNIT.test(text) && !RELATIVE_WORD.test(text)) return duration(sentence, start, end);
  if (/^(?:the\s+)?(?:last|past|next|coming)\s+(?:\w+\s+){1,2}(?:years|months|weeks|days|hours)$/i.test(text.trim())) return duration(sentence, start, end);
  if (/^(?:the\s+)?(?:last|past)\s+(?:year|month|week|day)$/i.test(text.trim()) && /\b(?:over|in|during|for|within|throughout|of)\s+(?:the\s+)?$/i.test(sentence.slice(0, start))) {
    return duration(sentence, start, end);
  }
  // "a few months ago", "several days ago": too vague to place.
  if (/\b(?:few|several|some|couple|many|recent)\b/i.test(text)) return null;
  // "over the weekend", "this weekend": two days; a date only as the month they both fall in.
  if (/^(?:(?:this|last|next|past|coming)\s+)?weekend[,.;:]?$/i.test(text.trim())) return weekend(sentence, start, end, text, ref);
  // Weeks are not dates we can place on a day, month or year.
  if (/\bweek(?:end)?s?\b/i.test(text)) return null;
  if (!certain('day') && !certain('month') && !certain('year') && !certain('weekday')) return null;
  // chrono reads a few words as times of a day ("their bloody pasts"): a date has a digit or a date word.
  if (!/\d/.test(text) && !MAY_HAVE_DATE.test(text) && !/\b(?:morning|afternoon|evening|night|noon|midnight)\b/i.test(text)) return null;
  // "every Tuesday and Friday": a recurring day, not a date.
  if (certain('weekday') && !certain('day') && /\b(?:every|each)\s+(?:\w+\s+and\s+)?$/i.test(sentence.slice(0, start))) return null;
  // "The next day we visit the embassy", "the following morning": counted from the story's own time.
  if (/^(?:next|following|previous)\s+(?:day|morning|afternoon|evening|night)$/i.test(text.trim()) && /\bthe\s+$/i.test(sentence.slice(0, start))) return null;
  // "now" is when the article speaks, not a date of an event.
  if (/^(?:right\s+)?now$|^currently$/i.test(text.trim())) return null;
  // "TONIGHT:" (a programme's name as a speaker label), "the Today programme": names, not dates.
  if (/^[A-Z\s]{4,}$/.test(text.trim()) && !/\d/.test(text)) return null;
  if (/^(?:Today|Tonight)\b/.test(text) && start > 0 && !/(?:^|[.!?:"“‘'(]\s*)$/.test(sentence.slice(0, start))) return null;
  // Numbers alone ("3/4", "10.5") are too often not dates.
  if (!/[a-z]/i.test(text) && !EXPLICIT_YEAR.test(text)) return null;

  // "the Sun's front page", "Wed": an abbreviated weekday alone is a newspaper or a word, not a date
  // (datelines write it with the date: "Sun Apr 24, 2011").
  if (certain('weekday') && !certain('day') && !/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(text)) return null;
  // "today's teenagers", "the world today": the present age, not a day. ("Blair meets Putin today" is a day.)
  if (/^today$/i.test(text.trim()) && (/^['’]s\s+(?:\w+\s+)?\w+s\b/i.test(sentence.slice(end)) || /\bworld\s+$/i.test(sentence.slice(0, start)))) return null;

  // "ahead of a visit … on Saturday": what the clause looks ahead to is still to come.
  // ("ahead of mass protests that broke out on Friday" has its own verb, and it decides.)
  const ahead = /\bahead\s+of\b([^,;:"“”]*)$/i.exec(sentence.slice(0, start));
  const tense = ahead && !hasPastCue(ahead[1]!) ? 'future' : tenseAt(sentence, start, end);
  const explicitYear = certain('year') && EXPLICIT_YEAR.test(text);
  const modifier = innerModifier(text) ?? prefix.modifier;

  // Relative words chrono computes correctly from the reference: "yesterday", "two years ago", "last month".
  if (!explicitYear && certain('year') && RELATIVE_WORD.test(text) && !MONTH_NAME.test(text) && !/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b/i.test(text)) {
    if (!ref) return unresolved(sentence, prefix.start, end, tense);
    let granularity: Granularity = /\byears?\b/i.test(text) ? 'year' : /\bmonths?\b/i.test(text) ? 'month' : 'day';
    // "One year ago today": that day, a year back; "today" is part of this expression.
    const today = /\bago$/i.test(text.trim()) ? /^\s+today\b/i.exec(sentence.slice(end)) : null;
    if (today) {
      end += today[0].length;
      granularity = 'day';
    }
    const year = r.start.get('year')!;
    const month = granularity === 'year' ? undefined : r.start.get('month')!;
    const day = granularity === 'day' ? r.start.get('day')! : undefined;
    return make(sentence, prefix, end, formatDate(year, month, day), granularity, ref, tense, true);
  }

  // A weekday without its date: the week comes from the tense ("said on Tuesday" is the Tuesday before).
  if (certain('weekday') && !certain('day')) {
    if (!ref) return unresolved(sentence, prefix.start, end, tense);
    // "set a Saturday deadline": the coming Saturday, a deadline.
    const deadline = /^\s*deadline\b/i.test(sentence.slice(end));
    const placement: Placement =
      modifier === 'last' ? 'before' : modifier === 'next' ? 'after' : modifier === 'this' || prefix.by || deadline || tense === 'future' ? 'future' : 'past';
    const d = weekdayDay(r.start.get('weekday')!, ref, placement);
    return make(sentence, { ...prefix, part: undefined, by: prefix.by || deadline }, end, formatDate(d.year, d.month, d.day), 'day', ref, tense, true);
  }

  if (certain('month')) {
    const month = r.start.get('month')!;
    // "the end of January" is a part of the month, not its last day.
    const hasDay = certain('day') && !/\b(?:end|beginning|start|middle)\s+of\b/i.test(text);
    if (!hasDay && /^(?:the\s+)?(?:end|beginning|start|middle)\s+of\b/i.test(text)) {
      const m = /^(?:the\s+)?(end|beginning|start|middle)\s+of\s+(?:the\s+)?/i.exec(text)!;
      prefix.part = m[1]!.toLowerCase() === 'end' ? 'late' : m[1]!.toLowerCase() === 'middle' ? 'mid' : 'early';
    }
    // A bare month name is a date only when written as one: "in May", "last December", "mid-October".
    if (!hasDay && !explicitYear) {
      const word = MONTH_NAME.exec(text)?.[0] ?? '';
      if (!/^[A-Z]/.test(word) || !(prefix.introduced || modifier || prefix.part || /^\s*['’]s\b/.test(sentence.slice(end)))) return null;
    }
    const day = hasDay ? r.start.get('day')! : undefined;
    let year: number | null = explicitYear ? r.start.get('year')! : null;
    // "April/January 1986/87": chrono reads "January 1986"; the month is in the split year's season.
    const split = year !== null ? /^[/-](\d{2}|\d{4})\b/.exec(sentence.slice(end)) : null;
    if (split) {
      const inSeason = seasonYear(year!, split[1]!, month);
      if (inSeason === null) return null;
      year = inSeason;
      end += split[0].length;
    }
    let relative = !explicitYear;
    let guessed = false;
    if (year === null) {
      if (!ref) return unresolved(sentence, prefix.start, end, tense);
      // "January this year", "the Jan. 3 anniversary of … last year".
      const attached = /^\s*(?:of\s+)?(this|last|next)\s+year\b/i.exec(sentence.slice(end));
      const anniversary = hasDay && /^\s*anniversary\b/i.test(sentence.slice(end));
      const own = writtenYear(sentence.slice(end), month) ?? openingYear(sentence, start);
      if (own) {
        // "the week ended March 20 of the 1985/86 season", "March 20 of 1986": the sentence gives the year.
        if (own.year === null) return null;
        year = own.year;
        relative = false;
        end += own.length;
      } else if (month === 9 && day === 11 && ref.year > 2001 && nineEleven(sentence, start, end)) {
        // "the September 11 attacks", "in the wake of 11 September": the attacks of 2001, a name.
        year = 2001;
      } else if (attached) {
        year = ref.year + ({ this: 0, last: -1, next: 1 } as const)[attached[1]!.toLowerCase() as 'this' | 'last' | 'next'];
        end += attached[0].length;
      } else if (anniversary) {
        const years = anniversaryYears(sentence.slice(end));
        if (years === null) return null;
        // The "last year" that dates the event is part of this expression, not one of its own.
        const lastYear = /\blast year\b/i.exec(sentence.slice(end));
        if (lastYear) claimed.push([end + lastYear.index, end + lastYear.index + lastYear[0].length]);
        year = yearFor(month, day, ref, tense === 'past' ? 'past' : 'nearest') - years;
        return make(sentence, prefix, end, formatDate(year, month, day), 'day', ref, 'past', true);
      } else {
        const placement: Placement =
          modifier === 'last' ? 'before'
          : modifier === 'next' ? 'after'
          : modifier === 'this' ? 'nearest'
          // "Coffee for delivery in May ended at 99.28 cents": a delivery month is ahead, whatever the verb.
          : FOR_DELIVERY.test(sentence.slice(0, prefix.start)) ? 'future'
          // "in effect unofficially since April, could cost": what has lasted since a month began before.
          : /\bsince\s+$/i.test(sentence.slice(0, prefix.start)) ? 'past'
          : prefix.by || prefix.until ? 'nearest'
          : tense === 'past' ? 'past'
          : tense === 'future' ? 'future'
          : 'nearest';
        year = yearFor(month, day, ref, placement);
        const lastYear = sentenceYearHint(sentence);
        if (lastYear !== null && !modifier && placement === 'past') year = ref.year + lastYear;
        else guessed = !modifier;
      }
    }
    const made = make(sentence, prefix, end, formatDate(year, month, day), hasDay ? 'day' : 'month', ref, tense, relative);
    if (guessed) made.yearGuessed = true;
    return made;
  }

  if (certain('year')) {
    // chrono's "2011" with no month (rare): a year.
    if (!explicitYear && !ref) return unresolved(sentence, prefix.start, end, tense);
    return make(sentence, prefix, end, formatDate(r.start.get('year')!), 'year', ref, tense, !explicitYear);
  }
  return null;
}

/**
 * A weekend as the month both its days fall in: "over the weekend" in a Tuesday 29 September 2020 article is
 * 26–27 September → 2020-09; null when the weekend straddles two months or the article has no date.
 */
function weekend(sentence: string, start: number, end: number, text: string, ref: Day | null): FoundDate | null {
  if (!ref) return null;
  const prefix = prefixAt(sentence, start);
  const modifier = innerModifier(text) ?? prefix.modifier;
  const tense = tenseAt(sentence, start, end);
  const placement: Placement =
    modifier === 'last' ? 'before' : modifier === 'next' ? 'after' : tense === 'future' || prefix.by ? 'future' : 'past';
  const saturday = weekdayDay(6, ref, placement);
  const sunday = fromDayNumber(dayNumber(saturday) + 1);
  if (sunday.month !== saturday.month) return null;
  const found = make(sentence, { ...prefix, part: undefined }, end, formatDate(saturday.year, saturday.month), 'month', ref, tense, true);
  // A weekend still to come in the reference's own month is planned, not past.
  if (placement === 'future' || placement === 'after') found.relation = prefix.by ? 'deadline' : 'future';
  return found;
}

/** "for delivery in", "for shipment during": what a futures price or a sale is for comes later. */
const FOR_DELIVERY = /\b(?:for|with)\s+(?:\w+\s+)?(?:delivery|deliveries|shipments?|loading|arrival)\s+(?:in|during|by|from|before)\s+$/i;

/**
 * "In 1986, a season that ran from April 3 to December 27, the seaway moved …": the clause a sentence opens
 * on a year is in that year.
 */
function openingYear(sentence: string, start: number): { year: number; length: number } | null {
  const m = /^\s*In\s+((?:1[6-9]|20)\d\d)\s*,/.exec(sentence);
  // Only in the clause the year opens: not "In 1986, farmers planted …, according to the February 9 USDA report".
  return m && m[0].length <= start && !sentence.slice(m[0].length, start).includes(',') ? { year: Number(m[1]), length: 0 } : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const RANGE_END =
  /^\s*(?:and|to|through|until|till|-|–|\/)\s*(?:early\s+|mid-?\s*|late\s+)?(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s+((?:1[6-9]|20)\d\d)\b([/-]\d)?/i;

/**
 * The year a sentence writes for a yearless month or day just after it: the end of a range ("between January
 * and August 1987": January 1987), "March 20 of 1986" (length covers
 * " of 1986", a part of the phrase), or a split season "(…) ended March 20 of the 1985/86 season" (the
 * phrase stays "March 20"). A season runs across two years: January to April are in its second year,
 * October to December in its first; a month from May to September could be in either (cocoa and coffee
 * seasons start in October, sugar's in September, grains' in June), so `year` is null and the date is left
 * out. Null when the sentence writes no year there.
 */
function writtenYear(after: string, month: number): { year: number | null; length: number } | null {
  // "between January and August 1987": a range's first month takes the year its end writes.
  const range = RANGE_END.exec(after);
  if (range) {
    const endMonth = MONTHS.indexOf(range[1]!.slice(0, 3).toLowerCase()) + 1;
    const endYear = Number(range[2]);
    // "April/January 1986/87": a range over a split year starts in its first year.
    if (range[3]) return { year: month > endMonth ? endYear : null, length: 0 };
    return { year: month <= endMonth ? endYear : endYear - 1, length: 0 };
  }
  const m = /^\s*,?\s*of\s+(?:the\s+)?((?:1[6-9]|20)\d\d)(?:([/-])(\d{2}|\d{4}))?\b/i.exec(after);
  if (!m) return null;
  const first = Number(m[1]);
  if (m[3]) return { year: seasonYear(first, m[3], month), length: 0 };
  return /^[/-]\d|^\s*(?:%|percent|dlrs|mln|billion|tonnes)/i.test(after.slice(m[0].length)) ? null : { year: first, length: m[0].length };
}

/**
 * The year of a month in the split season `first`/`end` ("1985/86"): January to March are in its second
 * year, October to December in its first; April to September could be in either (null): an April–March
 * fiscal year (Indian, Japanese figures) starts in April, a crop season from June to October.
 */
function seasonYear(first: number, end: string, month: number): number | null {
  let second = Number(end);
  if (end.length === 2) second += first - (first % 100) + (second < first % 100 ? 100 : 0);
  if (second !== first + 1) return null;
  return month <= 3 ? second : month >= 10 ? first : null;
}

/** "the September 11 attacks", "since 11 September", "post-9/11": the attacks of 2001 by their name. */
function nineEleven(sentence: string, start: number, end: number): boolean {
  return (
    /^\s*(?:attacks?|terror\w*|hijack\w*|atrocit\w*|commission|bombings?|era|generation|world)\b/i.test(sentence.slice(end)) ||
    /\b(?:wake\s+of|since|post-?|aftermath\s+of)\s+(?:the\s+)?$/i.test(sentence.slice(0, start))
  );
}

/** "… anniversary of the slaying … last year": how many years back the event is; null when not said. */
function anniversaryYears(after: string): number | null {
  if (/\blast year\b/i.test(after)) return 1;
  const m = /\b(\d+)(?:st|nd|rd|th)\b|\b(first|second|third|fourth|fifth|tenth|twentieth|fiftieth)\b/i.exec(after.slice(0, 40));
  if (!m) return null;
  if (m[1]) return Number(m[1]);
  return { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, tenth: 10, twentieth: 20, fiftieth: 50 }[m[2]!.toLowerCase() as 'first'] ?? null;
}

/**
 * A sentence that places its events "last year" ("As tensions soared last year …, the armed groups
 * besieged the embassy … in December"): the year offset for its yearless months, or null.
 * Comparisons ("up 8 percent from last year") do not count.
 */
function sentenceYearHint(sentence: string): number | null {
  const hits = [...sentence.matchAll(/\b(last|this) year\b/gi)].filter((m) => !/\b(?:from|than|since|over|to|versus|vs\.?|compared\s+with|the\s+same\s+\w+\s+of|same\s+\w+)\s+$/i.test(sentence.slice(0, m.index)));
  if (hits.length !== 1) return null;
  return hits[0]![1]!.toLowerCase() === 'last' ? -1 : 0;
}

function duration(sentence: string, start: number, end: number): FoundDate {
  return { phrase: sentence.slice(start, end), start, end, value: null, granularity: null, relation: 'duration', relative: false };
}

function unresolved(sentence: string, start: number, end: number, tense: Tense): FoundDate {
  return { phrase: sentence.slice(start, end), start, end, value: null, granularity: null, relation: tense === 'future' ? 'future' : 'past', relative: true };
}
