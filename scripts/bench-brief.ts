/**
 * /brief benchmark.
 * - Whole-corpus briefings on Multi-News validation clusters (../shared/data/multinews-validation-sample.jsonl):
 *   the briefing of each cluster against its human summary, ROUGE-1 and ROUGE-2 F (scripts/rouge.ts), beside
 *   the Lead-3 baseline (first three sentences of each article, in order). The briefing takes items until
 *   `--words` words (300 by default) and both it and Lead-3 are cut there; the summary is cut at 300 words.
 * - Topic briefings on Timeline17 (`--timeline17`, ../shared/data/timeline17-dev): for each entry of a
 *   journalists' timeline, its key words as the topic, ROUGE-1 F of the briefing's top three items against
 *   the entry (scripts/bench/topics.ts says how the key words are chosen).
 *
 *   npm run bench:brief                        # the shipped settings and Lead-3, 300 words
 *   npm run bench:brief -- --words 175         # at the length a Discord briefing shows (six items ≈ 175 words)
 *   npm run bench:brief -- --variants          # the variants tried for DESIGN.md
 *   npm run bench:brief -- --set '{"lead":0.5}' # one ad-hoc variant (JSON of BriefOptions fields)
 *   npm run bench:brief -- --clusters 100      # fewer clusters
 *   npm run bench:brief -- --timeline17 [--data DIR] [--set JSON]   # topic briefings against timeline entries
 *   npm run bench:brief -- --unknown-words     # topics with a word the corpus lacks: what is briefed, what is refused
 *   npm run bench:brief -- --reports           # how often the articles an item cites are one report (seeds, Reuters, Multi-News)
 *   npm run bench:brief -- --latency ../shared/data/reuters21578.jsonl   # engine time of a few briefings
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BENCH_BRIEF_OPTIONS, BRIEF_RANKING, brief, DEFAULT_BRIEF_ITEMS } from '../src/answer/brief.ts';
import { sourcesTag, type Report } from '../src/brief/reports.ts';
import { openLibrary } from '../src/library.ts';
import { selectFacts, type BriefOptions } from '../src/brief/select.ts';
import { shownText } from '../src/brief/candidates.ts';
import { rouge, rougeTokens, ROUGE_WORDS } from './rouge.ts';
import { articleOf, lead3, type Cluster } from './bench/multinews.ts';
import { KEY_WORDS, scoreTimeline17, TOP_ITEMS, UNKNOWN_WORD_CASES, type TopicBrief, type TopicScore } from './bench/brief-topics.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { buildLibrary } from '../src/library.ts';
import { terms } from '../src/text/terms.ts';
import { namesTopic, unmatchedWords, withoutWords } from '../src/brief/words.ts';

const DATA = fileURLToPath(new URL('../../shared/data/multinews-validation-sample.jsonl', import.meta.url));

/** The first `n` Multi-News clusters of the validation sample. */
function readClusters(n: number): Cluster[] {
  return readFileSync(DATA, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Cluster)
    .slice(0, n);
}

