import type { Library } from '../library.ts';
import type { Answer, CommandName } from './types.ts';
import { source } from './source.ts';
import { search } from './search.ts';
import { corpusReport } from './corpus.ts';
import { timeline } from './timeline.ts';
import { brief } from './brief.ts';
import { who } from './who.ts';
import { flattenTyped } from '../text/normalize.ts';

export interface AskOptions {
  /** At most this many items (each command has its own default). */
  limit?: number;
}

/** An answer function: pure, library + query → Answer. */
export type AnswerFunction = (library: Library, query: string, options: AskOptions) => Answer;

/**
 * The commands the engine answers. `null` marks a command whose answer is not built yet; `ask`
 * then says so rather than pretending.
 */
export const ANSWERS: Record<CommandName, AnswerFunction | null> = {
  brief: (library, query, options) => brief(library, query, options),
  timeline: (library, query, options) => timeline(library, query, options),
  who: (library, query, options) => who(library, query, options),
  source: (library, query) => source(library, query),
  search: (library, query, options) => search(library, query, options),
  corpus: (library) => corpusReport(library),
  // Answered by push (src/push), which holds the state they need: `/watch` and `/schedule` in Discord and the
  // console, and `ask watch <topic> --since <time>` (src/cli/ask.ts).
  watch: null,
  schedule: null,
};

export const COMMAND_NAMES = Object.keys(ANSWERS) as CommandName[];

/** The largest `limit` a person asks for at the terminal (`--limit`, checked by src/cli/args.ts). */
export const MAX_LIMIT = 100;

/** Longest query the engine accepts; longer input is cut (and the answer says so). */
export const MAX_QUERY_LENGTH = 200;

/** Cleans user input: control characters out, whitespace collapsed, length bounded. */
export function cleanQuery(raw: string): { query: string; cut: boolean } {
  const flat = flattenTyped(raw);
  const cut = flat.length > MAX_QUERY_LENGTH;
  return { query: cut ? flat.slice(0, MAX_QUERY_LENGTH).replace(/\s\S*$/, '') : flat, cut };
}

/** Answers one command: the single entry point every door (CLI, console, Discord, tests) goes through. */
export function ask(library: Library, command: CommandName, rawQuery: string, options: AskOptions = {}): Answer {
  const { query, cut } = cleanQuery(rawQuery);
  const fn = ANSWERS[command];
  if (!fn) {
    return { command, query, title: command, items: [], sources: [], notes: [`\`${command}\` is not available yet.`] };
  }
  const answer = fn(library, query, options);
  if (cut) answer.notes.push(`The query was cut to ${MAX_QUERY_LENGTH} characters.`);
  return answer;
}
