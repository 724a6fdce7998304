import type { Article, Corpus } from '../corpus/types.ts';
import { AnalysisCache, type ArticleAnalysis } from './analysis.ts';
import { findNames, hasQuote, initialsMatch, pronounQuote, type FoundName } from './entities-names.ts';
import { formKey, nameWords, shortFormOf, similarNames, skeletonKey, skeletonWord } from './entities-keys.ts';
import { BUILT_IN_MERGES, readAliases, type AliasRules, type EntityKind } from './entities-aliases.ts';
import { nameIndexSteps, type NameIndex } from './entities-lookup.ts';

export type { EntityKind } from './entities-aliases.ts';

/** One name in one sentence of an article, with the cues found around it (see entities-names.ts). */
export interface EntityMention extends Omit<FoundName, 'acronymOf'> {
  articleId: string;
  paragraphId: string;
  paragraphIndex: number;
  sentenceIndex: number;
  /** The name as written: `paragraph.text.slice(start, end)`. */
  text: string;
  /** Index (in the article's mentions) of the name this acronym abbreviates. */
  acronymOf?: number;
}

/** A sentence with a quotation whose speaker is a mention of the article (by index). */
export interface EntityQuote {
  mention: number;
  paragraphIndex: number;
  sentenceIndex: number;
}

/** What the name recogniser found in one article: its names in reading order, and who is quoted where. */
export interface ArticleEntities {
  mentions: EntityMention[];
  quotes: EntityQuote[];
}

/** A person or organisation of the corpus: every spelling merged, every mention and quote. */
export interface Entity {
  /** Position in `EntityTable.entities` (most reported first). */
  id: number;
  /** The name shown: the fullest, most used spelling (or the alias file's first name). */
  name: string;
  kind: EntityKind;
  /** Other spellings as written in the articles, most used first. */
  aliases: string[];
  /** Every mention, in corpus order. */
  mentions: EntityMention[];
  /** Ids of the articles that mention it, in corpus order. */
  articles: string[];
  /** Sentences where it is the speaker of a quotation. */
  quotes: Array<{ mention: EntityMention; paragraphId: string; sentenceIndex: number }>;
  /** Form keys of its spellings (for lookup). */
  keys: string[];
}

/** The people and organisations of a corpus, computed once at load (`Library.entities`). */
export interface EntityTable {
  /** Most reported first: by number of articles, then by how much they say (`reportedWeight`). */
  entities: Entity[];
  byArticle: Map<string, ArticleEntities>;
  /**
   * The entities named in each paragraph (by paragraph id), for "related" names: pairs of entity id and
   * sentence index, flat (`[entity, sentence, entity, sentence, …]`), in reading order.
   */
  byParagraph: Map<string, number[]>;
  /** Forgiving lookup by name (entities-lookup.ts). */
  index: NameIndex;
  /** Lines of the alias file that could not be read. */
  aliasProblems: string[];
}

/** Flags packed into one number when stored. */
const INITIAL = 1;
const LOCATIVE = 2;
const SPEAKER = 4;

/**
 * An article's names as saved: one string of rows, `;` between rows and `,` between numbers. A mention row is
 * paragraph index, sentence index, start, end, person ×2, org ×2, flags, acronymOf (-1), descriptor
 * offsets…; a quote row is mention, paragraph index, sentence index. One string per article, not an array
 * per mention: these wait unparsed until the merge after a start needs them (141k mentions on Reuters would
 * otherwise be 280k small arrays surviving the start, and the garbage collector copying them).
 */
interface StoredArticleEntities {
  m: string;
  q: string;
}

/** The descriptors of every restored mention that has none: one frozen list rather than 130k empty ones. */
const NO_DESCRIPTORS = Object.freeze([]) as unknown as Array<[number, number]>;

function rowsOf(text: string): number[][] {
  return text ? text.split(';').map((row) => row.split(',').map(Number)) : [];
}

