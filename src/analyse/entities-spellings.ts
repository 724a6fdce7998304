import type { EntityTable } from './entities.ts';
import { formKey, nameWords, similarNames, transliterated } from './entities-keys.ts';
import { PREFIX_PARTICLES } from './entities-words.ts';
import { terms } from '../text/terms.ts';

/**
 * Other spellings of the names in a topic, for the topic searches (/brief, /timeline, a watch's sources):
 * "Kataib Hezbollah" also searches "Kataeb", which article 001 writes. Only names, and only the spellings
 * the name merge itself accepts (entities-keys.ts): a run of two or more words of the topic that the corpus
 * writes as a name, and another name of the corpus with as many words, at least one of them the same and
 * each of the others a transliteration of the topic's word ("Kataib"/"Kataeb", "Qassem"/"Qasem",
 * "Muhandis"/"Mohandes"). An ordinary word is never matched loosely, and a one-word name is not expanded:
 * alone, a word is little evidence (the merge says the same of one-word names).
 *
 * A word the corpus never writes is another case (`unwrittenSpellings`): "Kataib" over a corpus that only
 * writes "Kataeb" would find nothing, so the names of the corpus that transliterate it (`transliterated`)
 * are searched instead, one word or several, when the corpus always writes them capitalised.
 */

/** A word of a topic's name and the other spellings of it that the corpus writes, each as written. */
export interface TopicSpelling {
  /** The word as typed in the topic. */
  word: string;
  /** Its other spellings, as the corpus writes them (sorted, one per index term). */
  also: string[];
  /** The corpus never writes the typed word: `also` are the names it transliterates (`unwrittenSpellings`). */
  unwritten?: true;
}

/** A run of a topic's words that may be a name: its form key, its name words and each word as typed. */
export interface NameRun {
  key: string;
  words: string[];
  written: string[];
}

/** Names longer than this many words are not looked for in a topic. */
const MAX_RUN = 6;

/**
 * The words of a name with each as written, aligned with `nameWords(text)` ("Abu Mahdi al-Muhandis" →
 * abu/Abu, mahdi/Mahdi, muhandis/Muhandis); null when a word cannot be aligned (a word of several
 * tokens, "Abu-Dhabi").
 */
