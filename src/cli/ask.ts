/**
 * The command-line door: `npm run ask -- <command> [query words...] [--corpus DIR|FILE] [--limit N] [--json] [--no-cache]`,
 * and `add <url>` / `feed <url>` to bring articles in (src/cli/intake.ts).
 * Text for people by default; `--json` prints the Answer and nothing else on stdout; `--format md|
 * timelinejs|csv` prints that export instead; `--chart FILE.png` also writes the timeline chart (PNG; a path
 * whose folder is missing or not writable is refused before answering).
 * Everything else (corpus warnings, load progress, errors) goes to stderr. Bad usage, and a malformed key of
 * the configuration it reads (CACHE_DIR, CORPUS_STORE, DATABASE_URL, CORPUS_WINDOW_DAYS: `parseCliConfig`),
 * exit with 2 and a one-line explanation per problem, naming the key; a database that cannot be reached (the state database, or the archive at start or
 * mid-answer: src/cli/archive.ts) exits with 1, what could not be reached and what to check on stderr.
 *
 * The answer comes from one of two stores: the corpus in PostgreSQL (CORPUS_STORE=postgres and no
 * `--corpus`), or a library in this process's memory. It starts from the corpus snapshot in CACHE_DIR, as
 * the bot does (a cold build of a wire archive takes 15-20 s; a start from the snapshot under 2 s), writing
 * it when there is none; `--no-cache` builds from the files without touching it. The tables the bot builds
 * in the background after a start are made on use here, so one answer never waits for the rest. Whichever
 * store answered, the same code prints the answer and writes the chart (`output`).
 */
import { ask } from '../answer/index.ts';
import type { Answer } from '../answer/types.ts';
import { openLibrary } from '../library.ts';
import { ConfigError, loadCliConfig, type CliConfig } from '../config.ts';
import { terminalProgress } from './progress.ts';
import { parseArgs, type Request } from './args.ts';
import { DEFAULT_CORPUS } from './paths.ts';
import { ANSWERS } from '../answer/index.ts';
import { chartPathProblem, printable, writeChart } from './output.ts';
import { askCommand } from '../render/text.ts';
import type { Answered } from './archive.ts';
import { plural } from '../text/plural.ts';

/** The commands that bring articles in (src/cli/intake.ts, loaded only for them: extraction is heavy). */
const INTAKE_COMMANDS = ['add', 'feed'];

const warn = (message: string) => process.stderr.write(`ask: ${message}\n`);

async function main(argv: string[]): Promise<number> {
  if (INTAKE_COMMANDS.includes(argv[0]?.replace(/^\//, '') ?? '')) {
    const { runIntakeCommand } = await import('./intake.ts');
    return runIntakeCommand([argv[0]!.replace(/^\//, ''), ...argv.slice(1)], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
  }
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    warn(parsed.message);
    return 2;
  }
  const { request } = parsed;
  // A chart that could not be written is said before answering, not after the whole answer is printed.
  const chartProblem = request.chart ? await chartPathProblem(request.chart) : null;
  if (chartProblem) {
    warn(chartProblem);
    return 2;
  }
  // A malformed key is said by name, never answered around: another corpus than the one configured would be
  // a silent wrong answer (CORPUS_STORE=postgres with a bad DATABASE_URL must not fall back to ./corpus).
  let config: CliConfig;
  try {
    config = loadCliConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const problem of err.problems) warn(`${problem} (.env or the environment)`);
    return 2;
  }
  // CORPUS_STORE=postgres and no --corpus: answer from the corpus database (while a bot runs on it, too).
  const answered = config.corpusStore === 'postgres' && !request.corpus ? await askDatabase(config, request) : await askLibrary(request, config);
  if ('code' in answered) return answered.code;
  return output(answered.answer, request);
}

/** Answers from a library loaded into this process (the corpus folder, or `--corpus`). */
async function askLibrary(request: Request, config: CliConfig): Promise<Answered> {
  let library;
  try {
    library = await openLibrary(request.corpus ?? DEFAULT_CORPUS, {
      cacheDir: request.noCache ? null : config.cacheDir,
      background: false,
      onProgress: terminalProgress(process.stderr),
    });
  } catch (err) {
    warn((err as Error).message);
    return { code: 2 };
  }
  const problems = library.corpus.report.problems;
  if (problems.length > 0 && request.command !== 'corpus') {
    warn(`${plural(problems.length, 'corpus file or line', 'corpus files or lines')} had problems; \`${askCommand('corpus', '', request.corpus)}\` lists ${problems.length === 1 ? 'it' : 'them'}`);
  }
  const answer =
    request.command === 'watch' && request.since
      ? await (await import('./watch.ts')).watchSince(library, request.query, request.since, warn)
      : ask(library, request.command, request.query, request.limit ? { limit: request.limit } : {});
  return { answer };
}

/** Answers from the corpus in PostgreSQL (CORPUS_STORE=postgres); the pool is closed before printing. */
async function askDatabase(config: CliConfig, request: Request): Promise<Answered> {
  const { openPostgresStore } = await import('../store/pg/serve.ts');
  const { openDatabase } = await import('../db/database.ts');
  let opened;
  try {
    await (await openDatabase(config.database)).close();
    opened = await openPostgresStore(config);
  } catch (err) {
    warn((err as Error).message);
    return { code: 1 };
  }
  try {
    return await (await import('./archive.ts')).askArchive(opened.store, request, warn);
  } finally {
    await opened.pool.end();
  }
}

/** Prints the answer as asked (text, `--json` or `--format`) and writes `--chart`, whichever store answered. */
async function output(answer: Answer, request: Request): Promise<number> {
  let text: string;
  try {
    text = printable(answer, request, 'cli');
  } catch (err) {
    warn((err as Error).message);
    return 2;
  }
  process.stdout.write(`${text}\n`);
  if (request.chart) {
    try {
      warn(await writeChart(answer, request.chart));
    } catch (err) {
      warn(`--chart: ${(err as Error).message}`);
      return 1;
    }
  }
  return ANSWERS[request.command] || request.command === 'watch' ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
