import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Library } from '../library.ts';
import { ask, COMMAND_NAMES } from '../answer/index.ts';
import { parseArgs } from './args.ts';
import { renderText } from '../render/text.ts';
import { chartPathProblem, printable, writeChart } from './output.ts';
import type { Push } from '../push/push.ts';
import { consolePush, PUSH_HELP, readPushLine } from './push.ts';
import { archiveOutage, type CorpusStore } from '../store/types.ts';
import type { IntakeService } from '../intake/service.ts';
import { IntakeError } from '../intake/intake.ts';
import { unreachableReply } from '../db/unreachable.ts';
import type { Answer } from '../answer/types.ts';
import { plural } from '../text/plural.ts';

/**
 * /help: the commands this console runs, and only those. On the database store (or without the state
 * database) watches, schedules, /add and /feed are not run here: a line says so, and where they are.
 */
export function consoleHelp(runs: { push: boolean; intake: boolean; store: boolean }): string {
  const absent = [...(runs.push ? [] : ['/watch', '/schedule', '/watches', '/schedules']), ...(runs.intake ? [] : ['/add', '/feed'])];
  return [
    'Type a command as you would in Discord:',
    '  /brief [topic]        the facts that matter, each a cited sentence',
    '  /timeline [topic]     dated events in order',
    '  /who [name]           people and organisations',
    '  /source [id]          the articles, one article, or the paragraph behind a citation',
    '  /search words         the paragraphs the index finds',
    '  /corpus               what was loaded, dropped and skipped',
    ...(runs.push ? PUSH_HELP : []),
    ...(runs.intake
      ? ['  /add url:<address>    fetch an article into the corpus', '  /feed add url:<address> [interval:<minutes>]   follow a feed; /feed list, /feed remove|pause|resume feed:<number>']
      : []),
    ...(absent.length > 0 ? [`Not at this console: ${absent.join(', ')}. ${notRunHere(runs.store)}`] : []),
    'Options: --limit N, --json, --format md|timelinejs|csv, --chart FILE.png (timeline). /help shows this, /quit leaves.',
  ].join('\n');
}

/** Why a command is not run at this console, and where it is. */
function notRunHere(store: boolean): string {
  return store
    ? 'This console reads the corpus from PostgreSQL (CORPUS_STORE=postgres) and writes nothing: the bot on the same database runs them in Discord, and `npm run import` feeds the archive.'
    : 'This console runs without the state database (DATABASE_URL or DATA_DIR), which they keep their state in.';
}

/**
 * The local console: a person types the bot's commands and reads the same answers Discord would show,
 * rendered as text. Reads lines from `input` until it ends or the person types /quit. A database that cannot
 * be reached is said as Discord says it (src/db/unreachable.ts), worded for whoever runs the bot, and the
 * console carries on.
 */
