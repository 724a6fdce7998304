import type { Corpus, Paragraph } from '../corpus/types.ts';
import type { Library } from '../library.ts';
import type { Answer, AnswerItem, Citation, MoreHint } from './types.ts';
import { analyseEntities, type Entity, type EntityMention, type EntityTable } from '../analyse/entities.ts';
import { lookupName, type MatchHow } from '../analyse/entities-lookup.ts';
import { formKey } from '../analyse/entities-keys.ts';
import { citeParagraph, makeAnswer } from './cite.ts';
import { sourcesTagOf, type Carrier } from '../brief/reports.ts';
import { editDistance, nearest } from './suggest.ts';
import { matchKey } from '../text/normalize.ts';
import { aboutText } from './who-text.ts';
import { plural } from '../text/plural.ts';

/** Names listed by `/who` with no name when no `--limit` is given. */
export const DEFAULT_WHO_NAMES = 25;

/** Items per section (descriptors, quotes, mentions) of a profile when no `--limit` is given. */
export const DEFAULT_PROFILE_ITEMS = 10;

/** Citations of one listed name at most (one per article; the tags give the full count). */
export const MAX_LIST_CITATIONS = 20;

/** Other spellings a profile's title names; the rest are in a note. */
const TITLE_ALIASES = 3;

/** Longest text of a list item: the sentence around the name is cut to this many characters. */
const LIST_TEXT = 220;

const tables = new WeakMap<Corpus['articles'], EntityTable>();

/**
 * The entity table of a library: the one made at load, else computed once per corpus version (hand-made
 * libraries in tests; a live update replaces the article array, so a stale table is never used).
 */
export function entityTable(library: Library): EntityTable {
  if (library.entities) {
    // A table made on the spot before the background merge finished is not kept beside the library's own.
    tables.delete(library.corpus.articles);
    return library.entities;
  }
  let table = tables.get(library.corpus.articles);
  if (!table) {
    table = analyseEntities(library.corpus);
    tables.set(library.corpus.articles, table);
  }
  return table;
}

/**
 * `/who [name]`: the people and organisations in the news, with what the sources say about them.
 * - no name: the names, most reported first (articles, then mentions); each item carries `name`, `kind`,
 *   `aliases`, `mentions`, and cites every article that mentions it (up to MAX_LIST_CITATIONS);
 * - a name: that entity's profile: descriptors (titles and appositives, verbatim), quotes it speaks,
 *   and the sentences that mention it, each cited; related names in a note;
 * - a name several entities answer to (a surname two people share): those entities, listed;
 * - no match: says so and suggests the nearest names (the suggestions only: the note does not list them again).
 * Lookup forgives case, accents, a missing "al-", one typo, a surname alone and acronyms.
 *
 * @example who(library, 'Kadhimi').title // 'Mustafa al-Kadhimi — person · also written Kadhimi, Al-Kadhimi · 2 articles, 6 mentions'
 */
export function who(library: Library, query: string, options: { limit?: number } = {}): Answer {
  const table = entityTable(library);
  const name = query.trim();
  const limit = options.limit && options.limit > 0 ? Math.floor(options.limit) : undefined;
  if (!name) return listEntities(library, table, table.entities, limit ?? DEFAULT_WHO_NAMES, '');

  const found = lookupName(table.entities, table.index, name);
  if (found.entities.length === 1) return profile(library, table, found.entities[0]!, name, found.how, limit ?? DEFAULT_PROFILE_ITEMS);
  if (found.entities.length > 1) {
    const answer = listEntities(library, table, found.entities, limit ?? DEFAULT_WHO_NAMES, name);
    answer.notes.unshift(`${found.entities.length} people and organisations answer to "${name}"; ask for one by its full name.`);
    answer.suggestions = found.entities.slice(0, 5).map((e) => e.name);
    return answer;
  }
  const suggestions = nearestNames(table, name);
  const near = suggestions.length > 0;
  if (!near) suggestions.push(...table.entities.slice(0, 3).map((e) => e.name));
  return makeAnswer(library, {
    command: 'who',
    query: name,
    title: `Who · ${name}`,
    items: [],
    // The names themselves are the suggestions, which every door shows ("Try: …"): the note says what they are.
    notes: [
      `Nothing about "${name}" in the corpus: no person or organisation of that name.` +
        (near ? ' The nearest names are suggested below.' : suggestions.length ? ' The most reported names are suggested below.' : ' The corpus names no one yet.'),
    ],
    suggestions,
  });
}

