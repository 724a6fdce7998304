import { readFile } from 'node:fs/promises';
import { getHeapStatistics } from 'node:v8';
import { join, relative } from 'node:path';
import type { Article, Corpus, CorpusProblem, Paragraph } from './corpus/types.ts';
import type { SearchIndex } from './index/types.ts';
import { assembleCorpus, corpusFiles, fileFingerprint, isIgnoredFile, loadCorpus, readCorpusFile, type FileResult, type LoadOptions } from './corpus/load.ts';
import { createParagraphIndex, DEFAULT_INDEX_SETTINGS, ParagraphIndex, type SavedIndex } from './index/minisearch.ts';
import { readSnapshot, snapshotPath, toSnapshot, writeSnapshot } from './snapshot/snapshot.ts';
import { analyseEvents, EVENT_CACHE, updateEvents, warmUpDates, type EventTable } from './analyse/events.ts';
import { analyseEntities, analyseEntitiesSliced, type EntityTable } from './analyse/entities.ts';
import { readAliases } from './analyse/entities-aliases.ts';
import { prepareNameWords, type TopicSpelling } from './analyse/entities-spellings.ts';
import { restoreAnalyses, storeAnalyses } from './analyse/all.ts';
import { prepareTopics } from './brief/topics.ts';
import { prepareTimeline } from './answer/timeline.ts';
import { ProgressReporter, type ProgressListener } from './progress.ts';
import { hashSources, SRC_DIR } from './version.ts';
import { MAX_RETIRED } from './corpus/ids.ts';
import { plural } from './text/plural.ts';

/**
 * Everything the answer functions read: the corpus, its index and the analyses made once at load.
 * Built by `buildLibrary` (or restored from a snapshot by `openLibrary`); answers never mutate it. Only
 * `updateFiles` changes it, synchronously, so an answer never sees half an update.
 */
export interface Library {
  corpus: Corpus;
  index: SearchIndex;
  /**
   * Paragraphs that were in the corpus earlier in this run but are gone (their article was changed or
   * removed): id → what happened, so a citation given out earlier is answered with the reason, not "unknown".
   */
  retired: Map<string, string>;
  /** Dated events of every sentence (analyse/events.ts); absent in hand-made test libraries, then computed on use. */
  events?: EventTable;
  /** People and organisations (analyse/entities.ts); absent in hand-made test libraries, then computed on use. */
  entities?: EntityTable;
  /**
   * Other spellings of the names in a question's topic (topic → spellings), when the store found them
   * ahead of its own search (the database store's working sets); absent: the entity table gives them
   * (`topicSearch`, src/answer/search.ts).
   */
  spellings?: ReadonlyMap<string, TopicSpelling[]>;
}

/** Indexes and analyses a loaded corpus. */
export function buildLibrary(corpus: Corpus): Library {
  return analyse(corpus, new ProgressReporter(), 1, 3);
}

/** `buildLibrary`, telling `progress` about its three phases (index, dates, names) as steps `first`… of `steps`. */
function analyse(corpus: Corpus, progress: ProgressReporter, first: number, steps: number): Library {
  const counts = { articles: corpus.report.articles, paragraphs: corpus.report.paragraphs };
  const tick = (done: number, total: number) => progress.tick({ fraction: done / total });
  progress.phase('index', first, steps, counts);
  const index = createParagraphIndex(corpus.articles, corpus.paragraphById, undefined, progress.active ? tick : undefined);
  progress.phase('dates', first + 1, steps);
  const events = analyseEvents(corpus, progress.active ? tick : undefined);
  // The merge of names cannot tell how far it is (its later passes depend on what the first finds).
  progress.phase('names', first + 2, steps, { fraction: null });
  const entities = analyseEntities(corpus, undefined, progress.active ? () => progress.tick({}) : undefined);
  return { corpus, index, retired: new Map(), events, entities };
}

/** Reads the corpus files and builds the library on them, telling `progress` (steps `first`… of `steps`). */
async function buildFromFiles(path: string, options: LoadOptions, progress: ProgressReporter, steps: number): Promise<Library> {
  progress.phase('read', 1, steps);
  const corpus = await loadCorpus(path, { ...options, progress });
  return analyse(corpus, progress, 2, steps);
}

