import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Library } from '../library.ts';
import { ask, COMMAND_NAMES } from '../answer/index.ts';
import { parseArgs } from './args.ts';
import { renderText } from '../render/text.ts';
import { printable, writeChart } from './output.ts';
import type { Push } from '../push/push.ts';
import { consolePush, PUSH_HELP } from './push.ts';
import { archiveOutage, type CorpusStore } from '../store/types.ts';
import type { IntakeService } from '../intake/service.ts';
import { IntakeError } from '../intake/intake.ts';
import { unreachableReply } from '../db/unreachable.ts';
import type { Answer } from '../answer/types.ts';

const HELP = [
  'Type a command as you would in Discord:',
  '  /brief [topic]        the facts that matter, each a cited sentence',
  '  /timeline [topic]     dated events in order',
  '  /who [name]           people and organisations',
  '  /source [id]          the articles, one article, or the paragraph behind a citation',
  '  /search words         the paragraphs the index finds',
  '  /corpus               what was loaded, dropped and skipped',
  ...PUSH_HELP,
  '  /add <url>            fetch an article into the corpus (when intake is running)',
  '  /feed add|list|remove|pause|resume [url|number]   follow feeds',
  'Options: --limit N, --json, --format md|timelinejs|csv, --chart FILE.png (timeline). /help shows this, /quit leaves.',
].join('\n');

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
    say(`Newsroom briefing bot · local console on ${store.where} (${counts ? `${counts.articles} articles, ${counts.paragraphs} paragraphs` : 'unreachable right now'})`);
    if (counts && counts.problems > 0) say(`${counts.problems} corpus problem(s): type /corpus to see them.`);
  } else {
    say(`Newsroom briefing bot · local console on ${report.root} (${report.articles} articles, ${report.paragraphs} paragraphs)`);
    if (report.problems.length > 0) say(`${report.problems.length} corpus problem(s): type /corpus to see them.`);
  }
  say('Type /help for the commands, /quit to leave.');

  async function answerLine(first: string, words: string[]): Promise<void> {
    if (first === 'help' || first === '?') say(HELP);
    else if (first === 'watch' || first === 'schedule') say(await consolePush(options.push, library, first, words.slice(1)));
    else if ((first === 'add' || first === 'feed') && options.intake) say(await intakeLine(options.intake, first, words.slice(1)));
    else {
      const parsed = parseArgs(words);
      if (!parsed.ok) say(`${parsed.message}. Commands: ${COMMAND_NAMES.map((c) => `/${c}`).join(' ')}; /help for more.`);
      else {
        const { command, query, limit } = parsed.request;
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

/** `/add <url>` and `/feed add|list|remove|pause|resume …` typed at the console, as in Discord. */
async function intakeLine(intake: IntakeService, command: 'add' | 'feed', words: string[]): Promise<string> {
  const json = words.includes('--json');
  const args = words.filter((w) => w !== '--json');
  const show = (answer: Answer) => (json ? JSON.stringify(answer, null, 2) : renderText(answer));
  const me = { guildId: null };
  try {
    if (command === 'add') {
      if (args.length !== 1) return 'usage: /add <url>';
      return show(await intake.addLink(args[0]!));
    }
    const [sub, ref] = args;
    if (sub === 'list') return show(await intake.list(me));
    if (!ref || !['add', 'remove', 'pause', 'resume'].includes(sub ?? '')) return 'usage: /feed add <url> | /feed list | /feed remove|pause|resume <number or url>';
    if (sub === 'add') return show(await intake.subscribe(ref, me));
    if (sub === 'remove') return show(await intake.remove(ref, me));
    if (sub === 'pause') return show(await intake.pause(ref, me));
    return show(await intake.resume(ref, me));
  } catch (err) {
    if (err instanceof IntakeError) return err.message;
    throw err;
  }
}
