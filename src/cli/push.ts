/**
 * Watches and schedules at the local console: `/watch add topic: …`, `/schedule add command:brief time:07:00
 * timezone:Europe/London`, as in Discord (options as `name: value`, or the topic and ids as bare words).
 * The console is one "channel": alerts and scheduled answers are printed into it, as text.
 */
import type { Writable } from 'node:stream';
import type { Library } from '../library.ts';
import type { Answer } from '../answer/types.ts';
import { renderText } from '../render/text.ts';
import { scheduleListAnswer, watchAddedNotes, watchListAnswer } from '../push/answers.ts';
import { describeDays, describeInstant } from '../push/calendar.ts';
import { PushError, type Poster, type Push } from '../push/push.ts';

/** The console's server and channel, as push stores them. */
export const CONSOLE_GUILD = 'console';
export const CONSOLE_CHANNEL = 'console';

/** Push's poster for the console: every answer printed whole, as text. */
export function consolePoster(output: Writable): Poster {
  return {
    fitsOneMessage: () => true,
    async post(_channel, answer) {
      output.write(`\n${renderText(answer, { door: 'console' })}\n\n`);
      return { ok: true };
    },
  };
}

export const PUSH_HELP = [
  '  /watch add topic: <words>   post new articles on a topic here as they arrive; /watch list, /watch remove|pause|resume <id>',
  '  /schedule add command:<brief|timeline|who> [topic: <words>] time:<HH:MM> timezone:<Area/City> [days:<weekdays|mon,wed>]',
  '                              post an answer here at a local time; /schedule list, /schedule remove|pause|resume <id>',
  '  /watches, /schedules        the watches and schedules (as /watch list and /schedule list)',
];

/** The options of /watch, /schedule, /watches and /schedules in Discord. */
const PUSH_OPTIONS = ['topic', 'channel', 'id', 'page', 'command', 'time', 'timezone', 'days'];

/**
 * Reads `add topic: militia rocket attacks` / `remove 3` / `add command:brief time:07:00 timezone:UTC`:
 * the subcommand, then `name: value` options (a value runs to the next option), bare words before any
 * option as `rest`. `names` are the options the command has in Discord (push's by default); another
 * `word:` is a bare word (an address's `https:`).
 */
export function readPushLine(words: readonly string[], names: readonly string[] = PUSH_OPTIONS): { sub: string; options: Record<string, string>; rest: string } {
  const [sub = '', ...tail] = words;
  const options: Record<string, string> = {};
  const rest: string[] = [];
  let current: string | null = null;
  for (const word of tail) {
    const m = /^([a-z]+):(.*)$/i.exec(word);
    if (m && names.includes(m[1]!.toLowerCase())) {
      current = m[1]!.toLowerCase();
      options[current] = m[2]!;
      continue;
    }
    if (current) options[current] = `${options[current]} ${word}`.trim();
    else rest.push(word);
  }
  return { sub: sub.toLowerCase(), options, rest: rest.join(' ') };
}

/**
 * Runs `/watch …` or `/schedule …` typed at the console; returns the text to print. `absent`: what to print
 * when push is not run here (the console's words, as its /help and /add say it: `notRunHere`).
 */
export async function consolePush(push: Push | undefined, library: Library, command: 'watch' | 'schedule', words: readonly string[], absent = `/${command} is not run at this console.`): Promise<string> {
  if (!push) return absent;
  const { sub, options, rest } = readPushLine(words);
  const say = (...notes: string[]): string => notes.join('\n');
  const id = () => {
    const n = Number(options.id ?? rest);
    if (!Number.isInteger(n) || n < 1) throw new PushError(`give the ${command}'s number, e.g. /${command} ${sub} 3 (/${command} list shows them)`);
    return n;
  };
  const show = (answer: Answer) => renderText(answer, { door: 'console' });
  const channelName = () => 'the console';
  try {
    if (command === 'watch') {
      switch (sub) {
        case 'add': {
          const { watch, matchesNow, spellings } = await push.addWatch({ guildId: CONSOLE_GUILD, channelId: CONSOLE_CHANNEL, topic: options.topic ?? rest, createdBy: 'console' });
          return say(...watchAddedNotes(watch, 'printed here', matchesNow, spellings));
        }
        case 'list': {
          const { watches, counts } = await push.listWatches(CONSOLE_GUILD);
          return show(watchListAnswer(library, watches, { channelName, counts, page: Number(options.page ?? 1), perPage: 50, door: 'console' }));
        }
        case 'remove':
          return say(`Watch #${(await push.removeWatch(CONSOLE_GUILD, id())).id} removed.`);
        case 'pause':
          return say(`Watch #${(await push.pauseWatch(CONSOLE_GUILD, id())).id} paused.`);
        case 'resume':
          return say(`Watch #${(await push.resumeWatch(CONSOLE_GUILD, id())).id} resumed.`);
        default:
          return `Use /watch add topic: <words>, /watch list, /watch remove|pause|resume <id>.`;
      }
    }
    switch (sub) {
      case 'add': {
        const s = await push.addSchedule({
          guildId: CONSOLE_GUILD,
          channelId: CONSOLE_CHANNEL,
          command: options.command ?? '',
          topic: options.topic ?? rest,
          time: options.time ?? '',
          timezone: options.timezone ?? '',
          days: options.days ?? '',
          createdBy: 'console',
        });
        return say(`Schedule #${s.id} saved: /${s.command}${s.topic ? ` ${s.topic}` : ''} at ${s.time} ${s.timezone}, ${describeDays(s.days)}; first on ${describeInstant(Date.parse(s.next_run_at), s.timezone)}.`);
      }
      case 'list':
        return show(scheduleListAnswer(library, await push.listSchedules(CONSOLE_GUILD), { channelName, page: Number(options.page ?? 1), perPage: 50, door: 'console' }));
      case 'remove':
        return say(`Schedule #${(await push.removeSchedule(CONSOLE_GUILD, id())).id} removed.`);
      case 'pause':
        return say(`Schedule #${(await push.pauseSchedule(CONSOLE_GUILD, id())).id} paused.`);
      case 'resume':
        return say(`Schedule #${(await push.resumeSchedule(CONSOLE_GUILD, id())).id} resumed.`);
      default:
        return `Use /schedule add command:brief time:07:00 timezone:Europe/London, /schedule list, /schedule remove|pause|resume <id>.`;
    }
  } catch (err) {
    if (err instanceof PushError) return err.message;
    throw err;
  }
}
