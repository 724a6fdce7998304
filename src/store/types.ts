/**
 * Where answers are read from: the library in this process's memory (the default), or the corpus in
 * PostgreSQL (CORPUS_STORE=postgres), which several processes share. Either way the same answer functions
 * (src/answer) make the Answer: the database store loads the few articles a question needs into a small
 * Library and asks them (src/store/pg/store.ts). The doors (Discord, console, CLI) see this interface.
 */
import type { AskOptions } from '../answer/index.ts';
import type { Answer, CommandName } from '../answer/types.ts';
import type { Article } from '../corpus/types.ts';
import type { TopicSpelling } from '../analyse/entities-spellings.ts';
import { DatabaseUnreachableError, type Asked } from '../db/unreachable.ts';

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

/**
 * Which rules analysed the stored corpus, against this code's (the PostgreSQL store: src/store/pg/analysis.ts).
 */
export interface AnalysisStatus {
  /** The analysis version of this process's code. */
  code: string;
  /** The version recorded as having read every file of the archive; null when none is. */
  recorded: string | null;
  /** The archive holds files and `recorded` is not `code`: answers read rows older rules made. */
  stale: boolean;
  /** When stale: what it means and the command that reads every file again. */
  warning: string | null;
}

/**
 * Articles as the corpus holds them now, for what works on whole articles outside the answers (push: a
 * watch's queued sentences checked against the current text, "now 2 independent sources" counted among a topic's
 * articles). Both stores give it: the library's maps, or a few rows of the database.
 */
export interface ArticleReader {
  /** The corpus folder that articles' paths are relative to. */
  readonly root: string;
  /** The articles with these ids (an id the corpus does not hold is left out). */
  articles(ids: readonly string[]): Promise<Map<string, Article>>;
  /**
   * The articles of the best `paragraphs` paragraphs a search for `query` finds (the search the answers
   * make, other spellings of its names included), each once. How many paragraphs were found comes with
   * them. `spellings`: the query's other spellings when the caller has them already (`topicSpellings`), so a
   * store that looks them up in its database does not ask again.
   */
  searchArticles(query: string, paragraphs: number, spellings?: readonly TopicSpelling[]): Promise<{ found: number; articles: Article[] }>;
  /**
   * Whether a search for `query` finds anything now: some word of it is in the index (its document
   * frequency, no paragraph read): the yes/no of `searchArticles(query, …).found > 0` for the query as typed
   * (add the topic's other spellings with `spelledQuery`, as /watch add does); null when the store cannot tell now (the corpus database is unreachable), as `ask` marks its answer `unreachable`.
   */
  anyMatch(query: string): Promise<boolean | null>;
  /**
   * The other spellings of the names in each topic that a topic search looks for too ("Kataib Hezbollah"
   * → "Kataeb", src/analyse/entities-spellings.ts): topic → spellings, empty for most topics. One call for
   * many topics (a round's watches, each matched with them); the corpus's names as they are now, so the
   * names a round just brought count.
   */
  topicSpellings(topics: readonly string[]): Promise<Map<string, TopicSpelling[]>>;
}

export interface CorpusStore extends ArticleReader {
  readonly kind: 'memory' | 'postgres';
  /** Where the corpus is, for logs and the console banner (never a password). */
  readonly where: string;
  /** Answers one command, as `ask()` does on a library (the query is cleaned and bounded here). */
  ask(command: CommandName, query: string, options?: AskOptions): Promise<StoreAnswer>;
  /** Choices for `/source` ids or `/who` names as a person types (at most 25). */
  choices(kind: 'source' | 'who', typed: string): Promise<StoreChoice[]>;
  /** The verbatim text of paragraphs by citation id (what the Sources button shows in full). */
  paragraphTexts(ids: readonly string[]): Promise<Map<string, string>>;
  counts(): Promise<StoreCounts>;
}

/**
 * Why a store's answer is empty: the corpus database could not be reached. Data, as the rest of the answer:
 * where it is (`describeDatabaseUrl`, never the password) and the driver's reason, for the doors to word
 * (`archiveOutage` → `unreachableReply`): Discord names only "the archive", the console and the CLI where.
 */
export interface ArchiveOutage {
  where: string;
  /** The driver's message, e.g. "Connection terminated unexpectedly" (for the log line). */
  reason: string;
}

/**
 * A store's answer: an Answer, marked `unreachable` when the store could not reach the corpus database (then
 * it has no items and no notes: each door says so its own way, through `archiveOutage`). What acts on the
 * outage (push leaves a scheduled run for the next tick) reads the mark.
 */
export type StoreAnswer = Answer & { unreachable?: ArchiveOutage };

/** The answer a store gives when the corpus database (at `where`) cannot be reached, `reason` the driver's. */
export function unreachableAnswer(command: CommandName, query: string, where: string, reason: string): StoreAnswer {
  return { command, query, title: command, items: [], sources: [], notes: [], unreachable: { where, reason } };
}

/** What a door reads from the archive, as its reply says when it cannot. */
export const ARCHIVE_READ: Asked = { read: 'the articles' };

/**
 * An answer marked `unreachable`, as the error every door words (`unreachableReply(err, door)`) and the
 * Discord dispatcher logs with `where`; null for any other answer.
 *
 * @example
 * const down = archiveOutage(await store.ask('brief', 'embassy'));
 * if (down) throw down; // Discord: "The archive could not be reached just now, so the articles could not be read; …"
 */
export function archiveOutage(answer: Answer | StoreAnswer): DatabaseUnreachableError | null {
  const outage = (answer as StoreAnswer).unreachable;
  return outage ? new DatabaseUnreachableError('archive', outage.where, ARCHIVE_READ, 'no', { cause: new Error(outage.reason) }) : null;
}
