/**
 * /brief benchmark: on Multi-News validation clusters (../shared/data/multinews-validation-sample.jsonl),
 * the whole-corpus briefing of each cluster against its human summary, ROUGE-1 and ROUGE-2 F (scripts/rouge.ts,
 * both texts cut at 300 words), beside the Lead-3 baseline (first three sentences of each article, in order).
 *
 *   npm run bench:brief                        # the shipped settings and Lead-3
 *   npm run bench:brief -- --variants          # the variants tried for DESIGN.md
 *   npm run bench:brief -- --set '{"lead":0.5}' # one ad-hoc variant (JSON of BriefOptions fields)
 *   npm run bench:brief -- --clusters 100      # fewer clusters
 *   npm run bench:brief -- --latency ../shared/data/reuters21578.jsonl   # engine time of a few briefings
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article, Paragraph } from '../src/corpus/types.ts';
import { cleanBody } from '../src/corpus/clean.ts';
import { splitSentences } from '../src/text/sentences.ts';
import { BENCH_BRIEF_OPTIONS, brief } from '../src/answer/brief.ts';
import { openLibrary } from '../src/library.ts';
import { selectFacts, type BriefOptions } from '../src/brief/select.ts';
import { shownText } from '../src/brief/candidates.ts';
import { rouge, rougeTokens, ROUGE_WORDS } from './rouge.ts';

const DATA = fileURLToPath(new URL('../../shared/data/multinews-validation-sample.jsonl', import.meta.url));

interface Cluster {
  id: string;
  documents: string[];
  summary: string;
}

/** The article the loader would make of a Multi-News document: cleaned paragraphs, sentence spans. */
export function articleOf(id: string, text: string): Article | null {
  const body = text.split(/\n \n/).map((p) => p.trim()).join('\n\n');
  const cleaned = cleanBody(body, 1, { findTitle: true, title: null });
  if (cleaned.paragraphs.length === 0) return null;
  const paragraphs: Paragraph[] = cleaned.paragraphs.map((p, i) => ({
    id: `${id}-p${i + 1}`,
    articleId: id,
    n: i + 1,
    text: p.text,
    sentences: splitSentences(p.text),
  }));
  return { id, title: cleaned.title, outlet: null, published: null, url: null, path: `${id}.txt`, paragraphs, dropped: cleaned.dropped };
}

/** Lead-3: the first three sentences of each article (raw paragraphs, no cleaning), concatenated in order. */
export function lead3(documents: readonly string[]): string {
  return documents
    .map((d) => d.split(/\n \n/).flatMap((p) => splitSentences(p.trim()).map((s) => s.text)).slice(0, 3).join(' '))
    .join(' ');
}

function briefText(cluster: Cluster, options: BriefOptions): string {
  const articles = cluster.documents.flatMap((d, i) => articleOf(String(i).padStart(3, '0'), d) ?? []);
  return selectFacts(articles, options).map((f) => shownText(f.shown)).join(' ');
}

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

function evaluate(clusters: readonly Cluster[], system: (c: Cluster) => string): { r1: number; r2: number; words: number } {
  const r1: number[] = [];
  const r2: number[] = [];
  const words: number[] = [];
  for (const c of clusters) {
    const text = system(c);
    words.push(Math.min(ROUGE_WORDS, rougeTokens(text, Infinity).length));
    const ref = c.summary.replace(/^\s*[–—-]\s*/, '');
    r1.push(rouge(text, ref, 1).f);
    r2.push(rouge(text, ref, 2).f);
  }
  return { r1: mean(r1), r2: mean(r2), words: mean(words) };
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
const LATENCY_TOPICS = ['cocoa', 'oil prices', 'coffee quotas', 'interest rates bundesbank', 'gold', 'xyzzy quux', ''];

/** Engine time of `brief` (no rendering, library already open): p50 and p99 of `runs` calls per topic. */
async function latency(corpus: string, runs = 50): Promise<void> {
  const opened = performance.now();
  const library = await openLibrary(corpus);
  console.log(`${corpus}: ${library.corpus.articles.length} articles, ${library.index.size} paragraphs, opened in ${((performance.now() - opened) / 1000).toFixed(1)} s`);
  for (const topic of LATENCY_TOPICS) {
    const first = performance.now();
    const answer = brief(library, topic);
    const cold = performance.now() - first;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      brief(library, topic);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
    console.log(`${JSON.stringify(topic).padEnd(30)} first ${cold.toFixed(1)} ms  p50 ${at(0.5)} ms  p99 ${at(0.99)} ms  (${answer.items.length} items)`);
  }
}

function main(): void {
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
  const n = args.includes('--clusters') ? Number(args[args.indexOf('--clusters') + 1]) : Infinity;
  const clusters = readFileSync(DATA, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Cluster)
    .slice(0, n);
  const started = performance.now();
  const base = evaluate(clusters, (c) => lead3(c.documents));
  console.log(`${clusters.length} clusters, both texts cut at ${ROUGE_WORDS} words`);
  console.log(`Lead-3                                                  R1 ${base.r1.toFixed(2)}  R2 ${base.r2.toFixed(2)}  (${base.words.toFixed(0)} words scored)`);
  const runs: Record<string, Partial<BriefOptions>> = args.includes('--variants')
    ? VARIANTS
    : args.includes('--set')
      ? { custom: JSON.parse(args[args.indexOf('--set') + 1] ?? '{}') as Partial<BriefOptions> }
      : { shipped: {} };
  for (const [name, override] of Object.entries(runs)) {
    const t = performance.now();
    const r = evaluate(clusters, (c) => briefText(c, { ...BENCH_BRIEF_OPTIONS, ...override }));
    const ms = (performance.now() - t) / clusters.length;
    console.log(
      `${name.padEnd(55)} R1 ${r.r1.toFixed(2)}  R2 ${r.r2.toFixed(2)}  ×Lead-3 R1 ${(r.r1 / base.r1).toFixed(3)} R2 ${(r.r2 / base.r2).toFixed(3)}  (${r.words.toFixed(0)} words scored, ${ms.toFixed(0)} ms/cluster)`,
    );
  }
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main();
