import type { Library } from '../library.ts';
import type { SearchHit } from '../index/types.ts';
import type { EntityTable } from '../analyse/entities.ts';
import type { Answer } from './types.ts';
import { citeParagraph, makeAnswer } from './cite.ts';
import { entityTable } from './who.ts';
import {
  mergeSpellings, nameRuns, otherSpellings, spelledQuery, spellingPairs, spellingTerms, tableNameWords, tableSpellings,
  UNWRITTEN_NAME_PARAGRAPHS, unwrittenPairs, unwrittenSpellings, unwrittenWords, type TopicSpelling, type UnwrittenWord,
} from '../analyse/entities-spellings.ts';
import { capitalisedUses, writtenAsName } from '../brief/words.ts';
import { termOf, tokenize } from '../text/terms.ts';

/** What a topic's search found, and the other spellings of its names it looked for too. */
export interface TopicSearch {
  hits: SearchHit[];
  /** The other spellings searched (docs/design/brief.md, "Other spellings of a name"). */
  spellings: TopicSpelling[];
  /** Index term of each other spelling → the term of the topic's word it spells (empty without spellings). */
  spelled: ReadonlyMap<string, string>;
}

/**
 * The search every topic answer makes (/brief, /timeline, the articles a watch counts sources among): the
 * index's ranked paragraphs for the topic and for the other spellings of the names in it that the corpus's
 * names merge ("Kataib Hezbollah" also finds "Kataeb Hezbollah"). The spellings come from the store when it
 * found them ahead of its own search (`Library.spellings`, the database store), else from the entity table.
 * That table is used as built; a library without one (a one-shot start from the snapshot, the bot's first
 * seconds) makes it on use, as /who does, only when the paragraphs found write the topic's words as a name.
 *
 * @example topicSearch(seeds, 'Kataib Hezbollah', 60).spellings // [{ word: 'Kataib', also: ['Kataeb'] }]
 */
export function topicSearch(library: Library, topic: string, limit: number): TopicSearch {
  const q = topic.trim();
  let plain: SearchHit[] | undefined;
  const search = () => (plain ??= library.index.search(q, { limit }));
  const spellings = spellingsOf(library, q, search);
  if (spellings.length === 0) return { hits: search(), spellings, spelled: new Map() };
  return { hits: library.index.search(spelledQuery(q, spellings), { limit }), spellings, spelled: spellingTerms(spellings) };
}

/**
 * The other spellings `topicSearch` looks for besides the topic, for a search made elsewhere: a watch
 * searches a round's new articles with them (src/push/match.ts). `limit`: the paragraphs `topicSearch`
 * would read, which decide whether a library without an entity table makes one for this topic.
 *
 * @example topicSpellings(seeds, 'Kataib Hezbollah', 60) // [{ word: 'Kataib', also: ['Kataeb'] }]
 */
export function topicSpellings(library: Library, topic: string, limit: number): TopicSpelling[] {
  const q = topic.trim();
  return spellingsOf(library, q, () => library.index.search(q, { limit }));
}

function spellingsOf(library: Library, topic: string, search: () => SearchHit[]): TopicSpelling[] {
  if (library.spellings) return library.spellings.get(topic) ?? [];
  const named = tableSpellingsOf(library, topic, search);
  const unwritten = unwrittenOf(library, topic);
  return unwritten.length ? mergeSpellings([...named, ...unwritten]) : named;
}

/**
 * The names of the corpus that the topic's words it never writes transliterate ("Kataeb" for "Kataib"):
 * among the entity table's names (made on use, as /who makes it, when the library has none yet and a word
 * is missing), those the corpus always writes capitalised in the paragraphs that use them (their best
 * `UNWRITTEN_NAME_PARAGRAPHS` by the search's order).
 */
