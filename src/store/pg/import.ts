/**
 * Importing corpus files into the database: the loader's own reading (decode, front matter, cleaning,
 * paragraphs, sentences, ids), the library's analyses, then `write.ts` in batches. A file whose content
 * hash is the one already imported is skipped; a changed one replaces its articles (old citation ids
 * retired with the reason); with `prune`, files gone from the folder leave the database too. With
 * `reanalyse`, every file is read again whatever its hash (after a change to the rules that shape the rows,
 * src/store/pg/analysis.ts); an import that read every file of the archive records its analysis version.
 */
import { readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type pg from 'pg';
import { corpusFiles, fileFingerprint, isIgnoredFile, readCorpusFile, type FileResult, type LoadOptions } from '../../corpus/load.ts';
import { ALIAS_FILES } from '../../analyse/entities-aliases.ts';
import type { AnalysisStatus } from '../types.ts';
import type { CorpusProblem } from '../../corpus/types.ts';
import type { ProgressCounts } from '../../progress.ts';
import { archiveIsEmpty, deferIndexes, restoreIndexes } from './indexes.ts';
import { averagesDrift, averagesOf, commitFiles, prepareWithIds, readStats, rescoreImpacts, sumStats, vacuumPostings, type FieldAverages, type PreparedBatch, type Stats, type WriteReport } from './write.ts';
import { analysisVersion, readAnalysis, recordAnalysis, recordImportedFrom } from './analysis.ts';

/** Problems an import summary keeps to report (all are stored in corpus_problems and counted). */
export const REPORTED_PROBLEMS = 1_000;

/** What an import did (the summary's counts). */
export interface ImportCounts {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  paragraphs: number;
  articles: number;
  skipped: number;
  ms: number;
}

export interface ImportOptions extends LoadOptions {
  /** Remove from the database the files under the imported folders that are no longer there. */
  prune?: boolean;
  /** Set the secondary indexes aside while importing into an empty archive (default true). */
  deferIndexes?: boolean;
  /** Paragraphs per transaction (default 4,000). */
  batchParagraphs?: number;
  /**
   * Read every file again, unchanged ones too (`--reanalyse`): rows made by older rules are made again;
   * ids of paragraphs whose words did not change stay the same.
   */
  reanalyse?: boolean;
  /** The analysis version the rows are made by and recorded as (default: this code's; tests pass another). */
  analysedBy?: string;
  /**
   * Told how far the import is (`progress` of LoadOptions, src/progress.ts): phase 1 reads and stores the
   * files, its share counted in bytes and, within a file, in the articles read and stored (a single large
   * export moves too); phase 2 builds the indexes and statistics.
   */
}

export interface ImportSummary extends ImportCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** Files read again though unchanged (`reanalyse`). */
  reanalysed: number;
  retired: number;
  problems: number;
  /** The first `REPORTED_PROBLEMS` problems (file, line, what was wrong, what was done); `problems` counts them all. */
  reported: CorpusProblem[];
  vacuumed: number;
  /** The archive's analysis after the import (recorded when every file of it was read by this one). */
  analysis: AnalysisStatus;
}

/**
 * How far (relative) the average field lengths a batch's impacts were computed with may be from the
 * archive's at the end of the import before they are computed again (`rescoreImpacts`).
 */
export const IMPACT_DRIFT = 0.01;

/**
 * Imports folders or files. Paths in the database are relative to the folder given (for a file: its
 * folder), as the in-memory corpus names them, so the bot's live watcher on the same folder agrees.
 * Into an empty archive, the secondary indexes are set aside and built once at the end (`indexes.ts`);
 * indexes an interrupted import left aside are built first. When, at the end, every file the archive
 * holds was read by this import (an empty archive, `reanalyse`, or every file changed), its analysis
 * version is recorded; an import that skipped unchanged files leaves the record as it was.
 */
export async function importPaths(pool: pg.Pool, paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const progress = options.progress?.active ? options.progress : undefined;
  const version = options.analysedBy ?? (await analysisVersion());
  await restoreIndexes(pool);
  const deferred = options.deferIndexes !== false && (await archiveIsEmpty(pool)) ? await deferIndexes(pool) : 0;
  let summary: ImportSummary;
  // Between the batches' reads, and through step 2 (building the indexes, vacuum and analyze), the database
  // works: the clock goes on being told while it does, so the lines keep coming until the import is done.
  const clock = progress ? setInterval(() => progress.tick({}), 1000) : undefined;
  try {
    try {
      const done = await importFiles(pool, paths, { ...options, analysedBy: version });
      summary = done.summary;
      if (done.readEveryFile) await recordAnalysis(pool, version);
      await recordImportedFrom(pool, paths);
    } finally {
      if (deferred > 0) await restoreIndexes(pool);
    }
    summary.analysis = await readAnalysis(pool, paths[0] ?? '.', version);
    summary.vacuumed = await vacuumPostings(pool);
    // Statistics for the planner, and the visibility map that lets searches read the postings' index alone.
    await pool.query('vacuum (analyze) corpus_postings, corpus_article_terms');
    await pool.query('analyze corpus_articles, corpus_paragraphs, corpus_terms, corpus_names, corpus_name_counts');
  } finally {
    clearInterval(clock);
  }
  summary.ms = performance.now() - started;
  progress?.finish({ articles: summary.articles, paragraphs: summary.paragraphs });
  return summary;
}

