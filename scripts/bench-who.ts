/**
 * The /who recogniser measured.
 *
 * 1. Seeds: the people and organisations of the five seed articles (listed by hand below, from reading
 *    them) against what /who lists, beside a capitalisation-only baseline (every run of capitalised words
 *    that does not open a sentence is a name) — the choice of recogniser.
 * 2. Reuters-21578: recall of the collection's document-level `people` tags (matched by surname, lower
 *    case) and `orgs` tags (matched by acronym or the name run together: "ec", "worldbank") by the
 *    entities found in the same articles; then a deterministic sample of extracted names to judge by hand
 *    (results in docs/design/who.md).
 * 3. Speed: per-article analysis and table assembly at load; /who answers and autocomplete on Reuters.
 *
 *   npm run bench:who [-- --data ../shared/data/reuters21578.jsonl] [--sample 100]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../src/corpus/load.ts';
import type { Corpus } from '../src/corpus/types.ts';
import { analyseEntities, ENTITY_CACHE, type Entity, type EntityTable } from '../src/analyse/entities.ts';
import { emptyAliases } from '../src/analyse/entities-aliases.ts';
import { formKey, nameWords, similarWords } from '../src/analyse/entities-keys.ts';
import { who } from '../src/answer/who.ts';
import { knownNames, nameChoices } from '../src/discord/choices.ts';
import type { Library } from '../src/library.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dataFile = arg('--data') ?? join(import.meta.dirname, '../../shared/data/reuters21578.jsonl');
const sampleSize = Number(arg('--sample') ?? 100);

const ms = (t: number) => Math.round(performance.now() - t);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

/** A library with just what /who reads (the index and events are not needed to answer it). */
function whoLibrary(corpus: Corpus, entities: EntityTable): Library {
  return { corpus, index: undefined as unknown as Library['index'], retired: new Map(), entities };
}

// ---------------------------------------------------------------------------------------------------
// 1. Seeds: our recogniser against a capitalisation-only baseline.
const SEED_PEOPLE = [
  'Donald Trump', 'Matthew Tueller', 'Mohsen Fakhrizadeh', 'Hassan Rouhani', 'Qassem Soleimani', 'Joe Biden', 'Sanam Vakil',
  'Mohammad Javad Zarif', 'Abu Mahdi al-Muhandis', 'Ismail Qaani', 'Mohammed Mohie', 'Qais al-Khazali', 'Mike Pompeo',
  'Mustafa al-Kadhimi', 'Chris Stevens', 'Mark Milley', 'Barham Salih',
];
const SEED_ORGS = [
  'State Department', 'Kataib Hezbollah', 'Popular Mobilization Force', 'Islamic State', 'Asaib Ahl al-Haq',
  'Islamic Revolutionary Guard Corps', 'Supreme National Security Council', 'Expediency Council', 'Chatham House',
  'Middle East and North Africa Programme', 'White House', 'Pentagon', 'Joint Chiefs of Staff', 'Government of Iraq',
];
/** Does a found name stand for a gold name (same last word, transliteration-folded)? */
const sameName = (found: string, gold: string) => {
  const f = nameWords(found);
  const g = nameWords(gold);
  return f.length > 0 && similarWords(f.at(-1)!, g.at(-1)!) && (f.length === 1 || similarWords(f[0]!, g[0]!) || g.length === 1);
};
const goldOf = (name: string) => [...SEED_PEOPLE, ...SEED_ORGS].find((g) => sameName(name, g) || formKey(name) === formKey(g));

/** The baseline: every run of capitalised words (with al-/bin particles) that does not open a sentence. */
function capitalRuns(corpus: Corpus): Set<string> {
  const runs = new Set<string>();
  for (const a of corpus.articles) {
    for (const p of a.paragraphs) {
      for (const s of p.sentences) {
        const words = s.text.split(/\s+/);
        let run: string[] = [];
        words.forEach((raw, i) => {
          const w = raw.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/['’]s$/, '');
          const cap = /^\p{Lu}/u.test(w) || /^(?:al|el)-\p{Lu}/u.test(w);
          if (cap && i > 0) run.push(w);
          if ((!cap || /[,.;:)]$/.test(raw)) && run.length) {
            runs.add(run.join(' '));
            run = [];
          }
        });
        if (run.length) runs.add(run.join(' '));
      }
    }
  }
  return runs;
}

