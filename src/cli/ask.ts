/**
 * The command-line door: `npm run ask -- <command> [query words...] [--corpus DIR|FILE] [--limit N] [--json]`,
 * and `add <url>` / `feed <url>` to bring articles in (src/cli/intake.ts).
 * Text for people by default; `--json` prints the Answer and nothing else on stdout. Everything else
 * (corpus warnings, errors) goes to stderr. Bad usage exits with 2 and a one-line explanation.
 */
import { ask } from '../answer/index.ts';
import { openLibrary } from '../library.ts';
import { renderText } from '../render/text.ts';
import { parseArgs } from './args.ts';
import { DEFAULT_CORPUS } from './paths.ts';
import { ANSWERS } from '../answer/index.ts';
import { INTAKE_COMMANDS, runIntakeCommand } from './intake.ts';

async function main(argv: string[]): Promise<number> {
  if ((INTAKE_COMMANDS as readonly string[]).includes(argv[0]?.replace(/^\//, '') ?? '')) {
    return runIntakeCommand([argv[0]!.replace(/^\//, ''), ...argv.slice(1)], { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) });
  }
  const parsed = parseArgs(argv);
  if (!parsed.ok) {
    process.stderr.write(`ask: ${parsed.message}\n`);
    return 2;
  }
  const { request } = parsed;
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

process.exitCode = await main(process.argv.slice(2));