/** Reads and writes the files; `readEveryFile`: every file the archive held was read again or pruned. */
async function importFiles(pool: pg.Pool, paths: readonly string[], options: ImportOptions & { analysedBy: string }): Promise<{ summary: ImportSummary; readEveryFile: boolean }> {
  const summary: ImportSummary = {
    files: 0, totalFiles: 0, bytes: 0, totalBytes: 0, paragraphs: 0, articles: 0, skipped: 0, ms: 0, added: 0, changed: 0, removed: 0, unchanged: 0, reanalysed: 0, retired: 0, problems: 0, reported: [], vacuumed: 0,
    analysis: { code: options.analysedBy, recorded: null, stale: false, warning: null },
  };
  const sets: Array<{ root: string; files: Array<{ file: string; rel: string; size: number }> }> = [];
  for (const path of paths) {
    const { root, files } = await corpusFiles(path);
    const listed: Array<{ file: string; rel: string; size: number }> = [];
    for (const file of files) {
      if (isIgnoredFile(file)) continue;
      const size = await stat(file).then((s) => s.size, () => 0);
      listed.push({ file, rel: relative(root, file), size });
      summary.totalBytes += size;
    }
    summary.totalFiles += listed.length;
    sets.push({ root, files: listed });
  }
  const { rows } = await pool.query<{ path: string; hash: string }>('select path, hash from corpus_files');
  const known = new Map(rows.map((r) => [r.path, r.hash]));
  const limit = options.batchParagraphs ?? 4_000;
  const progress = options.progress?.active ? options.progress : undefined;
  // Share of the bytes done: the files before this one, and within it the articles read (a small part of
  // a file's time: `READ_SHARE`) and those sent to be stored (the rest).
  let bytesBefore = 0;
  let current = { size: 0, read: 0, stored: 0, total: 0 };
  const tick = (counts: ProgressCounts = {}) => {
    if (!progress) return;
    const within = current.total ? READ_SHARE * (current.read / current.total) + (1 - READ_SHARE) * (current.stored / current.total) : 0;
    progress.tick({ ...counts, fraction: summary.totalBytes ? (bytesBefore + current.size * within) / summary.totalBytes : 1, articles: summary.articles, paragraphs: summary.paragraphs });
  };
  progress?.phase('import', 1, 2, { filesDone: 0, filesTotal: summary.totalFiles });
  // Rows of the archive older than this import have a lower seq (a split file's old versions).
  const { rows: seqRows } = await pool.query<{ next: string }>(`select case when is_called then last_value + 1 else last_value end as next from corpus_articles_seq_seq`);
  const since = Number(seqRows[0]!.next);

  // One batch is committed while the next is read and prepared (the database works on its own core). The
  // impacts of a batch are computed with the archive's sums as the last commit left them, what the batch
  // being committed adds, and its own: never with an empty archive's.
  let writing: Promise<void> = Promise.resolve();
  let committed: Partial<Stats> = await readStats(pool);
  let inFlight: Partial<Stats> = {};
  const written: Array<{ averages: FieldAverages; pids: [number, number]; seqs: [number, number] }> = [];
  // Files read again though unchanged (reanalyse), and every file read.
  const again = new Set<string>();
  const read = new Set<string>();
  const account = (report: WriteReport) => {
    summary.added += report.added.length;
    for (const path of report.changed) {
      if (again.has(path)) summary.reanalysed++;
      else summary.changed++;
    }
    summary.removed += report.removed.length;
    summary.retired += report.retired;
    summary.problems += report.problems;
    summary.reported.push(...report.reported.slice(0, REPORTED_PROBLEMS - summary.reported.length));
    summary.articles += report.articles;
    summary.paragraphs += report.paragraphs;
  };
  /** Writes a batch; `continued`: files an earlier batch began, `unfinished`: files a later batch ends. */
  const flush = async (results: FileResult[], removed: string[], split: { continued?: ReadonlySet<string>; unfinished?: ReadonlySet<string> } = {}) => {
    if (results.length === 0 && removed.length === 0) return;
    const batch: PreparedBatch = await prepareWithIds(pool, results, removed, sumStats(committed, inFlight), { ...split, since, reread: again, analysedBy: options.analysedBy });
    await writing;
    inFlight = batch.stats;
    if (batch.articles.length > 0) written.push({ averages: batch.averages, pids: batch.pids, seqs: batch.seqs });
    writing = commitFiles(pool, batch).then(async (report) => {
      account(report);
      tick();
      const stats = await readStats(pool);
      committed = stats;
      inFlight = {};
    });
  };

  /** A file is read and sent to be stored (or skipped): its bytes are done. */
  const fileDone = (size: number) => {
    summary.bytes += size;
    bytesBefore += size;
    current = { size: 0, read: 0, stored: 0, total: 0 };
    tick({ filesDone: summary.files });
  };

  const present = new Set<string>();
  for (const { root, files } of sets) {
    let results: FileResult[] = [];
    let paragraphs = 0;
    for (const { file, rel, size } of files) {
      present.add(rel);
      summary.files++;
      const fingerprint = await fileFingerprint(file, options);
      if (fingerprint !== null && known.get(rel) === fingerprint && !options.reanalyse) {
        summary.unchanged++;
        fileDone(size);
        continue;
      }
      if (fingerprint !== null && known.get(rel) === fingerprint) again.add(rel);
      current = { size, read: 0, stored: 0, total: 0 };
      const result = await readCorpusFile(root, file, options, (_article, done, total) => {
        current.read = done;
        current.total = total;
        tick();
      });
      if (!result) {
        fileDone(size);
        continue;
      }
      read.add(rel);
      // A large export goes in several batches: each replaces the old versions of its articles, the last
      // also removes the old articles that did not come back and records the file.
      const here = new Set([result.path]);
      let part: FileResult = { ...result, articles: [] };
      let first = true;
      for (const [i, article] of result.articles.entries()) {
        part.articles.push(article);
        paragraphs += article.paragraphs.length;
        if (paragraphs < limit || i === result.articles.length - 1) continue;
        await flush([...results, part], [], { ...(first ? {} : { continued: here }), unfinished: here });
        current.stored += part.articles.length;
        tick();
        results = [];
        paragraphs = 0;
        first = false;
        part = { ...result, articles: [], problems: [] };
      }
      if (first) results.push(part);
      else {
        await flush([part], [], { continued: here });
        paragraphs = 0;
      }
      fileDone(size);
      if (paragraphs >= limit) {
        await flush(results, []);
        results = [];
        paragraphs = 0;
      }
    }
    await flush(results, []);
    await writing;
    await storeAliases(pool, root);
  }
  const gone = options.prune ? [...known.keys()].filter((path) => !present.has(path)) : [];
  await flush([], gone);
  await writing;
  // Phase 2 (its share cannot be told: time only): the impacts scored again, the indexes and statistics.
  options.progress?.phase('finish-import', 2, 2, { fraction: null, filesDone: summary.files, articles: summary.articles, paragraphs: summary.paragraphs });
  // The first batches of an import into an empty (or small) archive were scored with averages the rest
  // moved: their impacts are computed again with the archive's, as one import of everything would have.
  const final = averagesOf(await readStats(pool));
  await rescoreImpacts(pool, written.filter((b) => averagesDrift(b.averages, final) > IMPACT_DRIFT), final);
  const pruned = new Set(gone);
  return { summary, readEveryFile: [...known.keys()].every((path) => read.has(path) || pruned.has(path)) };
}

