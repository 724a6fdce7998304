import MiniSearch, { type Options } from 'minisearch';
import type { Article, Paragraph } from '../corpus/types.ts';
import type { SearchHit, SearchIndex, SearchOptions } from './types.ts';
import { STOP_WORDS, stemOf, tokenize } from '../text/terms.ts';
import { encodePostings, PackedPostings, PostingPool } from './postings.ts';

/**
 * Retrieval settings. The defaults are the configuration that matched plain BM25 on Cranfield
 * (see DESIGN.md, `npm run bench:retrieval`); the others exist so the benchmark can compare.
 */
export interface IndexSettings {
  /** Drop stop words (the short list in src/text/terms.ts). */
  stopWords: boolean;
  /** Porter-stem terms. */
  stem: boolean;
  /** BM25 parameters; d = 0 is classic BM25, minisearch's default d = 0.5 is BM25+. */
  bm25: { k: number; b: number; d: number };
  /** Undo minisearch's multiplication of the score by the number of query terms matched. */
  plainScore: boolean;
  /** Field boosts: paragraph text, the article's headline and outlet. */
  boost: { text: number; title: number; outlet: number };
  /**
   * How much work one query may cause: the number of postings (paragraph × term) it may walk. Query terms
   * are taken rarest first until the next one would pass the budget (the rarest is always kept). Common
   * terms carry little BM25 weight (low idf) but cost the most; on the 105k-paragraph Reuters corpus this
   * bounds a query's cost, while on small corpora every term fits (DESIGN.md, performance).
   */
  postingBudget: number;
}

export const DEFAULT_INDEX_SETTINGS: IndexSettings = {
  stopWords: true,
  stem: true,
  bm25: { k: 1.2, b: 0.75, d: 0 },
  plainScore: true,
  boost: { text: 1, title: 0.5, outlet: 0.5 },
  postingBudget: 10_000,
};

/**
 * A saved index, as a snapshot stores it: a header (minisearch's counters and document table, our text
 * statistics), then the postings a slice of terms at a time. `slices` is lazy when saving, so writing a
 * snapshot never holds a second copy of the index (minisearch's own `toJSON` would).
 */
export interface SavedIndex {
  header: SavedIndexHeader;
  slices: Iterable<TermRow[]>;
}

export interface SavedIndexHeader {
  documentCount: number;
  format: typeof SAVED_INDEX_FORMAT;
  nextId: number;
  dirtCount: number;
  fieldIds: Record<string, number>;
  averageFieldLength: number[];
  /** minisearch's short ids of the documents, delta-coded, and their paragraph ids in the same order. */
  shortIds: number[];
  ids: string[];
  /** Field lengths, FIELDS.length per document, in the order of `ids`. */
  fieldLength: number[];
  textTokens: number;
  /** Number of term rows that follow. */
  terms: number;
  /** Postings in those rows (sizes the pool they are restored into; grown as needed when absent). */
  postings?: number;
}

/**
 * One term's postings: `[term, df, fieldId, n, postings, fieldId, n, postings, …]`, each `postings` the
 * field's n (document gap, frequency) pairs as base64 varints (`encodePostings`). Format 1 wrote the pairs
 * as JSON numbers, already several times faster to parse than minisearch's `{ "shortId": tf }` objects
 * (Reuters: 0.18 s against 0.52 s to parse); as one string per field they parse and decode in a fraction
 * of that, with no JS array of numbers to collect.
 */
export type TermRow = Array<string | number>;

/** Bump when the saved layout changes. */
export const SAVED_INDEX_FORMAT = 2;

const FIELDS = ['text', 'title', 'outlet'] as const;

/**
 * Postings of one term: field id → document short id → term frequency (minisearch's own layout), the inner
 * level either minisearch's Map or our `PackedPostings` (src/index/postings.ts), which behaves as one.
 */
type Postings = Map<number, number> | PackedPostings;
type FieldPostings = Map<number, Postings>;

