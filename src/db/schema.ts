/**
 * The tables of the state database, as Kysely sees them. One interface per table; `Generated` marks what
 * the database fills in (ids). Every table is defined by a migration in `migrations/`: a change to a table
 * is a new migration plus a change here, never an edit of an old migration.
 *
 * Conventions that keep SQLite and PostgreSQL alike: times are ISO-8601 UTC strings (`2026-12-03T07:00:00.000Z`:
 * they sort as text); flags are integers 0/1; lists and small records are JSON text; ids are integers.
 */
import type { Generated } from 'kysely';

/** Small facts about this database and the process that owns it (`key` → `value`). */
export interface StateTable {
  key: string;
  value: string;
  updated_at: string;
}

// Intake (feeds) and push (watches, schedules) add their tables in migrations 002 and 003, and their
// interfaces here.

/**
 * The corpus store's tables (migration 004, PostgreSQL only): src/store/pg reads and writes them, mostly
 * with plain SQL and COPY; these interfaces are for typed queries elsewhere.
 */
export interface CorpusArticlesTable {
  seq: Generated<number>;
  id: string;
  file: string;
  path: string;
  title: string | null;
  outlet: string | null;
  /** YYYY-MM-DD, or null. */
  published: string | null;
  published_info: unknown;
  url: string | null;
  dropped: unknown;
  paragraphs: number;
  title_terms: string[];
  title_tf: number[];
  title_len: number;
  outlet_terms: string[];
  outlet_tf: number[];
  outlet_len: number;
  analyses: unknown;
  imported_at: string;
}

export interface CorpusParagraphsTable {
  pid: Generated<number>;
  id: string;
  article_seq: number;
  n: number;
  text: string;
  sentences: number[];
  terms: string[];
  tf: number[];
  len: number;
  term_count: number;
}

export interface CorpusFilesTable {
  path: string;
  hash: string;
  article_ids: string[];
  imported_at: string;
}

export interface CorpusRetiredTable {
  id: string;
  reason: string;
  retired_at: string;
}

export interface Tables {
  state: StateTable;
  corpus_articles: CorpusArticlesTable;
  corpus_paragraphs: CorpusParagraphsTable;
  corpus_files: CorpusFilesTable;
  corpus_retired: CorpusRetiredTable;
}

/** Rows as read: `Selectable` of each table. */
export type Id = Generated<number>;
