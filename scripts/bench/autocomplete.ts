/** The autocomplete functions the benchmark times: Discord calls these on every keystroke. */
import type { Library } from '../../src/library.ts';
import { sourceChoices } from '../../src/discord/choices.ts';

export const AUTOCOMPLETERS: Record<string, (library: Library, typed: string) => unknown> = {
  source: sourceChoices,
};