/**
 * The parts of minisearch 7's internal state this file reads and writes directly: to save and load an
 * index without minisearch's serialisation (its `loadJS` spends most of a restart in `parseInt` on object
 * keys, its `toJSON` doubles the heap), and to score exact terms without building a result object per
 * posting. `internalsOf` checks the shape and returns null when a minisearch upgrade changed it; every
 * use then falls back to the public API (slower, same results).
 */
interface MiniSearchInternals {
  _index: { get(term: string): FieldPostings | undefined; set(term: string, value: FieldPostings): unknown; [Symbol.iterator](): Iterator<[string, FieldPostings]>; size: number };
  _documentCount: number;
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _dirtCount: number;
}

function internalsOf(mini: MiniSearch<Doc>): MiniSearchInternals | null {
  const m = mini as unknown as Partial<MiniSearchInternals>;
  const ok =
    typeof m._index?.get === 'function' &&
    typeof m._index.set === 'function' &&
    typeof m._documentCount === 'number' &&
    m._documentIds instanceof Map &&
    m._idToShortId instanceof Map &&
    m._fieldLength instanceof Map &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._nextId === 'number' &&
    typeof m._dirtCount === 'number' &&
    typeof m._fieldIds === 'object' &&
    FIELDS.every((f, i) => m._fieldIds![f] === i);
  return ok ? (m as MiniSearchInternals) : null;
}

interface Doc {
  id: string;
  text: string;
  title: string;
  outlet: string;
}

/**
 * A paragraph index on minisearch. Paragraphs are looked up in `paragraphs` by id, so the index stores
 * no text of its own. Articles can be added and removed while it serves (live corpus).
 *
 * @example
 * const index = createParagraphIndex(corpus.articles, corpus.paragraphById);
 * index.search('security blip', { limit: 5 })[0]?.paragraph.text // '"It\'s a minor drawdown …'
 */
export class ParagraphIndex implements SearchIndex {
  readonly #mini: MiniSearch<Doc>;
  /** minisearch's internals when their shape is the known one (see `internalsOf`), else null. */
  readonly #internals: MiniSearchInternals | null;
  readonly #paragraphs: ReadonlyMap<string, Paragraph>;
  readonly #settings: IndexSettings;
  /** Field id and boost of each field, in minisearch's scoring order. */
  readonly #boosts: Array<[number, number]>;
  /** Document frequency of every index term (paragraphs containing it in any field). */
  readonly #df = new Map<string, number>();
  #counting: Set<string> | null = null;
  #countedTokens = 0;
  /** Total analysed tokens in the text field of all indexed paragraphs. */
  #textTokens = 0;
  /** Where packed postings live (outside the JS heap); null until the index is packed or restored. */
  #pool: PostingPool | null = null;
  /**
   * Per document short id, for the fast scorer: 1 when the document is in the index, and its field lengths
   * (FIELDS.length per document): typed-array reads instead of two Map lookups per posting, which were
   * most of the cost of a term in every paragraph ("Reuters"). Made on the first search, then kept in step
   * as documents come and go (`#noteDocument`).
   */
  #documents: { live: Uint8Array; lengths: Uint32Array } | null = null;
  /** Articles added or removed so far: a save that sees this change under it stops (`save`). */
  #changes = 0;
  /** Scratch arrays of the fast scorer, indexed by document short id (grown as the index grows). */
  #scratch: { total: Float64Array; part: Float64Array; mask: Uint32Array; seen: Uint32Array } | null = null;

