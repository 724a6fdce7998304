import type { DatedEvent } from '../analyse/events.ts';
import { termOf, tokenize } from '../text/terms.ts';

/** Sentences on one date that tell one event: one timeline line citing every member. */
export interface Group {
  value: string;
  members: DatedEvent[];
}

/**
 * Words that tell the same event in other words, folded to one ("assassinated", "slaying", "killed" →
 * kill; "truce", "ceasefire" → truce; "withdrawn", "drawdown", "removing" → withdraw; "diplomats",
 * "staff" → staff). Keys are index terms (Porter stems).
 */
const SAME_EVENT_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    kill: ['kill', 'assassin', 'slai', 'slain', 'murder'],
    truce: ['truce', 'ceasefir', 'ceas', 'armistic'],
    withdraw: ['withdraw', 'withdrew', 'withdrawn', 'drawdown', 'pullout', 'remov', 'evacu'],
    staff: ['staff', 'staf', 'diplomat', 'personnel', 'employe'],
    siege: ['sieg', 'besieg', 'storm'],
    elect: ['elect', 'vote', 'poll', 'ballot'],
  }).flatMap(([to, from]) => from.map((f) => [f, to] as const)),
);

/** Same-event words specific enough that two sentences on one date sharing one tell the same event. */
const DISTINCTIVE = ['truce', 'siege'];

/**
 * Members of a group that a newcomer is compared with (the first ones, which made the group): bounds the
 * cost of a busy date in a wire archive, where one day holds hundreds of sentences (the whole-corpus
 * timeline of Reuters took 25 s comparing every pair).
 */
const MAX_COMPARED = 12;

/** Overlap needed to call two sentences one event: looser for a day than for a month or a year. */
function threshold(value: string): number {
  return value.length === 10 ? 0.2 : 0.34;
}

/** Each event's words, kept per event object (events are immutable: a changed article brings new ones). */
const WORDS = new WeakMap<DatedEvent, readonly string[]>();

/**
 * The event words of an event's sentence, each once in reading order: its index terms outside the date
 * (within the clause when the date is attributive), with the same-event synonyms merged and doubled letters
 * folded (`wordOf`: what each token gave, within one call). Read once per event: every whole-corpus timeline
 * compares thousands of them again.
 */
export function eventWords(e: DatedEvent, wordOf: Map<string, string | null>): readonly string[] {
  let words = WORDS.get(e);
  if (!words) {
    const text = e.sentence.text;
    const clause = e.date.attributive ? e.date.clause : undefined;
    const [from, to] = clause ? [clause.start, clause.end] : [0, text.length];
    const seen = new Set<string>();
    for (const token of tokenize(text.slice(from, e.date.start) + ' ' + text.slice(e.date.end, to))) {
      let word = wordOf.get(token);
      if (word === undefined) {
        const term = termOf(token);
        wordOf.set(token, (word = term === null ? null : (SAME_EVENT_WORDS.get(term) ?? term).replace(/(\p{L})\1+/gu, '$1')));
      }
      if (word !== null) seen.add(word);
    }
    WORDS.set(e, (words = [...seen]));
  }
  return words;
}

/**
 * The event words of sentences, as numbers: each sentence's index terms with the date phrase left out,
 * same-event words folded, doubled letters made single ("Qassem" and "Qasem" are one name), each word
 * once. Numbers are given per grouping, so comparing two sentences compares small integers.
 */
class EventWords {
  /** Event words of the sentence at input position i: `pool[start[i] .. start[i + 1])`. */
  pool = new Int32Array(4096);
  readonly start: Int32Array;
  /** Bits of the distinctive words each sentence holds. */
  readonly distinctive: Uint8Array;
  /** Event word → its number. */
  readonly #ofWord = new Map<string, number>();
  /** Number of a distinctive word → its bit. */
  readonly #bit = new Map<number, number>();

