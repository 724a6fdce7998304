/** Reading users' option values: cleaned (control characters out, whitespace collapsed) and bounded. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { UserError } from './errors.ts';
import { MAX_OPTION_LENGTH, cleanOption } from './text.ts';

/**
 * Checks one text option's raw value: '' when absent, the cleaned value when it fits, else a UserError
 * that says what to do instead.
 * @example checkText('topic', '  embassy\u0000 drawdown ') // 'embassy drawdown'
 */
export function checkText(name: string, raw: string | null | undefined): string {
  if (raw === null || raw === undefined) return '';
  const value = cleanOption(raw);
  if (value.length > MAX_OPTION_LENGTH) {
    throw new UserError(`The \`${name}\` option is too long (${value.length} characters): use at most ${MAX_OPTION_LENGTH}, a few key words are enough.`);
  }
  return value;
}

/** Reads a string option of a slash command (absent → ''); a value of the wrong type is a bad option. */
export function readText(interaction: ChatInputCommandInteraction, name: string): string {
  let raw: string | null;
  try {
    raw = interaction.options.getString(name);
  } catch {
    throw new UserError(`The \`${name}\` option must be text.`);
  }
  return checkText(name, raw);
}
