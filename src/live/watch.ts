import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { corpusFiles, fileFingerprint, isIgnoredFile, readCorpusFile, type FileResult, type LoadOptions } from '../corpus/load.ts';
import { rebuildEntities, updateFiles, type Library } from '../library.ts';
import type { Article, Paragraph } from '../corpus/types.ts';
import { ALIAS_FILES } from '../analyse/entities-aliases.ts';
import { EVENT_CACHE } from '../analyse/events.ts';
import { FolderRounds } from './folder.ts';

/** Files applied to the library in one synchronous step at most (see `#update`). */
const BATCH_FILES = 20;

/** The longest slice of the entity merge after a round, in ms (see `#update`). */
const ENTITY_SLICE_MS = 10;

/** What one round of live updates did, for the log. */
export interface LiveUpdate {
  added: string[];
  changed: string[];
  removed: string[];
  /** Problems reported for the files of this round (bad files are skipped, as at start-up). */
  problems: number;
  /** The longest time the update held the event loop in one go, in ms (file by file). */
  longestSliceMs: number;
  /** How long rebuilding the people and organisations took, in slices (ms, wall clock). */
  entitiesMs?: number;
  /** The alias file (aliases.txt) changed in this round. */
  aliases?: boolean;
  /**
   * The articles this round brought in with new text, for listeners (watches, schedules): what arrived,
   * as the library now holds it, without reaching into the index.
   */
  arrived: ArrivedArticle[];
}

/** An article a round added or changed, and which of its paragraphs are new. */
export interface ArrivedArticle {
  article: Article;
  /** The version it replaced (its file was edited), or null for a new article. */
  previous: Article | null;
  /** Its paragraphs whose text is new: all of a new article's; those of an edited one not in `previous`. */
  paragraphs: Paragraph[];
}

export interface LiveOptions extends LoadOptions {
  /** Wait this long after the last file event before updating (a burst of files becomes one round). */
  debounceMs?: number;
  /** Yield to the event loop (so answers go on) whenever one slice of work has taken this long. */
  sliceMs?: number;
  onUpdate?: (update: LiveUpdate) => void;
  onError?: (err: Error) => void;
}

/**
 * A corpus folder kept in step with the library while the bot serves: added, changed and removed files
 * update the index incrementally (the other files are not touched). Changes are found by content hash,
 * so a touched but unchanged file costs nothing. The work runs in slices between answers: each file's
 * articles are swapped in one synchronous step, so an answer sees a file either before or after, never
 * half-loaded.
 */
export class LiveCorpus {
  readonly #library: Library;
  readonly #root: string;
  readonly #options: LiveOptions;
  readonly #rounds: FolderRounds<LiveUpdate>;
  /** The alias file's text as last seen (`aliases.txt`: an editor's fixes to /who), null when there is none. */
  #aliases: Promise<string | null> | string | null;

  constructor(library: Library, options: LiveOptions = {}) {
    this.#library = library;
    this.#root = library.corpus.report.root;
    this.#options = options;
    this.#aliases = this.#aliasText();
    this.#rounds = new FolderRounds(this.#root, () => this.#update(), { ...(options.debounceMs !== undefined ? { debounceMs: options.debounceMs } : {}), ...(options.onError ? { onError: options.onError } : {}) });
  }

