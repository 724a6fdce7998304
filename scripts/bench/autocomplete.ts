/** The autocomplete functions the benchmark times: Discord calls these on every keystroke. */
import type { Library } from '../../src/library.ts';
import { ANSWERS } from '../../src/answer/index.ts';
import { knownNames, nameChoices, sourceChoices } from '../../src/discord/choices.ts';

export const AUTOCOMPLETERS: Record<string, (library: Library, typed: string) => unknown> = {
  source: sourceChoices,
  // As commands/who.ts does it: the known names (built once per corpus, on first use), then the choices.
  ...(ANSWERS.who ? { who: (library: Library, typed: string) => nameChoices(knownNames(library, ANSWERS.who), typed) } : {}),
};
