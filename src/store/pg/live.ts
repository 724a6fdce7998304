/**
 * The live corpus in database mode: the corpus folder (where editors, feeds and /add put articles) is
 * watched as in memory mode, and each round of added, changed and removed files is written through to
 * the database — the same reading, analyses and retiring of replaced ids as `npm run import`. Only the
 * active bot process writes (src/store/pg/serve.ts). A round the database refuses (unreachable) is kept
 * and tried again, so no file is lost; files are compared by content hash with what the database holds,
 * so a retried or repeated round writes nothing twice.
 *
 * Each round tells its listener what arrived (`LiveUpdate.arrived`, as the in-memory live corpus does): the
 * articles written, as this process read them, each with the version it replaced (read from the database
 * just before the write) and its new paragraphs. Watches match those (src/push).
 */
import { join, relative } from 'node:path';
import type pg from 'pg';
import { corpusFiles, fileFingerprint, isIgnoredFile, readCorpusFile, type FileResult, type LoadOptions } from '../../corpus/load.ts';
import type { Article } from '../../corpus/types.ts';
import { arrivals, type LiveUpdate } from '../../live/watch.ts';
import { FolderRounds } from '../../live/folder.ts';
import { writeThrough } from './import.ts';
import { ArticleCache, loadArticles } from './working.ts';

export interface DatabaseLiveOptions extends LoadOptions {
  /** Wait this long after the last file event before a round (default 200 ms). */
  debounceMs?: number;
  /** After a round the database refused, try again after this long (default 10 s). */
  retryMs?: number;
  onUpdate?: (update: LiveUpdate) => void;
  onError?: (err: Error) => void;
}

/** Files per transaction in a round (a large drop is written in several). */
const BATCH_FILES = 50;

export class DatabaseLiveCorpus {
  readonly #pool: pg.Pool;
  readonly #root: string;
  readonly #options: DatabaseLiveOptions;
  readonly #rounds: FolderRounds<LiveUpdate>;

  constructor(pool: pg.Pool, root: string, options: DatabaseLiveOptions = {}) {
    this.#pool = pool;
    this.#root = root;
    this.#options = options;
    this.#rounds = new FolderRounds(root, () => this.#round(), {
      debounceMs: options.debounceMs ?? 200,
      retryMs: options.retryMs ?? 10_000,
      ...(options.onError ? { onError: options.onError } : {}),
    });
  }

  /** Starts watching; the first round adds or replaces what changed in the folder since the last import. */
  start(): this {
    this.#rounds.start();
    this.#rounds.putBack({ full: true, names: [] });
    this.#rounds.schedule(0);
    return this;
  }

  close(): Promise<void> {
    return this.#rounds.close();
  }

  /** Compares every file of the folder with the database now and writes what changed (never removes). */
  rescan(): Promise<LiveUpdate> {
    return this.#rounds.rescan();
  }

  /**
   * The articles the database holds for these files now (the versions a write is about to replace), by id.
   * Read just before the write, outside its lock: only an import of the same file at that very moment could
   * slip between (then a sentence of it might count as new).
   */
  async #replaced(paths: readonly string[]): Promise<Map<string, Article>> {
    if (paths.length === 0) return new Map();
    const { rows } = await this.#pool.query<{ seq: number }>('select seq from corpus_articles where file = any($1)', [paths]);
    const loaded = await loadArticles(this.#pool, rows.map((r) => Number(r.seq)), new ArticleCache(0));
    return new Map(loaded.map(({ article }) => [article.id, article]));
  }

  async #round(): Promise<LiveUpdate> {
    const taken = this.#rounds.take();
    const { full, names: named } = taken;
    const update: LiveUpdate = { added: [], changed: [], removed: [], problems: 0, longestSliceMs: 0, arrived: [] };
    try {
      let paths: string[] = [];
      if (full) paths = (await corpusFiles(this.#root)).files.map((f) => relative(this.#root, f));
      for (const rel of named) {
        // A folder event stands for everything under it.
        const under = await corpusFiles(join(this.#root, rel)).then((r) => r.files.map((f) => relative(this.#root, f)), () => [rel]);
        paths.push(...under);
      }
      paths = [...new Set(paths)].filter((p) => !isIgnoredFile(p)).sort();
      if (paths.length === 0) return update;
      const { rows } = await this.#pool.query<{ path: string; hash: string }>('select path, hash from corpus_files where path = any($1)', [paths]);
      const known = new Map(rows.map((r) => [r.path, r.hash]));
      let results: FileResult[] = [];
      let removed: string[] = [];
      const flush = async () => {
        if (results.length === 0 && removed.length === 0) return;
        const previous = await this.#replaced(results.map((r) => r.path).filter((p) => known.has(p)));
        const report = await writeThrough(this.#pool, results, removed);
        const written = new Map(report.written.map((a) => [a.id, a]));
        for (const result of results) update.arrived.push(...arrivals(result, previous, written));
        update.added.push(...report.added);
        update.changed.push(...report.changed);
        update.removed.push(...report.removed);
        update.problems += report.problems;
        results = [];
        removed = [];
      };
      for (const rel of paths) {
        const file = join(this.#root, rel);
        const fingerprint = await fileFingerprint(file, this.#options);
        if (fingerprint === null) {
          // Gone: removed from the database only when this watcher saw it go (a full scan never removes).
          if (known.has(rel) && named.some((n) => rel === n || rel.startsWith(`${n}/`))) removed.push(rel);
        } else if (known.get(rel) !== fingerprint) {
          const result = await readCorpusFile(this.#root, file, this.#options);
          if (result) results.push(result);
        }
        if (results.length + removed.length >= BATCH_FILES) await flush();
      }
      await flush();
    } catch (err) {
      // Nothing is lost: the same files are looked at again in the next round (those written already are
      // unchanged then, so what was written is told now).
      this.#rounds.putBack(taken);
      if (update.added.length + update.changed.length + update.removed.length > 0) this.#options.onUpdate?.(update);
      throw err;
    }
    if (update.added.length + update.changed.length + update.removed.length > 0) this.#options.onUpdate?.(update);
    return update;
  }
}
