/**
 * `npm run bench`: speed and memory of the engine at about 10k, 100k and 1M paragraphs, beside raw
 * minisearch on the same paragraphs in the same process, so each figure is also a ratio that holds when
 * the machine's speed drifts. Prints a table, writes bench-results/bench-<time>.json.
 *
 *   npm run bench                      # all tiers (each in its own process)
 *   npm run bench -- --tiers 10k,100k  # some tiers
 *   npm run bench -- --minutes 15      # stop a tier after 15 minutes, keeping its figures so far (default 30)
 *
 * Tiers: 10k = the first Reuters articles up to 10,000 paragraphs; 100k = all of Reuters-21578 (105k
 * paragraphs, ../shared/data); 1M = generated from Reuters by scripts/bench/generate.ts.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, cpus, loadavg, totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.ts';
import { ask, ANSWERS } from '../src/answer/index.ts';
import type { CommandName } from '../src/answer/types.ts';
import { backgroundWork, openLibrary, openLibraryWithReport, saveLibrarySnapshot, type Library } from '../src/library.ts';
import { makeQueries, type Query } from './bench/queries.ts';
import { generate, train } from './bench/generate.ts';
import { AUTOCOMPLETERS } from './bench/autocomplete.ts';
import { AnswerLoop } from './bench/answer-loop.ts';
import { renderAnswer, renderShort } from '../src/discord/render.ts';
import { LiveCorpus } from '../src/live/watch.ts';
import { ParagraphIndex } from '../src/index/minisearch.ts';

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
  /** Start from the snapshot in a fresh process (null when no snapshot could be written). */
  start: StartupResult | null;
  /** The same start inside the benchmark's process (its code already compiled). */
  inProcessStartMs: number | null;
  /** After that start, until the entity table built in the background was ready (commands are timed after it). */
  entitiesAfterStartMs: number | null;
  /** Why no snapshot figures (e.g. not enough heap to write it). */
  snapshotSkipped: string | null;
  heapMB: number;
  peakRssMB: number;
  commands: Record<string, Percentiles>;
  /** The first call of each command after the start, in ms (not in the percentiles). */
  firstCalls: Record<string, number>;
  /** null when the tier stopped before it. */
  live: LiveResult | null;
  /** null when raw minisearch could not be measured (`rawFailure` says why). */
  raw: RawResult | null;
  rawFailure: string | null;
  /** Characters of paragraph text, in millions (about MB: the text is mostly one byte a character). */
  textMB: number;
}

interface StartupResult {
  snapshot: string;
  reason: string | null;
  /** openLibraryWithReport from the snapshot. */
  openMs: number;
  /** Open, then the first /brief answered and rendered. */
  firstAnswerMs: number;
  /** The same moment counted from the process's start (Node and tsx starting, modules compiled). */
  sinceProcessStartMs: number;
  /** Memory (JS heap + array buffers, see `heapMB`) right after the first answer. */
  heapMB: number;
  /** The same once the people and organisations are merged in the background: the bot's steady state. */
  steadyHeapMB: number | null;
  /** When that merge was done, ms since the open began (null: not within a minute). */
  entitiesReadyMs: number | null;
  /** Memory before the open (the code loaded, no corpus). */
  baseHeapMB: number;
  peakRssMB: number;
  /** Where the open went, ms by step. */
  phases: Record<string, number>;
}

interface RawResult {
  buildMs: number;
  /** Heap of the index alone (the paragraphs' text was already loaded before it was built). */
  heapMB: number;
  loadJsonMs: number;
  search: Percentiles;
  textMB: number;
}

/**
 * `--raw <corpus>`: raw minisearch (default options, text only) on the corpus's paragraphs, with the same
 * queries as our engine: build time, heap of the index, search percentiles, `loadJSON` time.
 */
async function rawMinisearch(path: string): Promise<void> {
  const corpus = await loadCorpus(path);
  const queries = makeQueries(corpus);
  const docs = corpus.articles.flatMap((a) => a.paragraphs.map((p) => ({ id: p.id, text: p.text })));
  (corpus as { articles: unknown }).articles = [];
  corpus.paragraphById.clear();
  corpus.articleById.clear();
  const before = heapMB();
  const raw = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [] });
  const buildMs = Math.round(time(() => raw.addAll(docs)));
  const indexMB = heapMB() - before;
  const search = percentiles(queries.map((q) => time(() => raw.search(q.text).slice(0, 10))));
  const json = JSON.stringify(raw);
  const loadJsonMs = Math.round(time(() => MiniSearch.loadJSON(json, { fields: ['text'], storeFields: [] })));
  const textMB = Math.round(docs.reduce((n, d) => n + d.text.length, 0) / 1e6);
  const result: RawResult = { buildMs, heapMB: indexMB, loadJsonMs, search, textMB };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