  /**
   * An empty index on `paragraphs` (the corpus's id → paragraph map, which the index reads but never
   * changes), or one restored from `saved`. Throws when `saved` is damaged (the snapshot is then rebuilt).
   */
  constructor(paragraphs: ReadonlyMap<string, Paragraph>, settings: IndexSettings = DEFAULT_INDEX_SETTINGS, saved?: SavedIndex) {
    this.#paragraphs = paragraphs;
    this.#settings = settings;
    const options: Options<Doc> = {
      fields: [...FIELDS],
      storeFields: [],
      // Documents are removed at once (`removeArticle`), so there is never anything to vacuum. minisearch's
      // automatic vacuum would run in the background, in batches, over a radix-tree iterator that an add
      // between two batches can break (a split node: "Cannot read properties of undefined (reading
      // 'keys')"), and nobody awaits it: the rejection would end the process.
      autoVacuum: false,
      tokenize: (text) => tokenize(text),
      processTerm: (token, field) => {
        const term = processTerm(token, settings);
        // While a document is being added, count each of its terms once for the document frequency,
        // and the length of the text field for BM25's average.
        if (term && this.#counting) {
          this.#counting.add(term);
          if (field === 'text') this.#countedTokens++;
        }
        return term;
      },
      searchOptions: {
        combineWith: 'OR',
        prefix: false,
        fuzzy: false,
        boost: { text: settings.boost.text, title: settings.boost.title, outlet: settings.boost.outlet },
        bm25: settings.bm25,
      },
    };
    this.#mini = new MiniSearch<Doc>(options);
    this.#internals = internalsOf(this.#mini);
    // minisearch replaces a boost of 0 by 1 (`boost || 1`); so do we, to score exactly as it does.
    this.#boosts = FIELDS.map((f, i) => [i, settings.boost[f] || 1]);
    if (saved) this.#load(saved);
  }

