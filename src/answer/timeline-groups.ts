import type { DatedEvent } from '../analyse/events.ts';
import { nameTermsOf } from '../brief/corroborate.ts';
import { termOf, terms, tokenize } from '../text/terms.ts';

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

/** Overlap needed to call two sentences one event: looser for a day than for a month or a year. */
function threshold(value: string): number {
  return value.length === 10 ? 0.2 : 0.34;
}

/**
 * A date holding sentences of more articles than this is crowded: sentences that share a few words by
 * chance are many (Reuters' 1986 holds thousands of annual results sharing "sales", "mln" and "dlrs"),
 * and alike words no longer tell one event without the same names (see `groupEvents`). The
 * thresholds above were read on dates of a handful of articles (the seeds: five in all).
 */
export const CROWDED_ARTICLES = 10;

/**
 * On a crowded date, the share of the names of a line's sentence that a sentence it cites must name too,
 * each name weighted by its rarity (as /brief's `minNames` reads a restatement: "Exovir Inc said its board
 * authorized …" is not "Bowne and Co Inc said its board authorized …").
 */
const NAMES_ALIKE = 0.6;

/**
 * Capitalised words that name no actor: months and weekdays (other dates of the sentence) and the labels of
 * wire tables ("NOTE: 1985 net excludes …").
 */
const NOT_NAMES = new Set(
  'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday note'
    .split(' ')
    .flatMap((w) => terms(w)),
);

/** An event's words and, among them, its names (capitalised words: people, places, companies). */
interface EventKey {
  words: readonly string[];
  names: readonly string[];
}

/** Each event's words, kept per event object (events are immutable: a changed article brings new ones). */
const KEYS = new WeakMap<DatedEvent, EventKey>();

/**
 * The terms of a capitalised first word that speaks: "Cadema said it will file …" (`nameTermsOf` leaves
 * a sentence's first word out unless another capitalised word follows, so as not to take "Purchases" of
 * "Purchases from non-members …" for a name; wire copy opens most sentences with the company that said).
 */
