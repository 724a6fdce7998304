/**
 * `npm run bench:soak`: the bot under a long, mixed load while its corpus changes. The real bot (discord.js
 * Client) answers `--interactions` (10,000) interactions sent through the Discord-compatible test server
 * (in a worker thread, so its clock stamps arrivals and replies when they happen), `--lanes` (4) at a time,
 * while live rounds add and then remove a batch of article files in the watched corpus folder every
 * `--live-ms` (3000). The mix: /brief, /timeline and /who on topics drawn from the corpus, /source by id
 * (also ids of paragraphs removed by a live round), autocomplete, and presses on earlier answers' buttons
 * (More by the asker and by someone else, Sources and its pages, Show all).
 *
 *   npm run bench:soak                                  # Reuters-21578's first 10,000 paragraphs
 *   npm run bench:soak -- --interactions 2000 --paragraphs 20000
 *
 * It checks, and exits 1 when one fails: no interaction ends in an error and no request is refused; every
 * interaction is acknowledged within Discord's 3 s; the heap (JS heap + array buffers, after a full
 * collection, sampled every 500 interactions) stays within 10 % after the warm-up (the first 20 %).
 * Only 127.0.0.1; the corpus is a temporary folder, removed at the end.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadCorpus } from '../src/corpus/load.ts';
import { openLibrary } from '../src/library.ts';
import { createLogger } from '../src/log.ts';
import { startBot } from '../src/discord/bot.ts';
import { LiveCorpus } from '../src/live/watch.ts';
import { makeQueries } from './bench/queries.ts';
import { random } from './bench/generate.ts';
import { startFakeDiscordThread } from './bench/fake-discord-thread.ts';
import type { OptionValue } from '../test/support/fake-discord/payloads.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? Number(process.argv[i + 1]) : fallback;
};
const INTERACTIONS = arg('interactions', 10_000);
const LANES = arg('lanes', 4);
const PARAGRAPHS = arg('paragraphs', 10_000);
const LIVE_MS = arg('live-ms', 3000);
/** Files a live round adds (and the next one removes again). */
const BATCH = 10;
const WARM_UP = Math.floor(INTERACTIONS * 0.2);
const SAMPLE_EVERY = 500;
const ACK_DEADLINE_MS = 3000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** Memory in use after a full collection (twice: weakly held analyses go in the collection after their key). */
function heapMB(): number {
  gc();
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1e6;
}

// ── the corpus: Reuters' first PARAGRAPHS paragraphs in one export, and a pool of articles for live rounds ──
const reuters = [join(ROOT, '../shared/data/reuters21578.jsonl'), '/work/shared/data/reuters21578.jsonl'].find((p) => existsSync(p));
if (!reuters) {
  process.stderr.write('bench:soak: Reuters-21578 not found in ../shared/data\n');
  process.exit(2);
}
const dir = await mkdtemp(join(tmpdir(), 'bench-soak-'));
const corpusDir = join(dir, 'corpus');
const poolDir = join(dir, 'pool');
await mkdir(corpusDir);
await mkdir(poolDir);
const source = await loadCorpus(reuters);
const lines: string[] = [];
let paragraphs = 0;
let next = 0;
for (; next < source.articles.length && paragraphs < PARAGRAPHS; next++) {
  const a = source.articles[next]!;
  paragraphs += a.paragraphs.length;
  lines.push(JSON.stringify({ id: a.id, title: a.title, outlet: a.outlet, published: a.published?.date, body: a.paragraphs.map((p) => p.text).join('\n\n') }));
}
await writeFile(join(corpusDir, 'archive.jsonl'), `${lines.join('\n')}\n`);
const pool: string[] = [];
for (let k = 0; k < BATCH * 4 && next < source.articles.length; k++, next++) {
  const a = source.articles[next]!;
  const name = `live-${k}.md`;
  const front = ['---', `id: "${a.id}"`, `title: ${JSON.stringify(a.title ?? '')}`, ...(a.published ? [`published: ${a.published.date}`] : []), '---'];
  await writeFile(join(poolDir, name), `${front.join('\n')}\n${a.paragraphs.map((p) => p.text).join('\n\n')}\n`);
  pool.push(name);
}
const queries = makeQueries(source).map((q) => q.text.slice(0, 100));