  constructor(events: readonly DatedEvent[]) {
    this.start = new Int32Array(events.length + 1);
    this.distinctive = new Uint8Array(events.length);
    let used = 0;
    // Token → event word (null: a stop word), for the events read for the first time in this call.
    const wordOf = new Map<string, string | null>();
    events.forEach((e, i) => {
      for (const word of eventWords(e, wordOf)) {
        const id = this.#idOf(word);
        if (used === this.pool.length) this.#grow();
        this.pool[used++] = id;
        const bit = this.#bit.get(id);
        if (bit !== undefined) this.distinctive[i]! |= 1 << bit;
      }
      this.start[i + 1] = used;
    });
  }

  /** How many distinct event words there are. */
  get count(): number {
    return this.#ofWord.size;
  }

  size(i: number): number {
    return this.start[i + 1]! - this.start[i]!;
  }

  #idOf(word: string): number {
    let id = this.#ofWord.get(word);
    if (id === undefined) {
      this.#ofWord.set(word, (id = this.#ofWord.size));
      const bit = DISTINCTIVE.indexOf(word);
      if (bit >= 0) this.#bit.set(id, bit);
    }
    return id;
  }

  #grow(): void {
    const grown = new Int32Array(this.pool.length * 2);
    grown.set(this.pool);
    this.pool = grown;
  }
}

/** A group while it is being made. */
interface Making extends Group {
  /** Input positions of the members. */
  positions: number[];
  /** Creation order among the groups of its date (ties go to the earlier group). */
  order: number;
  /** Compared members (the first MAX_COMPARED), as input positions. */
  slots: number[];
  articles: Set<string>;
}

/**
 * The groups of one date being made, and for each event word the compared members (slots) that hold it:
 * linked lists in typed arrays, emptied between dates.
 */
class DateGroups {
  readonly #events: readonly DatedEvent[];
  readonly #words: EventWords;
  /** First entry of each word's list (-1: none); per entry its slot and the next entry. */
  readonly #head: Int32Array;
  #slot = new Int32Array(4096);
  #next = new Int32Array(4096);
  #entries = 0;
  /** Words whose list is not empty (to empty them). */
  readonly #listed: number[] = [];
  /** The group of each slot (by input position). */
  readonly #groupOf: Making[];
  /** Words shared with the sentence being compared, per slot (zero between comparisons). */
  readonly #counts: Int32Array;
  readonly #touched: number[] = [];
  #groups = 0;

  constructor(events: readonly DatedEvent[], words: EventWords) {
    this.#events = events;
    this.#words = words;
    this.#head = new Int32Array(words.count).fill(-1);
    this.#groupOf = new Array<Making>(events.length);
    this.#counts = new Int32Array(events.length);
  }