interface LiveResult {
  files: number;
  roundMs: number;
  /** The longest time an answer loop running meanwhile had to wait for its turn. */
  longestWaitMs: number;
  eventLoopMaxMs: number;
  /** The live round's own account of its longest synchronous step. */
  longestSliceMs: number;
  answers: Percentiles;
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

/**
 * Memory in use: the JS heap plus array buffers (the index's packed postings live in typed arrays, outside
 * the heap proper; counting only `heapUsed` would flatter it).
 */
function heapMB(): number {
  // Twice: weakly held analyses (WeakMaps keyed by articles) go only in the collection after their key.
  for (let i = 0; i < 2; i++) (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return Math.round((heapUsed + arrayBuffers) / 1e6);
}

/** Writes the tier's corpus into `dir` (jsonl files) and returns a description of where it came from. */
async function prepare(tier: Tier, dir: string): Promise<string> {
  if (tier === '100k') {
    // A copy in a folder of its own, so the live-corpus round below has a folder to watch.
    await copyFile(REUTERS, join(dir, 'reuters.jsonl'));
    return 'Reuters-21578, all of it';
  }
  const reuters = await loadCorpus(REUTERS);
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
  let lines = 0;
  let buffer = '';
  for (const line of generate(chain, TIERS['1m'])) {
    buffer += line;
    if (++lines % 5_000 === 0) {
      await appendFile(join(dir, `generated-${String(Math.floor(lines / 50_000)).padStart(2, '0')}.jsonl`), buffer);
      buffer = '';
    }
  }
  if (buffer) await appendFile(join(dir, 'generated-last.jsonl'), buffer);
  return 'generated from Reuters-21578 by a word Markov chain (scripts/bench/generate.ts)';
}

/** Progress on stderr, so a tier that dies says where. */
function phase(tier: Tier, what: string): void {
  process.stderr.write(`bench ${tier}: ${what} (heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB)\n`);
}

/** The topic of the first answer after a start: what a reporter might ask first. */
const FIRST_TOPIC = 'oil prices';

/** One answer as the bot gives it: the engine's answer, rendered for Discord. */
function answerAndRender(library: Library, command: CommandName, query: string): void {
  const answer = ask(library, command, query);
  if (answer.items.length === 0) renderShort(answer);
  else renderAnswer(answer, { page: 0, ids: (action, page) => `${command}:${action}:${page}` });
}

/**
 * `--startup <corpus> <cache>`: a fresh process that starts from the snapshot and answers once, as a
 * restarted bot does (no code already compiled by a cold build in the same process).
 */
async function startup(path: string, cacheDir: string): Promise<void> {
  const baseHeapMB = heapMB(); // the code itself (Node, tsx, our modules, discord.js's renderer types)
  const t = performance.now();
  const { library, report } = await openLibraryWithReport(path, { cacheDir });
  const openMs = performance.now() - t;
  answerAndRender(library, 'brief', FIRST_TOPIC);
  const firstAnswerMs = performance.now() - t;
  const sinceProcessStartMs = performance.now(); // performance.now() counts from the process's start
  const heap = heapMB();
  // The steady state: the tables built after the start, in slices (events, names, the briefing's topics).
  await backgroundWork(library);
  const entitiesReadyMs = library.entities ? Math.round(performance.now() - t) : null;
  const steadyHeapMB = library.entities ? heapMB() : null;
  const result: StartupResult = {
    snapshot: report.snapshot,
    reason: report.reason ?? null,
    openMs: Math.round(openMs),
    firstAnswerMs: Math.round(firstAnswerMs),
    sinceProcessStartMs: Math.round(sinceProcessStartMs),
    heapMB: heap,
    steadyHeapMB,
    entitiesReadyMs,
    baseHeapMB,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    phases: report.phases ?? {},
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(args: string[], timeoutMs = 0): Promise<{ stdout: string; stderr: string; code: number; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), ...args], { cwd: ROOT, maxBuffer: 1 << 26, timeout: timeoutMs }, (err, stdout, stderr) =>
      resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0, timedOut: Boolean(err && (err as { killed?: boolean }).killed) }),
    );
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk)); // progress lines as they come
  });
}

/**
 * A burst of `count` new files dropped into the watched corpus while answers go on: how long the round took,
 * the longest time answers waited (the longest gap between two answers of a loop that asks continuously),
 * and the answers' latency meanwhile.
 */
