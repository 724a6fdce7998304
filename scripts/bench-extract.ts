/**
 * Article extraction quality and speed on real pages (../shared/data/extraction):
 * - body text: F1 of 4-word shingles, precision and recall averaged over pages, exactly as the Scrapinghub
 *   article-extraction benchmark's evaluate.py computes it (tokens are \w+ runs; each page's counts are
 *   normalised so long pages weigh no more than short ones), on scrapinghub (181 pages) and
 *   wcxb-dev-articles (711 pages); paragraph counts beside the ground truth's;
 * - metadata on wcxb-dev-articles: title exact, publication day, author, and how often a date or author is
 *   given where the truth has none;
 * - time per page (decode + parse + Readability + metadata), p50 / p95 / max.
 *
 *   npm run bench:extract [-- --data ../shared/data] [--only scrapinghub|wcxb] [--worst N] [--sources] [--unfounded] [--rounds N]
 *
 * --sources: per metadata source, how many dates / authors were right, wrong, or given where the truth has none;
 * --unfounded: every date and author given where the truth has none, with its source and the page's URL;
 * --rounds N: every page is extracted N times more and its best CPU time is reported too: a single pass
 * charges each page the garbage collections and JIT compilation that happen to fall on it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import os from 'node:os';
import { decodeText } from '../src/corpus/decode.ts';
import { extractArticle, type ExtractedArticle } from '../src/intake/extract.ts';
import { dataPath } from './data.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const only = arg('--only');
const worst = Number(arg('--worst') ?? 0);
const bySource = process.argv.includes('--sources');
const unfounded = process.argv.includes('--unfounded');
const rounds = Number(arg('--rounds') ?? 0);

interface Page {
  id: string;
  url: string;
  html: Uint8Array;
  body: string;
  title?: string | null;
  author?: string | null;
  date?: string | null;
}

function scrapinghub(): Page[] {
  const dir = dataPath('extraction', 'scrapinghub');
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return Object.entries(truth).map(([id, t]) => ({ id, url: t.url, html: gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`))), body: t.articleBody }));
}

function wcxb(): Page[] {
  const dir = dataPath('extraction', 'wcxb-dev-articles');
  return readdirSync(join(dir, 'ground-truth'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const t = JSON.parse(readFileSync(join(dir, 'ground-truth', f), 'utf8')) as { url: string; file_id: string; ground_truth: { title: string | null; author: string | null; publish_date: string | null; main_content: string | null } };
      return {
        id: t.file_id,
        url: t.url,
        html: gunzipSync(readFileSync(join(dir, 'html', `${t.file_id}.html.gz`))),
        body: t.ground_truth.main_content ?? "",
        title: t.ground_truth.title,
        author: t.ground_truth.author,
        date: t.ground_truth.publish_date,
      };
    });
}

// ── the Scrapinghub benchmark's measure ───────────────────────────────────────────────────────────────
const TOKEN = /[\p{L}\p{N}\p{Mn}\p{Pc}]+/gu; // Python's \w with re.UNICODE

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const key = tokens.slice(i, i + n).join('\u0001');
    if (key) out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function tpFpFn(truth: string, pred: string): [number, number, number] {
  const t = shingles(truth);
  const p = shingles(pred);
  let tp = 0, fp = 0, fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const s = tp + fp + fn;
  return s > 0 ? [tp / s, fp / s, fn / s] : [0, 0, 0];
}

function metrics(rows: Array<[number, number, number]>): { f1: number; precision: number; recall: number } {
  const precision = mean(rows.filter(([tp, fp]) => tp + fp > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp))));
  const recall = mean(rows.filter(([tp, , fn]) => tp + fn > 0).map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn))));
  return { f1: (2 * precision * recall) / (precision + recall), precision, recall };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} % (${n}/${d})`;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;

/** Authors compare as sets of names, case and spacing aside: "A, B and C" = "A, B, C". */
function authorKey(a: string): string {
  return a
    .toLowerCase()
    .split(/\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|;|\|)\s*/)
    .map((n) => n.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter(Boolean)
    .sort()
    .join('|');
}

const titleKey = (t: string) => t.replace(/\s+/g, ' ').trim();