const library = await openLibrary(corpusDir);
/** Citation ids of the archive (never touched by the live rounds), for /source. */
const archiveIds = library.corpus.articles.flatMap((a) => a.paragraphs.map((p) => p.id));
process.stderr.write(`bench:soak: ${library.corpus.report.articles} articles, ${library.corpus.report.paragraphs} paragraphs; ${INTERACTIONS} interactions, ${LANES} at a time\n`);

// ── the fake Discord (worker) and the bot ──
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.soak-token';
const { apiUrl, rpc, post } = await startFakeDiscordThread(TOKEN);

/** Each finished interaction's log line, by id (the dispatcher writes one line per interaction, last). */
const finished = new Map<string, { outcome: string; waitedMs?: number; deferred?: string }>();
const waiters = new Map<string, () => void>();
let errorLines = 0;
const logger = createLogger({ level: 'info', secrets: [TOKEN] }, {
  write: (l) => {
    const rec = JSON.parse(l) as { msg?: string; interaction?: string; outcome?: string; level?: number; waitedMs?: number; deferred?: string };
    if ((rec.level ?? 0) >= 50) {
      errorLines++;
      process.stderr.write(l);
    }
    if (rec.msg === 'interaction' && rec.interaction && rec.outcome) {
      finished.set(rec.interaction, { outcome: rec.outcome, waitedMs: rec.waitedMs, deferred: rec.deferred });
      waiters.get(rec.interaction)?.();
    }
  },
});
const bot = await startBot({ token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl, cooldownSeconds: 0 }, () => library, logger);

// ── live rounds: add a batch of files, then remove it, in turn ──
let rounds = 0;
let longestSliceMs = 0;
const live = new LiveCorpus(library, {
  onUpdate: (u) => {
    rounds++;
    longestSliceMs = Math.max(longestSliceMs, u.longestSliceMs);
  },
  onError: (err) => process.stderr.write(`bench:soak: live corpus: ${err.message}\n`),
}).start();
let batch = 0;
let added: string[] = [];
const removedIds: string[] = [];
const liveTimer = setInterval(() => {
  void (async () => {
    if (added.length) {
      for (const name of added) await rm(join(corpusDir, name), { force: true });
      added = [];
    } else {
      added = pool.slice((batch % 4) * BATCH, (batch % 4) * BATCH + BATCH);
      batch++;
      for (const name of added) await copyFile(join(poolDir, name), join(corpusDir, name));
    }
  })();
}, LIVE_MS);