const seeds = await loadCorpus(join(import.meta.dirname, '../corpus'));
const seedTable = analyseEntities(seeds, emptyAliases());
const listed = seedTable.entities;
const ourPeople = listed.filter((e) => e.kind === 'person');
const seedRows: string[][] = [];
{
  const found = (names: string[], gold: string[]) => gold.filter((g) => names.some((n) => sameName(n, g) || formKey(n) === formKey(g))).length;
  const names = listed.map((e) => e.name);
  const baseline = [...capitalRuns(seeds)];
  const peopleHits = found(ourPeople.flatMap((e) => [e.name, ...e.aliases]), SEED_PEOPLE);
  const orgHits = found(listed.filter((e) => e.kind === 'organisation').flatMap((e) => [e.name, ...e.aliases]), SEED_ORGS);
  const ourPrecision = names.filter((n) => goldOf(n)).length / names.length;
  const wrongKind = listed.filter((e) => {
    const g = goldOf(e.name);
    return g && (SEED_PEOPLE.includes(g) ? 'person' : 'organisation') !== e.kind;
  });
  const baseRecall = found(baseline, [...SEED_PEOPLE, ...SEED_ORGS]);
  const basePrecision = baseline.filter((n) => goldOf(n)).length / baseline.length;
  seedRows.push(
    ['capitalised runs (baseline, no kinds)', String(baseline.length), `${baseRecall}/${SEED_PEOPLE.length + SEED_ORGS.length}`, pct(basePrecision), '—'],
    ['this recogniser (/who list)', String(names.length), `${peopleHits}/${SEED_PEOPLE.length} people, ${orgHits}/${SEED_ORGS.length} orgs`, pct(ourPrecision), `${wrongKind.length} wrong kind`],
  );
  const notGold = names.filter((n) => !goldOf(n));
  console.log('## Seeds (5 articles): listed names against the hand list of 17 people and 14 organisations');
  console.log('| recogniser | names | found | precision | kinds |');
  console.log('|---|---|---|---|---|');
  for (const r of seedRows) console.log(`| ${r.join(' | ')} |`);
  console.log(`listed but not in the hand list: ${notGold.join(', ') || '(none)'}`);
  const missed = [...SEED_PEOPLE, ...SEED_ORGS].filter((g) => !listed.some((e) => [e.name, ...e.aliases].some((n) => sameName(n, g) || formKey(n) === formKey(g))));
  console.log(`in the hand list but not listed: ${missed.join(', ') || '(none)'}`);
  console.log('');
}

// ---------------------------------------------------------------------------------------------------
// 2. Reuters.
if (!existsSync(dataFile)) {
  console.error(`bench:who: no Reuters file at ${dataFile}`);
  process.exit(1);
}
let t = performance.now();
const corpus = await loadCorpus(dataFile);
const loadMs = ms(t);
t = performance.now();
for (const a of corpus.articles) ENTITY_CACHE.get(a);
const perArticleMs = ms(t);
t = performance.now();
const table = analyseEntities(corpus, emptyAliases());
const tableMs = ms(t);
let mentionCount = 0;
for (const a of table.byArticle.values()) mentionCount += a.mentions.length;
console.log(`## Reuters-21578: ${corpus.articles.length} articles, ${corpus.report.paragraphs} paragraphs`);
console.log(`load (not /who): ${loadMs} ms; names of every article: ${perArticleMs} ms (${mentionCount} mentions); entity table (merging, kinds, lookup): ${tableMs} ms`);
console.log(`entities: ${table.entities.length} (${table.entities.filter((e) => e.kind === 'person').length} people, ${table.entities.filter((e) => e.kind === 'organisation').length} organisations)`);