function run(name: string, pages: Page[]) {
  const rows: Array<[number, number, number]> = [];
  const times: number[] = [];
  const cpu: number[] = [];
  const paragraphs: Array<{ got: number; truth: number }> = [];
  const perPage: Array<{ id: string; f1: number; url: string }> = [];
  let failed = 0;
  const meta = { titles: 0, titleRight: 0, dates: 0, dateRight: 0, dateMissing: 0, noDate: 0, dateInvented: 0, authors: 0, authorRight: 0, noAuthor: 0, authorInvented: 0 };
  const wrong: string[] = [];
  const invented: string[] = [];
  const tally = new Map<string, { right: number; wrong: number; none: number }>();
  const count = (field: string, source: string | undefined, outcome: 'right' | 'wrong' | 'none') => {
    const key = `${field} ${source ?? '?'}`;
    const t = tally.get(key) ?? { right: 0, wrong: 0, none: 0 };
    t[outcome]++;
    tally.set(key, t);
  };
  for (const page of pages) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const { text } = decodeText(page.html, { markup: true });
    let article: ExtractedArticle | null = null;
    try {
      article = extractArticle(text, page.url);
    } catch (err) {
      console.error(`${name} ${page.id}: ${(err as Error).message}`);
    }
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
    if (!article) failed++;
    const body = article?.paragraphs.join('\n\n') ?? '';
    const row = tpFpFn(page.body, body);
    rows.push(row);
    const m = metrics([row]);
    perPage.push({ id: page.id, f1: Number.isFinite(m.f1) ? m.f1 : 0, url: page.url });
    paragraphs.push({ got: article?.paragraphs.length ?? 0, truth: page.body.split(/\n\s*\n|\n/).filter((p) => p.trim()).length });
    if (page.title !== undefined) {
      if (page.title) {
        meta.titles++;
        if (article?.title && titleKey(article.title) === titleKey(page.title)) meta.titleRight++;
        else wrong.push(`title ${page.id}: got ${JSON.stringify(article?.title)} want ${JSON.stringify(page.title)} [${article?.sources.title}]`);
      }
      if (page.date) {
        meta.dates++;
        if (article?.published) count('date', article.sources.published, article.published.date === page.date ? 'right' : 'wrong');
        if (article?.published?.date === page.date) meta.dateRight++;
        else if (!article?.published) meta.dateMissing++;
        else wrong.push(`date ${page.id}: got ${article.published.date} want ${page.date} [${article.sources.published}]`);
      } else {
        meta.noDate++;
        if (article?.published) {
          meta.dateInvented++;
          count('date', article.sources.published, 'none');
          invented.push(`date ${page.id}: ${article.published.date} [${article.sources.published}] ${page.url}`);
          wrong.push(`date ${page.id}: got ${article.published.date} want none [${article.sources.published}]`);
        }
      }
      if (page.author) {
        meta.authors++;
        if (article?.author) count('author', article.sources.author, authorKey(article.author) === authorKey(page.author) ? 'right' : 'wrong');
        if (article?.author && authorKey(article.author) === authorKey(page.author)) meta.authorRight++;
        else wrong.push(`author ${page.id}: got ${JSON.stringify(article?.author)} want ${JSON.stringify(page.author)} [${article?.sources.author}]`);
      } else {
        meta.noAuthor++;
        if (article?.author) {
          meta.authorInvented++;
          count('author', article.sources.author, 'none');
          invented.push(`author ${page.id}: ${JSON.stringify(article.author)} [${article.sources.author}] ${page.url}`);
          wrong.push(`author ${page.id}: got ${JSON.stringify(article.author)} want none [${article.sources.author}]`);
        }
      }
    }
  }
  const best = [...cpu];
  for (let r = 0; r < rounds; r++) {
    pages.forEach((page, i) => {
      const cpuStart = process.cpuUsage();
      try {
        extractArticle(decodeText(page.html, { markup: true }).text, page.url);
      } catch {
        // reported in the first pass
      }
      const used = process.cpuUsage(cpuStart);
      best[i] = Math.min(best[i]!, (used.user + used.system) / 1000);
    });
  }
  const m = metrics(rows);
  const ratio = paragraphs.map((p) => p.got / Math.max(1, p.truth));
  console.log(`\n${name}: ${pages.length} pages`);
  console.log(`  body F1 ${m.f1.toFixed(3)} (precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}); no article found on ${failed}`);
  console.log(
    `  paragraphs: ${paragraphs.reduce((a, p) => a + p.got, 0)} extracted vs ${paragraphs.reduce((a, p) => a + p.truth, 0)} in the ground truth; ` +
      `per page median ratio ${quantile(ratio, 0.5).toFixed(2)}, same count on ${pct(paragraphs.filter((p) => p.got === p.truth).length, paragraphs.length)}, within ±20 % on ${pct(ratio.filter((r) => r >= 0.8 && r <= 1.2).length, ratio.length)}`,
  );
  console.log(`  time a page (wall): p50 ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`);
  console.log(`  CPU a page (this process, all threads: garbage collection included): p50 ${quantile(cpu, 0.5).toFixed(1)} ms, p95 ${quantile(cpu, 0.95).toFixed(1)} ms`);
  if (rounds > 0) console.log(`  CPU a page, best of ${rounds + 1} passes: p50 ${quantile(best, 0.5).toFixed(1)} ms, p95 ${quantile(best, 0.95).toFixed(1)} ms`);
  if (meta.titles + meta.dates + meta.noDate > 0) {
    console.log(`  title exact ${pct(meta.titleRight, meta.titles)}`);
    console.log(`  publication day right ${pct(meta.dateRight, meta.dates)} (none found on ${meta.dateMissing}); a date given where the truth has none ${pct(meta.dateInvented, meta.noDate)}`);
    console.log(`  author right ${pct(meta.authorRight, meta.authors)}; an author given where the truth has none ${pct(meta.authorInvented, meta.noAuthor)}`);
  }
  if (bySource && tally.size > 0) {
    console.log('  by source (right / wrong / given where the truth has none):');
    for (const [key, t] of [...tally].sort(([a], [b]) => a.localeCompare(b))) console.log(`    ${key.padEnd(24)} ${t.right} / ${t.wrong} / ${t.none}`);
  }
  if (unfounded && invented.length > 0) {
    console.log('  given where the truth has none:');
    for (const line of invented) console.log(`    ${line}`);
  }
  if (worst > 0) {
    console.log('  worst pages:');
    for (const p of perPage.sort((a, b) => a.f1 - b.f1).slice(0, worst)) console.log(`    ${p.f1.toFixed(3)} ${p.id} ${p.url}`);
    for (const w of wrong.slice(0, worst * 4)) console.log(`    ${w}`);
  }
}

if (!existsSync(dataPath('extraction'))) {
  console.error(`bench:extract: no extraction data at ${dataPath('extraction')} (see ../shared/data/README.md)`);
  process.exit(1);
}
console.log(`bench:extract · Node ${process.version} · ${new Date().toISOString()} · load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
if (only !== 'wcxb') run('scrapinghub', scrapinghub());
if (only !== 'scrapinghub') run('wcxb-dev-articles', wcxb());