async function liveBurst(library: Library, dir: string, queries: readonly Query[], count = 500): Promise<LiveResult> {
  const burst = join(dir, 'burst');
  await mkdir(burst);
  for (let i = 0; i < count; i++) {
    const q = queries[i % queries.length]!.text;
    await writeFile(join(burst, `story-${i}.md`), `Burst story ${i} on ${q}\n\nA new paragraph ${i} about ${q}, filed while the bot serves.\n\nA second paragraph of story ${i}.\n`);
  }
  const live = new LiveCorpus(library);
  const loop = new AnswerLoop((n) => answerAndRender(library, 'search', queries[n % queries.length]!.text));
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t = performance.now();
  const update = await live.rescan();
  const roundMs = performance.now() - t;
  await loop.stop();
  delay.disable();
  await live.close();
  return {
    files: update.added.length,
    roundMs: Math.round(roundMs),
    longestWaitMs: Math.round(loop.longestWait.main ?? 0),
    eventLoopMaxMs: Math.round(delay.max / 1e6),
    longestSliceMs: update.longestSliceMs,
    answers: percentiles(loop.latencies),
  };
}

async function runTier(tier: Tier): Promise<TierResult> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${tier}-`));
  const cache = await mkdtemp(join(tmpdir(), `bench-cache-${tier}-`));
  try {
    phase(tier, 'preparing the corpus');
    const source = await prepare(tier, dir);
    phase(tier, 'cold build (load, sentences, dates, entities, index)');
    const path = dir;

    let library: Library | undefined;
    let t = performance.now();
    library = await openLibrary(path);
    const coldBuildMs = Math.round(performance.now() - t);
    phase(tier, 'saving the snapshot');
    let snapshotSkipped: string | null = null;
    await saveLibrarySnapshot(library, cache).catch((err: Error) => (snapshotSkipped = err.message));
    let start: StartupResult | null = null;
    if (!snapshotSkipped) {
      library = undefined;
      heapMB();
      phase(tier, 'starting from the snapshot in a fresh process');
      const child = await runChild(['--startup', path, cache]);
      const line = child.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
      if (child.code !== 0 || !line) throw new Error(`bench: start from the snapshot failed (${child.stderr.trim().split('\n').slice(-3).join(' ')})`);
      start = JSON.parse(line) as StartupResult;
      if (start.snapshot !== 'used') throw new Error(`bench: snapshot not used (${start.reason})`);
      phase(tier, 'starting from the snapshot in this process');
      t = performance.now();
      library = (await openLibraryWithReport(path, { cacheDir: cache })).library;
    }
    const inProcessStartMs = start ? Math.round(performance.now() - t) : null;
    const lib: Library = library!;
    library = undefined;
    // After a start from the snapshot the entity table is built in slices while the bot answers (library.ts).
    // The timing below never yields, so that build would not run until the live burst (and skew it), and
    // /who would build a second table on the spot: wait for it (a minute at most), and time the steady state.
    t = performance.now();
    await backgroundWork(lib);
    const entitiesAfterStartMs = start ? Math.round(performance.now() - t) : null;
    const heap = heapMB();
    const queries = makeQueries(lib.corpus);

    phase(tier, 'timing the commands');
    const commands: Record<string, Percentiles> = {};
    const firstCalls: Record<string, number> = {};
    const ids = [...lib.corpus.paragraphById.keys()];
    for (const command of Object.keys(ANSWERS) as CommandName[]) {
      if (!ANSWERS[command] || command === 'corpus') continue;
      const inputs = command === 'source' ? queries.map((_, i) => ids[(i * 7919) % ids.length]!) : queries.map((q) => q.text);
      // The first call after a start pays for tables some answers build on first use: counted apart.
      firstCalls[command] = Math.round(time(() => answerAndRender(lib, command, command === 'source' ? ids[0]! : FIRST_TOPIC)));
      commands[command] = percentiles(inputs.map((q) => time(() => answerAndRender(lib, command, q))));
    }
    if (lib.index instanceof ParagraphIndex) {
      const index = lib.index;
      commands['search, index only'] = percentiles(queries.map((q) => time(() => index.search(q.text, { limit: 10 }))));
      commands['search, index only, scored by minisearch.search'] = percentiles(queries.map((q) => time(() => index.search(q.text, { limit: 10, reference: true }))));
    }
    for (const [name, complete] of Object.entries(AUTOCOMPLETERS)) {
      const prefixes = queries.flatMap((q: Query) => [q.text.slice(0, 1), q.text.slice(0, 3), q.text.slice(0, 6)]);
      firstCalls[`autocomplete ${name}`] = Math.round(time(() => complete(lib, ''))); // tables built on first use
      commands[`autocomplete ${name}`] = percentiles(prefixes.map((p) => time(() => complete(lib, p))));
    }
    const paragraphs = lib.corpus.report.paragraphs;
    const articles = lib.corpus.report.articles;

    // Raw minisearch on the same paragraphs and queries, in a process of its own: its heap is measured
    // alone, and running out of it there costs only its own figures.
    // Figures so far, in case a later phase runs out of heap or time (the parent keeps the last line).
    const result: TierResult = {
      tier,
      source,
      paragraphs,
      articles,
      coldBuildMs,
      start,
      inProcessStartMs,
      entitiesAfterStartMs,
      snapshotSkipped,
      heapMB: heap,
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      commands,
      firstCalls,
      live: null,
      textMB: 0,
      raw: null,
      rawFailure: 'raw minisearch not reached',
    };
    const report = () => process.stdout.write(`${JSON.stringify(result)}\n`);
    report();

    phase(tier, 'raw minisearch (in a child process)');
    const rawChild = await runChild(['--raw', dir]);
    const rawLine = rawChild.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
    result.raw = rawChild.code === 0 && rawLine ? (JSON.parse(rawLine) as RawResult) : null;
    result.textMB = result.raw?.textMB ?? 0;
    result.rawFailure = result.raw
      ? null
      : /heap out of memory|Allocation failed|Invalid string length/i.test(rawChild.stderr)
        ? `raw minisearch ran out of memory (${/Invalid string length/i.test(rawChild.stderr) ? 'its JSON is longer than V8\'s longest string' : 'the V8 heap'})`
        : `raw minisearch failed (${rawChild.stderr.trim().split('\n').slice(-2).join(' ')})`;
    report();

    phase(tier, 'a burst of 500 files into the watched folder');
    result.live = await liveBurst(lib, dir, queries);
    result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    report();

    // Whole-corpus answers (no topic): the slowest kind, last, a few runs each (one above 200k paragraphs).
    const runs = paragraphs > 200_000 ? 1 : 3;
    for (const command of ['brief', 'who', 'timeline'] as const) {
      if (!ANSWERS[command]) continue;
      phase(tier, `whole-corpus ${command}`);
      commands[`${command} (whole corpus)`] = percentiles(Array.from({ length: runs }, () => time(() => answerAndRender(lib, command, ''))));
      report();
    }
    result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(cache, { recursive: true, force: true });
  }
}

function table(results: TierResult[]): string {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.commands)))];
  const cell = (p?: Percentiles) => (p ? `${p.p50} / ${p.p95} / ${p.p99}` : 'n/a');
  const s = (ms: number | null | undefined, digits = 2) => (ms === null || ms === undefined ? 'n/a' : `${(ms / 1000).toFixed(digits)} s`);
  const row = (label: string, value: (r: TierResult) => string) => `| ${label} | ${results.map(value).join(' | ')} |`;
  const rows = [
    `| | ${results.map((r) => `${r.tier} (${r.paragraphs.toLocaleString('en')} paragraphs, ${r.articles.toLocaleString('en')} articles)`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    row('cold build from files (analyses included)', (r) => s(r.coldBuildMs, 1)),
    row('fresh process: open snapshot / first answer / since process start', (r) => (r.start ? `${s(r.start.openMs)} / ${s(r.start.firstAnswerMs)} / ${s(r.start.sinceProcessStartMs)}` : 'skipped (see below)')),
    row('fresh process: the open by step, ms', (r) => (r.start ? Object.entries(r.start.phases ?? {}).map(([p, ms]) => `${p} ${ms}`).join(', ') : 'n/a')),
    row('open snapshot in the bench process (code already compiled)', (r) => s(r.inProcessStartMs)),
    row('then the entity table, built in the background (commands timed after it)', (r) => s(r.entitiesAfterStartMs)),
    row('raw minisearch loadJSON (text only)', (r) => (r.raw ? s(r.raw.loadJsonMs) : 'n/a')),
    row('fresh process: people and organisations merged in the background, ready at', (r) => s(r.start?.entitiesReadyMs)),
    row('fresh process: memory (heap + array buffers) after the first answer / when the names are merged (of it the library) / peak RSS', (r) =>
      r.start ? `${r.start.heapMB} MB / ${r.start.steadyHeapMB ?? 'n/a'} MB (${(r.start.steadyHeapMB ?? r.start.heapMB) - r.start.baseHeapMB} MB) / ${r.start.peakRssMB} MB` : 'n/a'),
    row('bench process: memory after load / peak RSS (cold build included)', (r) => `${r.heapMB} MB / ${r.peakRssMB} MB`),
    row('raw minisearch index heap + text', (r) => (r.raw ? `${r.raw.heapMB} + ${r.textMB} MB` : 'n/a')),
    row('library memory (names merged) ÷ (raw index + text), target ≤ 1.5', (r) => (r.raw && r.start ? (((r.start.steadyHeapMB ?? r.start.heapMB) - r.start.baseHeapMB) / (r.raw.heapMB + r.textMB)).toFixed(2) : 'n/a')),
    ...names.map((n) => row(`${n} p50 / p95 / p99 ms`, (r) => cell(r.commands[n]))),
    row('first call after the start (not in the percentiles), ms', (r) => Object.entries(r.firstCalls ?? {}).map(([c, ms]) => `${c} ${ms}`).join(', ')),
    row('raw minisearch search p50 / p95 / p99 ms', (r) => cell(r.raw?.search)),
    row('search p99 ÷ raw minisearch p99', (r) => (r.commands.search && r.raw ? (r.commands.search.p99 / r.raw.search.p99).toFixed(2) : 'n/a')),
    row('live: 500 files dropped, round / longest wait of answers / event-loop max', (r) => (r.live ? `${s(r.live.roundMs, 1)} / ${r.live.longestWaitMs} ms / ${r.live.eventLoopMaxMs} ms` : 'n/a')),
    row('live: answers (search) meanwhile p50 / p95 / p99 ms', (r) => cell(r.live?.answers)),
  ];
  return rows.join('\n');
}