function listEntities(library: Library, table: EntityTable, entities: readonly Entity[], limit: number, query: string): Answer {
  const shown = entities.slice(0, limit);
  const items = shown.map((e) => listItem(library, e));
  const articles = articlesNamed(entities);
  const notes: string[] = [];
  if (entities.length === 0) notes.push('No people or organisations found in the corpus.');
  const more: MoreHint[] = entities.length > shown.length ? [{ shown: shown.length, total: entities.length, unit: 'names', chosen: 'the most reported first' }] : [];
  for (const p of table.aliasProblems) notes.push(`Alias file: ${p}.`);
  return makeAnswer(library, {
    command: 'who',
    query,
    title: query
      ? `Who · ${query} — ${plural(entities.length, 'match', 'matches')}`
      : `Who · people and organisations — ${plural(entities.length, 'name')} in ${plural(articles, 'article')}`,
    items,
    notes,
    ...(more.length ? { more } : {}),
  });
}

const articleCounts = new WeakMap<readonly Entity[], number>();

/** How many articles name at least one of these entities (kept per list: the whole table's is asked often). */
function articlesNamed(entities: readonly Entity[]): number {
  let n = articleCounts.get(entities);
  if (n === undefined) {
    const ids = new Set<string>();
    for (const e of entities) for (const a of e.articles) ids.add(a);
    articleCounts.set(entities, (n = ids.size));
  }
  return n;
}

/** A listed name: a descriptor (else a sentence about it, see `aboutText`) and one citation per article. */
function listItem(library: Library, e: Entity): AnswerItem {
  const { paragraphById } = library.corpus;
  // While a round of live updates is applied the table may be a step behind: skip gone paragraphs.
  const best = descriptorsOf(library, e).find((d) => paragraphById.has(d.mentions[0]!.paragraphId));
  const about = best ? { text: best.text, mention: best.mentions[0]! } : aboutText(e.mentions, paragraphById, LIST_TEXT);
  if (!about) return { text: e.name, citations: [], label: e.name, tags: [e.kind, 'being updated'], name: e.name, kind: e.kind, aliases: e.aliases, mentions: 0, articles: 0 };
  const { text, mention: lead } = about;
  const leadParagraph = paragraphById.get(lead.paragraphId)!;
  const citations: Citation[] = [cite(leadParagraph, lead)];
  const seen = new Set([lead.articleId]);
  for (const m of e.mentions) {
    if (citations.length >= MAX_LIST_CITATIONS) break;
    if (seen.has(m.articleId)) continue;
    seen.add(m.articleId);
    const p = paragraphById.get(m.paragraphId);
    if (p) citations.push(cite(p, m));
  }
  const tags = [e.kind, plural(e.articles.length, 'article'), plural(e.mentions.length, 'mention')];
  if (e.aliases.length) tags.push(`also ${e.aliases.slice(0, 3).join(', ')}`);
  return { text, citations, label: e.name, tags, name: e.name, kind: e.kind, aliases: e.aliases, mentions: e.mentions.length, articles: e.articles.length };
}

interface Descriptor {
  text: string;
  mentions: EntityMention[];
}

const descriptorLists = new WeakMap<Entity, Descriptor[]>();

/** Descriptors of an entity: distinct verbatim titles and appositives, the most sourced first (kept per entity). */
function descriptorsOf(library: Library, e: Entity): Descriptor[] {
  let list = descriptorLists.get(e);
  if (!list) descriptorLists.set(e, (list = findDescriptors(library, e)));
  return list;
}

function findDescriptors(library: Library, e: Entity): Descriptor[] {
  const byKey = new Map<string, Descriptor & { first: number }>();
  const nameKeys = new Set(e.mentions.map((m) => matchKey(m.text)));
  e.mentions.forEach((m, i) => {
    const p = library.corpus.paragraphById.get(m.paragraphId);
    if (!p) return;
    for (const [s, end] of m.descriptors) {
      const text = p.text.slice(s, end);
      const key = matchKey(text);
      if (nameKeys.has(key)) continue;
      const d = byKey.get(key);
      if (d) {
        if (!d.mentions.some((x) => x.articleId === m.articleId)) d.mentions.push(m);
      } else byKey.set(key, { text, mentions: [m], first: i });
    }
  });
  return [...byKey.values()].sort((a, b) => b.mentions.length - a.mentions.length || b.text.length - a.text.length || a.first - b.first);
}