export interface OpenOptions extends Omit<LoadOptions, 'progress'> {
  /** Folder for snapshots; null or absent: no snapshot (always build from the files). */
  cacheDir?: string | null;
  /** Told how the load goes (phase, files, paragraphs, time left), for each door to show (src/progress.ts). */
  onProgress?: ProgressListener;
  /**
   * After a start from the snapshot, build the whole-corpus tables (dated events, people and organisations,
   * the briefing's topics) in the background, as the bot does (default true). A one-shot command that
   * answers and exits passes false: what it needs is then made on use, and it does not wait for the rest.
   */
  background?: boolean;
}

/** How `openLibrary` got its library, for the start-up log and the benchmark. */
export interface OpenReport {
  snapshot: 'none' | 'used' | 'refreshed' | 'rebuilt';
  /** Why the snapshot could not be used as it was (when it was not). */
  reason?: string;
  /** Why no new snapshot was written, when one should have been (null: written). */
  skipped?: string | null;
  /** Files read and analysed from scratch. */
  filesRead: number;
  /** Files taken from the snapshot unchanged. */
  filesReused: number;
  ms: number;
  /** Where the time of a start from the snapshot went, in ms by step (for the benchmark). */
  phases?: Record<string, number>;
}

/**
 * Loads the corpus at `path` (a folder or one file) and builds the library on it. With a `cacheDir`, the
 * library is restored from the corpus's snapshot: files whose content hash is unchanged come from the
 * snapshot, changed and new files are read, removed ones dropped, and the snapshot is refreshed. A missing,
 * corrupt or outdated snapshot means a full build, never an error. Bad files are reported in
 * `library.corpus.report.problems`, never thrown.
 */
export async function openLibrary(path: string, options: OpenOptions = {}): Promise<Library> {
  return (await openLibraryWithReport(path, options)).library;
}

export async function openLibraryWithReport(path: string, options: OpenOptions = {}): Promise<{ library: Library; report: OpenReport }> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const progress = new ProgressReporter(options.onProgress);
  const { onProgress: _listener, background = true, ...load } = options;
  const counts = (library: Library) => ({ articles: library.corpus.report.articles, paragraphs: library.corpus.report.paragraphs, filesDone: library.corpus.report.files });
  if (!options.cacheDir) {
    const library = await buildFromFiles(path, load, progress, 4);
    progress.finish(counts(library));
    return { library, report: { snapshot: 'none', filesRead: library.corpus.files.size, filesReused: 0, ms: elapsed() } };
  }
  const { root, files } = await corpusFiles(path);
  progress.phase('snapshot', 1, 2, { filesTotal: files.length });
  const file = snapshotPath(options.cacheDir, root);
  const version = await codeVersion();
  // Articles, their analyses and the index are restored line by line as the snapshot is read.
  const articles: Article[] = [];
  const paragraphById = new Map<string, Paragraph>();
  let restoring: ReturnType<typeof ParagraphIndex.restoring> | null = null;
  const saved = await readSnapshot(file, version, {
    article: (article, analyses) => {
      restoreAnalyses(article, analyses);
      articles.push(article);
      for (const p of article.paragraphs) paragraphById.set(p.id, p);
    },
    index: (header) => {
      const r = (restoring = ParagraphIndex.restoring(paragraphById, header));
      return (rows) => r.add(rows);
    },
  }, progress.active ? (bytes, total) => progress.tick({ fraction: bytes / total, articles: articles.length, paragraphs: paragraphById.size }) : undefined);
  let index: ParagraphIndex | null = null;
  let corrupt = saved.ok ? null : saved.reason;
  if (saved.ok) {
    try {
      index = restoring!.done();
    } catch (err) {
      corrupt = `snapshot is corrupt (${(err as Error).message})`;
    }
  }
  if (!saved.ok || !index) {
    const library = await buildFromFiles(path, load, progress, 5);
    progress.phase('save', 5, 5);
    const skipped = await saveSnapshot(library, file, version, progress);
    progress.finish(counts(library));
    return { library, report: { snapshot: 'rebuilt', reason: corrupt!, skipped, filesRead: library.corpus.files.size, filesReused: 0, ms: elapsed() } };
  }
  const phases: Record<string, number> = { 'read snapshot (articles, analyses, index)': elapsed() };
  const lap = (name: string) => (phases[name] = elapsed() - Object.values(phases).reduce((a, b) => a + b, 0));

  // Which files changed since the snapshot? Content hashes, not modification times.
  progress.phase('hash', 2, 2, { articles: articles.length, paragraphs: paragraphById.size });
  const before = new Map(saved.header.files);
  const current = new Map<string, string>();
  for (const [k, f] of files.entries()) {
    progress.tick({ filesDone: k, fraction: k / files.length });
    if (isIgnoredFile(f)) continue;
    const fingerprint = await fileFingerprint(f, load);
    if (fingerprint) current.set(relative(root, f), fingerprint);
  }
  const changed = [...current].filter(([rel, hash]) => before.get(rel)?.hash !== hash).map(([rel]) => rel);
  const removed = [...before.keys()].filter((rel) => !current.has(rel));
  lap('hash the corpus files');

  const corpus = snapshotCorpus(root, saved.header.files, articles, paragraphById, saved.header.problems);
  lap('corpus');
  // The dated events and the people and organisations (about 1.5 s at 100k paragraphs) are restored and
  // merged after the start, in slices, while the bot answers; /timeline and /who asked before they are
  // ready compute them on the spot.
  const library: Library = { corpus, index, retired: new Map() };
  if (changed.length === 0 && removed.length === 0) {
    if (background) analysesAfterStart(library);
    progress.finish(counts(library));
    return { library, report: { snapshot: 'used', filesRead: 0, filesReused: current.size, ms: elapsed(), phases } };
  }
  progress.phase('read', 3, 4, { filesDone: 0, filesTotal: changed.length });
  const results: FileResult[] = [];
  for (const [k, rel] of changed.entries()) {
    const result = await readCorpusFile(root, join(root, rel), load);
    if (result) results.push(result);
    progress.tick({ filesDone: k + 1, fraction: (k + 1) / changed.length });
  }
  updateFiles(library, results, removed);
  progress.phase('save', 4, 4, counts(library));
  const skipped = await saveSnapshot(library, file, version, progress);
  const reason = `${plural(changed.length, 'file')} new or changed, ${removed.length} removed since the snapshot`;
  if (background) analysesAfterStart(library);
  progress.finish(counts(library));
  return { library, report: { snapshot: 'refreshed', reason, skipped, filesRead: results.length, filesReused: current.size - changed.length, ms: elapsed() } };
}

