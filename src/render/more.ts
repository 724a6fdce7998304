import type { MoreHint } from '../answer/types.ts';

/**
 * What an answer left out, in the bot's words, without the way to see it (each door adds its own: "press
 * Show all" in Discord, "use --limit N" at the terminal).
 * @example leftOut({ shown: 12, total: 40, unit: 'dates', chosen: 'the ones most sources point at' })
 *   // '12 of 40 dates shown, the ones most sources point at'
 */
export function leftOut(hint: MoreHint): string {
  return `${hint.shown} of ${hint.total.toLocaleString('en-US')} ${hint.unit} shown${hint.chosen ? `, ${hint.chosen}` : ''}`;
}