function unwrittenOf(library: Library, topic: string): TopicSpelling[] {
  const words = unwrittenWords(topic, (term) => library.index.paragraphFrequency(term) > 0);
  if (words.length === 0) return [];
  const table = library.entities ?? entityTable(library);
  // A watch asks every round: the answer holds as long as the table (a live round makes a new one).
  let known = UNWRITTEN.get(table);
  if (!known) UNWRITTEN.set(table, (known = new Map()));
  const key = `${words[0]!.alone ? 'alone ' : ''}${words.map((w) => w.word).join(' ')}`;
  let found = known.get(key);
  if (!found) {
    if (known.size >= 10_000) known.clear();
    known.set(key, (found = unwrittenIn(library, table, words)));
  }
  return found;
}

/** What `unwrittenOf` found for the words of a topic, per entity table. */
const UNWRITTEN = new WeakMap<EntityTable, Map<string, TopicSpelling[]>>();

function unwrittenIn(library: Library, table: EntityTable, words: readonly UnwrittenWord[]): TopicSpelling[] {
  return unwrittenSpellings(
    words,
    (w) => tableNameWords(table, w.key),
    (written) => {
      const term = termOf(tokenize(written)[0] ?? '');
      if (!term) return { uses: 0, capitalised: 0 };
      const hits = library.index.search(written, { limit: UNWRITTEN_NAME_PARAGRAPHS });
      return capitalisedUses(term, hits.map((h) => h.paragraph.text));
    },
  );
}

function tableSpellingsOf(library: Library, topic: string, search: () => SearchHit[]): TopicSpelling[] {
  if (library.entities) return tableSpellings(library.entities, topic);
  const runs = nameRuns(topic);
  if (runs.length === 0) return [];
  // Without the table, only a topic the found text writes as a name is worth making it for.
  const paragraphs = search().map((h) => h.paragraph);
  const named = runs.some((run) =>
    run.written.every((w) => tokenize(w).every((token) => {
      const term = termOf(token);
      return term === null || writtenAsName(term, paragraphs);
    })),
  );
  return named ? tableSpellings(entityTable(library), topic) : [];
}

/**
 * The other spellings a search found, for the answer's notes: "Nothing says “Kataib”; searched “Kataeb”, as
 * the corpus spells it." for a word the corpus lacks, "Also searched: “Kataeb” for “Kataib” (…)." for a
 * name it writes both ways; none for a spelling that matched nothing.
 */
export function spellingNotes(found: TopicSearch): string[] {
  if (found.spellings.length === 0) return [];
  const matched = new Set(found.hits.flatMap((h) => h.matched));
  const used = found.spellings.map((s) => ({ ...s, also: s.also.filter((a) => tokenize(a).some((t) => matched.has(termOf(t) ?? ''))) }));
  const notes: string[] = [];
  const unwritten = unwrittenPairs(used);
  if (unwritten) notes.push(`Nothing says ${unwritten.words}; searched ${unwritten.text}, as the corpus spells ${unwritten.it}.`);
  const { text, n } = spellingPairs(used);
  if (n) notes.push(`Also searched: ${text} (${otherSpellings(n)}).`);
  return notes;
}

/**
 * `search`: the ranked paragraphs the index finds for a query, each an item citing itself, so editors
 * can see what retrieval returns and benchmarks can measure it.
 */
export function search(library: Library, query: string, options: { limit?: number } = {}): Answer {
  const q = query.trim();
  if (q === '') {
    return makeAnswer(library, { command: 'search', query: '', title: 'Search', items: [], notes: ['Give some words to search for, e.g. `search embassy drawdown`.'] });
  }
  const hits = library.index.search(q, { limit: options.limit ?? 10 });
  return makeAnswer(library, {
    command: 'search',
    query: q,
    title: `Search · ${q}`,
    items: hits.map((h) => ({
      text: h.paragraph.text,
      citations: [citeParagraph(h.paragraph)],
      label: h.paragraph.id,
      score: Number(h.score.toFixed(3)),
      matched: h.matched,
    })),
    notes: hits.length === 0 ? [`Nothing in the corpus matches “${q}”.`] : [],
  });
}
