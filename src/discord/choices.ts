/**
 * Autocomplete choices, computed from memory (the loaded library), never by deferring: Discord gives
 * autocomplete no way to wait. At most 25 choices, names and values at most 100 characters.
 */
import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import type { Library } from '../library.ts';
import type { Article } from '../corpus/types.ts';
import type { AnswerFunction } from '../answer/index.ts';
import { matchKey } from '../text/normalize.ts';
import { articleHeading } from '../answer/cite.ts';
import { LIMITS } from './limits.ts';
import { cleanOption, truncate } from './text.ts';

type Choice = ApplicationCommandOptionChoiceData<string>;

export function choice(name: string, value: string): Choice {
  return { name: truncate(cleanOption(name), LIMITS.choiceName) || value, value: value.slice(0, LIMITS.choiceValue) };
}

/**
 * `/source id` choices: articles (id · headline) whose id starts with, or headline contains, what was
 * typed; that article's paragraphs (citation id · text) once the typed text is an article id and a dash,
 * matched by citation id or by position (`000-p4`).
 */
export function sourceChoices(library: Library, typed: string): Choice[] {
  const q = cleanOption(typed).toLowerCase();
  const { articles, articleById } = library.corpus;
  const dash = q.lastIndexOf('-');
  const article = dash > 0 ? articleById.get(q.slice(0, dash)) : undefined;
  if (article) {
    return article.paragraphs
      .filter((p) => p.id.toLowerCase().startsWith(q) || `${article.id}-p${p.n}`.startsWith(q))
      .slice(0, LIMITS.choices)
      .map((p) => choice(`${p.id} · ${p.text}`, p.id));
  }
  const key = matchKey(q);
  const { ids, titles } = articleKeys(library);
  const byId: Article[] = [];
  for (let i = 0; i < articles.length && byId.length < LIMITS.choices; i++) if (ids[i]!.startsWith(q)) byId.push(articles[i]!);
  // Only as many title matches as can still be shown: a 19,000-article archive is scanned once at most.
  const byTitle: Article[] = [];
  if (key.length >= 2) {
    for (let i = 0; i < articles.length && byId.length + byTitle.length < LIMITS.choices; i++) {
      if (titles[i]!.includes(key) && !byId.includes(articles[i]!)) byTitle.push(articles[i]!);
    }
  }
  return [...byId, ...byTitle]
    .slice(0, LIMITS.choices)
    .map((a) => choice(`${a.id} · ${articleHeading(a)}${a.outlet ? ` · ${a.outlet}` : ''}`, a.id));
}

/**
 * Per-corpus caches, keyed by the corpus's article array: a live update of the corpus replaces that array
 * (library.ts `updateFiles`), so a cache never outlives the articles it was computed from.
 */
const articleKeyLists = new WeakMap<readonly unknown[], { ids: string[]; titles: string[] }>();

/**
 * Lower-cased ids and match keys of every headline, in article order, computed once per corpus
 * (autocomplete runs per keystroke: lower-casing 19,000 ids each time was most of its cost).
 */
function articleKeys(library: Library): { ids: string[]; titles: string[] } {
  const { articles } = library.corpus;
  let keys = articleKeyLists.get(articles);
  if (!keys || keys.ids.length !== articles.length) {
    keys = { ids: articles.map((a) => a.id.toLowerCase()), titles: articles.map((a) => (a.title ? matchKey(a.title) : '')) };
    articleKeyLists.set(articles, keys);
  }
  return keys;
}

const nameLists = new WeakMap<readonly unknown[], string[]>();

/**
 * The names `/who` knows, from the who answer with no name (its items' labels, else texts), computed once
 * per corpus and kept until the corpus changes; then their other spellings that the name does not already
 * contain ("PMF", "Qasem Soleimani"; not "Kadhimi" of "Mustafa al-Kadhimi"), so typing them finds them too.
 * Empty when the who answer is not available.
 */
export function knownNames(library: Library, who: AnswerFunction | null): string[] {
  if (!who) return [];
  let names = nameLists.get(library.corpus.articles);
  if (!names) {
    const answer = who(library, '', { limit: 1000 });
    const labels = answer.items.map((i) => (typeof i.label === 'string' && i.label ? i.label : i.text));
    const aliases = answer.items.flatMap((i, k) =>
      Array.isArray(i.aliases) ? i.aliases.filter((a): a is string => typeof a === 'string' && !matchKey(labels[k]!).includes(matchKey(a))) : [],
    );
    names = [...new Set([...labels, ...aliases])]
      .filter((n) => n.length > 0 && n.length <= LIMITS.choiceValue);
    nameLists.set(library.corpus.articles, names);
  }
  return names;
}

/** A known name with its match keys: the whole name's and each of its words'. */
interface KeyedName {
  name: string;
  key: string;
  words: string[];
}

/**
 * Match keys per name list, computed once per list: `knownNames` returns the same array until the corpus
 * changes, and autocomplete asks on every keystroke (folding 1,500 Reuters names each time cost more than
 * the matching). Name lists are never changed in place; a longer or shorter one is keyed again.
 */
const keyedLists = new WeakMap<readonly string[], KeyedName[]>();

function keyedNames(names: readonly string[]): KeyedName[] {
  let keyed = keyedLists.get(names);
  if (!keyed || keyed.length !== names.length) {
    keyed = names.map((name) => {
      const key = matchKey(name);
      return { name, key, words: key.split(' ') };
    });
    keyedLists.set(names, keyed);
  }
  return keyed;
}

/**
 * `/who name` choices: known names that start with what was typed (the whole name or one of its words)
 * first, then those that contain it, each group in the list's order, at most 25 in all.
 */
export function nameChoices(names: readonly string[], typed: string): Choice[] {
  const q = matchKey(cleanOption(typed));
  const starts: KeyedName[] = [];
  const contains: KeyedName[] = [];
  for (const e of keyedNames(names)) {
    if (e.key.startsWith(q) || e.words.some((w) => w.startsWith(q))) {
      starts.push(e);
      if (starts.length >= LIMITS.choices) break; // the choices are full: the names that contain it come after
    } else if (contains.length < LIMITS.choices && e.key.includes(q)) contains.push(e);
  }
  return [...starts, ...contains].slice(0, LIMITS.choices).map(({ name }) => choice(name, name));
}
