/**
 * `npm run bench`: speed and memory of the engine at about 10k, 100k and 1M paragraphs, beside raw
 * minisearch on the same paragraphs in the same process, so each figure is also a ratio that holds when
 * the machine's speed drifts. Prints a table, writes bench-results/bench-<time>.json.
 *
 *   npm run bench                      # all tiers (each in its own process)
 *   npm run bench -- --tiers 10k,100k  # some tiers
 *
 * Tiers: 10k = the first Reuters articles up to 10,000 paragraphs; 100k = all of Reuters-21578 (105k
 * paragraphs, ../shared/data); 1M = generated from Reuters by scripts/bench/generate.ts.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.ts';
import { ask, ANSWERS } from '../src/answer/index.ts';
import type { CommandName } from '../src/answer/types.ts';
import { openLibrary, openLibraryWithReport, saveLibrarySnapshot, type Library } from '../src/library.ts';
import { makeQueries, type Query } from './bench/queries.ts';
import { generate, train } from './bench/generate.ts';
import { AUTOCOMPLETERS } from './bench/autocomplete.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REUTERS = join(ROOT, '../shared/data/reuters21578.jsonl');
const TIERS = { '10k': 10_000, '100k': 105_000, '1m': 1_000_000 } as const;
type Tier = keyof typeof TIERS;

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

interface TierResult {
  tier: Tier;
  source: string;
  paragraphs: number;
  articles: number;
  coldBuildMs: number;
  snapshotStartMs: number | null;
  firstAnswerMs: number | null;
  /** Why no snapshot figures (e.g. not enough heap to write it). */
  snapshotSkipped: string | null;
  heapMB: number;
  peakRssMB: number;
  commands: Record<string, Percentiles>;
  /** null when raw minisearch could not be measured (it ran out of heap). */
  raw: { buildMs: number; heapMB: number; loadJsonMs: number; search: Percentiles } | null;
  /** Characters of paragraph text, in millions (about MB: the text is mostly one byte a character). */
  textMB: number;
}

function percentiles(times: number[]): Percentiles {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: s.length };
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 1e6);
}

/** Writes the tier's corpus into `dir` (jsonl files) and returns a description of where it came from. */
async function prepare(tier: Tier, dir: string): Promise<string> {
  const reuters = await loadCorpus(REUTERS);
  if (tier === '100k') {
    await writeFile(join(dir, 'reuters.jsonl'), '');
    return `Reuters-21578 (${reuters.report.paragraphs} paragraphs)`;
  }
  if (tier === '10k') {
    let n = 0;
    const lines: string[] = [];
    for (const a of reuters.articles) {
      if (n >= TIERS['10k']) break;
      n += a.paragraphs.length;
      lines.push(JSON.stringify({ id: a.id, title: a.title, outlet: a.outlet, published: a.published?.date, body: a.paragraphs.map((p) => p.text).join('\n\n') }));
    }
    await writeFile(join(dir, 'reuters-10k.jsonl'), `${lines.join('\n')}\n`);
    return `first ${lines.length} Reuters-21578 articles`;
  }
  const chain = train(reuters.articles);
  let file = 0;
  let lines = 0;
  let buffer = '';
  for (const line of generate(chain, TIERS['1m'])) {
    buffer += line;
    if (++lines % 5_000 === 0) {
      await appendFile(join(dir, `generated-${String(Math.floor(lines / 50_000)).padStart(2, '0')}.jsonl`), buffer);
      buffer = '';
      file++;
    }
  }
  if (buffer) await appendFile(join(dir, 'generated-last.jsonl'), buffer);
  return 'generated from Reuters-21578 by a word Markov chain (scripts/bench/generate.ts)';
}

/** Progress on stderr, so a tier that dies says where. */
function phase(tier: Tier, what: string): void {
  process.stderr.write(`bench ${tier}: ${what} (heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)\n`);
}