export function writtenWords(text: string): Array<{ key: string; written: string }> | null {
  const out: Array<{ key: string; written: string }> = [];
  for (const token of text.split(/\s+/)) {
    let written = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/['’]s$/u, '');
    const particle = /^(\p{L}{1,5})['’-](.+)$/u.exec(written);
    if (particle && PREFIX_PARTICLES.has(particle[1]!.toLowerCase())) written = particle[2]!;
    const keys = nameWords(written);
    if (keys.length === 0) continue;
    if (keys.length > 1) return null;
    out.push({ key: keys[0]!, written });
  }
  const expected = nameWords(text);
  return out.length === expected.length && out.every((w, i) => w.key === expected[i]) ? out : null;
}

/** Runs of topics already split (watches ask for the same topics every round), at most 10,000 topics. */
const RUNS = new Map<string, readonly NameRun[]>();

/** The runs of two to six words of a topic that could be names, each once (by form key). */
export function nameRuns(topic: string): readonly NameRun[] {
  let runs = RUNS.get(topic);
  if (!runs) {
    runs = splitRuns(topic);
    if (RUNS.size >= 10_000) RUNS.clear();
    RUNS.set(topic, runs);
  }
  return runs;
}

function splitRuns(topic: string): NameRun[] {
  const tokens = topic.split(/\s+/).filter(Boolean);
  const runs = new Map<string, NameRun>();
  for (let start = 0; start < tokens.length; start++) {
    for (let end = start + 2; end <= Math.min(tokens.length, start + MAX_RUN); end++) {
      const text = tokens.slice(start, end).join(' ');
      const words = writtenWords(text);
      if (!words || words.length < 2) continue;
      const key = formKey(text);
      if (!runs.has(key)) runs.set(key, { key, words: words.map((w) => w.key), written: words.map((w) => w.written) });
    }
  }
  return [...runs.values()];
}

/** The single index term of a word, or null (a stop word, or a word the index splits). */
function termOfWord(word: string): string | null {
  const t = terms(word);
  return t.length === 1 ? t[0]! : null;
}

/**
 * The spellings of the topic's names among `names` (names as the corpus writes them): for each run, the
 * names of as many words that share one of its words and are spellings of it word by word (`similarNames`),
 * never a pair the alias file keeps apart (`splits`, form keys). Each differing word gives the other
 * spelling of the typed word, when both are one index term and not the same one.
 *
 * @example spellingsAmong(nameRuns('Kataib Hezbollah'), ['Kataeb Hezbollah']) // [{ word: 'Kataib', also: ['Kataeb'] }]
 */
export function spellingsAmong(runs: readonly NameRun[], names: Iterable<string>, splits: ReadonlyArray<readonly [string, string]> = []): TopicSpelling[] {
  const found = new Map<string, Map<string, string[]>>();
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) continue;
    seen.add(name);
    const words = writtenWords(name);
    if (!words || words.length < 2) continue;
    const keys = words.map((w) => w.key);
    const key = keys.join(' ');
    for (const run of runs) {
      if (key === run.key || keys.length !== run.words.length) continue;
      if (!keys.some((k, i) => k === run.words[i]) || !similarNames(run.words, keys)) continue;
      if (splits.some(([a, b]) => (a === run.key && b === key) || (a === key && b === run.key))) continue;
      keys.forEach((k, i) => {
        if (k === run.words[i]) return;
        const typed = run.written[i]!;
        const typedTerm = termOfWord(typed);
        const term = termOfWord(words[i]!.written);
        if (!typedTerm || !term || term === typedTerm) return;
        let byTerm = found.get(typed);
        if (!byTerm) found.set(typed, (byTerm = new Map()));
        const forms = byTerm.get(term);
        if (forms) forms.push(words[i]!.written);
        else byTerm.set(term, [words[i]!.written]);
      });
    }
  }
  const out: TopicSpelling[] = [];
  for (const [word, byTerm] of found) {
    // One spelling per index term: the commonest way of writing it would need counts; the first in code
    // order that is not in capitals ("Kataeb" rather than "KATAEB"), so both stores show the same.
    const also = [...byTerm.values()].map((forms) => [...forms].sort(byWriting)[0]!).sort(byWriting);
    out.push({ word, also });
  }
  return out.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/** Mixed case before capitals, then code order. */
function byWriting(a: string, b: string): number {
  const capsA = a === a.toUpperCase();
  const capsB = b === b.toUpperCase();
  if (capsA !== capsB) return capsA ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The spellings of a topic's names that the entity table merged: the runs of the topic that are a spelling
 * of an entity (its form keys), and the entity's other spellings as written (its name and aliases).
 */
export function tableSpellings(table: EntityTable, topic: string): TopicSpelling[] {
  const runs = nameRuns(topic).filter((run) => table.index.exact.has(run.key));
  if (runs.length === 0) return [];
  const out: TopicSpelling[] = [];
  for (const run of runs) {
    const names: string[] = [];
    for (const id of table.index.exact.get(run.key)!) {
      const entity = table.entities[id];
      if (entity) names.push(entity.name, ...entity.aliases);
    }
    out.push(...spellingsAmong([run], names));
  }
  return mergeSpellings(out);
}

/** Spellings of the same typed word (from several runs) as one. */
export function mergeSpellings(list: readonly TopicSpelling[]): TopicSpelling[] {
  const byWord = new Map<string, { word: string; unwritten: boolean; also: Set<string> }>();
  for (const s of list) {
    const key = `${s.unwritten ? '1' : '0'}${s.word}`;
    const entry = byWord.get(key) ?? { word: s.word, unwritten: !!s.unwritten, also: new Set<string>() };
    for (const a of s.also) entry.also.add(a);
    byWord.set(key, entry);
  }
  return [...byWord.values()]
    .map(({ word, unwritten, also }): TopicSpelling => ({ word, also: dedupeByTerm([...also]).sort(byWriting), ...(unwritten ? { unwritten: true as const } : {}) }))
    .sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : !a.unwritten && b.unwritten ? -1 : a.unwritten && !b.unwritten ? 1 : 0));
}

function dedupeByTerm(forms: readonly string[]): string[] {
  const byTerm = new Map<string, string>();
  for (const f of [...forms].sort(byWriting)) {
    const t = termOfWord(f) ?? f;
    if (!byTerm.has(t)) byTerm.set(t, f);
  }
  return [...byTerm.values()];
}

/**
 * What a topic search looks for: the topic, then each other spelling once ("Kataib Hezbollah Kataeb").
 * Both stores make the same text, so the database's search is found by the answers as it is in memory.
 */
export function spelledQuery(topic: string, spellings: readonly TopicSpelling[]): string {
  const extra = spellings.flatMap((s) => s.also);
  return extra.length ? `${topic} ${extra.join(' ')}` : topic;
}

