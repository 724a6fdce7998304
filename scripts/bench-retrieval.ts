/**
 * Retrieval quality of the paragraph index on the Cranfield collection: MAP and nDCG@10 for several
 * index settings, beside a plain BM25 (stop words, Porter stemming, k1 = 1.2, b = 0.75) written here
 * as the reference. Judgment codes 1–4 count as relevant (trec_eval convention); -1 does not.
 * nDCG gains: code 1 → 4, 2 → 3, 3 → 2, 4 → 1.
 *
 *   npm run bench:retrieval [-- --data ../shared/data/cranfield] [-- --no-postgres]
 *
 * The last row is the PostgreSQL corpus store (src/store/pg): the collection imported with `importPaths`
 * into a throwaway server (test/support/postgres.ts) and searched with BM25 in SQL.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import { createParagraphIndex, DEFAULT_INDEX_SETTINGS, type IndexSettings } from '../src/index/minisearch.ts';
import { terms } from '../src/text/terms.ts';
import type { Corpus } from '../src/corpus/types.ts';

const dataArg = process.argv.indexOf('--data');
const dir = dataArg > 0 ? process.argv[dataArg + 1]! : join(import.meta.dirname, '../../shared/data/cranfield');
if (!existsSync(join(dir, 'docs.jsonl'))) {
  console.error(`bench:retrieval: no Cranfield collection at ${dir} (expected docs.jsonl, queries.jsonl, qrels.tsv)`);
  process.exit(1);
}

const queries = readFileSync(join(dir, 'queries.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: number; text: string });
const qrels = new Map<string, Map<string, number>>();
for (const line of readFileSync(join(dir, 'qrels.tsv'), 'utf8').split('\n').slice(1)) {
  const [q, doc, code] = line.split('\t');
  if (!q || !doc || !code || Number(code) < 1) continue;
  const m = qrels.get(q) ?? new Map<string, number>();
  m.set(doc, Number(code));
  qrels.set(q, m);
}

const corpus = await loadCorpus(join(dir, 'docs.jsonl'));

type Ranker = (query: string) => string[];

/** Ranks article ids by their best paragraph. */
function indexRanker(settings: IndexSettings): Ranker {
  const index = createParagraphIndex(corpus.articles, corpus.paragraphById, settings);
  return (query) => {
    const seen = new Set<string>();
    for (const hit of index.search(query, { limit: 5000 })) seen.add(hit.paragraph.articleId);
    return [...seen].slice(0, 1000);
  };
}

/** The reference: textbook BM25 over whole documents (title + body), our analyser. */
function plainBm25(c: Corpus, k1 = 1.2, b = 0.75): Ranker {
  const docs = c.articles.map((a) => {
    const tf = new Map<string, number>();
    const words = terms(`${a.title ?? ''} ${a.paragraphs.map((p) => p.text).join(' ')}`);
    for (const t of words) tf.set(t, (tf.get(t) ?? 0) + 1);
    return { id: a.id, tf, len: words.length };
  });
  const avg = docs.reduce((s, d) => s + d.len, 0) / docs.length;
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  return (query) => {
    const qt = [...new Set(terms(query))];
    const scored = docs.map((d) => {
      let s = 0;
      for (const t of qt) {
        const f = d.tf.get(t);
        if (!f) continue;
        const n = df.get(t)!;
        s += Math.log(1 + (docs.length - n + 0.5) / (n + 0.5)) * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * d.len) / avg)));
      }
      return { id: d.id, s };
    });
    return scored.filter((x) => x.s > 0).sort((x, y) => y.s - x.s).slice(0, 1000).map((x) => x.id);
  };
}

async function evaluate(rank: (query: string) => string[] | Promise<string[]>): Promise<{ map: number; ndcg10: number }> {
  let apSum = 0;
  let ndcgSum = 0;
  let n = 0;
  for (const q of queries) {
    const rel = qrels.get(String(q.id));
    if (!rel || rel.size === 0) continue;
    n++;
    const ranked = await rank(q.text);
    let hits = 0;
    let ap = 0;
    ranked.forEach((id, i) => {
      if (rel.has(id)) ap += ++hits / (i + 1);
    });
    apSum += ap / rel.size;
    const gain = (id: string) => (rel.has(id) ? 5 - rel.get(id)! : 0);
    const dcg = ranked.slice(0, 10).reduce((s, id, i) => s + gain(id) / Math.log2(i + 2), 0);
    const ideal = [...rel.values()].map((c) => 5 - c).sort((x, y) => y - x).slice(0, 10);
    const idcg = ideal.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
    ndcgSum += idcg > 0 ? dcg / idcg : 0;
  }
  return { map: apSum / n, ndcg10: ndcgSum / n };
}