function snapshotCorpus(
  root: string,
  files: Array<[string, { hash: string; articleIds: string[] }]>,
  articles: Article[],
  paragraphById: Map<string, Paragraph>,
  problems: CorpusProblem[],
): Corpus {
  const corpus: Corpus = {
    articles,
    articleById: new Map(articles.map((a) => [a.id, a])),
    paragraphById,
    files: new Map(files),
    report: { root, files: files.length, articles: 0, paragraphs: 0, problems },
  };
  recount(corpus);
  return corpus;
}

/** Saves a library's snapshot into `cacheDir` now (the bot does this itself at start-up and after updates). */
export async function saveLibrarySnapshot(library: Library, cacheDir: string): Promise<void> {
  const skipped = await saveSnapshot(library, snapshotPath(cacheDir, library.corpus.report.root), await codeVersion());
  if (skipped) throw new Error(`snapshot: ${skipped}`);
}

/** Writes the snapshot; returns why it was not written, or null when it was. Never throws. */
async function saveSnapshot(library: Library, file: string, version: string, progress?: ProgressReporter): Promise<string | null> {
  if (!(library.index instanceof ParagraphIndex)) return 'this index cannot be saved';
  // The snapshot is written a line at a time (src/snapshot): it needs the document table and one slice of
  // the index at once, a small fraction of the heap. Running out of heap would kill the bot, so without
  // that room we skip the snapshot (start-up is slower) and say what to set.
  const heap = getHeapStatistics();
  if (heap.heap_size_limit - heap.used_heap_size < Math.max(256 * 2 ** 20, heap.used_heap_size * 0.15)) {
    return (
      `not enough heap to write the snapshot (${Math.round(heap.used_heap_size / 2 ** 20)} MB used of ${Math.round(heap.heap_size_limit / 2 ** 20)} MB); ` +
        `set NODE_OPTIONS=--max-old-space-size=${Math.ceil((heap.used_heap_size * 1.5) / 2 ** 30) * 1024} for fast restarts`
    );
  }
  const saved: SavedIndex = library.index.save();
  try {
    const written = progress?.active ? (n: number, total: number) => progress.tick({ fraction: n / total }) : undefined;
    await writeSnapshot(file, toSnapshot(library.corpus, saved, version, storeAnalyses), written);
    return null;
  } catch (err) {
    // A cache that cannot be written (read-only disk, full disk) costs speed at the next start, nothing else.
    return `cannot write ${file} (${(err as Error).message})`;
  }
}