/** Index term of each other spelling → the index term of the typed word it spells. */
export function spellingTerms(spellings: readonly TopicSpelling[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of spellings) {
    const typed = termOfWord(s.word);
    if (!typed) continue;
    for (const a of s.also) {
      const t = termOfWord(a);
      if (t && t !== typed && !out.has(t)) out.set(t, typed);
    }
  }
  return out;
}

/**
 * “Kataeb” for “Kataib”; “Qassem” for “Qasem”, and how many spellings that is: the notes' wording for every
 * door. Only the other spellings of words the corpus writes (`unwrittenPairs` words the others).
 */
export function spellingPairs(spellings: readonly TopicSpelling[]): { text: string; n: number } {
  const written = spellings.filter((s) => !s.unwritten && s.also.length);
  const parts = written.map((s) => `${s.also.map((a) => `“${a}”`).join(', ')} for “${s.word}”`);
  return { text: parts.join('; '), n: written.reduce((k, s) => k + s.also.length, 0) };
}

/**
 * The words of a topic the corpus never writes and what was looked for instead, for every door's note
 * ("Nothing says “Kataib”; searched “Kataeb”, as the corpus spells it."): `words` “Kataib” (or “Kataib” or
 * “Hizbollah”), `text` “Kataeb” (or “Kataeb” for “Kataib” and “Hezbollah” for “Hizbollah”), `it` the pronoun
 * for what was found ("it", "them"); null when there is none.
 */
export function unwrittenPairs(spellings: readonly TopicSpelling[]): { words: string; text: string; it: string } | null {
  const unwritten = spellings.filter((s) => s.unwritten && s.also.length);
  if (unwritten.length === 0) return null;
  const quoted = (list: readonly string[], and: string) => {
    const q = list.map((a) => `“${a}”`);
    return q.length > 1 ? `${q.slice(0, -1).join(', ')} ${and} ${q.at(-1)}` : q[0]!;
  };
  const words = quoted(unwritten.map((s) => s.word), 'or');
  const text = unwritten.length === 1 ? quoted(unwritten[0]!.also, 'and') : unwritten.map((s) => `${quoted(s.also, 'or')} for “${s.word}”`).join(' and ');
  return { words, text, it: unwritten.length === 1 ? 'it' : 'them' };
}

/** A word of a topic that the corpus never writes, as typed and as a name key. */
export interface UnwrittenWord {
  word: string;
  key: string;
  /** The topic's only word (its others, if any, are stop words): alone, it is little evidence (`unwrittenSpellings`). */
  alone: boolean;
}

/**
 * A name the corpus always writes capitalised (at most one use in twenty in lower case, outside a
 * sentence's first word), the only kind a word the corpus lacks may be searched as: "Kataeb" (always),
 * "Baker" (535 of 537 uses in Reuters); not "Commission" (80 %), "Association" (66 %), "President"
 * (33 %) or "Committee" (33 %), which Reuters writes in names but are ordinary words a reporter misspells.
 */
export const UNWRITTEN_NAME_SHARE = 0.95;

/** The paragraphs read to tell whether a word is always written capitalised (its best, by the search's order). */
export const UNWRITTEN_NAME_PARAGRAPHS = 1000;

/** Whether uses of a word (`capitalisedUses` in src/brief/words.ts) are those of a name always capitalised. */
export function alwaysCapitalised(counts: { uses: number; capitalised: number }): boolean {
  return counts.uses > 0 && counts.capitalised >= UNWRITTEN_NAME_SHARE * counts.uses;
}

/**
 * The words of a topic that may be names typed with a spelling the corpus lacks: one name word of at least
 * four letters (a-z, "al-" dropped) whose index term the corpus never has (`known`), each once.
 *
 * @example unwrittenWords('Kataib Hezbollah', (t) => t !== 'kataib') // [{ word: 'Kataib', key: 'kataib' }]
 */
export function unwrittenWords(topic: string, known: (term: string) => boolean): UnwrittenWord[] {
  const out: UnwrittenWord[] = [];
  const alone = terms(topic).filter((t) => !PREFIX_PARTICLES.has(t)).length === 1;
  for (const token of topic.split(/\s+/)) {
    const words = writtenWords(token);
    if (!words || words.length !== 1) continue;
    const { key, written } = words[0]!;
    if (!/^[a-z]{4,}$/.test(key) || out.some((w) => w.key === key)) continue;
    const term = termOfWord(written);
    if (term && !known(term)) out.push({ word: written, key, alone });
  }
  return out;
}

/** A word's consonants, doubled letters once: what is left when only its vowels differ ("kataib", "kataeb" → "ktb"). */
const consonants = (key: string): string => key.replace(/[aeiouy]+/g, '').replace(/(.)\1+/g, '$1');

/** At most this many names are searched for one word the corpus lacks. */
const MAX_UNWRITTEN = 3;