  #load(saved: SavedIndex): void {
    this.#beginRestore(saved.header);
    for (const slice of saved.slices) this.#restoreRows(slice);
    this.#endRestore();
  }

  /**
   * An index restored from a snapshot as the snapshot is read: `add` each slice of term rows as it comes
   * (its arrays can then be dropped at once: no second copy of the postings is ever held), then `done`.
   * Throws when the saved data is damaged (the snapshot is then rebuilt).
   */
  static restoring(paragraphs: ReadonlyMap<string, Paragraph>, header: SavedIndexHeader, settings: IndexSettings = DEFAULT_INDEX_SETTINGS): { add(rows: readonly TermRow[]): void; done(): ParagraphIndex } {
    const index = new ParagraphIndex(paragraphs, settings);
    index.#beginRestore(header);
    return {
      add: (rows) => index.#restoreRows(rows),
      done: () => {
        index.#endRestore();
        return index;
      },
    };
  }

  #restoring: { rows: number; header: SavedIndexHeader } | null = null;

  #beginRestore(h: SavedIndexHeader): void {
    const ms = this.#internals;
    if (!ms) throw new Error('index: this version of minisearch cannot restore a saved index');
    const fields = FIELDS.length;
    if (
      h.format !== SAVED_INDEX_FORMAT ||
      !Array.isArray(h.shortIds) ||
      !Array.isArray(h.ids) ||
      !Array.isArray(h.fieldLength) ||
      !Array.isArray(h.averageFieldLength) ||
      h.ids.length !== h.shortIds.length ||
      h.ids.length !== h.documentCount ||
      h.fieldLength.length !== h.ids.length * fields ||
      FIELDS.some((f, i) => h.fieldIds?.[f] !== i)
    ) {
      throw new Error('index: saved header does not fit');
    }
    ms._documentCount = h.documentCount;
    ms._nextId = h.nextId;
    ms._dirtCount = h.dirtCount;
    ms._avgFieldLength = h.averageFieldLength;
    let shortId = 0;
    for (let i = 0; i < h.ids.length; i++) {
      shortId += h.shortIds[i]!;
      ms._documentIds.set(shortId, h.ids[i]!);
      ms._idToShortId.set(h.ids[i]!, shortId);
      ms._fieldLength.set(shortId, h.fieldLength.slice(i * fields, i * fields + fields));
    }
    this.#pool = new PostingPool(typeof h.postings === 'number' && h.postings > 0 ? h.postings : 1 << 16);
    this.#restoring = { rows: 0, header: h };
  }

  #restoreRows(slice: readonly TermRow[]): void {
    const ms = this.#internals!;
    const state = this.#restoring;
    const pool = this.#pool;
    if (!state || !pool) throw new Error('index: rows given outside a restore');
    for (const row of slice) {
      const term = row[0];
      const df = row[1];
      if (!Array.isArray(row) || typeof term !== 'string' || typeof df !== 'number') throw new Error(`index: term row ${state.rows + 1} is damaged`);
      const postings: FieldPostings = new Map();
      let i = 2;
      while (i < row.length) {
        const fieldId = row[i];
        const n = row[i + 1];
        if (typeof fieldId !== 'number' || typeof n !== 'number' || i + 3 > row.length) throw new Error(`index: term row ${state.rows + 1} is damaged`);
        try {
          postings.set(fieldId, PackedPostings.decode(pool, row[i + 2], n));
        } catch (err) {
          throw new Error(`index: term row ${state.rows + 1} is damaged (${(err as Error).message})`);
        }
        i += 3;
      }
      if (i !== row.length) throw new Error(`index: term row ${state.rows + 1} is damaged`);
      ms._index.set(term, postings);
      if (df > 0) this.#df.set(term, df);
      state.rows++;
    }
  }

  #endRestore(): void {
    const state = this.#restoring;
    if (!state) throw new Error('index: no restore under way');
    this.#restoring = null;
    if (state.rows !== state.header.terms) throw new Error(`index: ${state.rows} term rows, expected ${state.header.terms}`);
    this.#textTokens = state.header.textTokens;
    this.#pool!.trim();
  }

  /**
   * Moves every posting still in one of minisearch's Maps into a fresh pool (after a cold build: 2.3 million
   * Map entries at 100k paragraphs become 14 MB of typed arrays). Postings added later by live updates stay
   * in small Maps beside the packed ones until the next pack or restart.
   */
  pack(): void {
    const ms = this.#internals;
    if (!ms) return;
    let total = 0;
    for (const [, postings] of ms._index) for (const [, docs] of postings) total += docs.size;
    const pool = new PostingPool(total);
    for (const [, postings] of ms._index) {
      for (const [fieldId, docs] of postings) {
        let packed: PackedPostings;
        try {
          // Documents come in ascending short ids (minisearch numbers them as they are added).
          packed = PackedPostings.pack(pool, docs, docs.size);
        } catch {
          packed = PackedPostings.pack(pool, [...docs].sort((x, y) => x[0] - y[0]), docs.size);
        }
        postings.set(fieldId, packed);
      }
    }
    pool.trim();
    this.#pool = pool;
  }

  /** Bytes of postings held outside the JS heap (for the benchmark's memory figures). */
  get externalBytes(): number {
    return this.#pool?.bytes ?? 0;
  }

  /**
   * The index as plain data for a snapshot; `new ParagraphIndex(paragraphs, settings, saved)` restores it.
   * The term slices are made as they are read, so saving needs little memory beyond the index itself; an
   * article added or removed before the last slice is read makes the next read throw (the slices would no
   * longer match the header, and the terms' tree may have been reshaped under the walk).
   */
  save(): SavedIndex {
    const ms = this.#internals;
    if (!ms) throw new Error('index: this version of minisearch cannot be saved by this code');
    const shortIds: number[] = [];
    const ids: string[] = [];
    const fieldLength: number[] = [];
    let previous = 0;
    for (const [shortId, id] of ms._documentIds) {
      shortIds.push(shortId - previous);
      previous = shortId;
      ids.push(id);
      const lengths = ms._fieldLength.get(shortId) ?? [];
      for (let f = 0; f < FIELDS.length; f++) fieldLength.push(lengths[f] ?? 0);
    }
    const header: SavedIndexHeader = {
      documentCount: ms._documentCount,
      format: SAVED_INDEX_FORMAT,
      nextId: ms._nextId,
      dirtCount: ms._dirtCount,
      fieldIds: { ...ms._fieldIds },
      averageFieldLength: [...ms._avgFieldLength],
      shortIds,
      ids,
      fieldLength,
      textTokens: this.#textTokens,
      terms: ms._index.size,
      postings: 0,
    };
    for (const [, postings] of ms._index) for (const [, docs] of postings) header.postings! += docs.size;
    const df = this.#df;
    const changes = this.#changes;
    const unchanged = () => {
      if (this.#changes !== changes) throw new Error('index: articles were added or removed while the index was being saved; save it again');
    };
    function* slices(): Generator<TermRow[]> {
      let slice: TermRow[] = [];
      unchanged();
      for (const [term, postings] of ms!._index) {
        const row: TermRow = [term, df.get(term) ?? 0];
        for (const [fieldId, docs] of postings) row.push(fieldId, docs.size, encodePostings(docs, docs.size));
        slice.push(row);
        if (slice.length === TERMS_PER_SLICE) {
          yield slice;
          unchanged();
          slice = [];
        }
      }
      if (slice.length) yield slice;
    }
    return { header, slices: slices() };
  }

  get size(): number {
    return this.#mini.documentCount;
  }

  paragraphFrequency(term: string): number {
    return this.#df.get(term) ?? 0;
  }

  /** Indexes every paragraph of an article. */
  addArticle(article: Article): void {
    this.#changes++;
    for (const p of article.paragraphs) {
      this.#withCounting(+1, () => this.#mini.add(docOf(article, p)));
      this.#noteDocument(p.id, true);
    }
  }

  /**
   * Removes every paragraph of an article (the article as it was indexed): its postings go at once, so
   * the index holds nothing stale and is never vacuumed. (minisearch's `discard` would leave them for a
   * vacuum that runs in the background; its `remove` analyses the text again, which the document
   * frequencies need anyway, and costs about what adding it did.)
   */
  removeArticle(article: Article): void {
    for (const p of article.paragraphs) {
      if (!this.#mini.has(p.id)) continue;
      this.#changes++;
      this.#noteDocument(p.id, false);
      this.#withCounting(-1, () => this.#mini.remove(docOf(article, p)));
    }
  }

  #withCounting(sign: 1 | -1, work: () => void): void {
    this.#counting = new Set();
    this.#countedTokens = 0;
    try {
      work();
    } finally {
      this.#textTokens += sign * this.#countedTokens;
      for (const term of this.#counting) {
        const n = (this.#df.get(term) ?? 0) + sign;
        if (n > 0) this.#df.set(term, n);
        else this.#df.delete(term);
      }
      this.#counting = null;
    }
  }

  /**
   * How a query will run: its known index terms, rarest first, split into those searched in the index
   * (within the posting budget) and the common rest, which only re-score the candidates found.
   */
  plan(query: string): { searched: string[]; rescored: string[] } {
    const known = [...new Set(tokenize(query).map((t) => processTerm(t, this.#settings)))].filter(
      (t): t is string => t !== null && this.#df.has(t),
    );
    known.sort((a, b) => this.#df.get(a)! - this.#df.get(b)! || (a < b ? -1 : 1));
    const searched: string[] = [];
    let postings = 0;
    for (const term of known) {
      const df = this.#df.get(term)!;
      if (searched.length > 0 && postings + df > this.#settings.postingBudget) break;
      searched.push(term);
      postings += df;
    }
    return { searched, rescored: known.slice(searched.length) };
  }

  /**
   * The paragraphs best matching `query`, best first. `reference: true` scores through minisearch's public
   * `search` instead of reading its postings directly (same results, slower: for tests and the benchmark).
   */
  search(query: string, options: SearchOptions & { reference?: boolean } = {}): SearchHit[] {
    const limit = options.limit ?? 20;
    const { searched, rescored } = this.plan(query);
    if (searched.length === 0) return [];
    const keep = rescored.length > 0 ? Math.max(limit * 3, 50) : limit;
    const top = this.#internals && searched.length <= 32 && !options.reference ? this.#scoreFast(searched, keep) : this.#scoreMinisearch(searched, keep);
    const hits: SearchHit[] = [];
    for (const t of top) {
      const paragraph = this.#paragraphs.get(t.id);
      if (paragraph) hits.push({ paragraph, score: t.score, matched: t.matched });
    }
    if (rescored.length > 0) {
      for (const hit of hits) this.#rescore(hit, rescored);
      hits.sort((a, b) => byScoreThenId({ id: a.paragraph.id, score: a.score }, { id: b.paragraph.id, score: b.score }));
    }
    return hits.slice(0, limit);
  }

  /** The best `keep` documents for analysed terms through minisearch's public search (the reference). */
  #scoreMinisearch(searched: readonly string[], keep: number): Scored[] {
    // The terms are already analysed: search them as they are.
    const results = this.#mini.search(searched.join(' '), { processTerm: (t) => t, tokenize: (t) => t.split(' ') });
    // Keep the best candidates by score without sorting every match (common queries match thousands).
    const top: Scored[] = [];
    let floor = -Infinity;
    for (const r of results) {
      const score = this.#settings.plainScore ? r.score / Math.max(1, r.queryTerms.length) : r.score;
      if (top.length >= keep && score <= floor) continue;
      top.push({ id: String(r.id), score, matched: r.queryTerms });
      if (top.length > keep * 4) {
        top.sort(byScoreThenId).length = keep;
        floor = top[keep - 1]!.score;
      }
    }
    top.sort(byScoreThenId);
    if (top.length > keep) top.length = keep;
    return top;
  }

  /**
   * The same scores as `#scoreMinisearch` (BM25 per field, summed in minisearch's order, so equal to the
   * last bit), read straight from minisearch's postings into typed arrays: no result object, array or
   * Map per matching document. A one-word query on a term in every paragraph ("reuters") is where this
   * matters: minisearch builds 100k result objects for it.
   */
  #scoreFast(searched: readonly string[], keep: number): Scored[] {
    const ms = this.#internals!;
    const size = ms._nextId;
    let s = this.#scratch;
    if (!s || s.total.length < size) {
      const n = Math.max(1024, Math.ceil(size * 1.25));
      s = this.#scratch = { total: new Float64Array(n), part: new Float64Array(n), mask: new Uint32Array(n), seen: new Uint32Array(n) };
    }
    const { total, part, mask, seen } = s;
    const { live, lengths } = this.#documentTable(ms);
    const fields = FIELDS.length;
    const { k, b, d } = this.#settings.bm25;
    const count = ms._documentCount;
    const touched: number[] = [];
    const inTerm: number[] = [];
    for (let t = 0; t < searched.length; t++) {
      const postings = ms._index.get(searched[t]!);
      if (!postings) continue;
      const bit = 1 << t;
      inTerm.length = 0;
      for (const [fieldId, boost] of this.#boosts) {
        const docs = postings.get(fieldId);
        if (!docs) continue;
        let matching = docs.size;
        const avg = ms._avgFieldLength[fieldId]!;
        const visit = (doc: number, tf: number) => {
          // A document no longer in the index (removed postings go at once; kept as minisearch's search does).
          if (live[doc] !== 1) {
            matching--;
            return;
          }
          const length = lengths[doc * fields + fieldId]!;
          const idf = Math.log(1 + (count - matching + 0.5) / (matching + 0.5));
          const w = boost * (idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avg))));
          if ((seen[doc]! & bit) === 0) {
            seen[doc] = seen[doc]! | bit;
            part[doc] = w;
            inTerm.push(doc);
          } else part[doc] = part[doc]! + w;
        };
        if (docs instanceof PackedPostings) docs.scan(visit);
        else for (const [doc, tf] of docs) visit(doc, tf);
      }
      for (const doc of inTerm) {
        if (mask[doc] === 0) {
          touched.push(doc);
          total[doc] = part[doc]!;
        } else total[doc] = total[doc]! + part[doc]!;
        mask[doc] = mask[doc]! | bit;
      }
    }
    // Final scores as minisearch gives them (score × terms matched), then ours (÷ terms matched).
    const scores = new Float64Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      const doc = touched[i]!;
      const matched = popcount(mask[doc]!);
      const score = total[doc]! * matched;
      scores[i] = this.#settings.plainScore ? score / matched : score;
    }
    // The keep-th best score, then every document at or above it (ties broken by id, as minisearch's order).
    const floor = touched.length > keep ? kthLargest(Float64Array.from(scores), keep) : -Infinity;
    const top: Scored[] = [];
    for (let i = 0; i < touched.length; i++) {
      if (scores[i]! < floor) continue;
      const doc = touched[i]!;
      const matched: string[] = [];
      for (let t = 0; t < searched.length; t++) if (mask[doc]! & (1 << t)) matched.push(searched[t]!);
      top.push({ id: ms._documentIds.get(doc)!, score: scores[i]!, matched });
    }
    for (const doc of touched) {
      mask[doc] = 0;
      seen[doc] = 0;
    }
    top.sort(byScoreThenId);
    if (top.length > keep) top.length = keep;
    return top;
  }

  /** The scorer's per-document table (see `#documents`), made on first use. */
  #documentTable(ms: MiniSearchInternals): { live: Uint8Array; lengths: Uint32Array } {
    if (this.#documents) return this.#documents;
    const fields = FIELDS.length;
    const size = Math.max(1024, Math.ceil(ms._nextId * 1.25));
    const live = new Uint8Array(size);
    const lengths = new Uint32Array(size * fields);
    for (const shortId of ms._documentIds.keys()) live[shortId] = 1;
    for (const [shortId, values] of ms._fieldLength) for (let f = 0; f < fields; f++) lengths[shortId * fields + f] = values[f] ?? 0;
    return (this.#documents = { live, lengths });
  }

  /**
   * Keeps the scorer's table in step with one document just added (`present`) or about to be discarded:
   * a write or two per paragraph, not a new table at the next search after every live update.
   */
  #noteDocument(id: string, present: boolean): void {
    const ms = this.#internals;
    const table = this.#documents;
    if (!ms || !table) return;
    const shortId = ms._idToShortId.get(id);
    if (shortId === undefined) return;
    const fields = FIELDS.length;
    if (shortId >= table.live.length) {
      const size = Math.ceil((shortId + 1) * 1.25);
      const live = new Uint8Array(size);
      live.set(table.live);
      const lengths = new Uint32Array(size * fields);
      lengths.set(table.lengths);
      table.live = live;
      table.lengths = lengths;
    }
    table.live[shortId] = present ? 1 : 0;
    if (!present) return;
    const values = ms._fieldLength.get(shortId) ?? [];
    for (let f = 0; f < fields; f++) table.lengths[shortId * fields + f] = values[f] ?? 0;
  }

  /** Adds the BM25 weight of common query terms to a candidate, counting them in its text. */
  #rescore(hit: SearchHit, terms: readonly string[]): void {
    const { k, b } = this.#settings.bm25;
    const tf = new Map<string, number>();
    let length = 0;
    for (const token of tokenize(hit.paragraph.text)) {
      const term = processTerm(token, this.#settings);
      if (!term) continue;
      length++;
      if (terms.includes(term)) tf.set(term, (tf.get(term) ?? 0) + 1);
    }
    const n = this.#mini.documentCount;
    const avg = this.#textTokens / Math.max(1, n);
    for (const [term, f] of tf) {
      const df = this.#df.get(term)!;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      hit.score += this.#settings.boost.text * idf * ((f * (k + 1)) / (f + k * (1 - b + (b * length) / avg)));
      hit.matched = [...hit.matched, term];
    }
  }
}

