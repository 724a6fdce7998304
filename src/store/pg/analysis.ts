/**
 * Which rules analysed the archive. What an import stores of an article (paragraphs, sentence spans,
 * citation ids, index terms and postings, the names /who finds, dates) is made by the loader and the
 * analyses (src/corpus, src/text, src/analyse, src/index) and put into rows by write.ts and rows.ts. An
 * import skips a file whose content is unchanged, so rows made by older rules would stay forever. So the
 * archive records, in corpus_meta `analysed_by`, the `analysisVersion` that read every one of its files;
 * a bot whose own version differs says so at start, in /status and in the corpus report, with the command
 * that reads every file again (`npm run import -- <folder> --reanalyse`). It still answers meanwhile.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type pg from 'pg';
import { hashSources, SRC_DIR } from '../../version.ts';
import type { AnalysisStatus } from '../types.ts';

/**
 * The source files (relative to src/; a folder ends with `/`) whose code shapes the stored rows: the
 * runtime imports of write.ts, rows.ts and import.ts, less what decides which files are read rather
 * than what is stored of them (import.ts, indexes.ts, this module; test/store/analysis.test.ts checks).
 * A change elsewhere (Discord rendering, answers) asks for no re-import.
 */
export const ANALYSIS_SOURCES: readonly string[] = [
  'corpus/',
  'text/',
  'analyse/',
  'index/',
  'answer/suggest.ts',
  'store/terms.ts',
  'store/pg/write.ts',
  'store/pg/rows.ts',
];

/** Whether a source file (relative to src/, with `/`) is one of ANALYSIS_SOURCES. */
export function isAnalysisSource(path: string): boolean {
  return ANALYSIS_SOURCES.some((s) => (s.endsWith('/') ? path.startsWith(s) : path === s));
}

let cached: Promise<string> | undefined;

/** The analysis version of this code: a hash of ANALYSIS_SOURCES (`hashSources`, as `codeVersion`). */
export function analysisVersion(): Promise<string> {
  cached ??= analysisPackages().then((salt) => hashSources(SRC_DIR, isAnalysisSource, salt));
  return cached;
}

/**
 * The libraries whose behaviour shapes the stored rows as the sources do (date parsing, decoding, stemming,
 * the index's tokenizer): an upgrade of one asks for a re-import as a change of our code does.
 */
export const ANALYSIS_PACKAGES: readonly string[] = ['chrono-node', 'iconv-lite', 'minisearch', 'stemmer'];

/** "name@version" of each ANALYSIS_PACKAGES as installed (from its package.json; "name@?" when unreadable). */
export async function analysisPackages(): Promise<string[]> {
  const root = join(SRC_DIR, '..', 'node_modules');
  return Promise.all(
    ANALYSIS_PACKAGES.map(async (name) => {
      const text = await readFile(join(root, name, 'package.json'), 'utf8').catch(() => null);
      const version = text ? (JSON.parse(text) as { version?: string }).version : undefined;
      return `${name}@${version ?? '?'}`;
    }),
  );
}

/** The corpus_meta key that holds the version that read every file of the archive. */
export const ANALYSED_BY = 'analysed_by';

/**
 * The archive's analysis against `code` (default: this code's): stale when it holds files and the recorded
 * version is another one or none. `folder`: the corpus folder named in the command the warning gives.
 */
export async function readAnalysis(pool: pg.Pool, folder: string, code?: string): Promise<AnalysisStatus> {
  const version = code ?? (await analysisVersion());
  const { rows } = await pool.query<{ recorded: string | null; filled: boolean; from: string | null }>(
    `select (select value from corpus_meta where key = $1) as recorded, exists (select 1 from corpus_files) as filled,
            (select value from corpus_meta where key = $2) as from`,
    [ANALYSED_BY, IMPORTED_FROM],
  );
  const { recorded, filled, from } = rows[0]!;
  const stale = filled && recorded !== version;
  return { code: version, recorded, stale, warning: stale ? staleWarning(recorded, version, importedFrom(from) ?? [folder]) : null };
}

/** The corpus_meta key that holds the folders (or files) the last import read, as a JSON list of absolute paths. */
export const IMPORTED_FROM = 'imported_from';

/** Records what an import read, so a warning can give the command that reads the same again. */
export async function recordImportedFrom(db: pg.Pool | pg.PoolClient, paths: readonly string[]): Promise<void> {
  await db.query(`insert into corpus_meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value`, [IMPORTED_FROM, JSON.stringify(paths.map((p) => resolve(p)))]);
}

function importedFrom(value: string | null): string[] | null {
  if (!value) return null;
  try {
    const paths = JSON.parse(value) as unknown;
    return Array.isArray(paths) && paths.length > 0 && paths.every((p) => typeof p === 'string') ? (paths as string[]) : null;
  } catch {
    return null;
  }
}

function staleWarning(recorded: string | null, code: string, folders: readonly string[]): string {
  const what = recorded
    ? `The corpus in PostgreSQL was analysed by other rules than this version of the bot's (analysis ${recorded}; this code: ${code})`
    : `The corpus in PostgreSQL does not say which rules analysed it (imported before the version was recorded, or partly by another version of the bot; this code: ${code})`;
  return (
    `${what}: its sentences, index terms, the names /who finds and dates stay as they were read, and may differ from what this version reads, ` +
    `until \`${reanalyseCommand(folders)}\` reads every file again. Answers come from the old analysis meanwhile.`
  );
}

/**
 * The command that reads every file of `folders` again (those the last import read, else the corpus folder):
 * each as typed from here when it is below.
 */
export function reanalyseCommand(folders: string | readonly string[]): string {
  const shown = (typeof folders === 'string' ? [folders] : folders).map((folder) => {
    const below = relative(process.cwd(), folder);
    const path = below && !below.startsWith('..') && !isAbsolute(below) ? below : below === '' ? '.' : folder;
    return /[\s'"$`\\]/.test(path) ? `'${path.replace(/'/g, `'\\''`)}'` : path;
  });
  return `npm run import -- ${shown.join(' ')} --reanalyse`;
}

/** Records that `version` read every file of the archive. */
export async function recordAnalysis(db: pg.Pool | pg.PoolClient, version: string): Promise<void> {
  await db.query(`insert into corpus_meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value`, [ANALYSED_BY, version]);
}

/**
 * Forgets the recorded version when rows are written by another one (a bot of another version writing
 * its live changes): the archive no longer holds one version's analysis throughout. Part of each write.
 */
export async function forgetOtherAnalysis(db: pg.Pool | pg.PoolClient, version: string): Promise<void> {
  await db.query(`delete from corpus_meta where key = $1 and value <> $2`, [ANALYSED_BY, version]);
}