  /** Groups the sentences at these input positions (all of one date), in order. */
  group(positions: readonly number[], value: string): Making[] {
    const made: Making[] = [];
    for (const i of positions) {
      const e = this.#events[i]!;
      let home = this.best([i], threshold(value), 0);
      if (home) {
        home.members.push(e);
        home.positions.push(i);
      } else {
        home = { value, members: [e], positions: [i], order: this.#groups++, slots: [], articles: new Set() };
        made.push(home);
      }
      home.articles.add(e.articleId);
      if (home.slots.length < MAX_COMPARED) this.add(home, i);
    }
    return made;
  }

  /**
   * Of the groups of this date with at least `minSources` sources, the one whose compared members look
   * most like one of the sentences at `probes` (at least `limit`; the earlier of equals).
   */
  best(probes: readonly number[], limit: number, minSources: number): Making | undefined {
    const { pool, start, distinctive } = this.#words;
    const counts = this.#counts;
    const touched = this.#touched;
    let home: Making | undefined;
    let best = 0;
    for (const probe of probes) {
      for (let k = start[probe]!, end = start[probe + 1]!; k < end; k++) {
        for (let entry = this.#head[pool[k]!]!; entry >= 0; entry = this.#next[entry]!) {
          const slot = this.#slot[entry]!;
          if (counts[slot]!++ === 0) touched.push(slot);
        }
      }
      const size = start[probe + 1]! - start[probe]!;
      for (const slot of touched) {
        const shared = counts[slot]!;
        counts[slot] = 0;
        const g = this.#groupOf[slot]!;
        if (g.articles.size < minSources) continue;
        const score = distinctive[probe]! & distinctive[slot]! ? 1 : shared / Math.min(size, this.#words.size(slot));
        if (score >= limit && (score > best || (score === best && g.order < home!.order))) {
          home = g;
          best = score;
        }
      }
      touched.length = 0;
    }
    return home;
  }

  /** Makes the sentence at input position `i` a compared member of `g`. */
  add(g: Making, i: number): void {
    g.slots.push(i);
    this.#groupOf[i] = g;
    const { pool, start } = this.#words;
    for (let k = start[i]!; k < start[i + 1]!; k++) {
      const word = pool[k]!;
      if (this.#entries === this.#slot.length) this.#grow();
      if (this.#head[word] === -1) this.#listed.push(word);
      this.#slot[this.#entries] = i;
      this.#next[this.#entries] = this.#head[word]!;
      this.#head[word] = this.#entries++;
    }
  }

  /** Empties the postings for the next date. */
  clear(): void {
    for (const word of this.#listed) this.#head[word] = -1;
    this.#listed.length = 0;
    this.#entries = 0;
    this.#groups = 0;
  }

  #grow(): void {
    const slot = new Int32Array(this.#slot.length * 2);
    slot.set(this.#slot);
    this.#slot = slot;
    const next = new Int32Array(this.#next.length * 2);
    next.set(this.#next);
    this.#next = next;
  }
}

/**
 * Groups sentences into events. The sentences on one date that look like one event are one group: the
 * best overlap coefficient between the event words of a newcomer and of a group's first members
 * (`MAX_COMPARED`) must reach the date's threshold, or they share a distinctive word ("truce" and
 * "ceasefire"); the most alike group wins, the earlier one of equals. Then an event most sources date by
 * its month and fewer by its day ("in early January", "in January" and "the Jan. 3 anniversary of the
 * slaying") is one event: the day's group joins the month's when they look alike as a month's members
 * must and the month has more sources (the line keeps the month, which every source supports); days are
 * taken in the order their groups were made. Groups come out in the order they were made, merged days
 * left out.
 *
 * Overlaps are counted through postings (event word → the compared members holding it) rather than by
 * comparing every pair: a busy day of a wire archive holds hundreds of sentences that mostly share no
 * word, and only members that share one can reach a threshold. Dates are grouped one at a time (a month
 * after its days), so one set of postings in typed arrays serves them all.
 */
export function groupEvents(events: readonly DatedEvent[]): Group[] {
  const dates = new DateGroups(events, new EventWords(events));
  const byValue = new Map<string, number[]>();
  events.forEach((e, i) => {
    const list = byValue.get(e.date.value);
    if (list) list.push(i);
    else byValue.set(e.date.value, [i]);
  });
  const daysOf = new Map<string, string[]>();
  for (const value of byValue.keys()) {
    if (value.length !== 10 || !byValue.has(value.slice(0, 7))) continue;
    const list = daysOf.get(value.slice(0, 7));
    if (list) list.push(value);
    else daysOf.set(value.slice(0, 7), [value]);
  }
  const all: Making[] = [];
  for (const [value, positions] of byValue) {
    if (daysOf.has(value.slice(0, 7)) && value.length === 10) continue; // grouped with its month, below
    const days: Making[] = [];
    for (const day of daysOf.get(value) ?? []) {
      days.push(...dates.group(byValue.get(day)!, day));
      dates.clear();
    }
    all.push(...dates.group(positions, value));
    // The month's postings are still in place: its days join it in the order their groups were made.
    days.sort((a, b) => a.positions[0]! - b.positions[0]!);
    for (const day of days) {
      const home = dates.best(day.slots, threshold(value), day.articles.size + 1);
      if (!home) {
        all.push(day);
        continue;
      }
      day.members.forEach((m, k) => {
        home.members.push(m);
        home.positions.push(day.positions[k]!);
        home.articles.add(m.articleId);
        if (home.slots.length < MAX_COMPARED) dates.add(home, day.positions[k]!);
      });
    }
    dates.clear();
  }
  return all.sort((a, b) => a.positions[0]! - b.positions[0]!).map(({ value, members }) => ({ value, members }));
}
