/**
 * BM25 in PostgreSQL, scored as the in-memory index scores (src/index/minisearch.ts): the same terms (made
 * in Node by the index's tokenizer, stop words and stemmer), per-field BM25 (text, headline ×0.5, outlet
 * ×0.5; k1 1.2, b 0.75) with each field's document frequency and average length, summed per term, and the
 * same plan: query terms rarest first within a posting budget, the common rest only re-scoring the best
 * candidates on their text.
 *
 * What differs is where candidates come from. In memory every posting of the searched terms is scored; here
 * too, as long as they fit the budget. A term whose postings alone pass it (a one-word query on a common
 * word) gives its best `TERM_CANDIDATES` paragraphs by impact — a range of an index ordered by
 * (term, impact) — instead of all of them, so the work of a query is bounded whatever the corpus size.
 */
import type pg from 'pg';
import { BM25, queryTerms } from '../terms.ts';
import type { Stats } from './write.ts';

/** Paragraphs taken from one term's postings when they alone pass the posting budget. */
export const TERM_CANDIDATES = 1000;
/** Articles taken from one term's headline and outlet postings when they pass the budget. */
export const ARTICLE_CANDIDATES = 100;

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

/** How a query runs: the terms searched (rarest first, within the budget) and the common ones re-scored. */
export function planQuery(known: readonly TermInfo[], budget = BM25.postingBudget): { searched: TermInfo[]; rescored: TermInfo[] } {
  const sorted = [...known].sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
  const searched: TermInfo[] = [];
  let postings = 0;
  for (const t of sorted) {
    if (searched.length > 0 && postings + t.df > budget) break;
    searched.push(t);
    postings += t.df;
  }
  return { searched, rescored: sorted.slice(searched.length) };
}

/** The statistics a query needs, in one round trip: its terms' document frequencies and the corpus sums. */
async function termInfo(pool: pg.Pool, terms: readonly string[]): Promise<{ known: TermInfo[]; stats: Pick<Stats, 'paragraphs' | 'text_len' | 'title_len' | 'outlet_len' | 'text_tokens'> }> {
  const { rows } = await pool.query<{ term: string | null; df: number; df_text: number; df_title: number; df_outlet: number }>(
    `select term, df, df_text, df_title, df_outlet from corpus_terms where term = any($1) and df > 0
     union all
     select null, (select coalesce(sum(value) filter (where key = 'paragraphs'), 0) from corpus_stats)::float8,
       (select coalesce(sum(value) filter (where key = 'text_len'), 0) from corpus_stats)::float8,
       (select coalesce(sum(value) filter (where key = 'title_len'), 0) from corpus_stats)::float8,
       (select coalesce(sum(value) filter (where key = 'outlet_len'), 0) from corpus_stats)::float8
     union all
     select '', (select coalesce(sum(value) filter (where key = 'text_tokens'), 0) from corpus_stats)::float8, 0, 0, 0`,
    [terms],
  );
  const known: TermInfo[] = [];
  const stats = { paragraphs: 0, text_len: 0, title_len: 0, outlet_len: 0, text_tokens: 0 };
  for (const r of rows) {
    if (r.term === null) Object.assign(stats, { paragraphs: Number(r.df), text_len: Number(r.df_text), title_len: Number(r.df_title), outlet_len: Number(r.df_outlet) });
    else if (r.term === '') stats.text_tokens = Number(r.df);
    else known.push({ term: r.term, df: r.df, dfText: r.df_text, dfTitle: r.df_title, dfOutlet: r.df_outlet });
  }
  return { known, stats };
}

/**
 * The paragraphs best matching `query`, best first (ties by id), with the terms each matched: what
 * `SearchIndex.search` returns in memory, as rows of the database.
 */