export async function runConsole(library: Library, input: Readable, output: Writable, options: { prompt?: boolean; push?: Push; store?: CorpusStore; intake?: IntakeService | null } = {}): Promise<void> {
  const { report } = library.corpus;
  const say = (text: string) => output.write(`${text}\n`);
  const store = options.store;
  if (store) {
    // The corpus database (CORPUS_STORE=postgres): the same answers, read from it question by question.
    const counts = await store.counts().catch(() => null);
    say(`Newsroom briefing bot · local console on ${store.where} (${counts ? `${plural(counts.articles, 'article')}, ${plural(counts.paragraphs, 'paragraph')}` : 'unreachable right now'})`);
    if (counts && counts.problems > 0) say(`${plural(counts.problems, 'corpus problem')}: type /corpus to see them.`);
  } else {
    say(`Newsroom briefing bot · local console on ${report.root} (${plural(report.articles, 'article')}, ${plural(report.paragraphs, 'paragraph')})`);
    if (report.problems.length > 0) say(`${plural(report.problems.length, 'corpus problem')}: type /corpus to see them.`);
  }
  say('Type /help for the commands, /quit to leave.');

  const runs = { push: options.push !== undefined, intake: options.intake != null, store: store !== undefined };
  const notHere = (command: string) => `/${command} is not run at this console. ${notRunHere(runs.store)}`;
  async function answerLine(first: string, words: string[]): Promise<void> {
    if (first === 'help' || first === '?') say(consoleHelp(runs));
    else if (first === 'watch' || first === 'schedule') say(await consolePush(options.push, library, first, words.slice(1), notHere(first)));
    // The lists for everyone in Discord: at the console, the same as /watch list and /schedule list.
    else if (first === 'watches' || first === 'schedules') say(await consolePush(options.push, library, first === 'watches' ? 'watch' : 'schedule', ['list', ...words.slice(1)], notHere(first)));
    else if (first === 'add' || first === 'feed') say(options.intake ? await intakeLine(options.intake, first, words.slice(1)) : notHere(first));
    else {
      const parsed = parseArgs(words);
      if (!parsed.ok) say(`${parsed.message}. Commands: ${COMMAND_NAMES.map((c) => `/${c}`).join(' ')}; /help for more.`);
      else {
        const { command, query, limit } = parsed.request;
        const chartProblem = parsed.request.chart ? await chartPathProblem(parsed.request.chart) : null;
        if (chartProblem) {
          say(chartProblem);
          return;
        }
        const answer = store ? await store.ask(command, query, limit ? { limit } : {}) : ask(library, command, query, limit ? { limit } : {});
        // The archive could not be reached: said below as every database outage is, with where it is.
        const down = archiveOutage(answer);
        if (down) throw down;
        try {
          say(printable(answer, parsed.request));
          if (parsed.request.chart) say(await writeChart(answer, parsed.request.chart));
        } catch (err) {
          say((err as Error).message);
        }
      }
    }
  }

  const rl = createInterface({ input, terminal: false });
  const prompt = () => options.prompt && output.write('> ');
  prompt();
  for await (const line of rl) {
    const words = line.trim().split(/\s+/).filter(Boolean);
    const first = words[0]?.replace(/^\//, '').toLowerCase();
    if (!first) {
      prompt();
      continue;
    }
    if (first === 'quit' || first === 'exit') break;
    try {
      await answerLine(first, words);
    } catch (err) {
      // A database that cannot be reached is said as in Discord, worded for whoever runs the bot; the next
      // line reconnects. Anything else is a bug and stops the console.
      const down = unreachableReply(err, 'console');
      if (down === null) throw err;
      say(down);
    }
    say('');
    prompt();
  }
  rl.close();
}

/** The options of /add and /feed in Discord, read at the console as /watch's are (`url: https://…`). */
const INTAKE_OPTIONS = ['url', 'feed', 'interval'];

const FEED_USAGE = 'usage: /feed add url:<address> [interval:<minutes>] | /feed list | /feed remove|pause|resume feed:<number or address>';

/**
 * `/add url:<address>` and `/feed add|list|remove|pause|resume …` typed at the console, with the options
 * Discord gives them (`url:`, `feed:`, `interval:`), or the address or number as a bare word.
 */
export async function intakeLine(intake: IntakeService, command: 'add' | 'feed', words: string[]): Promise<string> {
  const json = words.includes('--json');
  const args = words.filter((w) => w !== '--json');
  const show = (answer: Answer) => (json ? JSON.stringify(answer, null, 2) : renderText(answer));
  const me = { guildId: null };
  try {
    if (command === 'add') {
      // /add has no subcommand: every word is an option or the address.
      const { options, rest } = readPushLine(['', ...args], INTAKE_OPTIONS);
      const url = (options.url ?? rest).trim();
      if (!url || /\s/.test(url) || (options.url !== undefined && rest)) return 'usage: /add url:<address> (or /add <address>)';
      return show(await intake.addLink(url));
    }
    const { sub, options, rest } = readPushLine(args, INTAKE_OPTIONS);
    if (sub === 'list') return show(await intake.list(me));
    const ref = (options[sub === 'add' ? 'url' : 'feed'] ?? rest).trim();
    if (!ref || /\s/.test(ref) || !['add', 'remove', 'pause', 'resume'].includes(sub)) return FEED_USAGE;
    if (sub === 'add') {
      const interval = options.interval === undefined ? null : Number(options.interval);
      if (interval !== null && !(Number.isInteger(interval) && interval >= 1 && interval <= 24 * 60)) return `interval must be a whole number of minutes from 1 to ${24 * 60}, got \`${options.interval}\``;
      return show(await intake.subscribe(ref, { ...me, intervalMinutes: interval }));
    }
    if (sub === 'remove') return show(await intake.remove(ref, me));
    if (sub === 'pause') return show(await intake.pause(ref, me));
    return show(await intake.resume(ref, me));
  } catch (err) {
    if (err instanceof IntakeError) return err.message;
    throw err;
  }
}
