/**
 * The command-line door: `npm run ask -- <command> [query words...] [--corpus DIR|FILE] [--limit N] [--json] [--no-cache]`,
 * and `add <url>` / `feed <url>` to bring articles in (src/cli/intake.ts).
 * Text for people by default; `--json` prints the Answer and nothing else on stdout; `--format md|
 * timelinejs|csv` prints that export instead; `--chart FILE` also writes the timeline chart (PNG).
 * Everything else (corpus warnings, load progress, errors) goes to stderr. Bad usage exits with 2 and a
 * one-line explanation.
 *
 * It starts from the corpus snapshot in CACHE_DIR, as the bot does (a cold build of a wire archive takes
 * 15-20 s; a start from the snapshot under 2 s), writing it when there is none; `--no-cache` builds from the
 * files without touching it. The tables the bot builds in the background after a start are made on use
 * here, so one answer never waits for the rest.
 */
import { ask } from '../answer/index.ts';
import { openLibrary } from '../library.ts';
import { loadCliConfig, loadConfig } from '../config.ts';
import { terminalProgress } from './progress.ts';
import { parseArgs, type Request } from './args.ts';
import { DEFAULT_CORPUS } from './paths.ts';
import { ANSWERS } from '../answer/index.ts';
import { printable, writeChart } from './output.ts';
import { onDatabase, unreachableReply } from '../db/unreachable.ts';

/** The commands that bring articles in (src/cli/intake.ts, loaded only for them: extraction is heavy). */
const INTAKE_COMMANDS = ['add', 'feed'];

async function main(argv: string[]): Promise<number> {
  if (INTAKE_COMMANDS.includes(argv[0]?.replace(/^\//, '') ?? '')) {
    const { runIntakeCommand } = await import('./intake.ts');
    return runIntakeCommand([argv[0]!.replace(/^\//, ''), ...argv.slice(1)], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
  }
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`ask: ${parsed.message}\n`);
    return 2;
  }
  const { request } = parsed;
  // CORPUS_STORE=postgres and no --corpus: answer from the corpus database (while a bot runs on it, too).
  const config = request.corpus ? null : (() => {
    try {
      return loadConfig();
    } catch {
      return null;
    }
  })();
  if (config?.corpusStore === 'postgres') return askDatabase(config, request);
  let library;
  try {
    library = await openLibrary(request.corpus ?? DEFAULT_CORPUS, {
      cacheDir: request.noCache ? null : loadCliConfig().cacheDir,
      background: false,
      onProgress: terminalProgress(process.stderr),
    });
  } catch (err) {
    process.stderr.write(`ask: ${(err as Error).message}\n`);
    return 2;
  }
  const problems = library.corpus.report.problems;
  if (problems.length > 0 && request.command !== 'corpus') {
    process.stderr.write(`ask: ${problems.length} corpus file(s) or line(s) had problems; \`npm run ask -- corpus\` lists them\n`);
  }
  const answer =
    request.command === 'watch' && request.since
      ? await (await import('./watch.ts')).watchSince(library, request.query, request.since, (m) => process.stderr.write(`ask: ${m}\n`))
      : ask(library, request.command, request.query, request.limit ? { limit: request.limit } : {});
  let text: string;
  try {
    text = printable(answer, request);
  } catch (err) {
    process.stderr.write(`ask: ${(err as Error).message}\n`);
    return 2;
  }
  process.stdout.write(`${text}\n`);
  if (request.chart) {
    try {
      process.stderr.write(`ask: ${await writeChart(answer, request.chart)}\n`);
    } catch (err) {
      process.stderr.write(`ask: --chart: ${(err as Error).message}\n`);
      return 1;
    }
  }
  return ANSWERS[request.command] || request.command === 'watch' ? 0 : 1;
}

async function askDatabase(config: NonNullable<ReturnType<typeof loadConfig>>, request: Request): Promise<number> {
  const { openPostgresStore } = await import('../store/pg/serve.ts');
  const { openDatabase } = await import('../db/database.ts');
  let opened;
  try {
    await (await openDatabase(config.database)).close();
    opened = await openPostgresStore(config);
  } catch (err) {
    process.stderr.write(`ask: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    let answer;
    try {
      // The state database's arrival times are read (or warned about) on their own: what fails here is the archive.
      answer = await onDatabase(opened.store, 'archive', { read: 'the articles' }).read(async () =>
        request.command === 'watch' && request.since
          ? await (await import('./watch.ts')).watchSinceDatabase(opened.store, request.query, request.since, (m) => process.stderr.write(`ask: ${m}\n`))
          : await opened.store.ask(request.command, request.query, request.limit ? { limit: request.limit } : {}),
      );
    } catch (err) {
      const down = unreachableReply(err, 'cli');
      if (down === null) throw err;
      process.stderr.write(`ask: ${down}\n`);
      return 1;
    }
    try {
      process.stdout.write(`${printable(answer, request)}\n`);
    } catch (err) {
      process.stderr.write(`ask: ${(err as Error).message}\n`);
      return 2;
    }
    return ANSWERS[request.command] || request.command === 'watch' ? 0 : 1;
  } finally {
    await opened.pool.end();
  }
}

process.exitCode = await main(process.argv.slice(2));
