import type { Article, Paragraph, Sentence } from '../corpus/types.ts';
import { foldCase, foldPunctuation } from '../text/normalize.ts';
import { datelineAgency, NEWS_ORGANISATIONS } from '../text/outlets.ts';
import { plural } from '../text/plural.ts';

/**
 * Independent reports: how many news organisations gathered a point that several articles carry, as every
 * door counts and tags it (/brief, /timeline, /who and push alerts: "3 articles · 1 report (AFP)").
 */

/**
 * Where a sentence's reporting comes from: the news organisation that gathered it. Several articles that
 * carry one wire report (AFP copy rerun by three outlets) are one source, not three (Reuters' handbook:
 * never cite sources in the plural when there is only one).
 */
export interface Report {
  /** Compared to tell reports apart: the organisation's key, or `article:<id>` when nothing names one. */
  key: string;
  /** The organisation as shown ("AFP", "The Washington Post"), or null when the article's own. */
  name: string | null;
  /** The rule that found it. */
  by: 'attribution' | 'dateline' | 'outlet' | 'article';
}

/** Every spelling of a news organisation (text/outlets.ts) → the name shown. */
const SHOWN = new Map<string, string>();
/** The names shown of the wire agencies. */
const WIRES = new Set<string>();
for (const o of NEWS_ORGANISATIONS) {
  for (const s of o.names) SHOWN.set(s, o.names[0]!);
  if (o.wire) WIRES.add(o.names[0]!);
}

/** Any of the organisations, longest spelling first, or "<Name> news agency" for one not listed. */
const ORGANISATION = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[...SHOWN.keys()]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')}|(?:\\p{Lu}[\\p{L}-]+ ){1,3}news agency)(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Words before an organisation that make it the source: "told AFP", "according to the Washington Post". */
const BEFORE = /(?:\btold|\baccording to|\b(?:reported|quoted|cited|carried) by|\bin an interview with|\b(?:speaking|talking) to|\bsaid in a statement to)(?: the| a| state(?:-run)? news agency| news agency)?\s*$/iu;

