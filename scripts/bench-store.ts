/**
 * `npm run bench:store`: the PostgreSQL corpus store at 100k (Reuters-21578) and 1M paragraphs (generated
 * as `npm run bench` generates it): import speed, bot start and memory, and the commands' latency, each
 * answered from the database by the same answer functions and rendered for Discord. Prints a table and
 * writes bench-results/bench-store-<time>.json.
 *
 *   npm run bench:store                       # tiers 100k and 1m
 *   npm run bench:store -- --tiers 100k       # one tier
 *
 * The server is a throwaway PostgreSQL 15 (test/support/postgres.ts) with durable settings (fsync on) and
 * 1 GB of shared buffers; the machine's load is recorded before and after.
 */
import { execFile, spawn } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPostgres } from '../test/support/postgres.ts';
import { openDatabase } from '../src/db/database.ts';
import { openCorpusPool } from '../src/store/pg/connect.ts';
import { PostgresStore } from '../src/store/pg/store.ts';
import { ArticleCache, loadArticles, workingLibrary } from '../src/store/pg/working.ts';
import { searchDatabase } from '../src/store/pg/search.ts';
import { makeQueries, type Query } from './bench/queries.ts';
import { generate, train } from './bench/generate.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { renderAnswer, renderShort } from '../src/discord/render.ts';
import type { CommandName } from '../src/answer/types.ts';
import { startFakeDiscord } from '../test/support/fake-discord/server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const REUTERS = join(ROOT, '../shared/data/reuters21578.jsonl');
const TIERS = ['100k', '1m'] as const;
type Tier = (typeof TIERS)[number];

interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

function percentiles(times: number[]): Percentiles {
  const s = [...times].sort((a, b) => a - b);
  const at = (q: number) => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), n: s.length };
}

