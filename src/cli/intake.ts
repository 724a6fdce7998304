/**
 * `npm run ask -- add <url> [--corpus DIR] [--json]` and `npm run ask -- feed <url> [--corpus DIR] [--json]`:
 * intake from the shell. `add` fetches a page and writes its article into DIR/added/; `feed` reads a feed
 * once and adds every item it holds now into DIR/feeds/<feed>/ (the first-poll window is for subscribed
 * feeds). The Answer says what was added and skipped, and why. Fetching follows the bot's rules (public
 * addresses only; ALLOWED_PRIVATE_NETWORKS from the environment, as for the bot).
 */
import { ConfigError, loadConfig } from '../config.ts';
import { createFetcher } from '../fetch/fetch.ts';
import { createIntake, IntakeError } from '../intake/intake.ts';
import { inlineParser } from '../intake/parser.ts';
import { renderText } from '../render/text.ts';
import { DEFAULT_CORPUS } from './paths.ts';

export const INTAKE_USAGE = 'usage: ask add <url> [--corpus DIR] [--json] | ask feed <url> [--corpus DIR] [--json]';

/** Runs `add` or `feed`; returns the exit status (2: bad usage, 1: the link or feed could not be added). */
export async function runIntakeCommand(argv: readonly string[], out: { stdout: (s: string) => void; stderr: (s: string) => void }): Promise<number> {
  const [command, ...rest] = argv;
  let json = false;
  let corpus: string | undefined;
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === '--json') json = true;
    else if (word === '--corpus') {
      corpus = rest[++i];
      if (!corpus) return usage(out, '--corpus needs a folder');
    } else if (word.startsWith('--')) return usage(out, `unknown option \`${word}\`; options are --corpus, --json`);
    else words.push(word);
  }
  if (words.length !== 1) return usage(out, `${command} takes one address, got ${words.length}`);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      out.stderr(`ask: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const fetcher = createFetcher({ allowedPrivateNetworks: config.intake.allowedPrivateNetworks });
  const intake = createIntake({ corpusDir: corpus ?? DEFAULT_CORPUS, fetcher, parser: inlineParser });
  try {
    const answer = command === 'add' ? await intake.addLink(words[0]!) : await intake.addFeedOnce(words[0]!);
    out.stdout(json ? `${JSON.stringify(answer, null, 2)}\n` : `${renderText(answer, { door: 'cli', ...(corpus ? { corpus } : {}) })}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof IntakeError)) throw err;
    out.stderr(`ask: ${err.message}\n`);
    return 1;
  } finally {
    await fetcher.close();
  }
}

function usage(out: { stderr: (s: string) => void }, message: string): number {
  out.stderr(`ask: ${message}; ${INTAKE_USAGE}\n`);
  return 2;
}
