import type { MoreHint, NextStep } from '../answer/types.ts';

/**
 * What an answer left out, in the bot's words, without the way to see it (each door adds its own: "press
 * Show all" in Discord, "use --limit N" at the terminal).
 * @example leftOut({ shown: 12, total: 40, unit: 'dates', chosen: 'the ones most sources point at' })
 *   // '12 of 40 dates shown, the ones most sources point at'
 */
export function leftOut(hint: MoreHint): string {
  return `${hint.shown} of ${hint.total.toLocaleString('en-US')} ${hint.unit} shown${hint.chosen ? `, ${hint.chosen}` : ''}`;
}

/**
 * A command worth running next, given how this door types it (each door its own: `/source 001` in Discord
 * and at the console, `npm run ask -- source 001` at the shell).
 * @example nextStep({ command: 'source', query: '', does: 'lists the articles' }, '/source') // '/source lists the articles.'
 */
export function nextStep(step: NextStep, typed: string): string {
  return `${typed} ${step.does}.`;
}

/** A command as typed in Discord and at the bot's console: `/source 001`. */
export function slashCommand(step: Pick<NextStep, 'command' | 'query'>): string {
  return `/${step.command}${step.query ? ` ${step.query}` : ''}`;
}
