/**
 * What a slash command is: its builder (`data`), whether its answer may be slow enough to defer, a thin
 * `execute` (read the options, hand the query to `ctx.answer`), and an optional autocomplete that answers
 * from memory. The explicit list in `commands/index.ts` is used by both deploy and dispatch.
 */
import type {
  ApplicationCommandOptionChoiceData,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Answer, CommandName } from '../answer/types.ts';
import type { Library } from '../library.ts';
import type { AnswerFunction } from '../answer/index.ts';
import type { Services } from '../services.ts';
import type { CorpusStore } from '../store/types.ts';

export interface CommandContext {
  /**
   * Answers `command` for `query` through the one reply path: availability, deferral when the command is
   * slow, the answer function, the renderer, and the reply (ephemeral when nothing was found).
   */
  answer(command: CommandName, query: string): Promise<void>;
  /** The library answers are read from (may be replaced while the bot runs). */
  library(): Library;
  /** The corpus store when answers come from the database (CORPUS_STORE=postgres); absent in memory mode. */
  store?: CorpusStore;
  /** The answer function of a command, or null while it is not available. */
  answerFunction(command: CommandName): AnswerFunction | null;
  /** The state database, intake and push, for the commands that manage them (/add, /feed, /watch, /schedule). */
  services: Services;
  /**
   * Sends an Answer made by the command itself (a listing, what was added) through the one reply path,
   * rendered as every answer is; `ephemeral` for a private reply. Expected failures are thrown as UserError.
   */
  respond(answer: Answer, options?: { ephemeral?: boolean }): Promise<void>;
  /** Acknowledges now ("thinking…"), before work that may take longer than Discord's 3 seconds. */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
}

export interface Command {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  /**
   * Whether the answer may take more than about a second, so the bot should acknowledge ("thinking…")
   * before computing (Discord allows 3 s to acknowledge); a function decides per query and library (e.g. a
   * table not built yet). When false, the bot answers at once unless answers of the kind were slow lately
   * or the interaction has already waited (src/discord/pace.ts).
   */
  defer: boolean | ((query: string, library: Library) => boolean);
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  /** Choices for the focused option, from memory or the corpus store (no deferral is possible for autocomplete). */
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): ApplicationCommandOptionChoiceData<string>[] | Promise<ApplicationCommandOptionChoiceData<string>[]>;
}
