// Raw minisearch, as a whole process of its own, for `npm run bench:ask`: read a saved index (its toJSON),
// loadJSON, one search; print the timings as one JSON line. Plain JavaScript run by node itself (no tsx), so
// the baseline pays no TypeScript start-up. Usage: node raw-minisearch.mjs <index.json> <query words>
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';

const [file, ...words] = process.argv.slice(2);
const t0 = performance.now();
const json = readFileSync(file, 'utf8');
const t1 = performance.now();
const index = MiniSearch.loadJSON(json, { fields: ['text'], storeFields: [] });
const t2 = performance.now();
const hits = index.search(words.join(' ')).slice(0, 10);
const t3 = performance.now();
process.stdout.write(`${JSON.stringify({ readMs: t1 - t0, loadJsonMs: t2 - t1, searchMs: t3 - t2, hits: hits.map((h) => h.id) })}\n`);