const tags = new Map<string, { people: string[]; orgs: string[] }>();
for (const line of readFileSync(dataFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as { id: string; people?: string[]; orgs?: string[] };
  tags.set(String(r.id), { people: r.people ?? [], orgs: r.orgs ?? [] });
}
const entitiesOf = new Map<string, Set<Entity>>();
for (const e of table.entities) {
  for (const id of e.articles) {
    let set = entitiesOf.get(id);
    if (!set) entitiesOf.set(id, (set = new Set()));
    set.add(e);
  }
}
const wordsOf = (e: Entity) => new Set([...e.keys, formKey(e.name)].flatMap((k) => k.split(' ')));
const initialsOf = (k: string) => k.split(' ').filter((w) => !['of', 'the', 'and', 'for', 'on', 'in', '&'].includes(w)).map((w) => w[0]).join('');
function personHit(tag: string, entities: Iterable<Entity>): boolean {
  const parts = tag.split('-');
  for (const e of entities) {
    const words = wordsOf(e);
    if (words.has(parts.at(-1)!) || words.has(parts.join(''))) return true;
  }
  return false;
}
function orgHit(tag: string, entities: Iterable<Entity>): boolean {
  const head = tag.split('-')[0]!;
  for (const e of entities) {
    for (const k of [...e.keys, formKey(e.name)]) {
      if (k === head || k.replace(/ /g, '') === head || k.replace(/ /g, '') === tag.replace(/-/g, '') || (k.includes(' ') && initialsOf(k) === head)) return true;
    }
  }
  return false;
}
const recall = { people: [0, 0, 0], orgs: [0, 0, 0] };
for (const a of corpus.articles) {
  const t2 = tags.get(a.id);
  if (!t2) continue;
  const all = [...(entitiesOf.get(a.id) ?? [])];
  for (const p of t2.people) {
    recall.people[0]!++;
    if (personHit(p, all.filter((e) => e.kind === 'person'))) recall.people[1]!++;
    if (personHit(p, all)) recall.people[2]!++;
  }
  for (const o of t2.orgs) {
    recall.orgs[0]!++;
    if (orgHit(o, all.filter((e) => e.kind === 'organisation'))) recall.orgs[1]!++;
    if (orgHit(o, all)) recall.orgs[2]!++;
  }
}
console.log('');
console.log('| tags | count | found as that kind | found as any entity |');
console.log('|---|---|---|---|');
console.log(`| people (surname) | ${recall.people[0]} | ${pct(recall.people[1]! / recall.people[0]!)} | ${pct(recall.people[2]! / recall.people[0]!)} |`);
console.log(`| orgs (acronym or name) | ${recall.orgs[0]} | ${pct(recall.orgs[1]! / recall.orgs[0]!)} | ${pct(recall.orgs[2]! / recall.orgs[0]!)} |`);

// A deterministic sample to judge by hand: entities ordered by a hash of their name.
const hash = (s: string) => createHash('sha1').update(s).digest('hex');
const hashed = [...table.entities].sort((a, b) => hash(a.name).localeCompare(hash(b.name)));
const sample = hashed.slice(0, sampleSize);
const people = hashed.filter((e) => e.kind === 'person' && !sample.includes(e)).slice(0, Math.round(sampleSize / 2));
const show = (e: Entity, i: number) => {
  const m = e.mentions[0]!;
  const p = corpus.paragraphById.get(m.paragraphId)!;
  const from = Math.max(0, m.start - 50);
  const context = p.text.slice(from, m.end + 40).replace(/\s+/g, ' ');
  console.log(`${String(i + 1).padStart(3)}. ${e.kind.padEnd(12)} ${e.name} (${e.mentions.length}) — …${context}…`);
};
console.log('');
console.log(`## Sample of ${sample.length} extracted names (sha1 order), to judge by hand`);
sample.forEach(show);
console.log('');
console.log(`## And ${people.length} more people (sha1 order; Reuters names far more companies than people)`);
people.forEach(show);

// ---------------------------------------------------------------------------------------------------
// 3. Speed of the answers.
const library = whoLibrary(corpus, table);
const time = (fn: () => unknown) => {
  const s = performance.now();
  fn();
  return performance.now() - s;
};
const firstList = time(() => who(library, '', {}));
const listTimes = Array.from({ length: 30 }, () => time(() => who(library, '', {})));
const queries = [
  ...table.entities.slice(0, 150).map((e) => e.name),
  ...table.entities.slice(0, 50).map((e) => e.name.split(' ').at(-1)!),
  ...table.entities.slice(0, 50).map((e) => e.name.slice(0, 2) + e.name.slice(3)),
  ...Array.from({ length: 50 }, (_, i) => `zq${i}xw${i}`),
];
const profileTimes = queries.map((q) => time(() => who(library, q, {})));
let names: string[] = [];
const knownMs = time(() => (names = knownNames(library, (lib, q, o) => who(lib, q, o))));
const prefixes = table.entities.slice(0, 200).map((e, i) => e.name.slice(0, 1 + (i % 4)));
const completeTimes = prefixes.map((p) => time(() => nameChoices(names, p)));
console.log('');
console.log('## Speed on Reuters (one core, after load)');
console.log(`| what | p50 | p99 |`);
console.log(`|---|---|---|`);
console.log(`| who (list, 25 names; the first, ${firstList.toFixed(0)} ms, finds their descriptors once) | ${quantile(listTimes, 0.5).toFixed(2)} ms | ${quantile(listTimes, 0.99).toFixed(2)} ms |`);
console.log(`| who <name> (${queries.length} queries: names, surnames, typos, misses) | ${quantile(profileTimes, 0.5).toFixed(2)} ms | ${quantile(profileTimes, 0.99).toFixed(2)} ms |`);
console.log(`| autocomplete, 25 names for a prefix (${prefixes.length} prefixes) | ${quantile(completeTimes, 0.5).toFixed(2)} ms | ${quantile(completeTimes, 0.99).toFixed(2)} ms |`);
console.log(`known names for autocomplete (once per corpus version): ${knownMs.toFixed(0)} ms, ${names.length} names`);