/**
 * The names the corpus writes for the words it lacks: the name words among `candidates` (as the corpus
 * writes them) that each word transliterates (`transliterated`), one per index term, at most
 * `MAX_UNWRITTEN` a word, each one the corpus always writes capitalised (`uses`: its uses in the paragraphs
 * that have it, `capitalisedUses`; `alwaysCapitalised`). A word one of whose candidates is an ordinary word
 * (written in lower case more than one time in twenty) gets none: it is more likely that word misspelt
 * ("comittee" on Reuters: "Committee" is in its names, and so are the misspelt "Commitee" and "Commmittee").
 *
 * @example unwrittenSpellings([{ word: 'Kataib', key: 'kataib' }], () => ['Kataeb', 'Hezbollah'], () => ({ uses: 3, capitalised: 3 }))
 *   // [{ word: 'Kataib', also: ['Kataeb'], unwritten: true }]
 */
export function unwrittenSpellings(
  words: readonly UnwrittenWord[],
  candidates: (word: UnwrittenWord) => Iterable<string>,
  uses: (written: string) => { uses: number; capitalised: number },
): TopicSpelling[] {
  const out: TopicSpelling[] = [];
  for (const w of words) {
    const typed = termOfWord(w.word);
    const forms: string[] = [];
    for (const c of candidates(w)) {
      const keys = nameWords(c);
      if (keys.length !== 1 || !transliterated(w.key, keys[0]!)) continue;
      // A word alone that differs from a name only in its vowels is as likely another name ("Morsi" is not
      // Reuters' "Morse", nor "Soliman" its "Solomon"): only a consonant English writes several ways (q/g,
      // dh/d/z, k/q: "Gaddafi"/"Qaddafi", "Kazemi"/"Kadhimi") says it is the same; else the topic's other
      // words must find it with it, as /brief's rule that every word match makes them.
      if (w.alone && consonants(w.key) === consonants(keys[0]!)) continue;
      const term = termOfWord(c);
      if (term && term !== typed && /^\p{Lu}/u.test(c)) forms.push(c);
    }
    const counted = dedupeByTerm(forms).map((form) => ({ form, counts: uses(form) })).filter((c) => c.counts.uses > 0);
    if (counted.length === 0 || !counted.every((c) => alwaysCapitalised(c.counts))) continue;
    out.push({ word: w.word, also: counted.map((c) => c.form).sort(byWriting).slice(0, MAX_UNWRITTEN), unwritten: true });
  }
  return out;
}

/**
 * The first letters of the corpus's name words a word may transliterate (`transliterated`: the same first
 * consonant, q for k, q for g; any vowel for a vowel), to look them up by.
 */
export function initialLetters(key: string): string[] {
  const first = key[0] ?? '';
  if ('aeiou'.includes(first)) return ['a', 'e', 'i', 'o', 'u'];
  if (first === 'k') return ['k', 'q'];
  if (first === 'q') return ['q', 'k', 'g'];
  if (first === 'g') return ['g', 'q'];
  return [first];
}

/** The name words of an entity table as written, by first letter (made once a table). */
const TABLE_WORDS = new WeakMap<EntityTable, Map<string, string[]>>();

/**
 * Makes a table's name words by first letter now (about 0.13 s at 100k paragraphs), so the first topic with a
 * word the corpus never writes does not pay for it: part of the background work after a start from the
 * snapshot (not after a live round: it is one piece of work, longer than a live round's slices).
 */
export function prepareNameWords(table: EntityTable): void {
  tableNameWords(table, '');
}

/** The name words of the table's names and their spellings, as written, that `key` may transliterate. */
export function tableNameWords(table: EntityTable, key: string): string[] {
  let byLetter = TABLE_WORDS.get(table);
  if (!byLetter) {
    const seen = new Set<string>();
    byLetter = new Map();
    for (const e of table.entities) {
      for (const name of [e.name, ...e.aliases]) {
        for (const w of writtenWords(name) ?? []) {
          if (seen.has(w.written)) continue;
          seen.add(w.written);
          const list = byLetter.get(w.key[0] ?? '');
          if (list) list.push(w.written);
          else byLetter.set(w.key[0] ?? '', [w.written]);
        }
      }
    }
    TABLE_WORDS.set(table, byLetter);
  }
  return initialLetters(key).flatMap((letter) => byLetter.get(letter) ?? []);
}

/** "another spelling of the name in the corpus" (or "other spellings …" for several). */
export function otherSpellings(n: number): string {
  return `${n === 1 ? 'another spelling' : 'other spellings'} of the name in the corpus`;
}
