import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formKey } from './entities-keys.ts';

/** The kinds of entity /who knows. */
export type EntityKind = 'person' | 'organisation';

/**
 * An editor's corrections to the merging of names, from the corpus folder's alias file
 * (`aliases.txt`). One rule per line; `#` starts a comment:
 *
 * ```
 * Qassem Soleimani = Qasem Soleimani = Soleimani   # one entity, shown under the first name
 * Qais al-Khazali != Laith al-Khazali              # never the same entity
 * Chatham House : organisation                     # its kind (person | organisation)
 * Zawraa : not a name                              # not a person or organisation at all
 * ```
 * Names are matched like lookups: case, accents and "al-" do not matter.
 */
export interface AliasRules {
  /** Groups of names that are one entity; the first is the name shown. */
  merges: string[][];
  /** Pairs of names that are never one entity. */
  splits: Array<[string, string]>;
  /** Kinds set by the editor, by form key; `null` means "not a name". */
  kinds: Map<string, EntityKind | null>;
  /** Lines that could not be read, as "aliases.txt:3: …". */
  problems: string[];
}

/** File names the alias file may have in the corpus folder (the loader ignores `aliases.*`). */
export const ALIAS_FILES = ['aliases.txt', 'aliases.md'];

/** Aliases every corpus gets: names the news writes in ways no spelling rule relates. */
export const BUILT_IN_MERGES: readonly string[][] = [
  ['Islamic State', 'ISIS', 'ISIL', 'Daesh'],
  ['Popular Mobilization Forces', 'Popular Mobilization Force', 'Popular Mobilisation Forces', 'Popular Mobilisation Force', 'Hashd al-Shaabi', 'PMF'],
  ['Islamic Revolutionary Guard Corps', 'Revolutionary Guards', 'Revolutionary Guard', 'IRGC'],
  ['Federal Reserve', 'Fed', 'Federal Reserve Board', 'Federal Reserve System'],
];

/** No rules: what a corpus without an alias file gets. */
export function emptyAliases(): AliasRules {
  return { merges: [], splits: [], kinds: new Map(), problems: [] };
}

/** Reads the alias rules of an alias file's text. Bad lines are reported in `problems`, never thrown. */
export function parseAliases(text: string, file = 'aliases.txt'): AliasRules {
  const rules = emptyAliases();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const where = `${file}:${i + 1}`;
    if (line.includes('!=')) {
      const parts = line.split('!=').map((p) => p.trim());
      if (parts.length !== 2 || !parts[0] || !parts[1]) return void rules.problems.push(`${where}: expected \`name != other name\`, got \`${line}\``);
      rules.splits.push([parts[0], parts[1]]);
    } else if (line.includes('=')) {
      const names = line.split('=').map((p) => p.trim()).filter(Boolean);
      if (names.length < 2) return void rules.problems.push(`${where}: expected \`name = other spelling\`, got \`${line}\``);
      rules.merges.push(names);
    } else if (line.includes(':')) {
      const at = line.lastIndexOf(':');
      const name = line.slice(0, at).trim();
      const kind = line.slice(at + 1).trim().toLowerCase();
      const value = kind === 'person' ? 'person' : kind === 'organisation' || kind === 'organization' ? 'organisation' : kind === 'not a name' ? null : undefined;
      if (!name || value === undefined) return void rules.problems.push(`${where}: expected \`name : person\`, \`: organisation\` or \`: not a name\`, got \`${line}\``);
      rules.kinds.set(formKey(name), value);
    } else {
      rules.problems.push(`${where}: expected \`=\`, \`!=\` or \`:\` in \`${line}\``);
    }
  });
  return rules;
}

/** The alias rules of a corpus folder (its `aliases.txt`), or none. Never throws. */
export function readAliases(root: string | undefined): AliasRules {
  if (!root) return emptyAliases();
  try {
    if (!statSync(root).isDirectory()) return emptyAliases();
    for (const name of ALIAS_FILES) {
      const file = join(root, name);
      if (existsSync(file)) return parseAliases(readFileSync(file, 'utf8'), name);
    }
  } catch {
    // An unreadable folder or file: no aliases.
  }
  return emptyAliases();
}