/** Names of one article as a per-article analysis: computed at load, saved in and restored from snapshots. */
export const ENTITY_ANALYSIS: ArticleAnalysis<ArticleEntities> = {
  name: 'entities',
  // Merged after the start in slices (library.ts), so restored there, not before the first answer.
  lazy: true,
  analyse: (article) => analyseArticleEntities(article),
  store: (value) => {
    const stored: StoredArticleEntities = {
      m: value.mentions
        .map((m) =>
          [
            m.paragraphIndex, m.sentenceIndex, m.start, m.end, Math.round(m.person * 2), Math.round(m.org * 2),
            (m.initial ? INITIAL : 0) | (m.locative ? LOCATIVE : 0) | (m.speaker ? SPEAKER : 0), m.acronymOf ?? -1,
            ...m.descriptors.flat(),
          ].join(','),
        )
        .join(';'),
      q: value.quotes.map((q) => `${q.mention},${q.paragraphIndex},${q.sentenceIndex}`).join(';'),
    };
    return stored;
  },
  restore: (stored, article) => {
    const s = stored as StoredArticleEntities;
    if (!s || typeof s.m !== 'string' || typeof s.q !== 'string') throw new Error(`entities of ${article.id}: not a mention list`);
    const mentions = rowsOf(s.m).map((row): EntityMention => {
      const [pi, si, start, end, person, org, flags, acr, ...desc] = row;
      const paragraph = article.paragraphs[pi!];
      if (row.length < 8 || row.some((n) => !Number.isInteger(n)) || !paragraph || !paragraph.sentences[si!] || !(end! <= paragraph.text.length) || !(start! < end!)) {
        throw new Error(`entities of ${article.id}: no name at ${pi}/${si}/${start}`);
      }
      let descriptors = NO_DESCRIPTORS;
      if (desc.length > 1) {
        descriptors = [];
        for (let k = 0; k + 1 < desc.length; k += 2) descriptors.push([desc[k]!, desc[k + 1]!]);
      }
      // `| 0`: small integers are kept in the object itself; a field that once held a number boxed apart
      // would box it in every mention (141k mentions on Reuters, four fields: about 9 MB).
      return {
        articleId: article.id, paragraphId: paragraph.id, paragraphIndex: pi! | 0, sentenceIndex: si! | 0, start: start! | 0, end: end! | 0,
        text: paragraph.text.slice(start, end), person: person! / 2, org: org! / 2, initial: (flags! & INITIAL) !== 0,
        locative: (flags! & LOCATIVE) !== 0, speaker: (flags! & SPEAKER) !== 0, descriptors, ...(acr! >= 0 ? { acronymOf: acr! } : {}),
      };
    });
    const quotes = rowsOf(s.q).map(([mention = -1, paragraphIndex = -1, sentenceIndex = -1]): EntityQuote => {
      if (!mentions[mention] || !article.paragraphs[paragraphIndex]?.sentences[sentenceIndex]) throw new Error(`entities of ${article.id}: bad quote`);
      return { mention, paragraphIndex, sentenceIndex };
    });
    return { mentions, quotes };
  },
};

// Articles are immutable once loaded: caching by object keeps a live update's cost to the changed articles.
export const ENTITY_CACHE = new AnalysisCache(ENTITY_ANALYSIS);