function phase(tier: string, what: string): void {
  process.stderr.write(`bench:store ${tier}: ${what} (${new Date().toISOString().slice(11, 19)}, load ${loadavg()[0]!.toFixed(2)})\n`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The tier's corpus as files in `dir` (the 1M tier generated as `npm run bench` generates it). */
async function prepare(tier: Tier, dir: string): Promise<string> {
  if (tier === '100k') return REUTERS;
  const chain = train((await loadCorpus(REUTERS)).articles);
  let buffer = '';
  let lines = 0;
  for (const line of generate(chain, 1_000_000)) {
    buffer += `${line}\n`;
    if (++lines % 5000 === 0) {
      await appendFile(join(dir, `generated-${String(Math.floor(lines / 50_000)).padStart(2, '0')}.jsonl`), buffer);
      buffer = '';
    }
  }
  if (buffer) await appendFile(join(dir, 'generated-last.jsonl'), buffer);
  return dir;
}

function run(args: string[], env: Record<string, string>): Promise<{ stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${args.join(' ')} failed: ${stderr.slice(-2000)}`));
      else resolve({ stdout, stderr, ms: performance.now() - started });
    });
  });
}

interface StartResult {
  /** From spawning `node src/main.ts` to its health endpoint saying ready (connected to Discord, corpus answering). */
  readyMs: number;
  rssMB: number;
}

/**
 * Starts the real bot (`src/main.ts`) against a fake Discord and times it to ready: CORPUS_STORE=postgres on
 * `url`, or (`memory`) the in-memory store on the corpus at `memory.corpus` with its snapshot in `memory.cache`.
 */
async function botStart(url: string, memory?: { corpus: string; cache: string }): Promise<StartResult> {
  const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.bench-store-token';
  const fake = await startFakeDiscord({ token });
  const port = await freePort();
  const data = await mkdtemp(join(tmpdir(), 'bench-store-data-'));
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH, DISCORD_TOKEN: token, DISCORD_API_URL: fake.apiUrl, WATCH_CORPUS: 'false', HEALTH_PORT: String(port), DATA_DIR: data, LOG_LEVEL: 'warn',
      ...(memory ? { CORPUS_STORE: 'memory', CORPUS_DIR: memory.corpus, CACHE_DIR: memory.cache } : { DATABASE_URL: url, CORPUS_STORE: 'postgres' }),
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null);
      if (res?.status === 200) break;
      if (performance.now() - started > 600_000) throw new Error('the bot did not become ready in 10 min');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const readyMs = performance.now() - started;
    const status = (await (await fetch(`http://127.0.0.1:${port}/status`)).json()) as { rssBytes: number };
    return { readyMs: Math.round(readyMs), rssMB: Math.round(status.rssBytes / 2 ** 20) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await fake.close();
    await rm(data, { recursive: true, force: true });
  }
}

interface AnswerResult {
  commands: Record<string, Percentiles>;
  firstCalls: Record<string, number>;
  /** Peak resident memory of the answering process, MB. */
  peakRssMB: number;
  /** Resident memory at the end, MB. */
  rssMB: number;
  queries: number;
}

/** The benchmark's queries, drawn from a sample of the corpus's articles (the same kinds `npm run bench` draws). */
async function sampleQueries(pool: Awaited<ReturnType<typeof openCorpusPool>>): Promise<Query[]> {
  const { rows } = await pool.query<{ seq: number }>('select seq from corpus_articles tablesample system (2) repeatable (42) limit 2000');
  const sample = await loadArticles(pool, rows.map((r) => Number(r.seq)), new ArticleCache(0));
  return makeQueries(workingLibrary(sample.map((s) => s.article), { root: ROOT }).corpus);
}

/**
 * `--answer URL`: in a process of its own (as a bot process would), the store answers the benchmark's
 * queries: each command end to end (the store's `ask` + the Discord renderer), autocomplete per keystroke.
 */
async function answerAll(url: string): Promise<void> {
  const pool = await openCorpusPool(url, { max: 4 });
  const store = new PostgresStore(pool, { root: ROOT, where: 'bench' });
  // Queries drawn from a sample of the corpus's articles (the same kinds `npm run bench` draws).
  const queries: Query[] = await sampleQueries(pool);
  global.gc?.();
  const commands: Record<string, Percentiles> = {};
  const firstCalls: Record<string, number> = {};
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const answer = async (command: CommandName, query: string) => {
    const a = await store.ask(command, query);
    if (a.items.length === 0) renderShort(a);
    else renderAnswer(a, { page: 0, ids: () => 'x' });
  };
  for (const command of ['search', 'brief', 'timeline', 'who'] as const) {
    firstCalls[command] = Math.round(await time(() => answer(command, queries[0]!.text)));
    const times: number[] = [];
    for (const q of queries) times.push(await time(() => answer(command, q.text)));
    commands[command] = percentiles(times);
  }
  {
    const times: number[] = [];
    for (const q of queries) times.push(await time(() => searchDatabase(pool, q.text, { limit: 10 })));
    commands['search, database only'] = percentiles(times);
  }
  {
    const ids = (await pool.query<{ id: string }>('select id from corpus_paragraphs tablesample system (1) repeatable (7) limit 300')).rows.map((r) => r.id);
    const times: number[] = [];
    for (const id of ids) times.push(await time(() => answer('source', id)));
    commands.source = percentiles(times);
  }
  for (const kind of ['source', 'who'] as const) {
    const times: number[] = [];
    for (const q of queries) for (const n of [1, 3, 6]) times.push(await time(() => store.choices(kind, q.text.slice(0, n))));
    commands[`autocomplete ${kind}`] = percentiles(times);
  }
  for (const command of ['brief', 'timeline', 'who'] as const) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push(await time(() => answer(command, '')));
    commands[`${command} (recent window)`] = percentiles(times);
  }
  await pool.end();
  const result: AnswerResult = {
    commands,
    firstCalls,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssMB: Math.round(process.memoryUsage.rss() / 2 ** 20),
    queries: queries.length,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

interface TierResult {
  tier: Tier;
  paragraphs: number;
  articles: number;
  importMs: number;
  importSummary: string;
  databaseMB: number;
  start: StartResult;
  answers: AnswerResult;
  loadBefore: number;
  loadAfter: number;
}

async function runTier(tier: Tier): Promise<TierResult> {
  const loadBefore = loadavg()[0]!;
  const dir = await mkdtemp(join(tmpdir(), `bench-store-${tier}-`));
  phase(tier, 'starting PostgreSQL');
  const server = await startTestPostgres({
    fsync: 'on', synchronous_commit: 'on', full_page_writes: 'on',
    shared_buffers: '1GB', effective_cache_size: '8GB', maintenance_work_mem: '512MB', work_mem: '32MB', max_wal_size: '8GB', checkpoint_timeout: '30min',
  });
  try {
    const url = server.url.replace(/\/postgres$/, '/bench');
    const admin = await openCorpusPool(server.url, { max: 1 });
    await admin.query('create database bench');
    await admin.end();
    await (await openDatabase({ url, dataDir: dir })).close();
    phase(tier, 'preparing the corpus');
    const path = await prepare(tier, dir);
    phase(tier, 'npm run import');
    const imported = await run(['src/cli/import.ts', path], { DATABASE_URL: url });
    const pool = await openCorpusPool(url, { max: 1 });
    const { rows } = await pool.query<{ articles: number; paragraphs: number; mb: number }>(
      `select (select count(*) from corpus_articles)::int as articles, (select count(*) from corpus_paragraphs)::int as paragraphs,
              (pg_database_size(current_database()) / 1048576)::int as mb`,
    );
    await pool.end();
    phase(tier, 'bot start (src/main.ts, CORPUS_STORE=postgres)');
    const start = await botStart(url);
    phase(tier, 'answering the queries in a process of its own');
    const answered = await run(['--expose-gc', 'scripts/bench-store.ts', '--answer', url], {});
    return {
      tier,
      paragraphs: rows[0]!.paragraphs,
      articles: rows[0]!.articles,
      importMs: Math.round(imported.ms),
      importSummary: imported.stdout.trim(),
      databaseMB: rows[0]!.mb,
      start,
      answers: JSON.parse(answered.stdout.trim().split('\n').at(-1)!) as AnswerResult,
      loadBefore,
      loadAfter: loadavg()[0]!,
    };
  } finally {
    server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function table(results: TierResult[]): string {
  const row = (name: string, f: (r: TierResult) => string) => `| ${name} | ${results.map(f).join(' | ')} |`;
  const p = (x: Percentiles | undefined) => (x ? `${x.p50} / ${x.p95} / ${x.p99}` : 'n/a');
  const commands = [...new Set(results.flatMap((r) => Object.keys(r.answers.commands)))];
  return [
    `| | ${results.map((r) => `${r.tier} (${r.paragraphs.toLocaleString('en')} paragraphs, ${r.articles.toLocaleString('en')} articles)`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    row('import (npm run import, analyses included)', (r) => `${(r.importMs / 1000).toFixed(1)} s = ${Math.round(r.paragraphs / (r.importMs / 1000)).toLocaleString('en')} paragraphs/s`),
    row('database size', (r) => `${r.databaseMB.toLocaleString('en')} MB`),
    row('bot start to ready (process spawn → connected, corpus answering) / RSS then', (r) => `${(r.start.readyMs / 1000).toFixed(2)} s / ${r.start.rssMB} MB`),
    row('answering process: RSS at the end / peak', (r) => `${r.answers.rssMB} / ${r.answers.peakRssMB} MB`),
    ...commands.map((c) => row(`${c} p50 / p95 / p99 ms`, (r) => p(r.answers.commands[c]))),
    row('first call of each command, ms', (r) => Object.entries(r.answers.firstCalls).map(([k, v]) => `${k} ${v}`).join(', ')),
    row('load average before / after', (r) => `${r.loadBefore.toFixed(2)} / ${r.loadAfter.toFixed(2)}`),
  ].join('\n');
}

/**
 * `--starts URL CORPUS`: the bot's start to ready, side by side and alternating (3 each): from the database
 * at URL, and in memory from CORPUS's snapshot (made by a first, untimed start).
 */
async function starts(url: string, corpus: string): Promise<void> {
  const cache = await mkdtemp(join(tmpdir(), 'bench-store-cache-'));
  try {
    await botStart(url, { corpus, cache });
    const rows: Array<{ store: string; readyS: number; rssMB: number; load: number }> = [];
    for (let i = 0; i < 3; i++) {
      for (const memory of [false, true]) {
        const r = await botStart(url, memory ? { corpus, cache } : undefined);
        rows.push({ store: memory ? 'memory (snapshot)' : 'postgres', readyS: r.readyMs / 1000, rssMB: r.rssMB, load: Number(loadavg()[0]!.toFixed(2)) });
      }
    }
    console.log(JSON.stringify(rows));
  } finally {
    await rm(cache, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const answerArg = process.argv.indexOf('--answer');
  if (answerArg > 0) return answerAll(process.argv[answerArg + 1]!);
  const startsArg = process.argv.indexOf('--starts');
  if (startsArg > 0) return starts(process.argv[startsArg + 1]!, process.argv[startsArg + 2]!);
  const listArg = process.argv.indexOf('--tiers');
  const tiers = (listArg > 0 ? process.argv[listArg + 1]!.split(',') : [...TIERS]) as Tier[];
  const results: TierResult[] = [];
  for (const tier of tiers) {
    results.push(await runTier(tier));
    process.stderr.write(`${table(results)}\n`);
  }
  console.log(table(results));
  await mkdir(join(ROOT, 'bench-results'), { recursive: true });
  const file = join(ROOT, 'bench-results', `bench-store-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, memGB: Math.round(totalmem() / 2 ** 30), node: process.version }, results }, null, 2));
  console.log(`\n${file}`);
}

await main();