export async function searchDatabase(pool: pg.Pool, query: string, options: { limit?: number; postingBudget?: number } = {}): Promise<DbHit[]> {
  const limit = options.limit ?? 20;
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const { known, stats } = await termInfo(pool, terms);
  const budget = options.postingBudget ?? BM25.postingBudget;
  const { searched, rescored } = planQuery(known, budget);
  if (searched.length === 0) return [];
  const keep = rescored.length > 0 ? Math.max(limit * 3, 50) : limit;
  const n = Math.max(1, stats.paragraphs);
  // Every posting of a term within the budget; the best by impact of one that passes it alone.
  const all = 2 ** 31 - 1;
  const textLimits = searched.map((t) => (t.dfText > budget ? Math.max(TERM_CANDIDATES, keep) : all));
  const articleLimits = searched.map((t) => (t.dfTitle + t.dfOutlet > budget ? ARTICLE_CANDIDATES : all));
  const { k, b, d } = BM25;
  const { rows } = await pool.query<{ pid: number; id: string; article_seq: number; score: number; matched: string[] }>(
    `with q as (
       select * from unnest($1::text[], $2::int[], $3::float8[], $4::float8[], $5::float8[], $6::int[], $7::int[])
         as q(term, ord, df_text, df_title, df_outlet, text_limit, article_limit)
     ),
     candidates as (
       select x.pid from q cross join lateral (
         select p.pid from corpus_postings p where p.term = q.term order by p.impact desc limit q.text_limit) x
       union
       select cp.pid from q cross join lateral (
         select distinct t.article_seq from (
           select t.article_seq from corpus_article_terms t where t.term = q.term order by t.impact desc limit q.article_limit) t) y
         join corpus_paragraphs cp on cp.article_seq = y.article_seq
     ),
     parts as (
       select p.pid, p.id, p.article_seq, q.ord, q.term,
         coalesce(p.tf[array_position(p.terms, q.term)], 0) as tf_text, p.len,
         coalesce(a.title_tf[array_position(a.title_terms, q.term)], 0) as tf_title, a.title_len,
         coalesce(a.outlet_tf[array_position(a.outlet_terms, q.term)], 0) as tf_outlet, a.outlet_len,
         q.df_text, q.df_title, q.df_outlet
       from candidates c
       join corpus_paragraphs p on p.pid = c.pid
       join corpus_articles a on a.seq = p.article_seq
       cross join q
     ),
     weighted as (
       select pid, id, article_seq, ord, term, tf_text + tf_title + tf_outlet > 0 as hit,
         (case when tf_text > 0 then $9::float8 * ln(1 + ($8::float8 - df_text + 0.5) / (df_text + 0.5)) * ($14::float8 + tf_text * ($15::float8 + 1) / (tf_text + $15::float8 * (1 - $16::float8 + $16::float8 * len / $11::float8))) else 0 end)
         + (case when tf_title > 0 then $10::float8 * ln(1 + ($8::float8 - df_title + 0.5) / (df_title + 0.5)) * ($14::float8 + tf_title * ($15::float8 + 1) / (tf_title + $15::float8 * (1 - $16::float8 + $16::float8 * title_len / $12::float8))) else 0 end)
         + (case when tf_outlet > 0 then $17::float8 * ln(1 + ($8::float8 - df_outlet + 0.5) / (df_outlet + 0.5)) * ($14::float8 + tf_outlet * ($15::float8 + 1) / (tf_outlet + $15::float8 * (1 - $16::float8 + $16::float8 * outlet_len / $13::float8))) else 0 end)
           as w
       from parts
     ),
     scored as (
       select pid, id, article_seq, sum(w order by ord) filter (where hit) as score, array_agg(term order by ord) filter (where hit) as matched
       from weighted group by pid, id, article_seq
       having bool_or(hit)
       order by score desc, id collate "C" limit $18
     ),
     common as (
       select * from unnest($19::text[], $20::float8[]) as r(term, df)
     ),
     rescored as (
       select s.pid, s.id, s.article_seq,
         s.score + coalesce(extra.w, 0) as score, s.matched || coalesce(extra.terms, '{}') as matched
       from scored s join corpus_paragraphs p on p.pid = s.pid
       left join lateral (
         select sum(${BM25.boost.text}::float8 * ln(1 + ($8::float8 - r.df + 0.5) / (r.df + 0.5))
                    * (p.tf[r.at] * ($15::float8 + 1) / (p.tf[r.at] + $15::float8 * (1 - $16::float8 + $16::float8 * p.term_count / $21::float8))) order by r.at) as w,
                array_agg(r.term order by r.at) as terms
         from (select c.term, c.df, array_position(p.terms, c.term) as at from common c) r
         where r.at is not null
       ) extra on true
     )
     select pid, id, article_seq, score, matched from rescored order by score desc, id collate "C" limit $22`,
    [
      searched.map((t) => t.term),
      searched.map((_, i) => i),
      searched.map((t) => t.dfText),
      searched.map((t) => t.dfTitle),
      searched.map((t) => t.dfOutlet),
      textLimits,
      articleLimits,
      n,
      BM25.boost.text || 1,
      BM25.boost.title || 1,
      stats.text_len / n || 1,
      stats.title_len / n || 1,
      stats.outlet_len / n || 1,
      d,
      k,
      b,
      BM25.boost.outlet || 1,
      keep,
      rescored.map((t) => t.term),
      rescored.map((t) => t.df),
      stats.text_tokens / n || 1,
      limit,
    ],
  );
  return rows.map((r) => ({ pid: r.pid, id: r.id, articleSeq: Number(r.article_seq), score: Number(r.score), matched: r.matched }));
}
