/**
 * `npm run import -- <folder|file>… [--prune] [--reanalyse]`: loads corpus files into the PostgreSQL corpus
 * store (DATABASE_URL) with the loader, cleaning, ids and analyses of the in-memory library, in batches bulk-
 * loaded with COPY. Unchanged files (same content hash) are skipped; changed ones replace their articles
 * and retire their old citation ids; `--prune` also removes files that are no longer in the folders;
 * `--reanalyse` reads unchanged files again too, after an update of the bot changed the rules that shape
 * what is stored (the bot warns at start when it did: src/store/pg/analysis.ts).
 * Progress and an estimate of the time left go to stderr, and each problem a file had (file, line, what was
 * wrong, what was done; the first 20, then how many more); the summary to stdout.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { DatabaseError, openDatabase } from '../db/database.ts';
import { openCorpusPool } from '../store/pg/connect.ts';
import { importPaths } from '../store/pg/import.ts';
import { plural } from '../text/plural.ts';
import { importProgress } from './progress.ts';
import type { CorpusProblem } from '../corpus/types.ts';

const USAGE = 'usage: import <folder|file>… [--prune] [--reanalyse]   (needs DATABASE_URL)';
const OPTIONS = ['--prune', '--reanalyse'];

async function main(argv: string[]): Promise<number> {
  const prune = argv.includes('--prune');
  const reanalyse = argv.includes('--reanalyse');
  const bad = argv.find((a) => a.startsWith('--') && !OPTIONS.includes(a));
  const paths = argv.filter((a) => !a.startsWith('--'));
  if (bad || paths.length === 0) {
    process.stderr.write(`import: ${bad ? `unknown option \`${bad}\`` : 'no folder or file given'}; ${USAGE}\n`);
    return 2;
  }
  let url: string;
  try {
    const config = loadConfig();
    if (!config.database.url) {
      process.stderr.write(`import: DATABASE_URL is not set: the corpus store is a PostgreSQL database; ${USAGE}\n`);
      return 2;
    }
    url = config.database.url;
    // Brings the schema up to date (or refuses a newer one), as the bot does at start.
    await (await openDatabase(config.database)).close();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DatabaseError) {
      process.stderr.write(`import: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const pool = await openCorpusPool(url, { max: 4 }).catch((err: Error) => {
    process.stderr.write(`import: ${err.message}\n`);
    return null;
  });
  if (!pool) return 1;
  try {
    const s = await importPaths(pool, paths, { prune, reanalyse, progress: importProgress(process.stderr) });
    for (const line of problemLines(s.reported, s.problems)) process.stderr.write(`import: ${line}\n`);
    process.stdout.write(
      `Imported ${plural(s.articles, 'article')}, ${plural(s.paragraphs, 'paragraph')} from ${plural(s.added + s.changed + s.reanalysed, 'file')} in ${(s.ms / 1000).toFixed(1)} s ` +
        `(${Math.round(s.paragraphs / Math.max(0.001, s.ms / 1000)).toLocaleString('en-US')} paragraphs/s): ${s.added} new, ${s.changed} changed, ` +
        `${reanalyse ? `${s.reanalysed} unchanged read again` : `${s.unchanged} unchanged`}, ${s.removed} removed; ` +
        `${plural(s.retired, 'citation id')} retired; ${plural(s.problems, 'problem')} reported (\`npm run ask -- corpus\` lists ${s.problems === 1 ? 'it' : 'them'}).\n`,
    );
    if (s.analysis.stale) {
      process.stdout.write(
        reanalyse
          ? `The archive also holds files that are not in ${paths.join(', ')}: they keep the analysis of other rules (\`--prune\` removes them; or import their folder with \`--reanalyse\`).\n`
          : `The archive still holds files read by other rules than this version of the bot's (unchanged files are not read again): ` +
              `\`npm run import -- ${paths.join(' ')} --reanalyse\` reads every file again.\n`,
      );
    }
    return 0;
  } catch (err) {
    process.stderr.write(`import: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await pool.end();
  }
}

/** Problems printed one per line at most; the rest are counted (`npm run ask -- corpus` lists them all). */
const PRINTED_PROBLEMS = 20;

/**
 * One line per problem, as the corpus report words it: `file:line: what was wrong (skipped)`; past
 * PRINTED_PROBLEMS, one line with how many more.
 *
 * @example problemLines([{ path: 'a.md', line: 3, action: 'skipped', message: 'front matter …' }], 1)
 * // ['a.md:3: front matter … (skipped)']
 */
export function problemLines(problems: readonly CorpusProblem[], total: number): string[] {
  const lines = problems.slice(0, PRINTED_PROBLEMS).map((p) => `${p.line ? `${p.path}:${p.line}` : p.path}: ${p.message} (${p.action === 'skipped' ? 'skipped' : 'loaded with a warning'})`);
  const more = total - lines.length;
  if (more > 0) lines.push(`… and ${plural(more, 'more problem')} (\`npm run ask -- corpus\` lists them all)`);
  return lines;
}

process.exitCode = await main(process.argv.slice(2));