const minisearchDefaults: IndexSettings = {
  stopWords: false,
  stem: false,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  plainScore: false,
  boost: { text: 1, title: 1, outlet: 1 },
  postingBudget: Infinity,
};
/** The PostgreSQL store: the same collection imported, searched with BM25 in SQL. */
async function databaseRanker(): Promise<{ rank: (query: string) => Promise<string[]>; stop: () => Promise<void> }> {
  const { startTestPostgres } = await import('../test/support/postgres.ts');
  const { openDatabase } = await import('../src/db/database.ts');
  const { openCorpusPool } = await import('../src/store/pg/connect.ts');
  const { importPaths } = await import('../src/store/pg/import.ts');
  const { searchDatabase } = await import('../src/store/pg/search.ts');
  const server = await startTestPostgres();
  await (await openDatabase({ url: server.url, dataDir: '.data' })).close();
  const pool = await openCorpusPool(server.url);
  await importPaths(pool, [join(dir, 'docs.jsonl')]);
  return {
    rank: async (query) => {
      const seen = new Set<string>();
      for (const hit of await searchDatabase(pool, query, { limit: 5000 })) seen.add(hit.id.replace(/-[^-]+$/, ''));
      return [...seen].slice(0, 1000);
    },
    stop: async () => {
      await pool.end();
      server.stop();
    },
  };
}

const rows: Array<[string, Ranker]> = [
  ['plain BM25 reference (stop words, Porter, k1 1.2, b 0.75)', plainBm25(corpus)],
  ['minisearch defaults (no stemming, BM25+ d 0.5, coordination)', indexRanker(minisearchDefaults)],
  ['+ stop words only', indexRanker({ ...minisearchDefaults, stopWords: true })],
  ['+ Porter stemming only', indexRanker({ ...minisearchDefaults, stem: true })],
  ['+ stop words and Porter stemming', indexRanker({ ...minisearchDefaults, stopWords: true, stem: true })],
  ['+ classic BM25 (b 0.75, d 0)', indexRanker({ ...minisearchDefaults, stopWords: true, stem: true, bm25: { k: 1.2, b: 0.75, d: 0 } })],
  ['+ no coordination factor (shipped, title boost 0.5)', indexRanker(DEFAULT_INDEX_SETTINGS)],
  ['shipped, no posting budget', indexRanker({ ...DEFAULT_INDEX_SETTINGS, postingBudget: Infinity })],
  ['shipped, posting budget 133 (9.5% of the documents, its share of Reuters)', indexRanker({ ...DEFAULT_INDEX_SETTINGS, postingBudget: 133 })],
  ['shipped, without stop words', indexRanker({ ...DEFAULT_INDEX_SETTINGS, stopWords: false })],
  ['shipped, title boost 1', indexRanker({ ...DEFAULT_INDEX_SETTINGS, boost: { text: 1, title: 1, outlet: 1 } })],
];

console.log(`Cranfield: ${corpus.articles.length} documents, ${qrels.size} judged queries\n`);
console.log('| configuration | MAP | nDCG@10 |\n|---|---|---|');
const results = new Map<string, number>();
for (const [name, rank] of rows) {
  const { map, ndcg10 } = await evaluate(rank);
  results.set(name, map);
  console.log(`| ${name} | ${map.toFixed(3)} | ${ndcg10.toFixed(3)} |`);
}
if (!process.argv.includes('--no-postgres')) {
  const database = await databaseRanker();
  try {
    const { map, ndcg10 } = await evaluate(database.rank);
    const shipped = results.get('+ no coordination factor (shipped, title boost 0.5)')!;
    console.log(`| PostgreSQL store: BM25 in SQL (${(map / shipped).toFixed(3)} × the shipped index) | ${map.toFixed(3)} | ${ndcg10.toFixed(3)} |`);
  } finally {
    await database.stop();
  }
}
