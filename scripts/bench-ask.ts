/**
 * `npm run bench:ask`: how long one `npm run ask` takes as a whole process when it starts warm (from the
 * corpus snapshot), side by side in one run with raw minisearch doing the least a search can: a process
 * that reads a saved index, `loadJSON`, one search. Runs alternate (warm ask, raw, warm ask, raw, …) so a
 * machine whose speed drifts (2 shared cores) slows both alike; medians and their ratio are printed.
 *
 *   npm run bench:ask                                   # Reuters-21578 (../shared/data), topic "oil prices"
 *   npm run bench:ask -- --corpus FILE --topic "coffee" --runs 7
 *
 * The snapshot goes into a temporary CACHE_DIR, written by a first (cold) `npm run ask`, timed too. Only
 * local processes; nothing is kept.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { loadCorpus } from '../src/corpus/load.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const reuters = [join(ROOT, '../shared/data/reuters21578.jsonl'), '/work/shared/data/reuters21578.jsonl'].find((p) => existsSync(p));
const corpus = arg('corpus', reuters ?? '');
if (!corpus || !existsSync(corpus)) {
  process.stderr.write('bench:ask: no corpus (Reuters-21578 is read from ../shared/data; or give --corpus FILE)\n');
  process.exit(2);
}
const topic = arg('topic', 'oil prices');
const runs = Math.max(1, Math.min(20, Number(arg('runs', '5'))));

interface Timed {
  ms: number;
  stdout: string;
}

/** Runs a command to its end; its wall time from spawn to exit, in ms. */
function timed(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Timed> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(' ')} failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`));
      else resolve({ ms: performance.now() - started, stdout });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const dir = await mkdtemp(join(tmpdir(), 'bench-ask-'));
try {
  const cache = join(dir, 'cache');
  const askArgs = ['run', '-s', 'ask', '--', 'brief', ...topic.split(' '), '--corpus', corpus];
  const env = { CACHE_DIR: cache };
  process.stderr.write(`bench:ask: cold start (writes the snapshot into ${cache})…\n`);
  const cold = await timed('npm', askArgs, env);

  // The raw baseline's index: minisearch's defaults on the same paragraphs' text, saved as its toJSON.
  process.stderr.write('bench:ask: building the raw minisearch index…\n');
  const loaded = await loadCorpus(corpus);
  const raw = new MiniSearch<{ id: string; text: string }>({ fields: ['text'], storeFields: [] });
  raw.addAll(loaded.articles.flatMap((a) => a.paragraphs.map((p) => ({ id: p.id, text: p.text }))));
  const rawFile = join(dir, 'raw-index.json');
  await writeFile(rawFile, JSON.stringify(raw));
  const rawScript = fileURLToPath(new URL('./bench/raw-minisearch.mjs', import.meta.url));

  const ask: number[] = [];
  const tsx: number[] = [];
  const rawWhole: number[] = [];
  const rawInside: number[] = [];
  let answer = '';
  for (let i = 0; i < runs; i++) {
    process.stderr.write(`bench:ask: run ${i + 1} of ${runs}\n`);
    const a = await timed('npm', askArgs, env);
    ask.push(a.ms);
    answer = a.stdout;
    const r = await timed(process.execPath, [rawScript, rawFile, ...topic.split(' ')]);
    rawWhole.push(r.ms);
    const inside = JSON.parse(r.stdout) as { readMs: number; loadJsonMs: number; searchMs: number };
    rawInside.push(inside.readMs + inside.loadJsonMs + inside.searchMs);
    // The same answer without npm's own start (what `npm run ask` runs), to show where the time goes.
    tsx.push((await timed(process.execPath, ['--import', 'tsx', 'src/cli/ask.ts', ...askArgs.slice(4)], env)).ms);
  }
  const lines = [
    `corpus ${corpus} (${loaded.report.articles.toLocaleString('en-US')} articles, ${loaded.report.paragraphs.toLocaleString('en-US')} paragraphs), topic "${topic}", ${runs} runs, medians`,
    `cold \`npm run ask -- brief …\` (builds, writes the snapshot)  ${s(cold.ms)}`,
    `warm \`npm run ask -- brief …\` (from the snapshot)           ${s(median(ask))}`,
    `warm, without npm (node --import tsx src/cli/ask.ts …)       ${s(median(tsx))}`,
    `raw minisearch, whole process (node, read, loadJSON, search)   ${s(median(rawWhole))}`,
    `raw minisearch, inside its process (read + loadJSON + search)  ${s(median(rawInside))}`,
    `warm ask ÷ raw whole process: ${(median(ask) / median(rawWhole)).toFixed(2)} (target ≤ 1.5); ÷ raw inside its process: ${(median(ask) / median(rawInside)).toFixed(2)}`,
    `answer's first lines: ${answer.split('\n').slice(0, 3).join(' | ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
