import type { Library } from '../library.ts';
import type { SearchHit } from '../index/types.ts';
import type { Answer } from './types.ts';
import { citeParagraph, makeAnswer } from './cite.ts';
import { entityTable } from './who.ts';
import { nameRuns, otherSpellings, spelledQuery, spellingPairs, spellingTerms, tableSpellings, type TopicSpelling } from '../analyse/entities-spellings.ts';
import { writtenAsName } from '../brief/words.ts';
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
  return library.spellings ? (library.spellings.get(topic) ?? []) : tableSpellingsOf(library, topic, search);
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

/** The other spellings a search found, for the answer's notes ("Also searched: …"); null when none matched. */
export function spellingNote(found: TopicSearch): string | null {
  if (found.spellings.length === 0) return null;
  const matched = new Set(found.hits.flatMap((h) => h.matched));
  const { text, n } = spellingPairs(found.spellings.map((s) => ({ ...s, also: s.also.filter((a) => tokenize(a).some((t) => matched.has(termOf(t) ?? ''))) })));
  return n ? `Also searched: ${text} (${otherSpellings(n)}).` : null;
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
