/**
 * The dispatcher's decisions, without a network: stand-ins for discord.js interactions (only what the
 * dispatcher and Responder touch) record the calls made on them. The end-to-end suite covers the same
 * paths with the real client; these cover what it cannot reach (shutting down, direct messages).
 */
import { describe, expect, it } from 'vitest';
import type { Interaction } from 'discord.js';
import type { Command } from '../../src/discord/command.ts';
import { MESSAGES, createDispatcher, type Outcome } from '../../src/discord/dispatch.ts';
import { APOLOGY, UserError } from '../../src/discord/errors.ts';
import { createLogger } from '../../src/log.ts';
import { DatabaseUnreachableError, unreachableReply } from '../../src/db/unreachable.ts';
import type { Library } from '../../src/library.ts';
import { smallAnswer } from './fixtures.ts';
import type { AnswerFunction } from '../../src/answer/index.ts';

/** The state database down while reading (as push and intake throw it). */
const DOWN = new DatabaseUnreachableError('state', 'postgres://bot@db.example:5432/news', { read: 'the watches' }, 'no', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });

function slash(name: string, guildId: string | null, calls: Array<[string, any]>, createdTimestamp = Date.now()) {
  const record = (method: string) => async (arg?: unknown) => void calls.push([method, arg]);
  return {
    id: '1',
    type: 2,
    createdTimestamp,
    commandName: name,
    guildId,
    user: { id: '42' },
    isAutocomplete: () => false,
    isButton: () => false,
    isChatInputCommand: () => true,
    options: { getString: () => null },
    reply: record('reply'),
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    deleteReply: record('deleteReply'),
    followUp: record('followUp'),
  } as unknown as Interaction;
}

function setup(
  execute: Command['execute'],
  allowedGuilds: string[] = [],
  o: { defer?: Command['defer']; answer?: AnswerFunction; atOnceBudgetMs?: number } = {},
) {
  const lines: string[] = [];
  const command = { data: { name: 'brief', toJSON: () => ({ name: 'brief', description: 'x' }) }, defer: o.defer ?? true, execute } as unknown as Command;
  const dispatcher = createDispatcher({
    commands: [command],
    answers: { brief: o.answer ?? ((_l, q) => smallAnswer('brief', q)) },
    library: () => ({}) as Library,
    allowedGuilds,
    cooldownSeconds: 0,
    logger: createLogger({ level: 'info' }, { write: (l) => lines.push(l) }),
    ...(o.atOnceBudgetMs ? { atOnceBudgetMs: o.atOnceBudgetMs } : {}),
  });
  const logs = () => lines.filter((l) => l.includes('"msg":"interaction"')).map((l) => JSON.parse(l) as { outcome: Outcome; deferred?: string });
  const outcome = () => logs()[0]!.outcome;
  return { dispatcher, lines, outcome, logs };
}

describe('dispatcher', () => {
  it.each<[string, Command['execute'], string[], string | null, [string, string | undefined][], Outcome]>([
    ['a command answers through ctx.answer: defer, then edit', (_i, ctx) => ctx.answer('brief', 'embassy'), [], 'g1', [['deferReply', undefined], ['editReply', undefined]], 'answered'],
    ['a UserError is shown as is, ephemerally', () => Promise.reject(new UserError('Use fewer words.')), [], 'g1', [['reply', 'Use fewer words.']], 'bad-option'],
    ['any other error is an apology', () => Promise.reject(new Error('boom')), [], 'g1', [['reply', APOLOGY]], 'error'],
    ['a database that cannot be reached is said as such, ephemerally', () => Promise.reject(DOWN), [], 'g1', [['reply', unreachableReply(DOWN, 'discord')!]], 'database-unreachable'],
    ['a direct message is refused when an allow-list is set', (_i, ctx) => ctx.answer('brief', ''), ['g1'], null, [['reply', MESSAGES.guild]], 'refused-guild'],
    ['a guild on the allow-list is served', (_i, ctx) => ctx.answer('brief', ''), ['g1'], 'g1', [['deferReply', undefined], ['editReply', undefined]], 'answered'],
  ])('%s', async (_name, execute, allowed, guild, expected, outcome) => {
    const calls: Array<[string, any]> = [];
    const t = setup(execute, allowed);
    await t.dispatcher.handle(slash('brief', guild, calls));
    expect(calls.map(([m, a]) => [m, a?.content || undefined])).toEqual(expected);
    expect(t.outcome()).toBe(outcome);
  });

  it('after drain starts, new interactions are told the bot is restarting', async () => {
    const calls: Array<[string, any]> = [];
    const t = setup((_i, ctx) => ctx.answer('brief', ''));
    await t.dispatcher.drain(10);
    await t.dispatcher.handle(slash('brief', 'g1', calls));
    expect(calls).toEqual([['reply', expect.objectContaining({ content: MESSAGES.shuttingDown, flags: 64 })]]);
    expect(t.outcome()).toBe('shutting-down');
  });

  it('drain waits for an interaction in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const t = setup(async (_i, ctx) => {
      await gate;
      await ctx.answer('brief', 'x');
    });
    const calls: Array<[string, any]> = [];
    const handled = t.dispatcher.handle(slash('brief', 'g1', calls));
    expect(t.dispatcher.inFlight).toBe(1);
    let drained = false;
    const draining = t.dispatcher.drain(5000).then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(drained).toBe(false);
    release();
    await Promise.all([handled, draining]);
    expect(calls.map(([m]) => m)).toEqual(['deferReply', 'editReply']);
    expect(t.dispatcher.inFlight).toBe(0);
  });
});

