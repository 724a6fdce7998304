/**
 * The command-line door: `npm run ask -- <command> [query words...] [--corpus DIR|FILE] [--limit N] [--json]`.
 * Text for people by default; `--json` prints the Answer and nothing else on stdout. Everything else
 * (corpus warnings, errors) goes to stderr. Bad usage exits with 2 and a one-line explanation.
 */
import { ask } from '../answer/index.ts';
import { openLibrary } from '../library.ts';
import { renderText } from '../render/text.ts';
import { parseArgs, type Request } from './args.ts';
import { DEFAULT_CORPUS } from './paths.ts';
import { ANSWERS } from '../answer/index.ts';
import { loadConfig } from '../config.ts';

async function main(argv: string[]): Promise<number> {
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
    library = await openLibrary(request.corpus ?? DEFAULT_CORPUS);
  } catch (err) {
    process.stderr.write(`ask: ${(err as Error).message}\n`);
    return 2;
  }
  const problems = library.corpus.report.problems;
  if (problems.length > 0 && request.command !== 'corpus') {
    process.stderr.write(`ask: ${problems.length} corpus file(s) or line(s) had problems; \`npm run ask -- corpus\` lists them\n`);
  }
  const answer = ask(library, request.command, request.query, request.limit ? { limit: request.limit } : {});
  process.stdout.write(request.json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderText(answer)}\n`);
  return ANSWERS[request.command] ? 0 : 1;
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
    const answer = await opened.store.ask(request.command, request.query, request.limit ? { limit: request.limit } : {});
    process.stdout.write(request.json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderText(answer)}\n`);
    return ANSWERS[request.command] ? 0 : 1;
  } finally {
    await opened.pool.end();
  }
}

process.exitCode = await main(process.argv.slice(2));
