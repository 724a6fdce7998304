/**
 * BM25 in PostgreSQL, scored as the in-memory index scores (src/index/minisearch.ts): the same terms (made
 * in Node by the index's tokenizer, stop words and stemmer), per-field BM25 (text, headline ×0.5, outlet
 * ×0.5; k1 1.2, b 0.75) with each field's document frequency and average length, summed per term rarest
 * first, ties broken by id.
 *
 * What differs is how the work is bounded. In memory a query's terms are searched rarest first until
 * 10,000 postings are read, and the common rest only re-score the best candidates. Here each term brings
 * at most its best `TERM_CANDIDATES` paragraphs by impact — a range of an index ordered by (term, impact
 * desc) — the candidates are ranked by the impacts × idf their postings carry (no row read), and the best
 * `RERANKED` are scored in full on every term: the work of a query is bounded whatever the corpus size, and
 * a term is never left out of a candidate's score. Where no bound bites (the seeds, Cranfield) the scored
 * paragraphs are exactly those memory scores, and so are the results.
 */
import type pg from 'pg';
import { BM25, queryTerms } from '../terms.ts';
import type { Stats } from './write.ts';

/** Paragraphs taken from one term's postings at most: its best by impact (the issue measured top 500 = full BM25 on Cranfield). */
export const TERM_CANDIDATES = 500;
/** Articles taken from one term's headline and outlet postings at most. */
export const ARTICLE_CANDIDATES = 50;
/**
 * Candidates scored in full: the best by their postings' impacts × idf (the text, headline and outlet
 * weights of the terms that brought them, computed from the index alone), at least twice the hits asked for.
 */
export const RERANKED = 200;

export interface DbHit {
  pid: number;
  id: string;
  articleSeq: number;
  score: number;
  matched: string[];
}

interface TermInfo {
  term: string;
  df: number;
  dfText: number;
  dfTitle: number;
  dfOutlet: number;
}

/** The statistics a query needs, in one round trip: its terms' document frequencies and the corpus sums. */
async function termInfo(pool: pg.Pool, terms: readonly string[]): Promise<{ known: TermInfo[]; stats: Pick<Stats, 'paragraphs' | 'text_len' | 'title_len' | 'outlet_len'> }> {
  const { rows } = await pool.query<{ term: string | null; df: number; df_text: number; df_title: number; df_outlet: number }>(
    `select term, df, df_text, df_title, df_outlet from corpus_terms where term = any($1) and df > 0
     union all
     select null, (select coalesce(sum(value) filter (where key = 'paragraphs'), 0) from corpus_stats)::float8,
       (select coalesce(sum(value) filter (where key = 'text_len'), 0) from corpus_stats)::float8,
       (select coalesce(sum(value) filter (where key = 'title_len'), 0) from corpus_stats)::float8,
       (select coalesce(sum(value) filter (where key = 'outlet_len'), 0) from corpus_stats)::float8
`,
    [terms],
  );
  const known: TermInfo[] = [];
  const stats = { paragraphs: 0, text_len: 0, title_len: 0, outlet_len: 0 };
  for (const r of rows) {
    if (r.term === null) Object.assign(stats, { paragraphs: Number(r.df), text_len: Number(r.df_text), title_len: Number(r.df_title), outlet_len: Number(r.df_outlet) });
    else known.push({ term: r.term, df: r.df, dfText: r.df_text, dfTitle: r.df_title, dfOutlet: r.df_outlet });
  }
  return { known, stats };
}

/** How many paragraphs of the whole archive have each of `terms` (for `SearchIndex.paragraphFrequency`), and how many there are. */
export async function termFrequencies(pool: pg.Pool, terms: readonly string[]): Promise<{ paragraphs: number; df: Map<string, number> }> {
  const { known, stats } = await termInfo(pool, terms);
  return { paragraphs: stats.paragraphs, df: new Map(known.map((k) => [k.term, Number(k.df)])) };
}

/**
 * Whether `searchDatabase(pool, query)` finds anything: some term of the query has a document frequency (in
 * any field). One look-up per term in `corpus_terms`; no posting or paragraph is read.
 */
export async function anyMatch(pool: pg.Pool, query: string): Promise<boolean> {
  const terms = queryTerms(query);
  if (terms.length === 0) return false;
  const { rows } = await pool.query<{ found: boolean }>('select exists (select 1 from corpus_terms where term = any($1) and df > 0) as found', [terms]);
  return rows[0]!.found;
}