function profile(library: Library, table: EntityTable, e: Entity, query: string, how: MatchHow, limit: number): Answer {
  const { paragraphById } = library.corpus;
  const base = { name: e.name, kind: e.kind };
  const items: AnswerItem[] = [];
  const notes: string[] = [];

  const descriptors = descriptorsOf(library, e);
  for (const d of descriptors.slice(0, limit)) {
    const present = d.mentions.filter((m) => paragraphById.has(m.paragraphId)); // see listItem
    if (present.length === 0) continue;
    const citations = present.map((m) => cite(paragraphById.get(m.paragraphId)!, m));
    const tags = present.length > 1 ? [sourcesTagOf(carriersOf(library, present))] : [];
    items.push({ text: d.text, citations, tags, section: 'descriptor', ...base });
  }

  const quoted = new Set<string>();
  const quoteItems: AnswerItem[] = [];
  const quoteKeys = new Map<string, { item: AnswerItem; carriers: Carrier[] }>();
  for (const q of e.quotes) {
    const p = paragraphById.get(q.paragraphId);
    const sentence = p?.sentences[q.sentenceIndex];
    const article = library.corpus.articleById.get(q.mention.articleId);
    if (!p || !sentence || !article) continue;
    quoted.add(`${p.id}#${q.sentenceIndex}`);
    const key = matchKey(sentence.text);
    const same = quoteKeys.get(key);
    if (same) {
      same.item.citations.push(citeParagraph(p, sentence));
      same.carriers.push({ article, paragraph: p, sentence });
      continue;
    }
    const item: AnswerItem = { text: sentence.text, citations: [citeParagraph(p, sentence)], section: 'quote', ...base };
    quoteKeys.set(key, { item, carriers: [{ article, paragraph: p, sentence }] });
    quoteItems.push(item);
  }
  // A quote several articles carry is counted as a description is: wire copy is one report.
  for (const { item, carriers } of quoteKeys.values()) if (carriers.length > 1) item.tags = [sourcesTagOf(carriers)];
  items.push(...quoteItems.slice(0, limit));
  const more: MoreHint[] = [];
  if (quoteItems.length > limit) more.push({ shown: limit, total: quoteItems.length, unit: 'quotes' });

  // Mentions: one sentence per article first (so every article is cited), then the rest in reading order.
  const sentences = new Map<string, EntityMention>();
  for (const m of e.mentions) {
    const key = `${m.paragraphId}#${m.sentenceIndex}`;
    if (!quoted.has(key) && !sentences.has(key)) sentences.set(key, m);
  }
  const all = [...sentences.values()];
  const chosen = new Set<EntityMention>();
  const firstOfArticle = new Set<string>();
  for (const m of all) {
    if (chosen.size >= limit) break;
    if (!firstOfArticle.has(m.articleId)) {
      firstOfArticle.add(m.articleId);
      chosen.add(m);
    }
  }
  for (const m of all) {
    if (chosen.size >= limit) break;
    chosen.add(m);
  }
  const mentionItems = new Map<string, { item: AnswerItem; carriers: EntityMention[] }>();
  for (const m of all) {
    if (!chosen.has(m)) continue;
    const p = paragraphById.get(m.paragraphId);
    const sentence = p?.sentences[m.sentenceIndex];
    if (!p || !sentence) continue; // gone in a live update the table has not caught up with yet
    const key = matchKey(sentence.text);
    const same = mentionItems.get(key);
    if (same) {
      same.item.citations.push(citeParagraph(p, sentence));
      same.carriers.push(m);
    } else mentionItems.set(key, { item: { text: sentence.text, citations: [citeParagraph(p, sentence)], section: 'mention', ...base }, carriers: [m] });
  }
  for (const { item, carriers } of mentionItems.values()) {
    if (item.citations.length > 1) item.tags = [sourcesTagOf(carriersOf(library, carriers))];
    items.push(item);
  }
  if (all.length > chosen.size) more.push({ shown: chosen.size, total: all.length, unit: 'mentions' });

  const related = relatedNames(table, e);
  // A surname or an acronym is a name of its own; a typo, a prefix or another spelling is said to be a guess.
  const ownWord = how === 'word' && e.keys.some((k) => k.split(' ').at(-1) === formKey(query) || k === formKey(query));
  if (how !== 'name' && !ownWord) notes.unshift(`No name is exactly "${query}"; showing ${e.name}, the closest match.`);
  // The title names the first spellings; the note only those it had no room for.
  if (e.aliases.length > TITLE_ALIASES) notes.push(`Also written: ${e.aliases.slice(TITLE_ALIASES).join(', ')}.`);
  // Related names are a note, not suggestions: the name asked for was found, nothing needs trying instead.
  if (related.length) notes.push(`Related: ${related.join(', ')}.`);
  const title =
    `${e.name} — ${e.kind}` +
    (e.aliases.length ? ` · also written ${e.aliases.slice(0, TITLE_ALIASES).join(', ')}` : '') +
    ` · ${plural(e.articles.length, 'article')}, ${plural(e.mentions.length, 'mention')}`;
  return makeAnswer(library, { command: 'who', query, title, items, notes, ...(more.length ? { more } : {}) });
}