let cachedVersion: string | undefined;

/**
 * The version a snapshot must match: a hash of the package version, the index settings and every source
 * file under src/, so any change to the code that shapes the data invalidates old snapshots.
 */
export async function codeVersion(): Promise<string> {
  if (cachedVersion) return cachedVersion;
  const pkg = await readFile(new URL('../package.json', import.meta.url), 'utf8').catch(() => '');
  const version = String((JSON.parse(pkg || '{}') as { version?: string }).version);
  cachedVersion = await hashSources(SRC_DIR, () => true, [JSON.stringify(DEFAULT_INDEX_SETTINGS), version]);
  return cachedVersion;
}

export { MAX_RETIRED };

/**
 * Applies changed files to a library in one synchronous step: `results` are files read again (new or
 * changed), `removed` are paths (relative to the corpus root) that are gone. The articles of a changed or
 * removed file leave the corpus and the index; the new ones come in. Paragraphs that disappear are kept in
 * `library.retired` with the reason. Ids of paragraphs whose words did not change stay the same.
 */
export function updateFiles(library: Library, results: readonly FileResult[], removed: readonly string[], options: UpdateOptions = {}): void {
  const { corpus, index } = library;
  const touched = new Set([...results.map((r) => r.path), ...removed]);
  const incoming = new Map<string, Set<string>>();
  for (const r of results) for (const a of r.articles) incoming.set(a.id, new Set(a.paragraphs.map((p) => p.id)));

  // Out with the old versions.
  const gone = new Set<string>();
  for (const path of touched) {
    for (const id of corpus.files.get(path)?.articleIds ?? []) {
      const article = corpus.articleById.get(id);
      if (!article) continue;
      index.removeArticle(article);
      corpus.articleById.delete(id);
      gone.add(id);
      const stays = incoming.get(id);
      for (const p of article.paragraphs) {
        corpus.paragraphById.delete(p.id);
        if (stays?.has(p.id)) continue;
        library.retired.set(p.id, stays ? `changed or removed when ${article.path} was edited` : `removed with ${article.path}`);
      }
    }
    corpus.files.delete(path);
  }
  // A bot that runs for months keeps the reasons of the most recent retirements only.
  for (const id of library.retired.keys()) {
    if (library.retired.size <= MAX_RETIRED) break;
    library.retired.delete(id);
  }
  // Always a new list (answers cache by it, and the entity merge checks it is still the one it merged).
  corpus.articles = gone.size > 0 ? corpus.articles.filter((a) => !gone.has(a.id)) : corpus.articles.slice();
  corpus.report.problems = corpus.report.problems.filter((p) => !touched.has(p.path));

  // In with the new ones, checked against the ids of every other file.
  const merged = assembleCorpus(corpus.report.root, results);
  const added: Article[] = [];
  for (const result of results) {
    corpus.report.problems.push(...merged.report.problems.filter((p) => p.path === result.path));
    const entry = merged.files.get(result.path);
    if (!entry) continue;
    const kept: string[] = [];
    for (const id of entry.articleIds) {
      const article = merged.articleById.get(id)!;
      const clash = corpus.articleById.get(id);
      if (clash) {
        corpus.report.problems.push({ path: result.path, action: 'skipped', message: `duplicate id \`${id}\`, already used by ${clash.path}` });
        continue;
      }
      corpus.articles.push(article);
      added.push(article);
      corpus.articleById.set(id, article);
      for (const p of article.paragraphs) {
        corpus.paragraphById.set(p.id, p);
        library.retired.delete(p.id);
      }
      index.addArticle(article);
      kept.push(id);
    }
    corpus.files.set(result.path, { hash: entry.hash, articleIds: kept });
  }
  recount(corpus);
  // The events of the changed articles only: a pass over the whole corpus per batch held answers up.
  if (library.events) library.events = updateEvents(library.events, gone, added);
  if (library.entities && !options.deferEntities) library.entities = analyseEntities(corpus);
}