/** Words after an organisation that make it the source: "Politico reported", "The Washington Post quoted". */
const AFTER = /^(?:'s?)?\s*(?:news agency |newspaper |television |TV |on \w+ )?(?:reported|reports|said|says|quoted|quotes|cited|cites|wrote|writes|learned|has learned|was told|obtained)\b/u;

/**
 * The organisation a text names as its source, or null: "two senior Iraqi officials told AFP late
 * Wednesday" → AFP. The first such attribution, or the `last` one (the nearest before a sentence).
 */
export function attributionOf(text: string, last = false): string | null {
  const found = attributionsOf(text, !last);
  return (last ? found.at(-1) : found[0]) ?? null;
}

/** Every organisation a text names as its source, in reading order (only the first when `first`). */
function attributionsOf(text: string, first = false): string[] {
  const folded = foldPunctuation(text);
  const found: string[] = [];
  for (const m of folded.matchAll(ORGANISATION)) {
    const before = folded.slice(Math.max(0, m.index - 60), m.index);
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (!BEFORE.test(before) && !AFTER.test(after)) continue;
    found.push(shownName(m[0]));
    if (first) break;
  }
  return found;
}

function shownName(found: string): string {
  return SHOWN.get(found) ?? found;
}

/** The wire named in an outlet such as "NBC News/Reuters", else the outlet itself. */
function outletReport(outlet: string): string {
  for (const part of outlet.split(/\s*\/\s*/)) {
    const name = SHOWN.get(part.trim());
    if (name && WIRES.has(name)) return name;
  }
  return SHOWN.get(outlet) ?? outlet;
}

/** Reports per sentence object (sentences and their articles are immutable). */
const REPORTS = new WeakMap<Sentence, Report>();

/**
 * The report a sentence of an article comes from, by the first rule that says:
 * 1. an attribution to a news organisation in the sentence ("… told AFP", "Politico reported …",
 *    "according to the Washington Post"), or else in an earlier sentence of its paragraph ("An Iraqi official
 *    told AFP news agency … “They could come back, it's just a security blip,” the source said");
 * 2. the agency of the article's dateline ("BAGHDAD (AFP) - …");
 * 3. the article's outlet (its wire when the outlet names one: "NBC News/Reuters" → Reuters);
 * 4. the article itself.
 * Rules 3 and 4 are guesses that `independentReports` may overrule: among other articles' sentences on the
 * same point, a rewrite of a report the article credits elsewhere is that report (see there).
 */
export function reportOf(article: Article, paragraph: Paragraph, sentence: Sentence): Report {
  let r = REPORTS.get(sentence);
  if (!r) REPORTS.set(sentence, (r = findReport(article, paragraph, sentence)));
  return r;
}

function findReport(article: Article, paragraph: Paragraph, sentence: Sentence): Report {
  const own = attributionOf(sentence.text) ?? attributionOf(paragraph.text.slice(0, sentence.start), true);
  if (own) return { key: keyOf(own), name: own, by: 'attribution' };
  const first = article.paragraphs[0]?.sentences[0]?.text ?? '';
  const agency = datelineAgency(first);
  if (agency) {
    const name = SHOWN.get(agency) ?? agency;
    return { key: keyOf(name), name, by: 'dateline' };
  }
  if (article.outlet) {
    const name = outletReport(article.outlet);
    return { key: keyOf(name), name, by: 'outlet' };
  }
  return { key: `article:${article.id}`, name: null, by: 'article' };
}

function keyOf(name: string): string {
  return foldCase(name).replace(/^the /u, '');
}

/** Reports an article credits anywhere, by key (articles are immutable). */
const CREDITED = new WeakMap<Article, ReadonlySet<string>>();

/**
 * The reports an article credits anywhere in its text: every organisation it attributes something to
 * ("An Iraqi official told AFP news agency …", "The Washington Post quoted …") and its dateline's agency.
 * A photo credit ("STR/AFP via Getty Images") credits a picture, not the text, and does not count.
 */
export function creditedReports(article: Article): ReadonlySet<string> {
  let keys = CREDITED.get(article);
  if (!keys) {
    const found = new Set(article.paragraphs.flatMap((p) => attributionsOf(p.text).map(keyOf)));
    const agency = datelineAgency(article.paragraphs[0]?.sentences[0]?.text ?? '');
    if (agency) found.add(keyOf(SHOWN.get(agency) ?? agency));
    CREDITED.set(article, (keys = found));
  }
  return keys;
}

/**
 * Lower-case word trigrams of a text, each as a 53-bit hash, distinct and sorted: a compact form to keep per
 * sentence (a set of trigram strings took ten times the memory) that compares by merging. Two different
 * trigrams share a hash with a chance of about 1 in 2^53.
 */
function trigrams(text: string): Float64Array {
  const words = foldCase(foldPunctuation(text)).match(/[\p{L}\p{N}]+/gu) ?? [];
  const hashes: number[] = [];
  for (let i = 0; i + 2 < words.length; i++) hashes.push(hash53(`${words[i]} ${words[i + 1]} ${words[i + 2]}`));
  const sorted = Float64Array.from(hashes).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** A 53-bit hash of a string (two 32-bit FNV-1a style passes with different seeds, combined). */
function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** Trigrams per sentence object (every briefing compares the same cited sentences again). */
const TRIGRAMS = new WeakMap<Sentence, Float64Array>();

function trigramsOf(sentence: Sentence): Float64Array {
  let t = TRIGRAMS.get(sentence);
  if (!t) TRIGRAMS.set(sentence, (t = trigrams(sentence.text)));
  return t;
}

/** Sentences of at least this many words that share `COPY_SHARE` of the shorter one's word trigrams are one text copied. */
export const COPY_WORDS = 10;
export const COPY_SHARE = 0.6;

/**
 * Share of the shorter one's word trigrams a sentence must have in a sentence of a report its article
 * credits elsewhere to be a rewrite of that report (`independentReports`). On the seeds, 000's "A US State
 * Department spokesman said ambassador Matthew Tueller remains in Iraq …" (000 credits AFP) shares 0.50
 * with AFP's "The spokesperson said US ambassador Matthew Tueller was still in Iraq …" (001), and The
 * Washington Post's own telling of it (003) 0.29 with AFP's.
 */
export const REWRITE_SHARE = 0.4;

/**
 * The share of the shorter sentence's word trigrams that are in the other one; 0 when either has fewer
 * than `COPY_WORDS` words (short sentences are alike by chance: "Talks ended on Monday.").
 */
export function wordingShare(a: string | Sentence, b: string | Sentence): number {
  const [x, y] = [typeof a === 'string' ? trigrams(a) : trigramsOf(a), typeof b === 'string' ? trigrams(b) : trigramsOf(b)];
  const [small, big] = x.length <= y.length ? [x, y] : [y, x];
  if (small.length < COPY_WORDS - 2) return 0;
  let shared = 0;
  // Both sorted: one merge.
  for (let i = 0, j = 0; i < small.length; i++) {
    while (j < big.length && big[j]! < small[i]!) j++;
    if (j < big.length && big[j] === small[i]) shared++;
  }
  return shared / small.length;
}

/**
 * Whether two sentences are near-identical wording (one report copied or lightly edited: 60 % of the shorter
 * sentence's word trigrams in the other, both at least `COPY_WORDS` words), whatever their articles say of
 * their source.
 */
export function sameWording(a: string | Sentence, b: string | Sentence): boolean {
  return wordingShare(a, b) >= COPY_SHARE;
}

/** A sentence of an article, as `independentReports` reads it. */
export interface Carrier {
  article: Article;
  paragraph: Paragraph;
  sentence: Sentence;
}

/** How sure a rule is that it names a sentence's report: an attribution or dateline, then an outlet, then none. */
const RANK: Record<Report['by'], number> = { attribution: 0, dateline: 0, outlet: 1, article: 2 };

/**
 * The independent reports among sentences of different articles that carry one fact. Each sentence's
 * report is `reportOf`'s; two sentences are one report when
 * - their reports are the same organisation (AFP's copy in three outlets);
 * - they are near-identical wording (`sameWording`), whatever their articles say of their source;
 * - one names no source of its own (its report is only its outlet or its article) and is a rewrite of the
 *   other, whose report its article credits elsewhere: "told AFP" in another paragraph, or an "(AFP)"
 *   dateline, and `REWRITE_SHARE` of the shorter sentence's wording in common. Without this an AFP story
 *   rewritten by a newsroom that names AFP once counts as a second source of every sentence it retells.
 * Each group is named by its surest report (an attribution or a dateline over an outlet over none; the
 * first of equals). In first-seen order.
 *
 * @example independentReports(tueller).map((r) => r.name) // ['AFP', 'The Washington Post'] (000 rewrites 001's AFP sentence and credits AFP; 003 is the Post's own)
 */
export function independentReports(carriers: readonly Carrier[]): Report[] {
  const reports = carriers.map((c) => reportOf(c.article, c.paragraph, c.sentence));
  const parent = reports.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  // One report per organisation named.
  const firstOf = new Map<string, number>();
  reports.forEach((r, i) => {
    const first = firstOf.get(r.key);
    if (first === undefined) firstOf.set(r.key, i);
    else union(first, i);
  });
  // Shared wording, read from the trigrams' postings (the same counts as `wordingShare`, without comparing
  // every pair: a whole-corpus timeline's busiest date has hundreds of carriers, most sharing nothing).
  const shared = sharedTrigrams(carriers);
  for (let i = 0; i < carriers.length; i++) {
    shared(i, (j, share) => {
      if (j > i && share >= COPY_SHARE) union(i, j);
    });
  }
  for (let i = 0; i < carriers.length; i++) {
    if (RANK[reports[i]!.by] === 0) continue;
    // What the article credits is read only when some carrier is alike enough to be its rewrite (a scan of
    // the whole article; most carriers have none).
    let credited: ReadonlySet<string> | undefined;
    let best = -1;
    let bestShare = REWRITE_SHARE;
    shared(i, (j, share) => {
      if (share < REWRITE_SHARE || carriers[j]!.article === carriers[i]!.article || find(i) === find(j)) return;
      credited ??= creditedReports(carriers[i]!.article);
      if (!credited.has(reports[j]!.key)) return;
      // The most alike; of equals, the first.
      if (best < 0 || share > bestShare || (share === bestShare && j < best)) [best, bestShare] = [j, share];
    });
    if (best >= 0) union(i, best);
  }
  const groups = new Map<number, Report>();
  reports.forEach((r, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (!group || RANK[r.by] < RANK[group.by]) groups.set(root, r);
  });
  return [...groups.values()];
}

/**
 * For carriers' sentences, a function that calls `visit(j, share)` for every other carrier j sharing word
 * trigrams with carrier i, with `wordingShare`'s share (shared ÷ the smaller set; sentences under
 * `COPY_WORDS` words share nothing). Counted through postings: work grows with the trigrams in common, not
 * with the square of the carriers.
 */
function sharedTrigrams(carriers: readonly Carrier[]): (i: number, visit: (j: number, share: number) => void) => void {
  const sets = carriers.map((c) => trigramsOf(c.sentence));
  const postings = new Map<number, number[]>();
  sets.forEach((set, i) => {
    if (set.length < COPY_WORDS - 2) return;
    for (const t of set) {
      const list = postings.get(t);
      if (list) list.push(i);
      else postings.set(t, [i]);
    }
  });
  const counts = new Int32Array(carriers.length);
  const touched: number[] = [];
  return (i, visit) => {
    const own = sets[i]!;
    if (own.length < COPY_WORDS - 2) return;
    for (const t of own) {
      for (const j of postings.get(t)!) {
        if (j !== i && counts[j]!++ === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      const share = counts[j]! / Math.min(own.length, sets[j]!.length);
      counts[j] = 0;
      visit(j, share);
    }
    touched.length = 0;
  };
}

/**
 * Reads and keeps what counting a carrier's report needs (its report, its wording), so the first answer
 * that counts it does not (a whole-corpus timeline reads thousands; the bot prepares them after a start).
 */
export function prepareCarrier(c: Carrier): void {
  reportOf(c.article, c.paragraph, c.sentence);
  trigramsOf(c.sentence);
}

/** How many articles carry a point, and the independent reports among them. */
export interface SourceCount {
  articles: number;
  reports: Report[];
}

/** The articles and independent reports of the sentences that carry one point (`independentReports`). */
export function countSources(carriers: readonly Carrier[]): SourceCount {
  return { articles: new Set(carriers.map((c) => c.article.id)).size, reports: independentReports(carriers) };
}

/**
 * The tag of a fact carried by `articles` articles in `reports` independent reports: "single source",
 * "3 independent sources", "3 articles · 1 report (AFP)", "4 articles · 2 reports (AFP, The Washington Post)".
 * Every door tags with it: /brief's facts, /timeline's events, /who's descriptions and mentions, and push
 * alerts (`alertSourcesTag`).
 */
export function sourcesTag(articles: number, reports: readonly Report[]): string {
  if (articles <= 1) return 'single source';
  if (reports.length >= articles) return plural(articles, 'independent source');
  const named = reports.flatMap((r) => (r.name ? [r.name] : []));
  const others = reports.length - named.length;
  const names = named.length ? ` (${named.join(', ')}${others ? ` and ${plural(others, 'other')}` : ''})` : '';
  return `${plural(articles, 'article')} · ${plural(reports.length, 'report')}${names}`;
}

/** `sourcesTag` of the sentences that carry one point. */
export function sourcesTagOf(carriers: readonly Carrier[]): string {
  const { articles, reports } = countSources(carriers);
  return sourcesTag(articles, reports);
}