/** Up to five names nearest to what was typed: whole names and spellings first, then word by word. */
function nearestNames(table: EntityTable, typed: string): string[] {
  const { names, words } = suggestionKeys(table);
  const out = nearest(typed, names.keys(), 8).map((n) => names.get(n)!);
  for (const w of typed.toLowerCase().split(/\s+/).filter((x) => x.length >= 4)) {
    const allowed = w.length >= 6 ? 2 : 1;
    const close: Array<{ order: number; entity: string }> = [];
    for (let length = w.length - allowed; length <= w.length + allowed; length++) {
      for (const word of words.get(length) ?? []) if (editDistance(w, word.lower, allowed) <= allowed) close.push(word);
    }
    for (const word of close.sort((a, b) => a.order - b.order)) out.push(word.entity);
  }
  return [...new Set(out)].slice(0, 5);
}

interface SuggestionKeys {
  /** Every spelling of the 2,000 most reported names → the name shown. */
  names: Map<string, string>;
  /** Their words of three letters or more, lower-cased, by length, each with its first name and its order. */
  words: Map<number, Array<{ lower: string; entity: string; order: number }>>;
}

const suggestionKeysOf = new WeakMap<EntityTable, SuggestionKeys>();

/** The keys `nearestNames` scans, made once per entity table. */
function suggestionKeys(table: EntityTable): SuggestionKeys {
  let keys = suggestionKeysOf.get(table);
  if (keys) return keys;
  const names = new Map<string, string>();
  const firstOf = new Map<string, string>();
  for (const e of table.entities.slice(0, 2000)) {
    for (const n of [e.name, ...e.aliases]) {
      if (!names.has(n)) names.set(n, e.name);
      for (const w of n.split(/\s+/)) if (w.length >= 3 && !firstOf.has(w)) firstOf.set(w, e.name);
    }
  }
  const words: SuggestionKeys['words'] = new Map();
  let order = 0;
  for (const [w, entity] of firstOf) {
    const lower = w.toLowerCase();
    const list = words.get(lower.length) ?? [];
    list.push({ lower, entity, order: order++ });
    words.set(lower.length, list);
  }
  suggestionKeysOf.set(table, (keys = { names, words }));
  return keys;
}

/** Names in the same sentences, in the most articles first, then the most sentences (at most five). */
function relatedNames(table: EntityTable, e: Entity): string[] {
  const seen = new Map<number, { articles: Set<string>; sentences: number }>();
  const done = new Set<string>();
  for (const m of e.mentions) {
    const key = `${m.paragraphId}#${m.sentenceIndex}`;
    if (done.has(key)) continue;
    done.add(key);
    const pairs = table.byParagraph.get(m.paragraphId) ?? [];
    for (let k = 0; k + 1 < pairs.length; k += 2) {
      const other = pairs[k]!;
      if (other === e.id || pairs[k + 1] !== m.sentenceIndex) continue;
      const s = seen.get(other) ?? { articles: new Set<string>(), sentences: 0 };
      s.articles.add(m.articleId);
      s.sentences++;
      seen.set(other, s);
    }
  }
  return [...seen]
    .sort((a, b) => b[1].articles.size - a[1].articles.size || b[1].sentences - a[1].sentences || a[0] - b[0])
    .slice(0, 5)
    .map(([id]) => table.entities[id]!.name);
}

/**
 * The sentences of mentions, as the report counter reads them: the articles and independent reports that
 * carry a description or a sentence are counted as /brief counts a fact's ("3 articles · 1 report (AFP)").
 */
function carriersOf(library: Library, mentions: readonly EntityMention[]): Carrier[] {
  return mentions.flatMap((m) => {
    const article = library.corpus.articleById.get(m.articleId);
    const paragraph = library.corpus.paragraphById.get(m.paragraphId);
    const sentence = paragraph?.sentences[m.sentenceIndex];
    return article && paragraph && sentence ? [{ article, paragraph, sentence }] : [];
  });
}

function cite(paragraph: Paragraph, m: EntityMention): Citation {
  return citeParagraph(paragraph, paragraph.sentences[m.sentenceIndex]);
}