/**
 * The paragraphs best matching `query`, best first (ties by id), with the terms each matched: what
 * `SearchIndex.search` returns in memory, as rows of the database.
 *
 * Every known query term is scored in full on every candidate (rarest first, as memory sums them). The
 * candidates are each term's postings while they are at most `termCandidates` (then they are exactly the
 * paragraphs memory scores), else its best `termCandidates` by impact; plus the paragraphs of the articles
 * whose headline or outlet has the term (at most `ARTICLE_CANDIDATES` articles a term).
 */
export async function searchDatabase(pool: pg.Pool, query: string, options: { limit?: number; termCandidates?: number } = {}): Promise<DbHit[]> {
  const limit = options.limit ?? 20;
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const { known, stats } = await termInfo(pool, terms);
  if (known.length === 0) return [];
  const ordered = [...known].sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
  const n = Math.max(1, stats.paragraphs);
  const perTerm = Math.max(options.termCandidates ?? TERM_CANDIDATES, limit);
  const { k, b, d } = BM25;
  const bm25 = (tf: string, len: string, df: string, avg: string, boost: number) =>
    `case when ${tf} > 0 then ${boost}::float8 * ln(1 + ($5::float8 - ${df} + 0.5) / (${df} + 0.5)) * (${d}::float8 + ${tf} * (${k}::float8 + 1) / (${tf} + ${k}::float8 * (1 - ${b}::float8 + ${b}::float8 * ${len} / ${avg}))) else 0 end`;
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const { rows } = await pool.query<{ pid: number; id: string; article_seq: number; score: number; matched: string[] }>(
    `with q as (
       select * from unnest($1::text[], $2::float8[], $3::float8[], $4::float8[], $12::float8[], $13::float8[], $14::float8[])
         with ordinality as q(term, df_text, df_title, df_outlet, idf_text, idf_title, idf_outlet, ord)
     ),
     candidates as (
       select x.pid, x.impact * q.idf_text as w from q cross join lateral (
         select p.pid, p.impact from corpus_postings p where p.term = q.term order by p.impact desc limit $6) x
       union all
       select cp.pid, y.impact * (case y.field when 1 then q.idf_title else q.idf_outlet end) from q cross join lateral (
         select t.article_seq, t.field, t.impact from corpus_article_terms t where t.term = q.term order by t.impact desc limit $7) y
         join corpus_paragraphs cp on cp.article_seq = y.article_seq
     ),
     best as (
       select pid from candidates group by pid order by sum(w) desc, pid limit $15
     )
     select p.pid, p.id, p.article_seq, s.score, s.matched
     from best c
     join corpus_paragraphs p on p.pid = c.pid
     join corpus_articles a on a.seq = p.article_seq
     cross join lateral (
       select sum(w) as score, array_agg(term) filter (where hit) as matched, bool_or(hit) as hit
       from (
         select q.term, tf_text + tf_title + tf_outlet > 0 as hit,
           ${bm25('tf_text', 'p.len', 'q.df_text', '$8::float8', BM25.boost.text || 1)}
           + ${bm25('tf_title', 'a.title_len', 'q.df_title', '$9::float8', BM25.boost.title || 1)}
           + ${bm25('tf_outlet', 'a.outlet_len', 'q.df_outlet', '$10::float8', BM25.boost.outlet || 1)} as w
         from q cross join lateral (
           select coalesce(p.tf[array_position(p.terms, q.term)], 0) as tf_text,
                  coalesce(a.title_tf[array_position(a.title_terms, q.term)], 0) as tf_title,
                  coalesce(a.outlet_tf[array_position(a.outlet_terms, q.term)], 0) as tf_outlet) f
         order by q.ord
       ) terms
     ) s
     where s.hit
     order by s.score desc, p.id collate "C"
     limit $11`,
    [
      ordered.map((t) => t.term),
      ordered.map((t) => t.dfText),
      ordered.map((t) => t.dfTitle),
      ordered.map((t) => t.dfOutlet),
      n,
      perTerm,
      ARTICLE_CANDIDATES,
      stats.text_len / n || 1,
      stats.title_len / n || 1,
      stats.outlet_len / n || 1,
      limit,
      ordered.map((t) => idf(t.dfText)),
      ordered.map((t) => idf(t.dfTitle)),
      ordered.map((t) => idf(t.dfOutlet)),
      Math.max(RERANKED, limit * 2),
    ],
  );
  return rows.map((r) => ({ pid: r.pid, id: r.id, articleSeq: Number(r.article_seq), score: Number(r.score), matched: r.matched }));
}