interface Scored {
  id: string;
  score: number;
  matched: string[];
}

const TERMS_PER_SLICE = 2000;

function popcount(x: number): number {
  let n = 0;
  for (let v = x >>> 0; v; v &= v - 1) n++;
  return n;
}

/** The k-th largest value of `values` (1-based), by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const x = values[i]!;
        values[i] = values[j]!;
        values[j] = x;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return values[target]!;
  }
  return values[target]!;
}

function byScoreThenId(a: { id: string; score: number }, b: { id: string; score: number }): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function docOf(article: Article, p: Paragraph): Doc {
  return { id: p.id, text: p.text, title: article.title ?? '', outlet: article.outlet ?? '' };
}

/** Builds the index of a corpus's paragraphs. */
export function createParagraphIndex(
  articles: readonly Article[],
  paragraphs: ReadonlyMap<string, Paragraph>,
  settings: IndexSettings = DEFAULT_INDEX_SETTINGS,
  indexed?: (done: number, total: number) => void,
): ParagraphIndex {
  const index = new ParagraphIndex(paragraphs, settings);
  for (const [k, article] of articles.entries()) {
    index.addArticle(article);
    indexed?.(k + 1, articles.length);
  }
  index.pack();
  return index;
}

function processTerm(token: string, settings: IndexSettings): string | null {
  if (settings.stopWords && STOP_WORDS.has(token)) return null;
  return settings.stem ? stemOf(token) : token;
}
