/**
 * `npm run bench:push`: what watches cost. Reuters-21578 (the 100k tier, ../shared/data) without its last
 * articles (about 500 paragraphs) is the corpus; 1,000 watches on topics drawn from the corpus as reporters
 * type them (headline phrases, names, single words) wait; then the held-back articles arrive, one .md file
 * each, in one live round. Measured:
 *   - the whole round end to end (the live corpus applying the files, push testing every watch, counting the
 *     sources of what it posts, rendering each channel's alert with the real renderer, SQLite state, a
 *     recording poster), with answers asked in a loop meanwhile: the longest wait between two of them and
 *     the event loop's longest delay (`monitorEventLoopDelay`);
 *   - matching work alone: the round's index, the other spellings of the watched names (once per topic, as
 *     a round looks them up), then every watch tested against it (wall and CPU time, best and median of
 *     `--runs`);
 *   - a round that brings nothing: what push does with it.
 *
 *   npm run bench:push                       # 1,000 watches, ~500 paragraphs, 5 runs
 *   npm run bench:push -- --watches 2000 --paragraphs 1000 --runs 3
 *
 * Prints the figures (and the machine's load, since the machine is shared) as JSON lines on stdout.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../src/corpus/load.ts';
import { backgroundWork, openLibraryWithReport, type Library } from '../src/library.ts';
import { LiveCorpus, type LiveUpdate } from '../src/live/watch.ts';
import { RoundIndex } from '../src/push/match.ts';
import { Push, type RoundReport } from '../src/push/push.ts';
import { DiscordPoster } from '../src/discord/poster.ts';
import { openDatabase } from '../src/db/database.ts';
import { createLogger } from '../src/log.ts';
import { ask } from '../src/answer/index.ts';
import type { Answer } from '../src/answer/types.ts';
import { makeQueries } from './bench/queries.ts';
import { AnswerLoop } from './bench/answer-loop.ts';
import { memoryStore } from '../src/store/memory.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const candidates = [join(ROOT, '../shared/data/reuters21578.jsonl'), '/work/shared/data/reuters21578.jsonl'];
const REUTERS = candidates.find((f) => existsSync(f));
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const WATCHES = arg('watches', 1000);
const PARAGRAPHS = arg('paragraphs', 500);
const RUNS = arg('runs', 5);

const round1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const out = (record: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(record)}\n`);
const load = () => loadavg().map((l) => round1(l));

async function main(): Promise<void> {
  if (!REUTERS) {
    console.log(`bench:push: ${candidates[0]} is absent; nothing to measure.`);
    return;
  }
  out({ machine: `${cpus().length} × ${cpus()[0]?.model.trim()}`, node: process.version, load: load() });

  // The corpus without its last articles (about PARAGRAPHS paragraphs), kept in a folder of its own; the
  // snapshot in that folder's cache makes a second run start in seconds.
  const reuters = await loadCorpus(REUTERS);
  const held: typeof reuters.articles = [];
  let paragraphs = 0;
  for (let i = reuters.articles.length - 1; i >= 0 && paragraphs < PARAGRAPHS; i--) {
    held.unshift(reuters.articles[i]!);
    paragraphs += reuters.articles[i]!.paragraphs.length;
  }
  const line = (a: (typeof held)[number]) =>
    JSON.stringify({ id: a.id, title: a.title, outlet: a.outlet, published: a.published?.date, body: a.paragraphs.map((p) => p.text).join('\n\n') });
  const keep = new Set(held.map((a) => a.id));
  const base = join(tmpdir(), `bench-push-${reuters.articles.length}-${held.length}`);
  const dir = join(base, 'corpus');
  if (!existsSync(join(dir, 'reuters.jsonl'))) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'reuters.jsonl'), `${reuters.articles.filter((a) => !keep.has(a.id)).map(line).join('\n')}\n`);
  }
  await rm(join(dir, 'arrived'), { recursive: true, force: true });
  await rm(join(dir, 'arrived.jsonl'), { force: true });
  const opened = await openLibraryWithReport(dir, { cacheDir: join(base, 'cache') });
  const library = opened.library;
  await backgroundWork(library);
  out({ corpus: library.corpus.report.paragraphs, articles: library.corpus.report.articles, snapshot: opened.report.snapshot, openMs: opened.report.ms, heldArticles: held.length, heldParagraphs: paragraphs });

  // Watch topics as reporters type them, drawn from the corpus (deterministic).
  const queries = makeQueries(library.corpus, Math.ceil(WATCHES / 3)).filter((q) => q.kind === 'headline phrase' || q.kind === 'name' || q.kind === 'one word');
  const topics = queries.slice(0, WATCHES).map((q) => q.text);

  // 1. The whole round, end to end: the held-back articles dropped in as one file each, the live corpus
  // applying them and push (SQLite state) testing every watch, counting sources for what it posts, rendering
  // each channel's alert with the real renderer, to a recording poster; answers asked in a loop meanwhile.
  const state = await mkdtemp(join(tmpdir(), 'bench-push-state-'));
  const database = await openDatabase({ url: null, dataDir: state });
  const discord = new DiscordPoster();
  const posted: Answer[] = [];
  const poster = { fitsOneMessage: (a: Answer) => discord.fitsOneMessage(a), post: async (_c: string, a: Answer) => (posted.push(a), { ok: true as const }) };
  const push = new Push({ database, corpus: memoryStore(() => library), poster, config: { alertIntervalSeconds: 30, watchDailyCap: 20, scheduleGraceMinutes: 60 }, logger: createLogger({ level: 'silent' }), tickMs: 3_600_000 });
  for (let i = 0; i < topics.length; i++) {
    await push.addWatch({ guildId: `guild-${Math.floor(i / 100)}`, channelId: `channel-${i % 50}`, topic: topics[i]!, createdBy: 'bench' }).catch(() => {});
  }
  push.start();
  await push.idle();
  let report: RoundReport | null = null;
  push.onRound = (r) => (report = r);
  const answerQueries = queries.map((q) => q.text);
  let n = 0;
  // The longest wait of answers while the live corpus applies the files, then while push works on the round.
  const loop = new AnswerLoop(() => ask(library, 'search', answerQueries[n++ % answerQueries.length]!));
  loop.phase = 'live';
  let update: LiveUpdate | null = null;
  const live = new LiveCorpus(library, { onUpdate: (u) => push.onLiveUpdate(u) });
  await mkdir(join(dir, 'arrived'));
  for (const a of held) await writeFile(join(dir, 'arrived', `${a.id}.md`), markdown(a));
  const delay = { live: monitorEventLoopDelay({ resolution: 5 }), push: monitorEventLoopDelay({ resolution: 5 }) };
  delay.live.enable();
  const t = performance.now();
  update = await live.rescan();
  const liveMs = performance.now() - t;
  delay.live.disable();
  loop.phase = 'push';
  delay.push.enable();
  await push.idle();
  const wallMs = performance.now() - t;
  await loop.stop();
  delay.push.disable();
  await live.close();
  const arrived = update.arrived;
  const r = report as RoundReport | null;
  out({
    round: {
      files: update.added.length,
      arrived: arrived.length,
      newParagraphs: arrived.reduce((k, a) => k + a.paragraphs.length, 0),
      liveRoundMs: Math.round(liveMs),
      liveRoundLongestSliceMs: update.longestSliceMs,
      longestWaitBetweenAnswersMs: round1(loop.longestWait.live ?? 0),
      eventLoopMaxMs: round1(delay.live.max / 1e6),
    },
  });
  out({
    push: {
      ...(r ?? {}),
      wallMsUntilAllPosted: Math.round(wallMs),
      channelsPosted: posted.length,
      alertItems: posted.reduce((k, a) => k + a.items.length, 0),
      answersMeanwhile: loop.latencies.length,
      longestWaitBetweenAnswersMs: round1(loop.longestWait.push ?? 0),
      eventLoopMaxMs: round1(delay.push.max / 1e6),
      load: load(),
    },
  });

  // 2. Matching work alone, repeated: the round's index, then every watch tested against it. Wall time and
  // this process's CPU time (user + system): on a shared machine the CPU time is the work, the wall time
  // includes waiting for a core.
  const cpuMs = (since: NodeJS.CpuUsage) => {
    const d = process.cpuUsage(since);
    return (d.user + d.system) / 1000;
  };
  // The other spellings of the watched names are looked up once per round, as push does, and count as matching.
  const store = memoryStore(() => library);
  const runs: Array<{ indexMs: number; spellingsMs: number; matchMs: number; cpuMs: number; matched: number; articles: number; spelled: number }> = [];
  for (let run = 0; run < RUNS; run++) {
    const cpu = process.cpuUsage();
    let t0 = performance.now();
    const index = new RoundIndex(arrived);
    const indexMs = performance.now() - t0;
    t0 = performance.now();
    const spellings = await store.topicSpellings([...new Set(topics)]);
    const spellingsMs = performance.now() - t0;
    t0 = performance.now();
    let matched = 0;
    let articles = 0;
    for (const topic of topics) {
      const m = index.match(topic, spellings.get(topic)).length;
      if (m > 0) matched++;
      articles += m;
    }
    const spelled = [...spellings.values()].filter((s) => s.length > 0).length;
    runs.push({ indexMs, spellingsMs, matchMs: performance.now() - t0 + spellingsMs, cpuMs: cpuMs(cpu), matched, articles, spelled });
  }
  const total = runs.map((x) => x.indexMs + x.matchMs);
  const cpu = runs.map((x) => x.cpuMs);
  out({
    matching: {
      watches: topics.length,
      watchesMatching: runs[0]!.matched,
      watchArticlePairs: runs[0]!.articles,
      topicsWithOtherSpellings: runs[0]!.spelled,
      wallMs: { best: round1(Math.min(...total)), median: round1(median(total)) },
      cpuMs: { best: round1(Math.min(...cpu)), median: round1(median(cpu)) },
      indexWallMs: round1(median(runs.map((x) => x.indexMs))),
      matchWallMs: round1(median(runs.map((x) => x.matchMs))),
      spellingsWallMs: round1(median(runs.map((x) => x.spellingsMs))),
      load: load(),
    },
  });

  // 3. A round that brings nothing.
  const empty: LiveUpdate = { added: [], changed: [], removed: [], problems: 0, longestSliceMs: 0, arrived: [] };
  const te = performance.now();
  push.onLiveUpdate(empty);
  await push.idle();
  out({ emptyRound: { ms: round1(performance.now() - te), note: 'no listener call at all when nothing changed (LiveCorpus emits no update); an update with no new text returns at once' } });

  await push.stop();
  await database.close();
  await rm(state, { recursive: true, force: true });
  await rm(join(dir, 'arrived'), { recursive: true, force: true });
}

/** An article as a corpus .md file, as /add and feeds write them. */
function markdown(a: { id: string; title: string | null; outlet: string | null; published: { date: string } | null; paragraphs: Array<{ text: string }> }): string {
  const head = [`id: "${a.id}"`, a.title ? `title: ${a.title.replace(/\s+/g, ' ')}` : null, a.outlet ? `outlet: ${a.outlet}` : null, a.published ? `published: ${a.published.date}` : null];
  return `---\n${head.filter(Boolean).join('\n')}\n---\n${a.paragraphs.map((p) => p.text).join('\n\n')}\n`;
}

await main();