async function runTier(tier: Tier): Promise<TierResult> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${tier}-`));
  const cache = await mkdtemp(join(tmpdir(), `bench-cache-${tier}-`));
  try {
    phase(tier, 'preparing the corpus');
    const source = await prepare(tier, dir);
    phase(tier, 'cold build');
    const path = tier === '100k' ? REUTERS : dir;

    let library!: Library;
    let t = performance.now();
    library = await openLibrary(path);
    const coldBuildMs = Math.round(performance.now() - t);
    phase(tier, 'saving the snapshot');
    let snapshotSkipped: string | null = null;
    await saveLibrarySnapshot(library, cache).catch((err: Error) => (snapshotSkipped = err.message));
    let snapshotStartMs: number | null = null;
    let firstAnswerMs: number | null = null;
    let queries: Query[];
    const opened = { library };
    if (!snapshotSkipped) {
      library = undefined as unknown as Library;
      opened.library = library;
      heapMB();
      phase(tier, 'starting from the snapshot');
      t = performance.now();
      const fromSnapshot = await openLibraryWithReport(path, { cacheDir: cache });
      snapshotStartMs = Math.round(performance.now() - t);
      if (fromSnapshot.report.snapshot !== 'used') throw new Error(`bench: snapshot not used (${fromSnapshot.report.reason})`);
      library = fromSnapshot.library;
      opened.library = library;
      queries = makeQueries(library.corpus);
      ask(library, ANSWERS.brief ? 'brief' : 'search', queries[0]!.text);
      firstAnswerMs = Math.round(performance.now() - t);
    } else queries = makeQueries(library.corpus);
    const heap = heapMB();

    phase(tier, 'timing the commands');
    const commands: Record<string, Percentiles> = {};
    const ids = [...library.corpus.paragraphById.keys()];
    for (const command of Object.keys(ANSWERS) as CommandName[]) {
      if (!ANSWERS[command] || command === 'corpus') continue;
      const inputs = command === 'source' ? queries.map((_, i) => ids[(i * 7919) % ids.length]!) : queries.map((q) => q.text);
      commands[command] = percentiles(inputs.map((q) => time(() => ask(library, command, q))));
    }
    // Whole-corpus answers (no topic): the slowest kind, a few runs each.
    for (const command of ['brief', 'timeline', 'who'] as const) {
      if (ANSWERS[command]) commands[`${command} (whole corpus)`] = percentiles(Array.from({ length: 7 }, () => time(() => ask(library, command, ''))));
    }
    for (const [name, complete] of Object.entries(AUTOCOMPLETERS)) {
      const prefixes = queries.flatMap((q: Query) => [q.text.slice(0, 1), q.text.slice(0, 3), q.text.slice(0, 6)]);
      commands[`autocomplete ${name}`] = percentiles(prefixes.map((p) => time(() => complete(library, p))));
    }
    const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    const result: Omit<TierResult, 'raw' | 'textMB'> = {
      tier,
      source,
      paragraphs: library.corpus.report.paragraphs,
      articles: library.corpus.report.articles,
      coldBuildMs,
      snapshotStartMs,
      firstAnswerMs,
      snapshotSkipped,
      heapMB: heap,
      peakRssMB,
      commands,
    };

    // Our figures first, so they survive if raw minisearch runs out of heap below.
    process.stdout.write(`${JSON.stringify({ ...result, textMB: 0, raw: null })}\n`);

    // Raw minisearch on the same paragraphs: default options, text only. Our library is let go first, so
    // the 1M tier does not hold two indexes at once.
    const docs = library.corpus.articles.flatMap((a) => a.paragraphs.map((p) => ({ id: p.id, text: p.text })));
    library = undefined as unknown as Library;
    opened.library = undefined as unknown as Library;
    phase(tier, 'raw minisearch');
    const before = heapMB();
    const raw = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [] });
    const buildMs = Math.round(time(() => raw.addAll(docs)));
    const rawHeap = heapMB() - before;
    const rawSearch = percentiles(queries.map((q) => time(() => raw.search(q.text).slice(0, 10))));
    const json = JSON.stringify(raw);
    const loadJsonMs = Math.round(time(() => MiniSearch.loadJSON(json, { fields: ['text'], storeFields: [] })));
    const textMB = Math.round(docs.reduce((n, d) => n + d.text.length, 0) / 1e6);
    return { ...result, textMB, raw: { buildMs, heapMB: rawHeap, loadJsonMs, search: rawSearch } };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  }
}

function table(results: TierResult[]): string {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.commands)))];
  const cell = (p?: Percentiles) => (p ? `${p.p50} / ${p.p95} / ${p.p99}` : 'n/a');
  const rows = [
    `| | ${results.map((r) => `${r.tier} (${r.paragraphs.toLocaleString('en')} paragraphs)`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    `| cold build from files | ${results.map((r) => `${(r.coldBuildMs / 1000).toFixed(1)} s`).join(' | ')} |`,
    `| start from snapshot / to first answer | ${results.map((r) => (r.snapshotStartMs === null ? 'skipped (see below)' : `${(r.snapshotStartMs / 1000).toFixed(2)} s / ${((r.firstAnswerMs ?? 0) / 1000).toFixed(2)} s`)).join(' | ')} |`,
    `| raw minisearch loadJSON (text only) | ${results.map((r) => (r.raw ? `${(r.raw.loadJsonMs / 1000).toFixed(2)} s` : 'n/a')).join(' | ')} |`,
    `| heap after load / peak RSS | ${results.map((r) => `${r.heapMB} MB / ${r.peakRssMB} MB`).join(' | ')} |`,
    `| raw minisearch index heap + text | ${results.map((r) => (r.raw ? `${r.raw.heapMB} + ${r.textMB} MB` : 'n/a')).join(' | ')} |`,
    `| heap ÷ (raw index + text), target ≤ 1.5 | ${results.map((r) => (r.raw ? (r.heapMB / (r.raw.heapMB + r.textMB)).toFixed(2) : 'n/a')).join(' | ')} |`,
    ...names.map((n) => `| ${n} p50 / p95 / p99 ms | ${results.map((r) => cell(r.commands[n])).join(' | ')} |`),
    `| raw minisearch search p50 / p95 / p99 ms | ${results.map((r) => cell(r.raw?.search)).join(' | ')} |`,
    `| search p99 ÷ raw minisearch p99 | ${results.map((r) => (r.commands.search && r.raw ? (r.commands.search.p99 / r.raw.search.p99).toFixed(2) : 'n/a')).join(' | ')} |`,
  ];
  return rows.join('\n');
}