export interface UpdateOptions {
  /**
   * Leave `library.entities` as it was: the caller rebuilds it once for a whole round of files, in slices
   * (`rebuildEntities`). The table merges names across the whole corpus (about a second of work at 100k
   * paragraphs), too much to redo synchronously for every file. Until then answers may meet mentions
   * whose paragraph has gone, and skip them.
   */
  deferEntities?: boolean;
}

/**
 * Builds the corpus-wide tables of a library restored from a snapshot after it is returned, in slices, so
 * the first answers do not wait for them: the dated events (restored article by article), then the people
 * and organisations (again if a live update changed the articles meanwhile), then the briefing's topics,
 * then what the first whole-corpus timeline reads.
 */
function analysesAfterStart(library: Library): void {
  const build = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (let tries = 0; tries < 5 && !library.events; tries++) await eventsInSlices(library);
    // Dating is never needed until a live update brings a file: compile the date parser now, in the
    // background, rather than in the middle of the first live round (about 150 ms at once).
    warmUpDates();
    for (let tries = 0; tries < 5 && !library.entities; tries++) await mergeEntities(library);
    // The topics offered when a briefing finds nothing (about 0.1 s at 100k paragraphs, once per corpus).
    await new Promise<void>((resolve) => setImmediate(resolve));
    prepareTopics(library.corpus);
    // The name words a topic's unwritten word is compared with (about 0.13 s at 100k paragraphs, once per table).
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (library.entities) prepareNameWords(library.entities);
    // What the first whole-corpus /timeline would read for the first time (about 0.2 s at 100k paragraphs).
    await new Promise<void>((resolve) => setImmediate(resolve));
    await prepareTimeline(library);
  };
  BUILDING.set(
    library,
    build().catch(() => {
      // Never fatal: /timeline and /who then compute their tables on use.
    }),
  );
}

const BUILDING = new WeakMap<Library, Promise<void>>();

/**
 * Resolves when the tables a start from the snapshot builds in the background (events, people and
 * organisations) are in place, at once for a library that built them at load. For tests and the benchmark;
 * the bot itself answers meanwhile.
 */
export async function backgroundWork(library: Library): Promise<void> {
  await BUILDING.get(library);
}

/**
 * Restores (or analyses) the dated events of every article, yielding to the event loop every `sliceMs`,
 * then assembles the event table, unless an update swapped the article list meanwhile.
 */
async function eventsInSlices(library: Library, sliceMs = 10): Promise<void> {
  const articles = library.corpus.articles;
  let sliceStart = performance.now();
  for (const article of articles) {
    EVENT_CACHE.get(article);
    if (performance.now() - sliceStart < sliceMs) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
  }
  if (library.corpus.articles === articles && !library.events) library.events = analyseEvents(library.corpus);
}

/**
 * Rebuilds the people and organisations of a library in slices (after a round of live updates, or when
 * the alias file changes). A library without a table computes it on use (hand-made test libraries), or is
 * still building it after a start from a snapshot (`analysesAfterStart`, which retries).
 */
export async function rebuildEntities(library: Library, sliceMs = 20, stats?: { longestSliceMs: number }): Promise<void> {
  if (library.entities) await mergeEntities(library, sliceMs, stats);
}

/**
 * Merges the names of the library's current articles in slices that yield to the event loop (see
 * `analyseEntitiesSliced`) and swaps the new table in at once, unless an update swapped the article list
 * meanwhile (then the next round or retry builds again).
 */
async function mergeEntities(library: Library, sliceMs = 20, stats?: { longestSliceMs: number }): Promise<void> {
  const articles = library.corpus.articles;
  const table = await analyseEntitiesSliced(articles, readAliases(library.corpus.report.root), sliceMs, stats);
  if (library.corpus.articles === articles) library.entities = table;
}

function recount(corpus: Corpus): void {
  corpus.report.articles = corpus.articles.length;
  corpus.report.paragraphs = corpus.paragraphById.size;
  corpus.report.files = corpus.files.size;
}
