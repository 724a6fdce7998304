/**
 * Every document in ../shared/data/feeds read as the bot reads a fetched feed: format, items, and for the
 * items how many have a title, a link and a date (dates that are there but could not be read are listed),
 * checked against what the file holds: the item count its README gives (a lenient parser's count) and the
 * number of <item>/<entry> elements (or JSON Feed items) in the file itself. Documents that are not feeds
 * must be refused with a reason.
 *
 *   npm run bench:feeds [-- --data ../shared/data] [--items]   (--items: print every item)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFeed } from '../src/intake/feed-parse.ts';
import { decodeText } from '../src/corpus/decode.ts';
import { dataPath } from './data.ts';

const dir = dataPath('feeds');
if (!existsSync(dir)) {
  console.error(`bench:feeds: no feeds at ${dir} (see ../shared/data/README.md)`);
  process.exit(1);
}
const showItems = process.argv.includes('--items');

// The README's table: file → items, as a lenient parser read them.
const expected = new Map<string, number>();
for (const line of readFileSync(join(dir, 'README.md'), 'utf8').split('\n')) {
  const cells = line.split('|').map((c) => c.trim());
  const m = /^`(.+)`$/.exec(cells[1] ?? '');
  if (m && /^\d+$/.test(cells[5] ?? '')) expected.set(m[1]!, Number(cells[5]));
}

let parsed = 0;
let refused = 0;
let mismatches = 0;
let items = 0;
let titled = 0;
let linked = 0;
let dated = 0;
let dateTexts = 0;
const unreadDates: string[] = [];
const started = performance.now();
for (const file of readdirSync(dir).filter((f) => f !== 'README.md').sort()) {
  const bytes = readFileSync(join(dir, file));
  const result = readFeed(bytes, `https://feeds.example/${file}`);
  const want = expected.get(file);
  const text = decodeText(bytes, { markup: true }).text;
  const inFile = text.trimStart().startsWith('{') ? jsonItems(text) : (text.match(/<(item|entry)[\s>]/gi) ?? []).length;
  if (!result.ok) {
    refused++;
    const ok = want === 0 || want === undefined;
    if (!ok) mismatches++;
    console.log(`${ok ? '  ' : '✘ '}${file.padEnd(58)} refused: ${result.reason}${want ? ` (README: ${want} items)` : ''}`);
    continue;
  }
  parsed++;
  const f = result.feed;
  const n = f.items.length;
  items += n;
  const t = f.items.filter((i) => i.title).length;
  const l = f.items.filter((i) => i.link).length;
  const d = f.items.filter((i) => i.published).length;
  const dt = f.items.filter((i) => i.dateText).length;
  titled += t;
  linked += l;
  dated += d;
  dateTexts += dt;
  for (const i of f.items) if (i.dateText && !i.published) unreadDates.push(`${file}: ${JSON.stringify(i.dateText)}`);
  const countOk = want === undefined || want === n;
  if (!countOk) mismatches++;
  const first = f.items[0];
  console.log(
    `${countOk ? '  ' : '✘ '}${file.padEnd(58)} ${f.format.padEnd(4)} ${String(n).padStart(3)} items (README ${want ?? '?'}, elements in file ${inFile}) · titles ${t} · links ${l} · dates ${d}/${dt}` +
      (f.repaired ? ` · ${f.repaired}` : '') +
      (first ? `\n${' '.repeat(63)}first: ${JSON.stringify(first.title)} · ${first.link} · ${first.published?.dateTime ?? first.published?.date ?? first.dateText}` : ''),
  );
  if (showItems) for (const i of f.items) console.log(`${' '.repeat(66)}${JSON.stringify(i.title)} · ${i.link} · ${i.guid} · ${i.published?.dateTime ?? i.published?.date ?? `(${i.dateText})`}`);
}
const ms = performance.now() - started;
console.log(`\n${parsed + refused} documents: ${parsed} read as feeds, ${refused} refused with a reason; item counts that differ from the README: ${mismatches}`);
console.log(`${items} items: ${titled} with a title, ${linked} with a link, ${dated} of ${dateTexts} dates read (${unreadDates.length} not read)`);
for (const u of unreadDates) console.log(`  date not read: ${u}`);
console.log(`${ms.toFixed(0)} ms for all (decode + parse + normalise)`);

function jsonItems(text: string): number {
  try {
    const v = JSON.parse(text) as { items?: unknown[] };
    return Array.isArray(v.items) ? v.items.length : 0;
  } catch {
    return 0;
  }
}