function speakerOf(text: string): string[] {
  const m = /^\s*(\p{Lu}[\p{L}\p{N}'’.-]*)\s+(?:said|says|told|reported|announced|added)\b/u.exec(text);
  return m ? terms(m[1]!) : [];
}

/** The folded form of an index term as an event word ("assassin" → "kill", "qassem" → "qasem"). */
function fold(term: string): string {
  return (SAME_EVENT_WORDS.get(term) ?? term).replace(/(\p{L})\1+/gu, '$1');
}

/**
 * The event words of an event's sentence, each once in reading order: its index terms outside the date
 * (within the clause when the date is attributive), with the same-event synonyms merged and doubled letters
 * folded (`wordOf`: what each token gave, within one call). Read once per event: every whole-corpus timeline
 * compares thousands of them again.
 */
export function eventWords(e: DatedEvent, wordOf: Map<string, string | null>): readonly string[] {
  return eventKey(e, wordOf).words;
}

function eventKey(e: DatedEvent, wordOf: Map<string, string | null>): EventKey {
  let key = KEYS.get(e);
  if (!key) {
    const text = e.sentence.text;
    const clause = e.date.attributive ? e.date.clause : undefined;
    const [from, to] = clause ? [clause.start, clause.end] : [0, text.length];
    const outside = text.slice(from, e.date.start) + ' ' + text.slice(e.date.end, to);
    const seen = new Set<string>();
    for (const token of tokenize(outside)) {
      let word = wordOf.get(token);
      if (word === undefined) {
        const term = termOf(token);
        wordOf.set(token, (word = term === null ? null : fold(term)));
      }
      if (word !== null) seen.add(word);
    }
    const found = [...nameTermsOf(outside), ...speakerOf(outside)].filter((n) => !NOT_NAMES.has(n));
    const names = [...new Set(found.map(fold))].filter((n) => seen.has(n));
    KEYS.set(e, (key = { words: [...seen], names }));
  }
  return key;
}

/**
 * The event words of sentences, as numbers: each sentence's index terms with the date phrase left out,
 * same-event words folded, doubled letters made single ("Qassem" and "Qasem" are one name), each word
 * once; and its names among them. Numbers are given per grouping, so comparing two sentences compares
 * small integers.
 */
class EventWords {
  /** Event words of the sentence at input position i: `pool[start[i] .. start[i + 1])`. */
  pool = new Int32Array(4096);
  readonly start: Int32Array;
  /** Names of the sentence at input position i: `names[nameStart[i] .. nameStart[i + 1])`. */
  names = new Int32Array(1024);
  readonly nameStart: Int32Array;
  /** Bits of the distinctive words each sentence holds. */
  readonly distinctive: Uint8Array;
  /**
   * Per word, its weight as a name: the log of how rare it is as a name among the sentences grouped
   * ("U.S." or "Corp" in a wire archive weigh little, "Chrysler" much).
   */
  readonly nameWeight: Float64Array;
  /** Event word → its number. */
  readonly #ofWord = new Map<string, number>();
  /** Number of a distinctive word → its bit. */
  readonly #bit = new Map<number, number>();

  constructor(events: readonly DatedEvent[]) {
    this.start = new Int32Array(events.length + 1);
    this.nameStart = new Int32Array(events.length + 1);
    this.distinctive = new Uint8Array(events.length);
    let used = 0;
    let usedNames = 0;
    // Token → event word (null: a stop word), for the events read for the first time in this call.
    const wordOf = new Map<string, string | null>();
    events.forEach((e, i) => {
      const key = eventKey(e, wordOf);
      for (const word of key.words) {
        const id = this.#idOf(word);
        if (used === this.pool.length) this.pool = grown(this.pool);
        this.pool[used++] = id;
        const bit = this.#bit.get(id);
        if (bit !== undefined) this.distinctive[i]! |= 1 << bit;
      }
      this.start[i + 1] = used;
      for (const name of key.names) {
        if (usedNames === this.names.length) this.names = grown(this.names);
        this.names[usedNames++] = this.#idOf(name);
      }
      this.nameStart[i + 1] = usedNames;
    });
    const held = new Int32Array(this.count);
    for (let k = 0; k < usedNames; k++) held[this.names[k]!]!++;
    this.nameWeight = new Float64Array(this.count);
    for (let id = 0; id < this.count; id++) if (held[id]) this.nameWeight[id] = Math.log((events.length + 1) / held[id]!);
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
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** A group while it is being made. */
interface Making extends Group {
  /** Input positions of the members; the first is the lead, the sentence the line shows. */
  positions: number[];
  /** Creation order among the groups of its date (ties go to the earlier group). */
  order: number;
  articles: Set<string>;
}

/**
 * The groups of one date being made, and for each event word the groups whose lead holds it: linked lists
 * in typed arrays, emptied between dates.
 */
class DateGroups {
  readonly #events: readonly DatedEvent[];
  readonly #words: EventWords;
  /** First entry of each word's list (-1: none); per entry its group (creation order) and the next entry. */
  readonly #head: Int32Array;
  #group = new Int32Array(4096);
  #next = new Int32Array(4096);
  #entries = 0;
  /** Words whose list is not empty (to empty them). */
  readonly #listed: number[] = [];
  /** The groups of this date, in creation order. */
  #groups: Making[] = [];
  /** Words shared with the sentence being compared, per group (zero between comparisons). */
  #counts = new Int32Array(1024);
  readonly #touched: number[] = [];
  /** Whether this date is crowded (`CROWDED_ARTICLES`): alike sentences must then name the same actors. */
  #crowded = false;
  /** Marks of the lead's words for `like` (`#stamp`: the current mark). */
  readonly #mark: Int32Array;
  #stamp = 0;

  constructor(events: readonly DatedEvent[], words: EventWords) {
    this.#events = events;
    this.#words = words;
    this.#head = new Int32Array(words.count).fill(-1);
    this.#mark = new Int32Array(words.count);
  }

  /** Starts a date: its sentences (input positions), of which it reads whether it is crowded. */
  open(positions: readonly number[]): void {
    this.#crowded = new Set(positions.map((i) => this.#events[i]!.articleId)).size > CROWDED_ARTICLES;
  }

  /** Groups the sentences at these input positions (all of one date, `open`ed), in order. */
  group(positions: readonly number[], value: string): Making[] {
    const made: Making[] = [];
    for (const i of positions) {
      const e = this.#events[i]!;
      let home = this.best(i, threshold(value), 0);
      if (home) {
        home.members.push(e);
        home.positions.push(i);
      } else {
        home = { value, members: [e], positions: [i], order: this.#groups.length, articles: new Set() };
        this.#add(home);
        made.push(home);
      }
      home.articles.add(e.articleId);
    }
    return made;
  }

  /**
   * Of the groups of this date with at least `minSources` sources, the one whose lead the sentence at
   * `probe` is most like (`like`, at least `limit`; the earlier of equals).
   */
  best(probe: number, limit: number, minSources: number): Making | undefined {
    const { pool, start } = this.#words;
    const counts = this.#counts;
    const touched = this.#touched;
    for (let k = start[probe]!, end = start[probe + 1]!; k < end; k++) {
      for (let entry = this.#head[pool[k]!]!; entry >= 0; entry = this.#next[entry]!) {
        const g = this.#group[entry]!;
        if (counts[g]!++ === 0) touched.push(g);
      }
    }
    let home: Making | undefined;
    let best = 0;
    for (const order of touched) {
      const shared = counts[order]!;
      counts[order] = 0;
      const g = this.#groups[order]!;
      if (g.articles.size < minSources) continue;
      const score = this.#score(probe, g.positions[0]!, shared);
      if (score >= limit && (score > best || (score === best && g.order < home!.order))) {
        home = g;
        best = score;
      }
    }
    touched.length = 0;
    return home;
  }

  /** Whether the sentence at `probe` tells the event of the sentence at `lead` on this date, at `limit`. */
  like(probe: number, lead: number, limit: number): boolean {
    const { pool, start } = this.#words;
    const stamp = ++this.#stamp;
    for (let k = start[lead]!; k < start[lead + 1]!; k++) this.#mark[pool[k]!] = stamp;
    let shared = 0;
    for (let k = start[probe]!; k < start[probe + 1]!; k++) if (this.#mark[pool[k]!] === stamp) shared++;
    return this.#score(probe, lead, shared) >= limit;
  }

  /**
   * How much two sentences of this date look like one event (`shared`: their event words in common): 1 when
   * they share a distinctive word; else the overlap coefficient of their event words. On a crowded date, 1
   * for a copy (the same event words); else 0 unless `a` names the actors of `b` (`#sharedNames`), and then
   * 1 when they share a distinctive word, else the overlap coefficient of their words besides the names
   * (what is said of them): two truces of different sides are two events.
   */
  #score(a: number, b: number, shared: number): number {
    const { distinctive, nameStart } = this.#words;
    const rare = (distinctive[a]! & distinctive[b]!) !== 0;
    if (!this.#crowded && rare) return 1;
    if (shared === 0) return 0;
    const [sizeA, sizeB] = [this.#words.size(a), this.#words.size(b)];
    if (!this.#crowded) return shared / Math.min(sizeA, sizeB);
    if (shared === sizeA && shared === sizeB) return 1; // a copy
    // Crowded: the lead's actors named, and what is said of them alike (the words besides the names).
    const names = this.#sharedNames(a, b);
    if (names < 0) return 0;
    if (rare) return 1;
    const rest = Math.min(sizeA - (nameStart[a + 1]! - nameStart[a]!), sizeB - (nameStart[b + 1]! - nameStart[b]!));
    return rest > 0 ? Math.min(1, (shared - names) / rest) : 0;
  }


  /**
   * How many of the names of the line's sentence at `lead` the sentence at `probe` names too, or -1 when
   * they are less than `NAMES_ALIKE` of the weight of the lead's names (`nameWeight`). Extra names of the
   * probe do not count against it (more detail of one event), a missing rare name of the lead does
   * ("Chrysler Corp said its February U.S. car production …" is not General Motors Corp's).
   */
  #sharedNames(probe: number, lead: number): number {
    const { names, nameStart, nameWeight } = this.#words;
    let count = 0;
    let shared = 0;
    let total = 0;
    for (let i = nameStart[lead]!; i < nameStart[lead + 1]!; i++) {
      const name = names[i]!;
      total += nameWeight[name]!;
      for (let j = nameStart[probe]!; j < nameStart[probe + 1]!; j++) {
        if (names[j] !== name) continue;
        shared += nameWeight[name]!;
        count++;
      }
    }
    return shared > 0 && shared >= NAMES_ALIKE * total ? count : -1;
  }

  /** Adds a new group of this date, listed under its lead's words. */
  #add(g: Making): void {
    this.#groups.push(g);
    if (this.#groups.length > this.#counts.length) this.#counts = grown(this.#counts);
    const lead = g.positions[0]!;
    const { pool, start } = this.#words;
    for (let k = start[lead]!; k < start[lead + 1]!; k++) {
      const word = pool[k]!;
      if (this.#entries === this.#group.length) {
        this.#group = grown(this.#group);
        this.#next = grown(this.#next);
      }
      if (this.#head[word] === -1) this.#listed.push(word);
      this.#group[this.#entries] = g.order;
      this.#next[this.#entries] = this.#head[word]!;
      this.#head[word] = this.#entries++;
    }
  }

  /** Empties the postings and counts for the next date. */
  clear(): void {
    for (const word of this.#listed) this.#head[word] = -1;
    this.#listed.length = 0;
    this.#crowded = false;
    this.#entries = 0;
    this.#groups = [];
  }
}

/**
 * Groups sentences into events. The sentences on one date that tell one event are one group, each like
 * the group's lead — its first sentence, which the line shows — so every citation of a line is a sentence
 * alike enough to the line itself (not to another member: alike-of-alike chained thousands of unrelated
 * wire sentences into one line). Alike: the overlap coefficient of their event words reaches the date's
 * threshold, or they share a distinctive word ("truce" and "ceasefire"); on a crowded date
 * (`CROWDED_ARTICLES`) a sentence must name the lead's actors, a distinctive word in common or not —
 * `NAMES_ALIKE` of the weight of the lead's names (capitalised words, not a month, a weekday or a table
 * label), rare names weighing more — and the
 * overlap is read on the words besides the names (what is said of them: "… filing with the Securities and
 * Exchange Commission" in thirty articles are thirty events), unless it is a copy (the same event words). The most alike group wins,
 * the earlier one of equals. Then an event most sources date by its month and fewer by its day ("in early
 * January", "in January" and "the Jan. 3 anniversary of the slaying") is one event: the day's group joins
 * the month's whose lead its lead is most like, at the month's threshold, when the month has more sources
 * and every sentence of the day is like the month's lead (the line keeps the month, which every source
 * supports); days are taken in the order their groups were made. Groups come out in the order they were
 * made, merged days left out.
 *
 * Overlaps are counted through postings (event word → the groups whose lead holds it) rather than by
 * comparing every pair: a busy day of a wire archive holds hundreds of sentences that mostly share no
 * word. Dates are grouped one at a time (a month after its days), so one set of postings in typed arrays
 * serves them all.
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
      const dayPositions = byValue.get(day)!;
      dates.open(dayPositions);
      days.push(...dates.group(dayPositions, day));
      dates.clear();
    }
    dates.open(positions);
    all.push(...dates.group(positions, value));
    // The month's postings are still in place: its days join it in the order their groups were made.
    days.sort((a, b) => a.positions[0]! - b.positions[0]!);
    const limit = threshold(value);
    for (const day of days) {
      const home = dates.best(day.positions[0]!, limit, day.articles.size + 1);
      if (!home || !day.positions.every((p) => dates.like(p, home.positions[0]!, limit))) {
        all.push(day);
        continue;
      }
      day.members.forEach((m, k) => {
        home.members.push(m);
        home.positions.push(day.positions[k]!);
        home.articles.add(m.articleId);
      });
    }
    dates.clear();
  }
  return all.sort((a, b) => a.positions[0]! - b.positions[0]!).map(({ value, members }) => ({ value, members }));
}