async function main(): Promise<void> {
  const startupArg = process.argv.indexOf('--startup');
  if (startupArg > 0) return startup(process.argv[startupArg + 1]!, process.argv[startupArg + 2]!);
  const rawArg = process.argv.indexOf('--raw');
  if (rawArg > 0) return rawMinisearch(process.argv[rawArg + 1]!);
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
  const minutesArg = process.argv.indexOf('--minutes');
  const minutes = minutesArg > 0 ? Number(process.argv[minutesArg + 1]) : 30;
  const listArg = process.argv.indexOf('--tiers');
  const tiers = (listArg > 0 ? process.argv[listArg + 1]!.split(',') : Object.keys(TIERS)) as Tier[];
  const results: TierResult[] = [];
  const failures: string[] = [];
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
  for (const tier of tiers) {
    console.error(`bench: tier ${tier}…`);
    const out = await runChild(['--tier', tier], minutes * 60_000);
    const lines = out.stdout.trim().split('\n').filter((l) => l.startsWith('{'));
    const lastPhase = out.stderr.split('\n').filter((l) => l.startsWith('bench ')).pop() ?? 'none';
    if (out.code !== 0) {
      const oom = /heap out of memory|Allocation failed/i.test(out.stderr);
      failures.push(
        out.timedOut
          ? `tier ${tier}: stopped after ${minutes} min (--minutes) during: ${lastPhase}; the figures before it are kept`
          : oom
            ? `tier ${tier}: ran out of the V8 heap (${Math.round(getHeapStatistics().heap_size_limit / 2 ** 20)} MB) during: ${lastPhase}; run it with NODE_OPTIONS=--max-old-space-size=8192`
            : `tier ${tier}: failed during: ${lastPhase} (${out.stderr.trim().split('\n').slice(-3).join(' ')})`,
      );
    }
    if (lines.length === 0) continue;
    const result = JSON.parse(lines.pop()!) as TierResult;
    if (result.rawFailure) failures.push(`tier ${tier}: ${result.rawFailure}`);
    results.push(result);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;
  const load = `load average (1, 5, 15 min) before ${loadBefore}, after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
  console.log(`Machine: ${machine}; ${load}\n`);
  console.log(table(results));
  for (const r of results) if (r.snapshotSkipped) console.log(`\ntier ${r.tier}: ${r.snapshotSkipped}`);
  const heapLimit = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  console.log(`\nV8 heap limit: ${heapLimit} MB${process.env.NODE_OPTIONS ? ` (NODE_OPTIONS=${process.env.NODE_OPTIONS})` : ' (the default)'}`);
  for (const f of failures) console.log(`\n${f}`);
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  const file = join(ROOT, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ machine, load, results, failures }, null, 2));
  console.log(`\nWrote ${file}`);
}

await main();