/** The names of one article and its quotations' speakers ("he said" given to the last person named). */
export function analyseArticleEntities(article: Article): ArticleEntities {
  const mentions: EntityMention[] = [];
  const quotes: EntityQuote[] = [];
  article.paragraphs.forEach((paragraph, paragraphIndex) => {
    paragraph.sentences.forEach((sentence, sentenceIndex) => {
      const base = mentions.length;
      const found = findNames(paragraph.text, sentence.start, sentence.end);
      for (const f of found) {
        mentions.push({
          articleId: article.id, paragraphId: paragraph.id, paragraphIndex, sentenceIndex, start: f.start, end: f.end,
          text: paragraph.text.slice(f.start, f.end), person: f.person, org: f.org, initial: f.initial, locative: f.locative,
          speaker: f.speaker, descriptors: f.descriptors, ...(f.acronymOf !== undefined ? { acronymOf: base + f.acronymOf } : {}),
        });
      }
      if (!hasQuote(sentence.text)) return;
      const speaker = found.findIndex((f) => f.speaker);
      if (speaker >= 0) quotes.push({ mention: base + speaker, paragraphIndex, sentenceIndex });
      else if (pronounQuote(sentence.text)) {
        for (let k = base - 1; k >= 0; k--) {
          const m = mentions[k]!;
          if (m.paragraphIndex < paragraphIndex - 2) break;
          if (m.person > m.org) {
            quotes.push({ mention: k, paragraphIndex, sentenceIndex });
            break;
          }
        }
      }
    });
  });
  return { mentions, quotes };
}

/** One spelling (form key) of a name, with its mentions (indexes into the corpus-wide mention list). */
interface Form {
  key: string;
  words: string[];
  skeleton: string;
  /** The spelling as first written. */
  text: string;
  mentions: number[];
  acronym: boolean;
  cluster: number;
}

/** Spellings that are the same name (same skeleton, confirmed word by word). */
interface Cluster {
  id: number;
  forms: Form[];
  words: string[];
  person: number;
  org: number;
}

/**
 * The people and organisations of a corpus: every article's names (cached per article), merged across
 * spellings and articles, kinds decided from the cues of all mentions together, then ranked.
 *
 * Merging, in order: (1) spellings with the same transliteration skeleton, confirmed word by word
 * ("Qassem"/"Qasem Soleimani"); (2) a surname or shorter form to the full name of a person — the one named
 * before it in the same article, else the only one in the corpus ("Soleimani", "Kadhimi"), never an
 * organisation's last word ("Hezbollah" stays apart from "Kataib Hezbollah") and never across two
 * different first names; (3) acronyms to the name they abbreviate ("Popular Mobilization Force (PMF)");
 * (4) the built-in aliases and the corpus's alias file (`aliases.txt`, see entities-aliases.ts).
 */
export function analyseEntities(corpus: Corpus, aliases: AliasRules = readAliases(corpus.report.root), stepped?: () => void): EntityTable {
  const steps = entitySteps(corpus.articles, aliases);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    stepped?.();
  }
}

/**
 * `analyseEntities` in slices: the same table, built while yielding to the event loop whenever a slice
 * has taken `sliceMs`, so a live corpus update at archive scale (about a second of work on 100k
 * paragraphs) never holds answers up for longer than a slice. `articles` is the article list the table
 * is for (a corpus about to be swapped in may differ from the one being served).
 */
export async function analyseEntitiesSliced(
  articles: readonly Article[],
  aliases: AliasRules,
  sliceMs = 20,
  stats: { longestSliceMs: number } = { longestSliceMs: 0 },
): Promise<EntityTable> {
  const steps = entitySteps(articles, aliases);
  let started = performance.now();
  for (;;) {
    const step = steps.next();
    const spent = performance.now() - started;
    stats.longestSliceMs = Math.max(stats.longestSliceMs, spent);
    if (step.done) return step.value;
    if (spent >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      started = performance.now();
    }
  }
}

/** How many units of work (mentions, forms, clusters) pass between two chances to yield. */
const STEP = 512;

