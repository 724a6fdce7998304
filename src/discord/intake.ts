/**
 * What /add and /feed share: the intake service (or a clear reply that it is not running), the reading of
 * a link option, and intake's expected failures turned into the private replies the dispatcher sends.
 */
import type { ChatInputCommandInteraction } from 'discord.js';
import type { CommandContext } from './command.ts';
import { UserError } from './errors.ts';
import { flattenTyped } from '../text/normalize.ts';
import { IntakeError } from '../intake/intake.ts';
import type { IntakeService } from '../intake/service.ts';
import type { Answer } from '../answer/types.ts';

/** Longest link accepted in an option (Discord allows 6000 characters; no article address is this long). */
export const MAX_URL_LENGTH = 2000;

export function intakeOf(ctx: CommandContext): IntakeService {
  const intake = ctx.services.intake;
  if (!intake) throw new UserError('Adding articles is not switched on for this bot: ask whoever runs it.');
  return intake;
}

/** A link option: trimmed, control characters out, bounded; '' when absent. */
export function readUrl(interaction: ChatInputCommandInteraction, name: string): string {
  const typed = interaction.options.getString(name);
  const raw = typed ? flattenTyped(typed) : '';
  if (raw.length > MAX_URL_LENGTH) throw new UserError(`That link is ${raw.length} characters long; give the article's address (at most ${MAX_URL_LENGTH}).`);
  if (raw.includes(' ')) throw new UserError('Give one address, without spaces: e.g. `https://example.com/news/story`.');
  return raw;
}

/** Runs an intake step after a private "thinking…", and replies privately with its Answer or its failure. */
export async function privately(ctx: CommandContext, work: () => Promise<Answer>): Promise<void> {
  await ctx.defer({ ephemeral: true });
  let answer: Answer;
  try {
    answer = await work();
  } catch (err) {
    if (err instanceof IntakeError) throw new UserError(err.message);
    throw err;
  }
  await ctx.respond(answer, { ephemeral: true });
}
