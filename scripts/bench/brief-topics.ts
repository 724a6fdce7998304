/**
 * Topic briefings measured on Timeline17 (the dev copy in ../shared/data/timeline17-dev): each entry of a
 * journalists' timeline (a date and the sentences that tell what happened on it) becomes a topic, typed as
 * a reporter would — its key words — and the briefing on that topic is scored against the entry: ROUGE-1 F
 * of its top three items (what a reader sees first) against the entry's sentences. A briefing that keeps to
 * its topic and puts the most relevant facts first brings the entry's event to the top.
 *
 * Key words: the entry's content words (stop words and numbers out, at least three letters) that the
 * topic's articles use, the `KEY_WORDS` rarest of them by paragraph frequency in those articles (the words
 * that tell this event from the others of the story: "governor Baghdad assassinated" rather than
 * "Iraq killed"), in the entry's order.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Corpus } from '../../src/corpus/types.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import { termOf } from '../../src/text/terms.ts';
import { rouge } from '../rouge.ts';

export const TIMELINE17_TOPICS = ['egypt', 'haiti', 'iraq', 'syria'] as const;

/** Words of an entry typed as the topic. */
export const KEY_WORDS = 4;

/** Items of the briefing scored against the entry. */
export const TOP_ITEMS = 3;

export interface GoldEntry {
  date: string;
  /** The entry's sentences, detokenised. */
  text: string;
}

/** A topic's briefing function: the texts of its items, most important first. */
export type TopicBrief = (library: Library, topic: string) => readonly string[];

/**
 * The entries of a gold timeline file: blocks of a YYYY-MM-DD line, one line holding the sentences as a
 * Python list literal (CSV-quoted when it contains quotes), and a line of dashes.
 */
export function goldEntries(text: string): GoldEntry[] {
  const entries: GoldEntry[] = [];
  let date: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (/^\d{4}-\d{2}-\d{2}$/.test(line)) date = line;
    else if (/^-+$/.test(line)) date = null;
    else if (date && line) {
      const list = line.startsWith('"') && line.endsWith('"') ? line.slice(1, -1).replaceAll('""', '"') : line;
      const sentences = [...list.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => detokenise(m[1] ?? m[2] ?? ''));
      entries.push({ date, text: sentences.join(' ') });
    }
  }
  return entries;
}

/** Undoes the Penn Treebank tokenisation of the gold files: -LRB- → (, `` '' → ", " ," → ",", " 's" → "'s". */
function detokenise(s: string): string {
  return s
    .replace(/\\(.)/g, '$1')
    .replaceAll('-LRB-', '(')
    .replaceAll('-RRB-', ')')
    .replace(/``|''/g, '"')
    .replace(/\s+([.,;:!?)'%]|'s\b|n't\b)/g, '$1')
    .replace(/([(])\s+/g, '$1')
    .trim();
}

/** Paragraph frequency of each index term in a corpus. */
function paragraphFrequencies(corpus: Corpus): Map<string, number> {
  const df = new Map<string, number>();
  for (const a of corpus.articles) {
    for (const p of a.paragraphs) {
      const seen = new Set<string>();
      for (const token of p.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
        const t = termOf(token);
        if (t && !seen.has(t)) {
          seen.add(t);
          df.set(t, (df.get(t) ?? 0) + 1);
        }
      }
    }
  }
  return df;
}

/** The key words of an entry (see the module comment), or '' when the articles use none of its words. */
export function keyWords(entry: string, df: ReadonlyMap<string, number>, n = KEY_WORDS): string {
  const words: Array<{ word: string; term: string; at: number; df: number }> = [];
  const seen = new Set<string>();
  for (const m of entry.matchAll(/\p{L}[\p{L}'’-]*\p{L}/gu)) {
    const word = m[0].replace(/['’]s$/u, '');
    if (word.length < 3) continue;
    const term = termOf(word.toLowerCase());
    if (!term || seen.has(term)) continue;
    seen.add(term);
    const f = df.get(term) ?? 0;
    if (f > 0) words.push({ word, term, at: m.index, df: f });
  }
  return words
    .sort((a, b) => a.df - b.df || a.at - b.at)
    .slice(0, n)
    .sort((a, b) => a.at - b.at)
    .map((w) => w.word)
    .join(' ');
}

export interface TopicScore {
  topic: string;
  entries: number;
  /** Mean ROUGE-1 F of the top items against the entry. */
  r1: number;
  /** Mean ROUGE-1 recall of the top items (which a briefing cannot raise by being shorter). */
  recall: number;
  /** Mean ROUGE-1 F of the first item alone. */
  first: number;
  /** Mean number of items the briefings had. */
  items: number;
  /** Briefings with no items. */
  empty: number;
}

/** Scores `briefOf` on every entry of every Timeline17 topic found in `dir`. */
export async function scoreTimeline17(dir: string, briefs: Record<string, TopicBrief>): Promise<Map<string, TopicScore[]>> {
  if (!existsSync(join(dir, 'iraq.gold-timeline.txt'))) throw new Error(`bench:brief: no Timeline17 copy at ${dir} (expected <topic>.articles.jsonl and <topic>.gold-timeline.txt)`);
  const out = new Map<string, TopicScore[]>(Object.keys(briefs).map((name) => [name, []]));
  for (const topic of TIMELINE17_TOPICS) {
    const library = buildLibrary(await loadCorpus(join(dir, `${topic}.articles.jsonl`)));
    const df = paragraphFrequencies(library.corpus);
    const entries = goldEntries(readFileSync(join(dir, `${topic}.gold-timeline.txt`), 'utf8'))
      .map((e) => ({ ...e, query: keyWords(e.text, df) }))
      .filter((e) => e.query);
    for (const [name, briefOf] of Object.entries(briefs)) {
      let r1 = 0;
      let recall = 0;
      let first = 0;
      let items = 0;
      let empty = 0;
      for (const e of entries) {
        const texts = briefOf(library, e.query);
        items += texts.length;
        if (texts.length === 0) empty++;
        const top = rouge(texts.slice(0, TOP_ITEMS).join(' '), e.text, 1, Infinity);
        r1 += top.f;
        recall += top.recall;
        first += rouge(texts[0] ?? '', e.text, 1, Infinity).f;
      }
      const n = Math.max(1, entries.length);
      out.get(name)!.push({ topic, entries: entries.length, r1: r1 / n, recall: recall / n, first: first / n, items: items / n, empty });
    }
  }
  return out;
}

/** Topics with one word the corpus lacks, as reporters type them, on the corpora they were read on. */
export const UNKNOWN_WORD_CASES: Record<string, string[]> = {
  seeds: ['embassy drawdown evacuation', 'cocoa futures', 'Soleimani funeral', 'Tueller resignation', 'US evacuation', 'militia evacuation', 'Kataib Hezbollah bitcoin'],
  reuters: ['cocoa bitcoin', 'coffee quotas smartphone', 'Bundesbank bitcoin', 'OPEC bitcoin', 'gold bitcoin', 'sugar bitcoin', 'oil bitcoin', 'market bitcoin', 'company smartphone', 'shares blockchain', 'year bitcoin', 'dividend bitcoin'],
  'timeline17 syria': ['Annan bitcoin', 'Assad bitcoin', 'chemical bitcoin', 'Houla massacre bitcoin', 'protesters bitcoin', 'government bitcoin', 'killed bitcoin'],
  'timeline17 egypt': ['Mubarak bitcoin', 'Tahrir bitcoin', 'constitution bitcoin', 'ElBaradei bitcoin', 'army bitcoin', 'protesters bitcoin'],
};