/** The body of `analyseEntities`: yields every `STEP` units of work and returns the table. */
function* entitySteps(articles: readonly Article[], aliases: AliasRules): Generator<void, EntityTable, void> {
  let work = 0;
  const byArticle = new Map<string, ArticleEntities>();
  // Every mention of the corpus in reading order; per mention its article's position and its form.
  const all: EntityMention[] = [];
  const articleAt: number[] = [];
  const formAt: number[] = [];
  const bases: number[] = [];
  const forms: Form[] = [];
  const formByKey = new Map<string, number>();
  const formOfText = new Map<string, number>();
  for (const [a, article] of articles.entries()) {
    const entry = ENTITY_CACHE.get(article);
    byArticle.set(article.id, entry);
    bases.push(all.length);
    if (++work % 8 === 0) yield; // analysing an article that is not cached yet is the costliest step
    for (const m of entry.mentions) {
      let f = formOfText.get(m.text);
      if (f === undefined) {
        const words = nameWords(m.text);
        const key = words.join(' ');
        f = key ? formByKey.get(key) ?? -1 : -1;
        if (key && f < 0) {
          f = forms.length;
          forms.push({ key, words, skeleton: skeletonKey(words), text: m.text, mentions: [], acronym: ACRONYM.test(m.text), cluster: -1 });
          formByKey.set(key, f);
        }
        formOfText.set(m.text, f);
      }
      if (f >= 0) forms[f]!.mentions.push(all.length);
      all.push(m);
      articleAt.push(a);
      formAt.push(f);
    }
  }

  const splits = aliases.splits.map(([a, b]) => [formKey(a), formKey(b)] as const);
  // The keys of each cluster matter only to the alias file's splits: without any, no set is made (tens of
  // thousands of sets that would live through the whole merge, for the scavenger to copy).
  const tracking = splits.length > 0;
  const NO_KEYS: ReadonlySet<string> = new Set();
  const forbidden = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
    tracking && splits.some(([x, y]) => (a.has(x) && b.has(y)) || (a.has(y) && b.has(x)));

  // (1) Spellings of one name.
  const clusters: Cluster[] = [];
  const clusterKeys: Array<ReadonlySet<string>> = [];
  const bySkeleton = new Map<string, number[]>();
  for (const form of forms) {
    if (++work % STEP === 0) yield;
    const bucket = form.acronym ? `acronym ${form.key}` : form.skeleton;
    let candidates = bySkeleton.get(bucket);
    if (!candidates) bySkeleton.set(bucket, (candidates = []));
    const own = tracking ? new Set([form.key]) : NO_KEYS;
    const home = candidates.find((c) => similarNames(form.words, clusters[c]!.words) && !forbidden(own, clusterKeys[c]!));
    if (home !== undefined) {
      clusters[home]!.forms.push(form);
      if (tracking) (clusterKeys[home] as Set<string>).add(form.key);
      form.cluster = home;
    } else {
      const id = clusters.length;
      clusters.push({ id, forms: [form], words: form.words, person: 0, org: 0 });
      clusterKeys.push(own);
      candidates.push(id);
      form.cluster = id;
    }
  }
  for (const c of clusters) {
    if (++work % STEP === 0) yield;
    for (const f of c.forms) {
      for (const i of f.mentions) {
        c.person += all[i]!.person;
        c.org += all[i]!.org;
      }
    }
  }
  /** The cluster of each mention (-1: dropped or no name). */
  const assigned = new Int32Array(all.length);
  for (let i = 0; i < all.length; i++) assigned[i] = formAt[i]! >= 0 ? forms[formAt[i]!]!.cluster : -1;

  // Unions of clusters (one entity each), never joining names the alias file keeps apart.
  const parent = clusters.map((c) => c.id);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const keysOf = tracking ? clusterKeys.map((k) => new Set(k)) : (clusterKeys as Array<Set<string>>);
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb || forbidden(keysOf[ra]!, keysOf[rb]!)) return;
    parent[rb] = ra;
    if (tracking) for (const k of keysOf[rb]!) keysOf[ra]!.add(k);
  };

  // (2) Surnames and shorter forms to the full name of a person.
  const personish = (c: Cluster) => c.person > c.org && c.person >= 1;
  const byLastWord = new Map<string, number[]>();
  for (const c of clusters) {
    if (++work % STEP === 0) yield;
    if (c.words.length < 2 || !personish(c) || c.forms.every((f) => f.acronym)) continue;
    const last = skeletonWord(c.words[c.words.length - 1]!);
    const list = byLastWord.get(last);
    if (list) list.push(c.id);
    else byLastWord.set(last, [c.id]);
  }
  const mentionsByArticle = new Map<number, Map<number, number[]>>();
  const inArticle = (l: number, article: number): number[] => {
    let map = mentionsByArticle.get(l);
    if (!map) {
      map = new Map();
      for (const f of clusters[l]!.forms) {
        for (const i of f.mentions) {
          const list = map.get(articleAt[i]!);
          if (list) list.push(i);
          else map.set(articleAt[i]!, [i]);
        }
      }
      mentionsByArticle.set(l, map);
    }
    return map.get(article) ?? [];
  };
  for (const s of clusters) {
    if (++work % STEP === 0) yield;
    if (s.org > s.person || s.forms.every((f) => f.acronym)) continue;
    const last = s.words[s.words.length - 1];
    if (!last) continue;
    const options = byLastWord.get(skeletonWord(last));
    if (!options) continue;
    const candidates = options.filter((l) => l !== s.id && shortFormOf(s.words, clusters[l]!.words) && !forbidden(clusterKeys[s.id]!, clusterKeys[l]!));
    if (candidates.length === 0) continue;
    // Of candidates that are themselves shorter forms of another ("Yasuhiro Nakasone" of "Prime Minsiter
    // Yasuhiro Nakasone", a typo the title list missed), only the longest counts as a separate person.
    const distinct = candidates.filter((l) => !candidates.some((o) => o !== l && shortFormOf(clusters[l]!.words, clusters[o]!.words)));
    if (distinct.length === 1) {
      // One person of that name in the whole corpus: the shorter form is that person. A capital at a
      // sentence's start ("Prior to …") counts only where the article names the person in full.
      union(distinct[0]!, s.id);
      for (const f of s.forms) for (const i of f.mentions) if (all[i]!.initial && inArticle(distinct[0]!, articleAt[i]!).length === 0) assigned[i] = -1;
      continue;
    }
    // Several (brothers Qais and Laith al-Khazali): the one the article named last before, else first.
    // Mentions are numbered in reading order, so "before" is a smaller number.
    for (const f of s.forms) {
      for (const i of f.mentions) {
        // A common surname with several candidates is much work for one cluster (up to 60-90 ms at 100k
        // paragraphs): yield inside it too.
        if (++work % STEP === 0) yield;
        let before = -1;
        let target = -1;
        let earliest = Infinity;
        let earliestTarget = -1;
        for (const l of candidates) {
          for (const j of inArticle(l, articleAt[i]!)) {
            if (j < i && j > before) [before, target] = [j, l];
            if (j < earliest) [earliest, earliestTarget] = [j, l];
          }
        }
        if (target < 0) target = earliestTarget;
        if (target >= 0) assigned[i] = target;
      }
    }
  }

  // (3, 4) Acronyms, built-in aliases and the alias file.
  const linked = new Set<number>();
  for (const [a, article] of articles.entries()) {
    if (++work % STEP === 0) yield;
    const entry = byArticle.get(article.id)!;
    entry.mentions.forEach((m, k) => {
      if (m.acronymOf === undefined) return;
      const acronym = assigned[bases[a]! + k]!;
      const expansion = assigned[bases[a]! + m.acronymOf]!;
      if (acronym < 0 || expansion < 0) return;
      union(expansion, acronym);
      linked.add(acronym);
    });
  }
  // An acronym never written next to its expansion: the one organisation whose initials spell it.
  const byInitials = new Map<string, number[]>();
  for (const c of clusters) {
    if (++work % STEP === 0) yield;
    if (c.words.length < 2 || c.org <= c.person) continue;
    const initials = c.words.filter((w) => !['of', 'the', 'and', 'for', 'on', 'in', '&'].includes(w)).map((w) => w[0]).join('');
    const list = byInitials.get(initials);
    if (list) list.push(c.id);
    else byInitials.set(initials, [c.id]);
  }
  for (const c of clusters) {
    if (++work % STEP === 0) yield;
    if (linked.has(c.id) || !c.forms.some((f) => f.acronym)) continue;
    const letters = c.words.join('');
    const options = letters.length >= 3 ? byInitials.get(letters) : undefined;
    if (!options) continue;
    // Only an expansion written in an article that also uses the acronym.
    const articles = new Set(c.forms.flatMap((f) => f.mentions.map((i) => articleAt[i]!)));
    const found = options.filter((o) => initialsMatch(clusters[o]!.forms[0]!.text, letters) && clusters[o]!.forms.some((f) => f.mentions.some((i) => articles.has(articleAt[i]!))));
    if (found.length === 1) union(found[0]!, c.id);
  }
  const clusterOfKey = (name: string) => {
    const f = formByKey.get(formKey(name));
    return f === undefined ? undefined : forms[f]!.cluster;
  };
  const shownName = new Map<number, string>();
  for (const group of [...BUILT_IN_MERGES, ...aliases.merges]) {
    const ids = group.map(clusterOfKey).filter((c): c is number => c !== undefined);
    for (const id of ids.slice(1)) union(ids[0]!, id);
  }
  // Shown under the alias file's first name; a built-in group under its first name the corpus writes.
  for (const group of BUILT_IN_MERGES) {
    const first = group.find((n) => clusterOfKey(n) !== undefined);
    if (first) shownName.set(find(clusterOfKey(first)!), forms[formByKey.get(formKey(first))!]!.text);
  }
  for (const group of aliases.merges) {
    const id = group.map(clusterOfKey).find((c) => c !== undefined);
    if (id !== undefined) shownName.set(find(id), group[0]!);
  }

  // Entities: the mentions of each union (in reading order), with their kind decided from every cue.
  const groups = new Map<number, number[]>();
  yield;
  for (let i = 0; i < all.length; i++) {
    if (i % (STEP * 16) === 0) yield;
    if (assigned[i]! < 0) continue;
    const root = find(assigned[i]!);
    const list = groups.get(root);
    if (list) list.push(i);
    else groups.set(root, [i]);
  }
  const entities: Entity[] = [];
  const firstAt = new Map<Entity, number>();
  const entityOfRoot = new Map<number, Entity>();
  for (const [root, indexes] of groups) {
    if (++work % STEP === 0) yield;
    const mentions = indexes.map((i) => all[i]!);
    const keySet = new Set<string>();
    let lastForm = -1;
    for (const i of indexes) {
      if (formAt[i] !== lastForm) keySet.add(forms[(lastForm = formAt[i]!)]!.key);
    }
    const keys = [...keySet];
    const kind = decideKind(mentions, keys, aliases);
    if (!kind) continue;
    const name = shownName.get(root) ?? displayName(indexes, all, (i) => forms[formAt[i]!]!, kind);
    const texts = new Map<string, number>();
    for (const m of mentions) texts.set(m.text, (texts.get(m.text) ?? 0) + 1);
    const wordsIn = (t: string) => (t.includes(' ') ? 2 : 1);
    const aliasTexts = [...texts].filter(([t]) => t !== name).sort((a, b) => wordsIn(b[0]) - wordsIn(a[0]) || b[1] - a[1]).map(([t]) => t);
    // filter, then map: an array of the right size (one grown by `push` keeps room to spare, per entity).
    const articles = mentions.filter((m, k) => k === 0 || mentions[k - 1]!.articleId !== m.articleId).map((m) => m.articleId);
    const entity: Entity = { id: -1, name, kind, aliases: aliasTexts, mentions, articles, quotes: [], keys };
    firstAt.set(entity, indexes[0]!);
    entityOfRoot.set(root, entity);
    entities.push(entity);
  }
  // The quotes each entity speaks.
  for (const [a, article] of articles.entries()) {
    if (++work % STEP === 0) yield;
    const entry = byArticle.get(article.id)!;
    for (const q of entry.quotes) {
      const at = assigned[bases[a]! + q.mention]!;
      const entity = at < 0 ? undefined : entityOfRoot.get(find(at));
      const paragraph = article.paragraphs[q.paragraphIndex];
      if (entity && paragraph) entity.quotes.push({ mention: entry.mentions[q.mention]!, paragraphId: paragraph.id, sentenceIndex: q.sentenceIndex });
    }
  }
  yield;
  const reported = new Map<Entity, number>();
  for (const e of entities) reported.set(e, reportedWeight(e));
  entities.sort(
    (a, b) => b.articles.length - a.articles.length || reported.get(b)! - reported.get(a)! || firstAt.get(a)! - firstAt.get(b)!,
  );
  const byParagraph = new Map<string, number[]>();
  yield;
  for (const [id, e] of entities.entries()) {
    if (id % STEP === 0) yield;
    e.id = id;
    for (const m of e.mentions) {
      const list = byParagraph.get(m.paragraphId);
      if (!list) byParagraph.set(m.paragraphId, [id, m.sentenceIndex]);
      else if (list[list.length - 2] !== id || list[list.length - 1] !== m.sentenceIndex) list.push(id, m.sentenceIndex);
    }
  }
  yield;
  const index = yield* nameIndexSteps(entities);
  return { entities, byArticle, byParagraph, index, aliasProblems: aliases.problems };
}