  async #aliasText(): Promise<string | null> {
    for (const name of ALIAS_FILES) {
      const text = await readFile(join(this.#root, name), 'utf8').catch(() => null);
      if (text !== null) return text;
    }
    return null;
  }

  /** Starts watching the corpus folder. Without recursive watching, falls back to full rescans on events. */
  start(): this {
    this.#rounds.start();
    return this;
  }

  /** Stops watching; waits for an update in progress to finish. */
  close(): Promise<void> {
    return this.#rounds.close();
  }

  /**
   * Applies these files (paths relative to the corpus root: written, changed or removed) now, in a round
   * after any round in progress, and resolves once their articles are live (intake: /source answers the
   * new ids as soon as the reply is sent). The watcher's own event for the same files then finds nothing new.
   */
  apply(paths: readonly string[]): Promise<LiveUpdate> {
    return this.#rounds.runWith(paths);
  }

  /** Compares every file with the library now (content hashes) and applies what changed. */
  rescan(): Promise<LiveUpdate> {
    return this.#rounds.rescan();
  }

  async #update(): Promise<LiveUpdate> {
    const sliceMs = this.#options.sliceMs ?? 25;
    const { corpus } = this.#library;
    let paths: string[];
    const { full, names } = this.#rounds.take();
    if (full) {
      const { files } = await corpusFiles(this.#root);
      paths = [...new Set([...files.map((f) => relative(this.#root, f)), ...corpus.files.keys()])];
    } else {
      paths = [];
      const known = [...corpus.files.keys()];
      for (const rel of names) {
        // A folder event stands for everything under it: what is there now and what was there before.
        const under = await corpusFiles(join(this.#root, rel)).then((r) => r.files.map((f) => relative(this.#root, f)), () => [rel]);
        paths.push(...under, ...known.filter((path) => path.startsWith(`${rel}/`)));
      }
      paths = [...new Set(paths)];
    }

    const update: LiveUpdate = { added: [], changed: [], removed: [], problems: 0, longestSliceMs: 0, arrived: [] };
    // `sliceStart`: when the current synchronous stretch began (reset whenever we wait: for the disk, or
    // to let answers run). `maybeYield` records the stretch and lets answers in once it reaches `sliceMs`.
    let sliceStart = performance.now();
    const lap = () => {
      update.longestSliceMs = Math.max(update.longestSliceMs, performance.now() - sliceStart);
    };
    const waited = () => {
      lap();
      sliceStart = performance.now();
    };
    const maybeYield = async () => {
      if (performance.now() - sliceStart < sliceMs) return;
      waited();
      await yieldToEventLoop();
      sliceStart = performance.now();
    };

    const aliases = await this.#aliasText();
    const aliasesChanged = aliases !== (await this.#aliases);
    this.#aliases = aliases;
    sliceStart = performance.now();
    // Files are read one by one (the disk wait holds nothing) and applied in batches of at most
    // BATCH_FILES: one synchronous step per batch. Each step costs only its own files: the corpus-wide
    // tables are updated by difference (updateFiles), and the dates of a file's articles are found right
    // after it is read, an article at a time with yields between (a cache by article, which
    // updateFiles then finds filled).
    const batch: { results: FileResult[]; removed: string[]; changed: boolean[] } = { results: [], removed: [], changed: [] };
    const flush = async () => {
      if (batch.results.length === 0 && batch.removed.length === 0) return;
      await maybeYield();
      const previous = new Map<string, Article>();
      for (const result of batch.results) {
        for (const id of corpus.files.get(result.path)?.articleIds ?? []) {
          const article = corpus.articleById.get(id);
          if (article) previous.set(id, article);
        }
      }
      updateFiles(this.#library, batch.results, batch.removed, { deferEntities: true });
      for (const result of batch.results) update.arrived.push(...arrivals(result, previous, corpus.articleById));
      update.removed.push(...batch.removed);
      batch.results.forEach((result, i) => {
        update.problems += result.problems.length;
        (batch.changed[i] ? update.changed : update.added).push(result.path);
      });
      batch.results = [];
      batch.removed = [];
      batch.changed = [];
      waited();
      await yieldToEventLoop();
      sliceStart = performance.now();
    };
    for (const rel of paths.sort()) {
      const file = join(this.#root, rel);
      if (isIgnoredFile(file)) continue;
      const known = corpus.files.get(rel);
      waited();
      const fingerprint = await fileFingerprint(file, this.#options);
      sliceStart = performance.now();
      if (fingerprint === null) {
        if (!known) continue;
        batch.removed.push(rel);
      } else {
        if (known?.hash === fingerprint) continue;
        waited();
        const result = await readCorpusFile(this.#root, file, this.#options);
        sliceStart = performance.now();
        if (!result) continue;
        if (this.#library.events) {
          for (const article of result.articles) {
            EVENT_CACHE.get(article);
            await maybeYield();
          }
        }
        batch.results.push(result);
        batch.changed.push(known !== undefined);
      }
      if (batch.results.length + batch.removed.length >= BATCH_FILES) await flush();
      else await maybeYield();
    }
    await flush();
    lap();
    const changedAny = update.added.length > 0 || update.changed.length > 0 || update.removed.length > 0;
    if (changedAny || aliasesChanged) {
      // People and organisations are merged across the whole corpus: rebuilt once per round, in slices.
      // Short ones (10 ms): the merge keeps much of what it allocates, so scavenges in it are long (20-40 ms
      // on an idle machine at 100k paragraphs) and land on top of a slice.
      const before = performance.now();
      await rebuildEntities(this.#library, Math.min(sliceMs, ENTITY_SLICE_MS), update);
      update.entitiesMs = Math.round(performance.now() - before);
      update.aliases = aliasesChanged;
    }
    update.longestSliceMs = Math.round(update.longestSliceMs * 10) / 10;
    if (changedAny || aliasesChanged) this.#options.onUpdate?.(update);
    return update;
  }
}

/**
 * The articles of a file just applied that the corpus now holds (a duplicate id is skipped), each with its
 * new paragraphs (paragraph ids are content ids: an unchanged paragraph keeps its id across an edit).
 * `previous`: the versions the file's articles replaced, by id. Also the database's live watcher's.
 */
export function arrivals(result: FileResult, previous: ReadonlyMap<string, Article>, held: ReadonlyMap<string, Article>): ArrivedArticle[] {
  const out: ArrivedArticle[] = [];
  for (const article of result.articles) {
    if (held.get(article.id) !== article) continue;
    const before = previous.get(article.id) ?? null;
    const known = new Set(before?.paragraphs.map((p) => p.id));
    const paragraphs = article.paragraphs.filter((p) => !known.has(p.id));
    if (paragraphs.length > 0) out.push({ article, previous: before, paragraphs });
  }
  return out;
}
