/**
 * Render time of the /timeline chart at 50 events, on real timelines: each Timeline17 topic's whole-corpus
 * timeline (`--limit 50`) and a few topic queries, cut to their first 50 events. One render = the SVG
 * layout + resvg's rendering + PNG encoding, as Discord gets it. Prints wall-clock p50 / p95 / max per
 * answer and overall, the process CPU time of each render beside it (less disturbed by other work on a
 * shared machine), and the picture's size.
 *
 *   npm run bench:chart [-- --data ../shared/data/timeline17-dev] [--rounds 20]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openLibrary } from '../src/library.ts';
import { ask } from '../src/answer/index.ts';
import { timelineSvg } from '../src/chart/timeline.ts';
import { pngScale, svgToPng } from '../src/chart/png.ts';
import type { Answer } from '../src/answer/types.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const EVENTS = 50;
const rounds = Number(arg('--rounds') ?? 20);
const candidates = [join(import.meta.dirname, '../../shared/data/timeline17-dev'), '/work/shared/data/timeline17-dev'];
const dir = arg('--data') ?? candidates.find((d) => existsSync(join(d, 'syria.articles.jsonl')));
if (!dir || !existsSync(join(dir, 'syria.articles.jsonl'))) {
  console.error(`bench:chart: no Timeline17 copy (tried ${arg('--data') ?? candidates.join(', ')}); pass --data DIR`);
  process.exit(1);
}
const QUERIES: Record<string, string[]> = {
  egypt: ['', 'Mubarak', 'protests'],
  haiti: ['', 'earthquake'],
  iraq: ['', 'Saddam'],
  syria: ['', 'Assad', 'Homs'],
};

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const all: number[] = [];
const allCpu: number[] = [];
console.log(`chart render, ${EVENTS} events, ${rounds} rounds each (after 2 warm-up renders); ms`);
console.log('answer                       p50    p95    max   cpu p50 / p95   picture');
for (const [topic, queries] of Object.entries(QUERIES)) {
  const library = await openLibrary(join(dir, `${topic}.articles.jsonl`));
  for (const query of queries) {
    const full = ask(library, 'timeline', query, { limit: EVENTS });
    if (full.items.length < EVENTS) {
      console.log(`${`${topic} "${query}"`.padEnd(28)} only ${full.items.length} events: skipped`);
      continue;
    }
    const answer: Answer = { ...full, items: full.items.slice(0, EVENTS) };
    const times: number[] = [];
    const cpu: number[] = [];
    let size = '';
    for (let i = 0; i < rounds + 2; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      const chart = timelineSvg(answer);
      const scale = pngScale(chart.height, chart.width);
      const png = svgToPng(chart.svg, chart.width, scale);
      const ms = performance.now() - t;
      const used = process.cpuUsage(c);
      if (i >= 2) {
        times.push(ms);
        cpu.push((used.user + used.system) / 1000);
      }
      size = `${png.readUInt32BE(16)}×${png.readUInt32BE(20)} px, ${Math.round(png.length / 1024)} KB`;
    }
    all.push(...times);
    allCpu.push(...cpu);
    const f = (v: number) => v.toFixed(1).padStart(6);
    console.log(`${`${topic} "${query}"`.padEnd(28)} ${f(quantile(times, 0.5))} ${f(quantile(times, 0.95))} ${f(Math.max(...times))}   ${f(quantile(cpu, 0.5))} / ${f(quantile(cpu, 0.95))}   ${size}`);
  }
}
console.log(`all ${all.length} renders: p50 ${quantile(all, 0.5).toFixed(1)} ms, p95 ${quantile(all, 0.95).toFixed(1)} ms (target ≤ 300); CPU p50 ${quantile(allCpu, 0.5).toFixed(1)} ms, p95 ${quantile(allCpu, 0.95).toFixed(1)} ms`);