function briefText(cluster: Cluster, options: BriefOptions): string {
  const articles = cluster.documents.flatMap((d, i) => articleOf(String(i).padStart(3, '0'), d) ?? []);
  return selectFacts(articles, options).map((f) => shownText(f.shown)).join(' ');
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

/**
 * Mean ROUGE-1/2 F of a system's texts against the summaries (cut at 300 words). The system's text and
 * Lead-3 are cut to the same number of words per cluster: `cut`, or the shorter of the two when either is
 * shorter (a briefing is never compared with a longer Lead-3, nor Lead-3 with a longer briefing). Also,
 * as the first version of this benchmark did, both texts cut at `cut` as they are (`r1AsCut`, `lead.asIs`).
 */
function evaluate(clusters: readonly Cluster[], system: (c: Cluster) => string, cut = ROUGE_WORDS): { r1: number; r1AsCut: number; r2: number; words: number; lead: { r1: number; r2: number; asIs: number } } {
  const r1: number[] = [];
  const r2: number[] = [];
  const l1: number[] = [];
  const l2: number[] = [];
  const a1: number[] = [];
  const c1: number[] = [];
  const words: number[] = [];
  for (const c of clusters) {
    const text = system(c);
    const lead = lead3(c.documents);
    const n = Math.min(cut, rougeTokens(text, Infinity).length, rougeTokens(lead, Infinity).length);
    words.push(n);
    const ref = c.summary.replace(/^\s*[–—-]\s*/, '');
    r1.push(rouge(text, ref, 1, n, ROUGE_WORDS).f);
    c1.push(rouge(text, ref, 1, cut, ROUGE_WORDS).f);
    r2.push(rouge(text, ref, 2, n, ROUGE_WORDS).f);
    l1.push(rouge(lead, ref, 1, n, ROUGE_WORDS).f);
    l2.push(rouge(lead, ref, 2, n, ROUGE_WORDS).f);
    a1.push(rouge(lead, ref, 1, cut, ROUGE_WORDS).f);
  }
  return { r1: mean(r1), r1AsCut: mean(c1), r2: mean(r2), words: mean(words), lead: { r1: mean(l1), r2: mean(l2), asIs: mean(a1) } };
}

/** Variants tried (see docs/design/brief.md); each overrides the shipped benchmark settings. */
const VARIANTS: Record<string, Partial<BriefOptions>> = {
  'lead only (no centrality)': { centrality: 'none', lead: 1, corroborationBoost: 0, lambda: 0.7, dangling: 1 },
  'centroid, no lead, MMR 0.7': { centrality: 'centroid', lead: 0, corroborationBoost: 0, lambda: 0.7, dangling: 1 },
  'centroid + lead + MMR 0.7': { centrality: 'centroid', corroborationBoost: 0, lambda: 0.7, dangling: 1 },
  'lexrank, no lead, MMR 0.7': { centrality: 'lexrank', lead: 0, corroborationBoost: 0, lambda: 0.7, dangling: 1 },
  'lexrank + lead + MMR 0.7': { centrality: 'lexrank', corroborationBoost: 0, lambda: 0.7, dangling: 1 },
  'article-centroid + lead, no MMR (repeats out)': { corroborationBoost: 0, lambda: 1, dangling: 1 },
  'article-centroid + lead + MMR 0.7': { corroborationBoost: 0, lambda: 0.7, dangling: 1 },
  'article-centroid + lead + support 0.3 + MMR 0.7': { corroborationBoost: 0, support: 0.3, lambda: 0.7, dangling: 1 },
  'article-centroid + lead + corroboration 0.5 + MMR 0.7': { lambda: 0.7, dangling: 1 },
  'article-centroid + lead + MMR 0.3': { corroborationBoost: 0, dangling: 1 },
  'article-centroid + lead + corroboration 0.5 + MMR 0.3': { dangling: 1 },
  'shipped: the same + dangling-reference factor 0.6': {},
};

/** Topics timed by `--latency`: Reuters topics, a miss, and the whole-corpus briefing. */
const LATENCY_TOPICS = ['cocoa', 'oil prices', 'coffee quotas', 'interest rates bundesbank', 'gold', 'xyzzy quux', 'cocoa bitcoin', ''];

/**
 * Engine time of `brief` (no rendering, library already open): p50 and p99 of `runs` calls per topic, and the
 * median CPU time of a call (steadier than wall time on a machine shared with other jobs).
 */
async function latency(corpus: string, runs = 50): Promise<void> {
  const opened = performance.now();
  const library = await openLibrary(corpus);
  console.log(`${corpus}: ${library.corpus.articles.length} articles, ${library.index.size} paragraphs, opened in ${((performance.now() - opened) / 1000).toFixed(1)} s`);
  for (const topic of LATENCY_TOPICS) {
    const first = performance.now();
    const answer = brief(library, topic);
    const cold = performance.now() - first;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const c = process.cpuUsage();
      brief(library, topic);
      const used = process.cpuUsage(c);
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`${JSON.stringify(topic).padEnd(30)} first ${cold.toFixed(1)} ms  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  CPU time p50 ${cpu[Math.floor(cpu.length / 2)]!.toFixed(1)} ms  (${answer.items.length} items)`);
  }
}

