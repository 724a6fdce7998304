import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

/**
 * 004: the corpus in PostgreSQL (src/store/pg): articles, their paragraphs with sentence spans and index
 * terms, the per-article analyses, the search postings and term statistics, the files imported, the
 * problems reported and the citation ids retired. PostgreSQL only: on SQLite the corpus stays in memory,
 * so this migration does nothing there.
 *
 * Terms are made in Node by the index's own tokenizer, stop words and stemmer (src/text/terms.ts), so the
 * vocabulary is the in-memory index's; PostgreSQL stores them, finds candidates by them and scores BM25.
 */
export async function up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void> {
  if (ctx.engine !== 'postgres') return;
  const statements = [
    // One row per article, in import order (`seq`: the corpus order answers iterate in).
    sql`create table corpus_articles (
      seq bigserial primary key,
      id text not null unique,
      file text not null,
      path text not null,
      title text,
      outlet text,
      published text,
      published_info jsonb,
      url text,
      dropped jsonb not null,
      paragraphs integer not null,
      title_terms text[] not null,
      title_tf smallint[] not null,
      title_len integer not null,
      outlet_terms text[] not null,
      outlet_tf smallint[] not null,
      outlet_len integer not null,
      analyses jsonb not null,
      imported_at text not null
    )`,
    sql`create index corpus_articles_recent on corpus_articles (published desc nulls last, seq desc)`,
    sql`create index corpus_articles_file on corpus_articles (file)`,
    sql`create index corpus_articles_id_prefix on corpus_articles (lower(id) text_pattern_ops)`,
    // Paragraphs: the verbatim text, sentence spans as [start, end, start, end, …], and for BM25 the
    // text field's distinct terms with their frequencies, its length as minisearch counts it (distinct
    // tokens) and the number of index terms (what the re-scoring of common terms counts).
    sql`create table corpus_paragraphs (
      pid serial primary key,
      id text not null unique,
      article_seq bigint not null,
      n integer not null,
      text text not null,
      sentences integer[] not null,
      terms text[] not null,
      tf smallint[] not null,
      len integer not null,
      term_count integer not null
    )`,
    sql`create index corpus_paragraphs_article on corpus_paragraphs (article_seq, n)`,
    // Search postings of the text field, ordered by impact (the term's BM25 weight without its idf), so
    // the best paragraphs of even the commonest term are a short index range. Postings of paragraphs that
    // were replaced stay until `vacuumPostings` (searches drop them by the join with corpus_paragraphs).
    sql`create table corpus_postings (
      term text not null,
      impact real not null,
      pid integer not null
    )`,
    sql`create index corpus_postings_term on corpus_postings (term, impact desc, pid)`,
    // Headline and outlet terms per article (every paragraph of the article carries them, as in memory).
    sql`create table corpus_article_terms (
      term text not null,
      field smallint not null,
      impact real not null,
      article_seq bigint not null
    )`,
    sql`create index corpus_article_terms_term on corpus_article_terms (term, impact desc, article_seq)`,
    sql`create index corpus_article_terms_article on corpus_article_terms (article_seq)`,
    // Document frequencies: paragraphs with the term in any field, in the text, the headline, the outlet.
    sql`create table corpus_terms (
      term text primary key,
      df integer not null,
      df_text integer not null,
      df_title integer not null,
      df_outlet integer not null
    )`,
    // Corpus-wide sums (paragraphs, articles, field lengths, …), kept by additive updates.
    sql`create table corpus_stats (
      key text primary key,
      value double precision not null
    )`,
    // Names found in each article (form keys and their words, with the spelling they came from), for
    // /who with a name; and per key and spelling the number of articles, for /who's autocomplete.
    sql`create table corpus_names (
      key text not null,
      name text not null,
      article_seq bigint not null
    )`,
    sql`create index corpus_names_key on corpus_names (key text_pattern_ops, article_seq)`,
    sql`create index corpus_names_article on corpus_names (article_seq)`,
    sql`create table corpus_name_counts (
      key text not null,
      name text not null,
      articles integer not null,
      primary key (key, name)
    )`,
    sql`create index corpus_name_counts_prefix on corpus_name_counts (key text_pattern_ops)`,
    // Files imported: path (relative to the folder imported), content hash, the articles it gave.
    sql`create table corpus_files (
      path text primary key,
      hash text not null,
      article_ids text[] not null,
      imported_at text not null
    )`,
    sql`create table corpus_problems (
      path text not null,
      line integer,
      action text not null,
      message text not null
    )`,
    sql`create index corpus_problems_path on corpus_problems (path)`,
    // Citation ids that were in the corpus and are gone, with what happened (as Library.retired).
    sql`create table corpus_retired (
      id text primary key,
      reason text not null,
      retired_at text not null
    )`,
    // Small facts about the corpus (the alias file's text, the root imported from).
    sql`create table corpus_meta (
      key text primary key,
      value text not null
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
}