const ACRONYM = /^(?:\p{Lu}{2,7}|(?:\p{Lu}\.){2,})$/u;

/**
 * How much the sources say about an entity, the ranking after the number of articles: 1 per mention, 1 per
 * mention that describes it (a title, a role, an appositive) and 1 per sentence it is quoted in. So among
 * names in as many articles, Qais al-Khazali (named once, described as the leader of a militia, quoted)
 * comes before the Expediency Council (named once in passing).
 */
function reportedWeight(e: Entity): number {
  let described = 0;
  for (const m of e.mentions) if (m.descriptors.length > 0) described++;
  return e.mentions.length + described + e.quotes.length;
}

/**
 * Person, organisation, or neither (null: dropped), from the cues of all mentions. An editor's kind wins.
 * Names mostly seen after "in"/"near" without a title are places; names with no cue at all are left out
 * (a capital alone does not make a name: "Tensions", "Embassies").
 */
function decideKind(mentions: readonly EntityMention[], keys: readonly string[], aliases: AliasRules): EntityKind | null {
  for (const k of keys) if (aliases.kinds.has(k)) return aliases.kinds.get(k)!;
  let person = 0;
  let org = 0;
  let locative = 0;
  for (const m of mentions) {
    person += m.person;
    org += m.org;
    if (m.locative) locative++;
  }
  if (locative * 2 > mentions.length && person < 3 && org < 3) return null;
  if (org > person && org >= 1) return 'organisation';
  if (person > org && person >= 1) return 'person';
  return null;
}

/**
 * The name to show: for a person the most used spelling of several words, for an organisation the most
 * used spelled-out name (not its acronym); as written in the articles.
 */
function displayName(indexes: readonly number[], all: readonly EntityMention[], formOf: (i: number) => Form, kind: EntityKind): string {
  const counts = new Map<string, { n: number; words: number; acronym: boolean; first: number }>();
  indexes.forEach((i, k) => {
    const m = all[i]!;
    const form = formOf(i);
    const c = counts.get(m.text) ?? { n: 0, words: Math.min(form.words.length, 4), acronym: form.acronym, first: k };
    c.n++;
    counts.set(m.text, c);
  });
  const ranked = [...counts].sort(([, a], [, b]) => {
    if (a.acronym !== b.acronym) return a.acronym ? 1 : -1;
    if (kind === 'person' && (a.words > 1) !== (b.words > 1)) return a.words > 1 ? -1 : 1;
    return b.n - a.n || a.first - b.first;
  });
  return ranked[0]![0];
}