/** `--timeline17`: topic briefings against the entries of the journalists' timelines, per topic and overall. */
async function timeline17(args: readonly string[]): Promise<void> {
  const dir = args.includes('--data') ? args[args.indexOf('--data') + 1]! : fileURLToPath(new URL('../../shared/data/timeline17-dev', import.meta.url));
  const runs: Record<string, Partial<BriefOptions>> = { shipped: {} };
  args.forEach((a, i) => {
    if (a === '--set') runs[args[i + 1]!] = JSON.parse(args[i + 1] ?? '{}') as Partial<BriefOptions>;
  });
  const briefs = Object.fromEntries(
    Object.entries(runs).map(([name, ranking]): [string, TopicBrief] => [name, (library, topic) => brief(library, topic, { ranking }).items.map((i) => i.text)]),
  );
  const started = performance.now();
  const scores = await scoreTimeline17(dir, briefs);
  console.log(`Timeline17: ROUGE-1 F of a briefing's top ${TOP_ITEMS} items against the timeline entry whose ${KEY_WORDS} key words are the topic`);
  for (const [name, rows] of scores) {
    const n = rows.reduce((a, r) => a + r.entries, 0);
    const all = (f: (r: TopicScore) => number) => (rows.reduce((a, r) => a + f(r) * r.entries, 0) / Math.max(1, n)).toFixed(2);
    const perTopic = rows.map((r) => `${r.topic} ${r.r1.toFixed(2)} (${r.entries}, ${r.items.toFixed(1)} items, ${r.empty} empty)`).join('  ');
    console.log(`${name}: top-${TOP_ITEMS} R1 F ${all((r) => r.r1)}, recall ${all((r) => r.recall)}; first item R1 F ${all((r) => r.first)}; over ${n} entries: ${perTopic}`);
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * `--unknown-words`: what `/brief` does with a topic one of whose words the corpus lacks, on real corpora:
 * the word dropped, what is left, whether it still names a topic (src/brief/words.ts) and why.
 */
async function unknownWords(): Promise<void> {
  const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
  const corpora: Record<string, string> = {
    seeds: fileURLToPath(new URL('../corpus', import.meta.url)),
    reuters: `${data}reuters21578.jsonl`,
    'timeline17 syria': `${data}timeline17-dev/syria.articles.jsonl`,
    'timeline17 egypt': `${data}timeline17-dev/egypt.articles.jsonl`,
  };
  console.log('corpus | topic | not found | briefed on | verdict | paragraphs with the word | items');
  for (const [name, path] of Object.entries(corpora)) {
    if (!existsSync(path)) continue;
    const library = buildLibrary(await loadCorpus(path));
    for (const topic of UNKNOWN_WORD_CASES[name] ?? []) {
      const hits = library.index.search(topic, { limit: 60 });
      const missing = unmatchedWords(topic, hits);
      const rest = withoutWords(topic, missing);
      const verdict = missing.length ? namesTopic(library.index, rest, hits) : 'all words found';
      const restTerms = [...new Set(terms(rest))];
      const used = restTerms.length === 1 ? `${((100 * library.index.paragraphFrequency(restTerms[0]!)) / library.index.size).toFixed(2)} %` : '';
      const answer = brief(library, topic);
      console.log(`${name} | ${topic} | ${missing.join(' ')} | ${answer.items.length ? rest : '(refused)'} | ${verdict} | ${used} | ${answer.items.length}`);
    }
  }
}

/** Counts of multi-article items and of those whose articles carry fewer independent reports. */
class ReportCount {
  items = 0;
  multi = 0;
  fewer = 0;
  byRule = new Map<string, number>();
  examples: string[] = [];

  /** One item: its tag, how many articles it cites and how many reports they are (with the reports when known). */
  add(tag: string, articles: number, reports: number, found: readonly Report[] = []): void {
    this.items++;
    if (articles < 2) return;
    this.multi++;
    if (reports >= articles) return;
    this.fewer++;
    for (const r of found) this.byRule.set(r.by, (this.byRule.get(r.by) ?? 0) + 1);
    if (this.examples.length < 4) this.examples.push(tag);
  }

  toString(): string {
    const rules = this.byRule.size ? ` (their reports found by ${[...this.byRule].map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
    return `${this.items} items, ${this.multi} cite 2+ articles, ${this.fewer} of them fewer reports than articles${rules}; e.g. ${this.examples.join(' | ')}`;
  }
}

/** `--reports`: how often cited articles are one report, on the seeds, Reuters topics and Multi-News clusters. */
async function reports(): Promise<void> {
  const data = fileURLToPath(new URL('../../shared/data/', import.meta.url));
  const topics: Record<string, string[]> = {
    seeds: ['', 'embassy drawdown', 'militia rocket attacks', 'Soleimani', 'Tueller', 'troops', 'Pompeo', 'nuclear deal'],
    reuters: ['', 'cocoa', 'oil prices', 'coffee quotas', 'interest rates bundesbank', 'gold', 'opec', 'sugar', 'wheat', 'dollar', 'japan trade', 'iran iraq war'],
  };
  const paths: Record<string, string> = { seeds: fileURLToPath(new URL('../corpus', import.meta.url)), reuters: `${data}reuters21578.jsonl` };
  for (const [name, path] of Object.entries(paths)) {
    if (!existsSync(path)) continue;
    const library = buildLibrary(await loadCorpus(path));
    const count = new ReportCount();
    for (const topic of topics[name]!) {
      for (const item of brief(library, topic).items) count.add(`${topic || '(whole)'}: ${item.tags?.join(' ')}`, item.citations.length, Number(item.reports ?? item.citations.length));
    }
    console.log(`${name}: ${count}`);
  }
  if (!existsSync(DATA)) return;
  const count = new ReportCount();
  for (const c of readClusters(Infinity)) {
    const articles = c.documents.flatMap((d, i) => articleOf(String(i).padStart(3, '0'), d) ?? []);
    for (const f of selectFacts(articles, { ...BRIEF_RANKING, limit: DEFAULT_BRIEF_ITEMS })) {
      count.add(`${c.id}: ${sourcesTag(f.members.length, f.reports)}`, f.members.length, f.reports.length, f.reports);
    }
  }
  console.log(`multi-news (250 clusters, whole-corpus briefings of 6 items): ${count}`);
}

function main(): void {
  if (process.argv.includes('--reports')) {
    void reports();
    return;
  }
  if (process.argv.includes('--unknown-words')) {
    void unknownWords();
    return;
  }
  if (process.argv.includes('--timeline17')) {
    void timeline17(process.argv.slice(2));
    return;
  }
  const latencyAt = process.argv.indexOf('--latency');
  if (latencyAt >= 0) {
    void latency(process.argv[latencyAt + 1] ?? fileURLToPath(new URL('../../shared/data/reuters21578.jsonl', import.meta.url)));
    return;
  }
  if (!existsSync(DATA)) {
    console.log(`bench:brief: ${DATA} is absent; nothing to measure.`);
    return;
  }
  const args = process.argv.slice(2);
  const clusters = readClusters(args.includes('--clusters') ? Number(args[args.indexOf('--clusters') + 1]) : Infinity);
  const cut = args.includes('--words') ? Number(args[args.indexOf('--words') + 1]) : ROUGE_WORDS;
  const started = performance.now();
  console.log(`${clusters.length} clusters; the briefing (items until ${cut} words) and Lead-3 cut to the same number of words per cluster (${cut}, or the shorter text's length), the summaries at ${ROUGE_WORDS}`);
  const runs: Record<string, Partial<BriefOptions>> = args.includes('--variants') ? VARIANTS : { shipped: {} };
  args.forEach((a, i) => {
    if (a === '--set') runs[args[i + 1]!] = JSON.parse(args[i + 1] ?? '{}') as Partial<BriefOptions>;
  });
  for (const [name, override] of Object.entries(runs)) {
    const t = performance.now();
    const r = evaluate(clusters, (c) => briefText(c, { ...BENCH_BRIEF_OPTIONS, wordBudget: cut, ...override }), cut);
    const ms = (performance.now() - t) / clusters.length;
    console.log(
      `${name.padEnd(55)} R1 ${r.r1.toFixed(2)}  R2 ${r.r2.toFixed(2)}  ×Lead-3 at the same lengths R1 ${(r.r1 / r.lead.r1).toFixed(3)} R2 ${(r.r2 / r.lead.r2).toFixed(3)}  (Lead-3 ${r.lead.r1.toFixed(2)} / ${r.lead.r2.toFixed(2)}, ${r.words.toFixed(0)} words scored)  ×Lead-3 cut at ${cut} as it is: R1 ${(r.r1AsCut / r.lead.asIs).toFixed(3)}  (${ms.toFixed(0)} ms/cluster)`,
    );
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
