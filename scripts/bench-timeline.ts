/**
 * Date selection of /timeline on Timeline17 (the dev copy): for each topic, the top-N dates (N = number
 * of dates in the journalist-written gold timeline) against the gold dates, as date-F1, beside the
 * baseline "the N most frequent publication dates", computed here on the same articles.
 * Only day-granular dates compete (the gold timelines are dated by day).
 *
 *   npm run bench:timeline [-- --data ../shared/data/timeline17-dev]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { analyseEvents } from '../src/analyse/events.ts';
import { dateWeights, primaryDates } from '../src/answer/timeline.ts';

const dataArg = process.argv.indexOf('--data');
const dir = dataArg > 0 ? process.argv[dataArg + 1]! : join(import.meta.dirname, '../../shared/data/timeline17-dev');
const TOPICS = ['egypt', 'haiti', 'iraq', 'syria'];
if (!existsSync(join(dir, 'iraq.gold-timeline.txt'))) {
  console.error(`bench:timeline: no Timeline17 copy at ${dir} (expected <topic>.articles.jsonl and <topic>.gold-timeline.txt)`);
  process.exit(1);
}

/** The dates of a gold timeline: its YYYY-MM-DD lines. */
function goldDates(topic: string): Set<string> {
  const text = readFileSync(join(dir, `${topic}.gold-timeline.txt`), 'utf8');
  return new Set(text.split('\n').filter((l) => /^\d{4}-\d{2}-\d{2}$/.test(l.trim())).map((l) => l.trim()));
}

function f1(predicted: readonly string[], gold: ReadonlySet<string>): number {
  const hits = predicted.filter((d) => gold.has(d)).length;
  if (hits === 0) return 0;
  const p = hits / predicted.length;
  const r = hits / gold.size;
  return (2 * p * r) / (p + r);
}

function top(counts: Map<string, number>, n: number): string[] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([d]) => d);
}

/** First and last publication date of a collection. */
function corpusSpan(published: Map<string, number>): [string, string] {
  const dates = [...published.keys()].sort();
  return [dates[0]!, dates.at(-1)!];
}

/**
 * The timeline's own ranking (\`dateWeights\`, as /timeline --limit ranks dates) over what the articles
 * say happened: one date per sentence, past events; days compete (the gold timelines are dated by day),
 * months lend their days \`MONTH_SHARE\` of their sentences. When \`span\` is given, only days inside the
 * collection's publication span compete (a timeline of a collection covers its period; the baseline is
 * inside it by construction).
 */
function ranking(table: ReturnType<typeof analyseEvents>, span: [string, string] | null): Map<string, number> {
  const events = primaryDates(table, table.events).filter((e) => e.date.relation === 'past' && e.date.granularity !== 'year');
  const weights = dateWeights(events);
  for (const value of [...weights.keys()]) {
    if (value.length !== 10 || (span && (value < span[0] || value > span[1]))) weights.delete(value);
  }
  return weights;
}

const rows: Array<{ topic: string; n: number; articles: number; events: number; baseline: number; ours: number; oursAnyDate: number; ms: number }> = [];
for (const topic of TOPICS) {
  const gold = goldDates(topic);
  const corpus = await loadCorpus(join(dir, `${topic}.articles.jsonl`));
  const started = performance.now();
  const table = analyseEvents(corpus);
  const ms = Math.round(performance.now() - started);
  const published = new Map<string, number>();
  for (const a of corpus.articles) if (a.published) published.set(a.published.date, (published.get(a.published.date) ?? 0) + 1);
  const n = gold.size;
  rows.push({
    topic,
    n,
    articles: corpus.articles.length,
    events: table.events.length,
    baseline: f1(top(published, n), gold),
    ours: f1(top(ranking(table, corpusSpan(published)), n), gold),
    oursAnyDate: f1(top(ranking(table, null), n), gold),
    ms,
  });
}

const fmt = (x: number) => x.toFixed(3);
console.log('topic   gold-N  articles  events   baseline  timeline  ratio   (any date)  analyse-ms');
for (const r of rows) {
  console.log(
    `${r.topic.padEnd(8)}${String(r.n).padStart(6)}${String(r.articles).padStart(10)}${String(r.events).padStart(8)}   ${fmt(r.baseline).padStart(8)}  ${fmt(r.ours).padStart(8)}  ${(r.ours / (r.baseline || 1)).toFixed(2).padStart(5)}   ${fmt(r.oursAnyDate).padStart(8)}   ${String(r.ms).padStart(8)}`,
  );
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const target = rows.filter((r) => r.topic === 'iraq' || r.topic === 'syria');
const b = mean(target.map((r) => r.baseline));
const o = mean(target.map((r) => r.ours));
console.log(`mean all: baseline ${fmt(mean(rows.map((r) => r.baseline)))}, timeline ${fmt(mean(rows.map((r) => r.ours)))}`);
const any = mean(target.map((r) => r.oursAnyDate));
console.log(`mean iraq+syria: baseline ${fmt(b)}, timeline ${fmt(o)}, ratio ${(o / (b || 1)).toFixed(2)} (target ≥ 1.25)`);
console.log(`  without the publication-span restriction: timeline ${fmt(any)}, ratio ${(any / (b || 1)).toFixed(2)}`);