describe('answer at once, or acknowledge first (nothing flashes in public)', () => {
  const ask = (_i: unknown, ctx: Parameters<Command['execute']>[1]) => ctx.answer('brief', 'embassy');
  const nothing: AnswerFunction = (_l, q) => ({ ...smallAnswer('brief', q), items: [], sources: [], notes: ['Nothing in the corpus about embassy.'] });
  const flags = (arg: any) => arg?.flags ?? 0;

  it.each<[string, { defer?: boolean; answer?: AnswerFunction }, number, Array<[string, number]>]>([
    ['an answer expected fast goes out in one public reply', { defer: false }, 0, [['reply', 0]]],
    ['nothing found, expected fast: one private reply, no "thinking…" first', { defer: false, answer: nothing }, 0, [['reply', 64]]],
    ['a command whose hint says slow acknowledges first', { defer: true }, 0, [['deferReply', 0], ['editReply', 0]]],
    ['nothing found after acknowledging: the thinking is removed, then a private follow-up', { defer: true, answer: nothing }, 0, [['deferReply', 0], ['deleteReply', 0], ['followUp', 64]]],
    ['an interaction that already waited past the budget acknowledges first', { defer: false }, 5000, [['deferReply', 0], ['editReply', 0]]],
  ])('%s', async (_name, o, waitedMs, expected) => {
    const calls: Array<[string, any]> = [];
    const t = setup(ask, [], o);
    await t.dispatcher.handle(slash('brief', 'g1', calls, Date.now() - waitedMs));
    expect(calls.map(([m, a]) => [m, flags(a)])).toEqual(expected);
  });

  it('an answer that took longer than the budget makes the next of its kind acknowledge first', async () => {
    let spin = 60;
    const slow: AnswerFunction = (_l, q) => {
      const until = performance.now() + spin;
      while (performance.now() < until) {
        // a synchronous answer that takes `spin` ms
      }
      return smallAnswer('brief', q);
    };
    const t = setup(ask, [], { defer: false, answer: slow, atOnceBudgetMs: 40 });
    const runs: string[][] = [];
    for (let k = 0; k < 3; k++) {
      const calls: Array<[string, any]> = [];
      await t.dispatcher.handle(slash('brief', 'g1', calls));
      runs.push(calls.map(([m]) => m));
      spin = 0; // fast again: the first fast answer clears the mark
    }
    expect(runs).toEqual([['reply'], ['deferReply', 'editReply'], ['reply']]);
    expect(t.logs().map((l) => l.deferred)).toEqual([undefined, 'slow-lately', undefined]);
  });
});

describe('stopOnSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s stops the bot, then exits with 0', async (signal) => {
    const { stopOnSignals } = await import('../../src/discord/bot.ts');
    const events: string[] = [];
    const bot = { stop: async () => void events.push('stopped') } as unknown as Parameters<typeof stopOnSignals>[0];
    const remove = stopOnSignals(bot, createLogger({ level: 'silent' }), (code) => events.push(`exit ${code}`));
    try {
      process.emit(signal, signal);
      await new Promise((resolve) => setImmediate(resolve));
      expect(events).toEqual(['stopped', 'exit 0']);
    } finally {
      remove();
    }
  });
});