// ── the interactions ──
const rnd = random(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const users = Array.from({ length: 50 }, (_, k) => ({ id: String(400000000000000000n + BigInt(k)), username: `desk${k}` }));
/** Recent public answers with buttons: whose they are, to press their buttons (owner or not). */
const recent: Array<{ token: string; user: (typeof users)[number] }> = [];
const privateViews: Array<{ token: string; user: (typeof users)[number] }> = [];

type Kind = 'brief' | 'timeline' | 'who' | 'source id' | 'source retired' | 'source list' | 'autocomplete' | 'button';
const MIX: Array<[Kind, number]> = [['brief', 22], ['timeline', 14], ['who', 14], ['source id', 12], ['source retired', 3], ['source list', 2], ['autocomplete', 13], ['button', 20]];
const TOTAL_WEIGHT = MIX.reduce((a, [, w]) => a + w, 0);
function kindOf(): Kind {
  let r = rnd() * TOTAL_WEIGHT;
  for (const [k, w] of MIX) if ((r -= w) < 0) return k;
  return 'brief';
}
const str = (name: string, value: string, focused?: boolean): OptionValue => ({ name, type: 3, value, ...(focused ? { focused } : {}) });

interface Result {
  kind: string;
  outcome: string;
  /** Why it acknowledged before answering ("thinking…"), when it did (src/discord/pace.ts). */
  deferred?: string;
  ackMs: number;
  doneMs: number;
  refused: number;
}
const results: Result[] = [];
const samples: Array<{ at: number; mb: number }> = [];

function finishedOf(id: string): Promise<void> {
  if (finished.has(id)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench:soak: interaction ${id} not finished after 60 s`)), 60_000);
    waiters.set(id, () => {
      clearTimeout(timer);
      waiters.delete(id);
      resolve();
    });
  });
}

async function one(): Promise<void> {
  let kind: string = kindOf();
  /** Who sends this interaction (for a press: the presser), the owner of what it answers with. */
  let user = pick(users);
  let sent: { id: string | null; token: string; sentAt: number };
  if (kind === 'button' && (recent.length || privateViews.length)) {
    // A press on a recent answer: its asker or someone else; or a page of a private Sources view.
    const onPrivate = privateViews.length > 0 && rnd() < 0.25;
    const target = onPrivate ? pick(privateViews) : pick(recent);
    const { message } = (await rpc({ type: 'original', token: target.token })) as { message: any };
    const buttons: Array<{ label: string; custom_id: string }> = message?.components?.[0]?.components ?? [];
    if (!buttons.length) return one();
    const button = pick(buttons);
    const presser = onPrivate || rnd() < 0.5 ? target.user : user;
    kind = `button ${button.label}${presser === target.user ? '' : ' (other)'}`;
    user = presser;
    sent = await rpc({ type: 'button', token: target.token, customId: button.custom_id, user: presser });
    if (!sent.id) return one();
  } else {
    if (kind === 'button') kind = 'brief';
    const options =
      kind === 'brief' ? { name: 'brief', options: [str('topic', pick(queries))] }
      : kind === 'timeline' ? { name: 'timeline', options: [str('topic', pick(queries))] }
      : kind === 'who' ? { name: 'who', options: [str('name', pick(queries))] }
      : kind === 'source id' ? { name: 'source', options: [str('id', pick(archiveIds))] }
      : kind === 'source retired' ? { name: 'source', options: [str('id', removedIds.length ? pick(removedIds) : '000-zzzz')] }
      : kind === 'source list' ? { name: 'source', options: [] }
      : rnd() < 0.5 ? { name: 'who', options: [str('name', pick(queries).slice(0, 3), true)], autocomplete: true }
      : { name: 'source', options: [str('id', pick(queries).slice(0, 4), true)], autocomplete: true };
    sent = await rpc({ type: 'send', options: { ...options, user } });
  }
  await finishedOf(sent.id!);
  const { calls } = (await rpc({ type: 'calls', token: sent.token })) as { calls: Array<{ at: number; status: number; path: string }> };
  const { outcome, deferred } = finished.get(sent.id!)!;
  finished.delete(sent.id!);
  results.push({
    kind,
    outcome,
    ...(deferred ? { deferred } : {}),
    ackMs: calls.length ? calls[0]!.at - sent.sentAt : Infinity,
    doneMs: calls.length ? calls.at(-1)!.at - sent.sentAt : Infinity,
    refused: calls.filter((c) => c.status >= 400).length,
  });
  // Keep a few answers to press later; forget the rest in the fake server (its memory stays flat too).
  const keep = outcome === 'answered' ? recent : outcome === 'sources' || outcome === 'copied' ? privateViews : null;
  if (keep) {
    keep.push({ token: sent.token, user });
    if (keep.length > 30) post({ type: 'forget', token: keep.shift()!.token });
  } else post({ type: 'forget', token: sent.token });
  if (results.length % SAMPLE_EVERY === 0) {
    samples.push({ at: results.length, mb: heapMB() });
    process.stderr.write(`bench:soak: ${results.length} done, heap ${samples.at(-1)!.mb.toFixed(1)} MB, ${rounds} live rounds\n`);
  }
}

const started = performance.now();
let issued = 0;
await Promise.all(
  Array.from({ length: LANES }, async () => {
    while (issued < INTERACTIONS) {
      issued++;
      // Ids of paragraphs a live round removed, for /source to be asked about (it says what happened).
      if (removedIds.length < 200) for (const id of library.retired.keys()) if (removedIds.length < 200 && !removedIds.includes(id)) removedIds.push(id);
      await one();
    }
  }),
);
const wallMs = performance.now() - started;
clearInterval(liveTimer);
await live.close();
await bot.stop();
post({ type: 'close' });
await rm(dir, { recursive: true, force: true });

// ── the report ──
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const byKind = new Map<string, Result[]>();
for (const r of results) {
  const k = r.kind.replace(/ \(other\)$/, '');
  byKind.set(k, [...(byKind.get(k) ?? []), r]);
}
const out: string[] = [];
out.push(`${results.length} interactions in ${(wallMs / 1000).toFixed(0)} s (${LANES} at a time) on ${library.corpus.report.paragraphs} paragraphs; ${rounds} live rounds of ${BATCH} files (longest slice ${longestSliceMs.toFixed(0)} ms)`);
out.push('kind                         n     ack p50 / p99 / max ms     done p50 / p99 / max ms   outcomes');
for (const [k, rs] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
  const outcomes = [...new Set(rs.map((r) => r.outcome))].join(',');
  const acks = rs.map((r) => r.ackMs);
  const dones = rs.map((r) => r.doneMs);
  out.push(`${k.padEnd(26)} ${String(rs.length).padStart(5)}   ${[50, 99].map((p) => pct(acks, p).toFixed(0)).join(' / ')} / ${Math.max(...acks).toFixed(0)}`.padEnd(62) + `${[50, 99].map((p) => pct(dones, p).toFixed(0)).join(' / ')} / ${Math.max(...dones).toFixed(0)}`.padEnd(26) + outcomes);
}
const reasons = new Map<string, number>();
for (const r of results) if (r.deferred) reasons.set(r.deferred, (reasons.get(r.deferred) ?? 0) + 1);
out.push(`acknowledged first ("thinking…"): ${[...reasons].map(([k, n]) => `${n} (${k})`).join(', ') || 'none'}; the rest answered in one reply`);
const errors = results.filter((r) => r.outcome === 'error').length;
const refused = results.reduce((n, r) => n + r.refused, 0);
const late = results.filter((r) => r.ackMs > ACK_DEADLINE_MS).length;
const after = samples.filter((s) => s.at > WARM_UP);
const lo = Math.min(...after.map((s) => s.mb));
const hi = Math.max(...after.map((s) => s.mb));
const spread = hi / lo - 1;
out.push(`heap after warm-up (${after.length} samples from ${WARM_UP} on): ${lo.toFixed(1)}-${hi.toFixed(1)} MB, spread ${(spread * 100).toFixed(1)} % (first ${after[0]?.mb.toFixed(1)}, last ${after.at(-1)?.mb.toFixed(1)} MB); all samples: ${samples.map((s) => s.mb.toFixed(0)).join(' ')}`);
out.push(`errors ${errors} (error log lines ${errorLines}), refused requests ${refused}, acknowledged later than ${ACK_DEADLINE_MS} ms: ${late}`);
const failures = [
  errors || errorLines ? `${errors} interactions ended in an error` : null,
  refused ? `${refused} requests refused by the server` : null,
  late ? `${late} interactions acknowledged after ${ACK_DEADLINE_MS} ms` : null,
  spread > 0.1 ? `heap spread ${(spread * 100).toFixed(1)} % after warm-up (limit 10 %)` : null,
].filter(Boolean);
out.push(failures.length ? `FAILED: ${failures.join('; ')}` : 'passed: no errors, every interaction acknowledged within 3 s, heap flat within 10 % after warm-up');
process.stdout.write(`${out.join('\n')}\n`);
process.exitCode = failures.length ? 1 : 0;