async function main(): Promise<void> {
  const tierArg = process.argv.indexOf('--tier');
  if (tierArg > 0) {
    const result = await runTier(process.argv[tierArg + 1] as Tier);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  if (!existsSync(REUTERS)) {
    console.error(`bench: needs ${REUTERS} (the Reuters-21578 JSON lines of ../shared/data)`);
    process.exit(1);
  }
  const listArg = process.argv.indexOf('--tiers');
  const tiers = (listArg > 0 ? process.argv[listArg + 1]!.split(',') : Object.keys(TIERS)) as Tier[];
  const results: TierResult[] = [];
  const failures: string[] = [];
  for (const tier of tiers) {
    console.error(`bench: tier ${tier}…`);
    const out = await new Promise<{ stdout: string; stderr: string; code: number }>((resolve) => {
      execFile(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--tier', tier], { cwd: ROOT, maxBuffer: 1 << 26 }, (err, stdout, stderr) =>
        resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 }),
      );
    });
    const lines = out.stdout.trim().split('\n').filter((l) => l.startsWith('{'));
    if (out.code !== 0 && lines.length > 0) {
      results.push(JSON.parse(lines.pop()!) as TierResult);
      failures.push(`tier ${tier}: raw minisearch could not be measured: ${/heap out of memory|Allocation failed/i.test(out.stderr) ? 'it ran out of the V8 heap' : 'it failed'}`);
      continue;
    }
    if (out.code !== 0) {
      const oom = /heap out of memory|Allocation failed/i.test(out.stderr);
      failures.push(
        oom
          ? `tier ${tier}: ran out of the default V8 heap; run it with NODE_OPTIONS=--max-old-space-size=8192`
          : `tier ${tier}: failed (${out.stderr.trim().split('\n').slice(-3).join(' ')})`,
      );
      failures.push(
        `tier ${tier}: last phase reached: ${out.stderr.split('\n').filter((l) => l.startsWith('bench ')).pop() ?? 'none'}`,
      );
      continue;
    }
    results.push(JSON.parse(lines.pop()!) as TierResult);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  console.log(`Machine: ${machine}\n`);
  console.log(table(results));
  for (const r of results) if (r.snapshotSkipped) console.log(`\ntier ${r.tier}: ${r.snapshotSkipped}`);
  const heapLimit = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  console.log(`\nV8 heap limit: ${heapLimit} MB${process.env.NODE_OPTIONS ? ` (NODE_OPTIONS=${process.env.NODE_OPTIONS})` : ' (the default)'}`);
  for (const f of failures) console.log(`\n${f}`);
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  const file = join(ROOT, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ machine, results, failures }, null, 2));
  console.log(`\nWrote ${file}`);
}

await main();