/**
 * The share of a file's import time its reading takes (decode, clean, split, ids), the rest being the
 * analyses and the writes of its batches: the Reuters export (19,043 articles) read in about 7 s of an
 * 82 s import on a busy two-core machine. Only the time left leans on it, and only within a file.
 */
const READ_SHARE = 0.1;

/** Keeps the folder's alias file (aliases.txt: an editor's fixes to /who) in the database for every bot. */
async function storeAliases(pool: pg.Pool, root: string): Promise<void> {
  for (const name of ALIAS_FILES) {
    const text = await readFile(join(root, name), 'utf8').catch(() => null);
    if (text === null) continue;
    await pool.query(`insert into corpus_meta (key, value) values ('aliases', $1) on conflict (key) do update set value = excluded.value`, [text]);
    return;
  }
}

/**
 * Writes one round of live changes through to the database (the live watcher in database mode): files
 * read again and paths removed, as one transaction. Rows made by another analysis version than the one
 * recorded (`analysedBy`, default this code's) leave the archive without a recorded version.
 */
export async function writeThrough(pool: pg.Pool, results: FileResult[], removed: string[], analysedBy?: string): Promise<WriteReport> {
  return commitFiles(pool, await prepareWithIds(pool, results, removed, await readStats(pool), analysedBy === undefined ? {} : { analysedBy }));
}
