/**
 * Where answers are read from: the library in this process's memory (the default), or the corpus in
 * PostgreSQL (CORPUS_STORE=postgres), which several processes share. Either way the same answer functions
 * (src/answer) make the Answer: the database store loads the few articles a question needs into a small
 * Library and asks them (src/store/pg/store.ts). The doors (Discord, console, CLI) see this interface.
 */
import type { AskOptions } from '../answer/index.ts';
import type { Answer, CommandName } from '../answer/types.ts';

/** An autocomplete choice: what is shown and what is sent. */
export interface StoreChoice {
  name: string;
  value: string;
}

export interface StoreCounts {
  articles: number;
  paragraphs: number;
  files: number;
  problems: number;
}

export interface CorpusStore {
  readonly kind: 'memory' | 'postgres';
  /** Where the corpus is, for logs and the console banner (never a password). */
  readonly where: string;
  /** Answers one command, as `ask()` does on a library (the query is cleaned and bounded here). */
  ask(command: CommandName, query: string, options?: AskOptions): Promise<Answer>;
  /** Choices for `/source` ids or `/who` names as a person types (at most 25). */
  choices(kind: 'source' | 'who', typed: string): Promise<StoreChoice[]>;
  /** The verbatim text of paragraphs by citation id (what the Sources button shows in full). */
  paragraphTexts(ids: readonly string[]): Promise<Map<string, string>>;
  counts(): Promise<StoreCounts>;
}

/** The message every door shows when the corpus database cannot be reached. */
export const ARCHIVE_UNREACHABLE = 'The archive is unreachable right now; try again in a moment.';
