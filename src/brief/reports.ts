import type { Article, Paragraph, Sentence } from '../corpus/types.ts';
import { foldCase, foldPunctuation } from '../text/normalize.ts';
import { datelineAgency } from './candidates.ts';

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

/**
 * News organisations that articles credit, with the spellings they go by. The first spelling is the one
 * shown. Matched case-sensitively ("AP", not "ap"), whole words.
 */
const ORGANISATIONS: ReadonlyArray<readonly string[]> = [
  ['AFP', 'Agence France-Presse', 'Agence France Presse', 'French news agency'],
  ['Reuters', 'Reuter'],
  ['AP', 'Associated Press', 'The Associated Press'],
  ['Bloomberg', 'Bloomberg News'],
  ['Xinhua'],
  ['Kyodo'],
  ['TASS', 'Tass', 'ITAR-TASS'],
  ['Interfax'],
  ['DPA', 'dpa'],
  ['ANSA'],
  ['EFE'],
  ['Yonhap'],
  ['Jiji'],
  ['Anadolu'],
  ['IRNA'],
  ['Tasnim'],
  ['Fars'],
  ['ISNA'],
  ['SANA'],
  ['MENA', 'Middle East News Agency'],
  ['The Washington Post', 'Washington Post'],
  ['The New York Times', 'New York Times'],
  ['The Wall Street Journal', 'Wall Street Journal'],
  ['Financial Times'],
  ['The Guardian'],
  ['The Times'],
  ['The Telegraph', 'Daily Telegraph'],
  ['BBC'],
  ['CNN'],
  ['NBC News', 'NBC'],
  ['CBS News', 'CBS'],
  ['ABC News'],
  ['Fox News'],
  ['NPR'],
  ['Politico'],
  ['Axios'],
  ['Al Jazeera'],
  ['Al Arabiya'],
  ['Middle East Eye'],
  ['The Straits Times', 'Straits Times'],
  ['Sky News'],
  ['Le Monde'],
  ['Der Spiegel'],
  ['Asahi'],
  ['Nikkei'],
];

const SHOWN = new Map<string, string>();
for (const spellings of ORGANISATIONS) for (const s of spellings) SHOWN.set(s, spellings[0]!);

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
  const folded = foldPunctuation(text);
  let found: string | null = null;
  for (const m of folded.matchAll(ORGANISATION)) {
    const before = folded.slice(Math.max(0, m.index - 60), m.index);
    const after = folded.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (!BEFORE.test(before) && !AFTER.test(after)) continue;
    found = shownName(m[0]);
    if (!last) break;
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
    if (name && ['AFP', 'Reuters', 'AP', 'Bloomberg', 'Xinhua', 'Kyodo', 'TASS', 'DPA', 'ANSA', 'EFE', 'Yonhap', 'Jiji', 'Anadolu', 'Interfax'].includes(name)) return name;
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

/** Lower-case word trigrams of a text. */
function trigrams(text: string): Set<string> {
  const words = foldCase(foldPunctuation(text)).match(/[\p{L}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/** Trigrams per sentence object (every briefing compares the same cited sentences again). */
const TRIGRAMS = new WeakMap<Sentence, Set<string>>();

function trigramsOf(sentence: Sentence): Set<string> {
  let t = TRIGRAMS.get(sentence);
  if (!t) TRIGRAMS.set(sentence, (t = trigrams(sentence.text)));
  return t;
}

/** Sentences of at least this many words that share `COPY_SHARE` of the shorter one's word trigrams are one text copied. */
export const COPY_WORDS = 10;
export const COPY_SHARE = 0.6;

/**
 * Whether two sentences are near-identical wording (one report copied or lightly edited: 60 % of the shorter
 * sentence's word trigrams in the other, both at least `COPY_WORDS` words), whatever their articles say of
 * their source.
 */
export function sameWording(a: string | Sentence, b: string | Sentence): boolean {
  const [x, y] = [typeof a === 'string' ? trigrams(a) : trigramsOf(a), typeof b === 'string' ? trigrams(b) : trigramsOf(b)];
  const [small, big] = x.size <= y.size ? [x, y] : [y, x];
  if (small.size < COPY_WORDS - 2) return false;
  let shared = 0;
  for (const t of small) if (big.has(t)) shared++;
  return shared >= COPY_SHARE * small.size;
}

/** A sentence of an article, as `independentReports` reads it. */
export interface Carrier {
  article: Article;
  paragraph: Paragraph;
  sentence: Sentence;
}

/**
 * The independent reports among sentences of different articles that carry one fact: their reports
 * (`reportOf`), merged where two sentences are near-identical wording (`sameWording`). Each group's name
 * is the first name any of its sentences gives. In first-seen order.
 *
 * @example independentReports(blip).map((r) => r.name) // ['AFP'] (000 "told AFP", 001 "BAGHDAD (AFP)", 002 "told AFP")
 */
export function independentReports(carriers: readonly Carrier[]): Report[] {
  const reports = carriers.map((c) => reportOf(c.article, c.paragraph, c.sentence));
  const parent = reports.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (i: number, j: number) => {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  };
  for (let i = 0; i < carriers.length; i++) {
    for (let j = i + 1; j < carriers.length; j++) {
      if (reports[i]!.key === reports[j]!.key || sameWording(carriers[i]!.sentence, carriers[j]!.sentence)) union(i, j);
    }
  }
  const groups = new Map<number, Report>();
  reports.forEach((r, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (!group) groups.set(root, r);
    else if (!group.name && r.name) groups.set(root, { ...r, key: group.key });
  });
  return [...groups.values()];
}

/**
 * The tag of a fact carried by `articles` articles in `reports` independent reports: "single source",
 * "3 independent sources", "3 articles · 1 report (AFP)", "4 articles · 2 reports (AFP, The Washington Post)".
 */
export function sourcesTag(articles: number, reports: readonly Report[]): string {
  if (articles <= 1) return 'single source';
  if (reports.length >= articles) return `${articles} independent sources`;
  const named = reports.flatMap((r) => (r.name ? [r.name] : []));
  const others = reports.length - named.length;
  const names = named.length ? ` (${named.join(', ')}${others ? ` and ${others} other${others > 1 ? 's' : ''}` : ''})` : '';
  return `${articles} articles · ${reports.length} report${reports.length === 1 ? '' : 's'}${names}`;
}
