/**
 * Feed polling at work, against a web server in a child process on 127.0.0.1 (so its work is not counted):
 * - a poll round of 50 subscribed feeds that all answer 304 Not Modified: wall time and this process's CPU;
 * - a burst of 500 new items in one feed (pages made from Reuters-21578 stories, real text), fetched,
 *   extracted in the parsing thread, written and applied to the live library while a loop asks /search
 *   continuously: the longest wait between two answers, the event loop's longest delay, the round's time.
 *
 *   npm run bench:intake [-- --data ../shared/data] [--items 500] [--feeds 50] [--corpus FILE|DIR]
 *
 * --corpus serves answers from that corpus (e.g. ../shared/data/reuters21578.jsonl, 105k paragraphs)
 * instead of the five seed articles.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ipaddr from 'ipaddr.js';
import { ask } from '../src/answer/index.ts';
import { openDatabase } from '../src/db/database.ts';
import { createFetcher } from '../src/fetch/fetch.ts';
import { listFeeds } from '../src/intake/feed-store.ts';
import { threadParser } from '../src/intake/parser.ts';
import { createIntakeService } from '../src/intake/service.ts';
import { openLibrary, backgroundWork } from '../src/library.ts';
import { LiveCorpus } from '../src/live/watch.ts';
import { dataPath } from './data.ts';
import { answerLoop } from './bench/answer-loop.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ITEMS = Number(arg('--items') ?? 500);
const FEEDS = Number(arg('--feeds') ?? 50);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ── the web server (child process) ────────────────────────────────────────────────────────────────────
if (process.argv.includes('--serve')) {
  const stories = readFileSync(dataPath('reuters21578.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { title: string; body: string })
    .filter((s) => s.body.split(/\n\s*\n/).length >= 3)
    .slice(0, ITEMS);
  const page = (i: number) => {
    const s = stories[i % stories.length]!;
    const title = s.title.replace(/\s+/g, ' ').trim();
    return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)} | Wire</title><meta property="og:site_name" content="Wire">
<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: title, datePublished: '1987-03-02T10:00:00Z' })}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/markets">Markets</a></nav></header><main><article><h1>${esc(title)}</h1>
${s.body.split(/\n\s*\n/).map((p) => `<p>${esc(p.replace(/\s+/g, ' ').trim())} (story ${i})</p>`).join('\n')}
</article></main><aside><h2>Most read</h2><ul><li><a href="/x">Other story</a></li></ul></aside><footer>© Wire</footer></body></html>`;
  };
  const rss = (items: Array<{ title: string; link: string; guid: string; date: string }>) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>http://127.0.0.1/</link>${items
      .map((i) => `<item><title>${esc(i.title)}</title><link>${i.link}</link><guid>${i.guid}</guid><pubDate>${i.date}</pubDate></item>`)
      .join('')}</channel></rss>`;
  let origin = '';
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    let m: RegExpExecArray | null;
    if ((m = /^\/feeds\/(\d+)\.xml$/.exec(url))) {
      const etag = `"feed-${m[1]}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      return void res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss([{ title: `Old item of feed ${m[1]}`, link: `${origin}/old/${m[1]}`, guid: `old-${m[1]}`, date: 'Mon, 02 Mar 1987 10:00:00 GMT' }]));
    }
    if (url === '/burst.xml') {
      return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss(stories.map((s, i) => ({ title: s.title, link: `${origin}/story/${i}`, guid: `story-${i}`, date: 'Tue, 10 Feb 2026 11:00:00 GMT' }))),
      );
    }
    if ((m = /^\/story\/(\d+)$/.exec(url))) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(Number(m[1])));
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address() as { port: number };
    origin = `http://127.0.0.1:${address.port}`;
    process.send!({ origin });
  });
  process.on('disconnect', () => process.exit(0));
} else {
  await main();
}

async function main(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', ...process.argv.slice(2)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const origin = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { origin: string }) => resolve(m.origin));
    child.once('exit', (code) => reject(new Error(`the web server stopped (${code})`)));
  });
  const dir = await mkdtemp(join(tmpdir(), 'bench-intake-'));
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-intake-db-'));
  const corpusArg = arg('--corpus');
  try {
    if (corpusArg) await copyFile(corpusArg, join(dir, basename(corpusArg)));
    else {
      const seeds = fileURLToPath(new URL('../corpus/', import.meta.url));
      for (const f of await readdir(seeds)) await copyFile(join(seeds, f), join(dir, f));
    }
    console.log(`bench:intake · Node ${process.version} · ${new Date().toISOString()} · load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
    let t = performance.now();
    const library = await openLibrary(dir);
    await backgroundWork(library);
    console.log(`corpus: ${library.corpus.report.paragraphs} paragraphs (${Math.round(performance.now() - t)} ms to load)`);
    const live = new LiveCorpus(library);
    const database = await openDatabase({ url: null, dataDir });
    const local = [{ cidr: '127.0.0.0/8', range: ipaddr.parseCIDR('127.0.0.0/8') }];
    const fetcher = createFetcher({ allowedPrivateNetworks: local });
    const parser = threadParser();
    const clock = { now: new Date('2026-02-10T12:00:00Z') };
    let phase: 'fetching' | 'applying' | 'after' = 'fetching';
    const service = createIntakeService({
      corpusDir: dir,
      database,
      fetcher,
      parser,
      config: { allowedPrivateNetworks: local, feedPollMinutes: 10, feedFirstPollHours: 24, feedMaxFailures: 10 },
      apply: async (paths) => {
        phase = 'applying';
        const u = await live.apply(paths);
        phase = 'after';
        return u;
      },
      library: () => library,
      now: () => clock.now,
    });

    // 1. A round of FEEDS feeds answering 304.
    for (let i = 0; i < FEEDS; i++) await service.subscribe(`${origin}/feeds/${i}.xml`, { guildId: null });
    await service.poller.pollDue(); // the first polls: 200, one old item each (outside the first-poll window)
    const rounds: Array<{ wall: number; cpu: number; n: number }> = [];
    for (let r = 0; r < 3; r++) {
      clock.now = new Date(clock.now.getTime() + 10 * 60_000);
      const cpu = process.cpuUsage();
      t = performance.now();
      const reports = await service.poller.pollDue();
      const used = process.cpuUsage(cpu);
      rounds.push({ wall: performance.now() - t, cpu: (used.user + used.system) / 1000, n: reports.filter((x) => x.outcome === 'not-modified').length });
    }
    console.log(`\n${FEEDS} feeds answering 304, three rounds: ${rounds.map((r) => `${r.n} not modified in ${r.wall.toFixed(0)} ms wall / ${r.cpu.toFixed(0)} ms CPU`).join('; ')}`);

    // 2. A burst of ITEMS new items while answers go on.
    for (const f of await listFeeds(database)) await service.pause(String(f.id), { guildId: null });
    await service.subscribe(`${origin}/burst.xml`, { guildId: null });
    const queries = ['oil prices', 'interest rates', 'trade deficit', 'bank merger', 'grain exports', 'dollar yen', 'earnings per share', 'crude output'];
    phase = 'fetching';
    const loop = answerLoop((n) => ask(library, 'search', queries[n % queries.length]!), { label: () => phase });
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const before = library.corpus.report.articles;
    t = performance.now();
    const cpu = process.cpuUsage();
    const [burst] = await service.poller.pollDue();
    const burstMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const { latencies, longestWaitMs: longestWait, waits } = await loop.stop();
    delay.disable();
    latencies.sort((a, b) => a - b);
    console.log(
      `\nburst: ${burst?.added} of ${ITEMS} items added (${library.corpus.report.articles - before} articles live) in ${(burstMs / 1000).toFixed(1)} s wall, main thread CPU ${(used.user + used.system) / 1000 | 0} ms` +
        `\n  answers meanwhile: ${latencies.length}, p50 ${latencies[Math.floor(latencies.length / 2)]?.toFixed(1)} ms, p99 ${latencies[Math.floor(latencies.length * 0.99)]?.toFixed(1)} ms` +
        `\n  items skipped ${burst?.skipped}, failed ${burst?.failed}` +
        `\n  longest wait between two answers ${longestWait.toFixed(0)} ms (fetching and extracting ${(waits.fetching ?? 0).toFixed(0)} ms, applying to the library ${(waits.applying ?? 0).toFixed(0)} ms); event loop delay max ${(delay.max / 1e6).toFixed(0)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(0)} ms`,
    );
    const failures = await database.db.selectFrom('feed_items').select(['reason']).where('status', '=', 'failed').execute();
    const why = new Map<string, number>();
    for (const f of failures) why.set((f.reason ?? '').replace(/\d+/g, 'N').slice(0, 120), (why.get((f.reason ?? '').replace(/\d+/g, 'N').slice(0, 120)) ?? 0) + 1);
    for (const [reason, count] of why) console.log(`  failed ×${count}: ${reason}`);
    await service.close();
    await live.close();
    await fetcher.close();
    await database.close();
  } finally {
    child.disconnect();
    await rm(dir, { recursive: true, force: true });
    await rm(dataDir, { recursive: true, force: true });
  }
}
