/**
 * The whole-corpus /timeline of this checkout beside another checkout's (an earlier commit, extracted with
 * `git archive <commit> | tar -x -C DIR` and its node_modules linked), in one process, so a change can be
 * shown to keep the answers and timed against the machine's drift:
 *
 * - same answers: the JSON of the whole-corpus timeline on Reuters-21578 (default and --limit 100) and of
 *   the four Timeline17 topics (whole, --limit 200, by topic), compared byte for byte;
 * - speed: the whole-corpus timeline on Reuters, this checkout and the other in turn (A B A B …), after a
 *   first call each; medians and the median of the pairwise ratios.
 *
 *   npx tsx scripts/timeline-side-by-side.ts <other checkout> [--pairs 9] [--data ../shared/data]
 *
 * Both libraries open from snapshots in the system's temporary folder (the first run builds them).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const other = process.argv[2] && !process.argv[2].startsWith('--') ? resolve(process.argv[2]) : undefined;
if (!other) {
  console.error('usage: npx tsx scripts/timeline-side-by-side.ts <other checkout> [--pairs 9] [--data ../shared/data]');
  process.exit(2);
}
const pairs = Number(arg('--pairs') ?? 9);
const data = arg('--data') ?? join(import.meta.dirname, '../../shared/data');
const here = resolve(import.meta.dirname, '..');

interface Side {
  name: string;
  /** Opens a corpus file with this checkout's code (from a snapshot when `cached`). */
  open: (path: string, cached: boolean) => Promise<(query: string, limit?: number) => unknown>;
}

async function side(root: string, name: string): Promise<Side> {
  const lib = await import(join(root, 'src/library.ts'));
  const { ask } = await import(join(root, 'src/answer/index.ts'));
  const cacheDir = join(tmpdir(), `timeline-side-by-side-${name}`);
  mkdirSync(cacheDir, { recursive: true });
  return {
    name,
    open: async (path, cached) => {
      const { library } = await lib.openLibraryWithReport(path, { cacheDir: cached ? cacheDir : null });
      await lib.backgroundWork(library);
      return (query, limit) => ask(library, 'timeline', query, limit ? { limit } : {});
    },
  };
}

const sides = [await side(here, 'this'), await side(other, basename(other))];
const answers: string[][] = [[], []];
const reuters = join(data, 'reuters21578.jsonl');
const timelines = await Promise.all(sides.map((s) => s.open(reuters, true)));
for (const [k, t] of timelines.entries()) answers[k]!.push(JSON.stringify(t('')), JSON.stringify(t('', 100)));
for (const topic of ['egypt', 'haiti', 'iraq', 'syria']) {
  for (const [k, s] of sides.entries()) {
    const t = await s.open(join(data, 'timeline17-dev', `${topic}.articles.jsonl`), false);
    answers[k]!.push(JSON.stringify(t('')), JSON.stringify(t('', 200)), JSON.stringify(t(topic)));
  }
}
const differing = answers[0]!.map((a, i) => (a === answers[1]![i] ? -1 : i)).filter((i) => i >= 0);

const times: number[][] = [[], []];
const ratios: number[] = [];
for (let i = 0; i < pairs; i++) {
  const ms = timelines.map((t) => {
    const started = performance.now();
    t('');
    return performance.now() - started;
  });
  ms.forEach((m, k) => times[k]!.push(m));
  ratios.push(ms[1]! / ms[0]!);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`same answers: ${differing.length === 0 ? 'yes' : `no (answers ${differing.join(', ')} differ)`} — ${answers[0]!.length} timelines, ${answers[0]!.join('').length.toLocaleString('en-US')} characters of JSON`);
for (const [k, s] of sides.entries()) console.log(`${s.name}: whole-corpus timeline on Reuters, median ${Math.round(median(times[k]!))} ms (${times[k]!.map(Math.round).join(', ')})`);
console.log(`${sides[1]!.name} ÷ this, median of ${pairs} pairs: ${median(ratios).toFixed(2)}`);
