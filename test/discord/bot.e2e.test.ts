/**
 * End to end, offline: the real bot (a real discord.js v14 Client) against the Discord-compatible server
 * in test/support/fake-discord, on 127.0.0.1. Each test sends INTERACTION_CREATE over the gateway and
 * asserts what the bot sent back over REST: which callback acknowledged it, in what order the calls
 * came, and what the payloads hold. Timings are measured in the logs (ackMs), never asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerItem, CommandName } from '../../src/answer/types.ts';
import { ANSWERS, type AnswerFunction } from '../../src/answer/index.ts';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { MESSAGES } from '../../src/discord/dispatch.ts';
import { APOLOGY } from '../../src/discord/errors.ts';
import { checkLimits } from '../../src/discord/limits.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../support/fake-discord/server.ts';
import type { FakeUser, InteractionBase, OptionValue } from '../support/fake-discord/payloads.ts';
import { seedLibrary } from '../support/seeds.ts';
import { nth } from '../support/ids.ts';
import type { Library } from '../../src/library.ts';
import { smallAnswer, worstAnswer } from './fixtures.ts';
import { interactionLog } from '../support/logs.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.e2e-secret-token-never-to-be-logged_0123456789';
const OUTSIDE_GUILD = '999999999999999999';
const EPHEMERAL = 64;

const names: AnswerItem[] = ['Qassem Soleimani', 'Abu Mahdi al-Muhandis', 'Mustafa al-Kadhimi'].map((n) => ({ text: n, label: n, citations: [] }));

/** The answer functions the bot uses here: the real /source, fixtures for the others (mutable per test). */
const answers: Partial<Record<CommandName, AnswerFunction | null>> = {
  source: ANSWERS.source,
  brief: (_lib, query) => worstAnswer('brief', query),
  timeline: (_lib, query) => {
    if (query === 'crash') throw new Error('fixture bug: timeline exploded');
    return smallAnswer('timeline', query);
  },
  who: (_lib, query): Answer =>
    query === ''
      ? { ...smallAnswer('who', ''), items: names }
      : query === 'nobody'
        ? { ...smallAnswer('who', query), items: [], sources: [], notes: ['No one called "nobody" in the corpus.'] }
        : smallAnswer('who', query),
};

let fake: FakeDiscord;
let bot: BotHandle;
let library: Library;
const lines: string[] = [];
let userCounter = 0;
const newUser = (): FakeUser => ({ id: String(200000000000000000n + BigInt(++userCounter)), username: `reporter${userCounter}` });
const str = (name: string, value: string, focused?: boolean): OptionValue => ({ name, type: 3, value, ...(focused ? { focused } : {}) });

const logFor = (id: string) => interactionLog(lines, id);

/** Waits until the bot has finished with an interaction (its log line is written last). */
async function settle(base: InteractionBase): Promise<{ calls: RecordedRequest[]; log: Record<string, any> }> {
  await fake.waitFor(() => logFor(base.id) !== undefined, 8000, `the bot to finish interaction ${base.id}`);
  return { calls: fake.callsFor(base.token), log: logFor(base.id)! };
}

/** The calls as `METHOD kind`, e.g. `POST callback:5`, `PATCH @original`, `POST followup`. */
function shape(calls: RecordedRequest[]): string[] {
  return calls.map((c) =>
    c.path.endsWith('/callback')
      ? `callback:${c.body.type}`
      : c.path.endsWith('/@original')
        ? `${c.method} @original`
        : `${c.method} followup`,
  );
}

const command = (name: string, options: OptionValue[] = [], o: { user?: FakeUser; guildId?: string | null } = {}) =>
  settle(fake.sendCommand({ name, options, user: o.user ?? newUser(), ...(o.guildId !== undefined ? { guildId: o.guildId } : {}) }));

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 250 });
  const logger = createLogger({ level: 'trace', secrets: [TOKEN] }, { write: (l) => lines.push(l) });
  library = await seedLibrary();
  bot = await startBot(
    {
      token: TOKEN,
      applicationId: null,
      guildId: null,
      allowedGuilds: [fake.guilds[0]!.id],
      apiUrl: fake.apiUrl,
      cooldownSeconds: 30,
    },
    library,
    logger,
    { answers },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('the bot against a Discord-compatible server', () => {
  it('connects with plain JSON, no compression, the Guilds intent only, and keeps its heartbeat', async () => {
    expect(fake.gatewayQueries[0]).toMatch(/v=10/);
    expect(fake.gatewayQueries[0]).toMatch(/encoding=json/);
    expect(fake.gatewayQueries[0]).not.toMatch(/compress/);
    const identify = fake.frames.find((f) => f.direction === 'in' && f.op === 2)!;
    expect((identify.d as { intents: number }).intents).toBe(1);
    await fake.waitFor(() => fake.frames.some((f) => f.direction === 'out' && f.op === 11), 5000, 'a heartbeat ACK');
    expect(fake.frames.some((f) => f.direction === 'in' && f.op === 1)).toBe(true);
    expect(fake.requests.find((r) => r.path === '/gateway/bot')?.authorized).toBe(true);
  });

  it('/source with a citation id replies at once with the verbatim paragraph and a Sources button', async () => {
    const { calls, log } = await command('source', [str('id', '000-p4')]);
    expect(shape(calls)).toEqual(['callback:4']);
    const data = calls[0]!.body.data;
    expect(data.flags ?? 0).toBe(0);
    expect(data.embeds[0].description).toContain('Fears of regional conflict have increased');
    expect(data.components[0].components.map((b: { label: string }) => b.label)).toEqual(['Sources']);
    expect(log).toMatchObject({ command: 'source', outcome: 'answered', guild: fake.guilds[0]!.id });
    expect(typeof log.latencyMs).toBe('number');
  });

  it.each([
    ['brief', 'topic', 'embassy drawdown'],
    ['timeline', 'topic', 'embassy'],
    ['who', 'name', 'Soleimani'],
  ])('/%s is answered at once, publicly, in one reply (no "thinking…" first)', async (name, option, value) => {
    const { calls, log } = await command(name, [str(option, value)]);
    expect(shape(calls)).toEqual(['callback:4']);
    expect(calls[0]!.body.data.flags ?? 0).toBe(0);
    expect(calls[0]!.body.data.embeds.length).toBe(1);
    expect(log).toMatchObject({ command: name, outcome: 'answered', ack: 'replied' });
    expect(log.waitedMs).toBeGreaterThanOrEqual(0);
  });

  it('/source with no id lists the articles at once', async () => {
    const { calls, log } = await command('source');
    expect(shape(calls)).toEqual(['callback:4']);
    expect(calls[0]!.body.data.embeds[0].description).toContain('**000**');
    expect(log.outcome).toBe('answered');
  });

  it('a whole-corpus /timeline, which may be slow, acknowledges first, then edits the reply', async () => {
    const { calls, log } = await command('timeline');
    expect(shape(calls)).toEqual(['callback:5', 'PATCH @original']);
    expect(calls[0]!.body.data.flags ?? 0).toBe(0);
    expect(calls[1]!.body.embeds.length).toBe(1);
    expect(log).toMatchObject({ outcome: 'answered', ack: 'deferred-reply', deferred: 'hint' });
  });

  it('an answer with nothing found is a private reply from the start: nothing shows in the channel', async () => {
    const { calls, log } = await command('who', [str('name', 'nobody')]);
    expect(shape(calls)).toEqual(['callback:4']);
    expect(calls[0]!.body.data.flags).toBe(EPHEMERAL);
    expect(calls[0]!.body.data.content).toContain('No one called "nobody"');
    expect(log.outcome).toBe('empty');
    expect(fake.requests.filter((r) => r.interactionToken === calls[0]!.interactionToken && r.method === 'DELETE')).toEqual([]);
  });

  it('nothing found after a slow answer\'s "thinking…" still ends private (the thinking is removed)', async () => {
    const saved = answers.timeline;
    answers.timeline = (_lib, query) => ({ ...smallAnswer('timeline', query), items: [], sources: [], notes: ['No dated events found in the corpus.'] });
    try {
      const { calls, log } = await command('timeline');
      expect(shape(calls)).toEqual(['callback:5', 'DELETE @original', 'POST followup']);
      expect(calls[2]!.body.flags).toBe(EPHEMERAL);
      expect(log.outcome).toBe('empty');
    } finally {
      answers.timeline = saved;
    }
  });

  it.each([
    ['999-p9', /No article or paragraph/],
    ['000-p99', /Article 000 has 19 paragraphs\\: 000-p1 … 000-p19/],
  ])('an unknown /source id (%s) is answered ephemerally, saying what there is', async (id, says) => {
    const { calls, log } = await command('source', [str('id', id)]);
    expect(shape(calls)).toEqual(['callback:4']);
    expect(calls[0]!.body.data.flags).toBe(EPHEMERAL);
    expect(calls[0]!.body.data.content).toMatch(says);
    expect(log.outcome).toBe('empty');
  });

  it.each([
    ['source', 'id', '00', (choices: Array<{ name: string; value: string }>) => expect(choices.map((c) => c.value)).toEqual(['000', '001', '002', '003', '004'])],
    ['source', 'id', '001-p1', (choices: Array<{ name: string; value: string }>) => expect(choices[0]!.value).toBe(nth(library, '001', 1))],
    ['source', 'id', '001-', (choices: Array<{ name: string; value: string }>) => expect(choices.map((c) => c.value)).toContain(nth(library, '001', 2))],
    ['who', 'name', 'sol', (choices: Array<{ name: string; value: string }>) => expect(choices).toEqual([{ name: 'Qassem Soleimani', value: 'Qassem Soleimani' }])],
  ])('autocomplete for /%s %s "%s" answers from memory with one callback', async (name, option, typed, check) => {
    const base = fake.sendCommand({ name, options: [str(option, typed, true)], user: newUser(), autocomplete: true });
    const { calls, log } = await settle(base);
    expect(shape(calls)).toEqual(['callback:8']);
    const choices = calls[0]!.body.data.choices;
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
    check(choices);
    expect(log.outcome).toBe('autocomplete');
  });

  /** Waits out the per-user button cooldown (1 s), for a second press by the same person. */
  const buttonCooldown = () => new Promise((resolve) => setTimeout(resolve, 1050));

  /** The buttons of a message as label → custom id. */
  const buttonsOf = (message: Record<string, unknown>) =>
    new Map(((message.components as Array<{ components: Array<{ label: string; custom_id: string }> }>)[0]?.components ?? []).map((b) => [b.label, b.custom_id]));

  it('the person who asked pages their public answer in place', async () => {
    const asker = newUser();
    const first = await command('brief', [str('topic', 'embassy')], { user: asker });
    const message = fake.originalMessage(first.calls[0]!.interactionToken!)!;
    expect((message.interaction_metadata as { user: { id: string } }).user.id).toBe(asker.id);
    const paged = await settle(fake.sendButton({ customId: buttonsOf(message).get('More')!, message, user: asker }));
    expect(shape(paged.calls)).toEqual(['callback:7']);
    expect(paged.calls[0]!.body.data.embeds[0].footer.text).toMatch(/^Page 2 of \d+/);
    expect(paged.calls[0]!.body.data.components[0].components.map((b: { label: string }) => b.label)).toEqual(['Back', 'More', 'Sources']);
    expect(paged.log.outcome).toBe('paged');
    expect(fake.originalMessage(paged.calls[0]!.interactionToken!)!.embeds).toEqual(paged.calls[0]!.body.data.embeds);
  });

  it('anyone else pressing More gets a private copy at that page, and pages the copy in place', async () => {
    const first = await command('brief', [str('topic', 'embassy')]);
    const message = fake.originalMessage(first.calls[0]!.interactionToken!)!;
    const before = JSON.stringify(message.embeds);
    const other = newUser();
    const copy = await settle(fake.sendButton({ customId: buttonsOf(message).get('More')!, message, user: other }));
    expect(shape(copy.calls)).toEqual(['callback:4']);
    expect(copy.calls[0]!.body.data.flags).toBe(EPHEMERAL);
    expect(copy.calls[0]!.body.data.embeds[0].footer.text).toMatch(/^Page 2 of \d+/);
    expect(copy.log.outcome).toBe('copied');
    expect(JSON.stringify(fake.originalMessage(first.calls[0]!.interactionToken!)!.embeds)).toBe(before); // the public answer is untouched

    const copied = fake.originalMessage(copy.calls[0]!.interactionToken!)!;
    await buttonCooldown();
    const next = await settle(fake.sendButton({ customId: buttonsOf(copied).get('More')!, message: copied, user: other }));
    expect(shape(next.calls)).toEqual(['callback:7']);
    expect(next.calls[0]!.body.data.embeds[0].footer.text).toMatch(/^Page 3 of \d+/);
    expect(next.log.outcome).toBe('paged');
  });

  it('"Sources" shows the cited paragraphs privately, grouped by item, and its pages turn in place', async () => {
    const first = await command('brief', [str('topic', 'embassy')]);
    const message = fake.originalMessage(first.calls[0]!.interactionToken!)!;
    const reader = newUser();
    const shown = await settle(fake.sendButton({ customId: buttonsOf(message).get('Sources')!, message, user: reader }));
    expect(shape(shown.calls)).toEqual(['callback:4']);
    const view = shown.calls[0]!.body.data;
    expect(view.flags).toBe(EPHEMERAL);
    expect(view.embeds[0].fields[0].name).toMatch(/^1 · /); // each paragraph under the item it supports
    expect(view.embeds[0].footer.text).toMatch(/^For items 1–\d+ · page 1 of \d+/);
    expect(shown.log.outcome).toBe('sources');

    const sources = fake.originalMessage(shown.calls[0]!.interactionToken!)!;
    await buttonCooldown();
    const next = await settle(fake.sendButton({ customId: buttonsOf(sources).get('Next')!, message: sources, user: reader }));
    expect(shape(next.calls)).toEqual(['callback:7']);
    expect(next.calls[0]!.body.data.embeds[0].footer.text).toMatch(/page 2 of \d+/);
    expect(buttonsOf(next.calls[0]!.body.data).has('Previous')).toBe(true);
  });

  it('"Show all" lifts the default limit: the asker\'s answer becomes the whole one, in place', async () => {
    const saved = answers.timeline;
    answers.timeline = (_lib, query, options) => {
      const base = smallAnswer('timeline', query);
      const limit = options.limit ?? 2;
      const items = Array.from({ length: 30 }, (_, k) => ({ ...base.items[k % 3]!, label: `date ${k}` }));
      return { ...base, items: items.slice(0, limit), ...(limit < 30 ? { more: [{ shown: limit, total: 30, unit: 'dates' }] } : {}) };
    };
    try {
      const asker = newUser();
      const first = await command('timeline', [str('topic', 'embassy')], { user: asker });
      const message = fake.originalMessage(first.calls[0]!.interactionToken!)!;
      const embed = (message.embeds as Array<{ fields: Array<{ name: string; value: string }> }>)[0]!;
      expect(embed.fields.find((f) => f.name === 'Notes')!.value).toContain('2 of 30 dates shown; **Show all** lists them.');
      const all = await settle(fake.sendButton({ customId: buttonsOf(message).get('Show all')!, message, user: asker }));
      expect(shape(all.calls)).toEqual(['callback:7']);
      expect(all.calls[0]!.body.data.embeds[0].footer.text).toMatch(/^Page 1 of 4 · 30 items/);
      expect(buttonsOf(all.calls[0]!.body.data).has('Show all')).toBe(false);
      await buttonCooldown();
      const page2 = await settle(fake.sendButton({ customId: buttonsOf(all.calls[0]!.body.data).get('More')!, message: fake.originalMessage(first.calls[0]!.interactionToken!)!, user: asker }));
      expect(page2.calls[0]!.body.data.embeds[0].footer.text).toMatch(/^Page 2 of 4 · 30 items/);
    } finally {
      answers.timeline = saved;
    }
  });

  it('a button of a command that answers fast is answered without deferring', async () => {
    const first = await command('source', [str('id', '002-p1')]);
    const message = fake.originalMessage(first.calls[0]!.interactionToken!)!;
    const id = (message.components as Array<{ components: Array<{ custom_id: string }> }>)[0]!.components[0]!.custom_id;
    const shown = await settle(fake.sendButton({ customId: id, message, user: newUser() }));
    expect(shape(shown.calls)).toEqual(['callback:4']);
    expect(shown.calls[0]!.body.data.flags).toBe(EPHEMERAL);
    expect(shown.calls[0]!.body.data.embeds[0].fields[0].name).toContain(nth(library, '002', 1));
  });

  it('a button id that is not the bot\'s gets a polite ephemeral note', async () => {
    const message = fake.originalMessage((await command('source', [str('id', '000')])).calls[0]!.interactionToken!)!;
    const { calls, log } = await settle(fake.sendButton({ customId: 'someone-else|x', message, user: newUser() }));
    expect(calls[0]!.body.data).toMatchObject({ content: MESSAGES.foreign, flags: EPHEMERAL });
    expect(log.outcome).toBe('ignored');
  });

  it('a bad option (too long) is refused ephemerally before any work, saying what to do', async () => {
    const { calls, log } = await command('brief', [str('topic', 'word '.repeat(60))]);
    expect(shape(calls)).toEqual(['callback:4']);
    expect(calls[0]!.body.data.flags).toBe(EPHEMERAL);
    expect(calls[0]!.body.data.content).toMatch(/too long.*at most 100/);
    expect(log.outcome).toBe('bad-option');
  });

  it('an option of the wrong type is a bad option too', async () => {
    const { calls, log } = await command('brief', [{ name: 'topic', type: 4, value: 12 }]);
    expect(calls[0]!.body.data).toMatchObject({ flags: EPHEMERAL });
    expect(log.outcome).toBe('bad-option');
  });

  it('an unknown command gets a polite refusal listing the real ones', async () => {
    const { calls, log } = await command('weather');
    expect(calls[0]!.body.data.flags).toBe(EPHEMERAL);
    expect(calls[0]!.body.data.content).toBe(MESSAGES.unknown('weather', ['brief', 'timeline', 'who', 'source', 'add', 'feed', 'watch', 'watches', 'schedule', 'schedules']));
    expect(log.outcome).toBe('unknown-command');
  });

  it('a guild outside the allow-list is refused politely, and its autocomplete gets no choices', async () => {
    const { calls, log } = await command('source', [], { guildId: OUTSIDE_GUILD });
    expect(calls[0]!.body.data).toMatchObject({ content: MESSAGES.guild, flags: EPHEMERAL });
    expect(log.outcome).toBe('refused-guild');
    const auto = await settle(fake.sendCommand({ name: 'source', options: [str('id', '0', true)], user: newUser(), guildId: OUTSIDE_GUILD, autocomplete: true }));
    expect(auto.calls[0]!.body.data.choices).toEqual([]);
  });

  it('a second command from the same user within the cooldown gets "try again in N s"', async () => {
    const user = newUser();
    await command('source', [str('id', '001')], { user });
    const { calls, log } = await command('source', [str('id', '001')], { user });
    expect(calls[0]!.body.data.flags).toBe(EPHEMERAL);
    expect(calls[0]!.body.data.content).toMatch(/try again in \d+ s/);
    expect(log.outcome).toBe('cooldown');
  });

  it('a command whose engine is not built yet says so, ephemerally', async () => {
    const saved = answers.timeline;
    answers.timeline = null;
    try {
      const { calls, log } = await command('timeline', [str('topic', 'embassy')]);
      expect(calls[0]!.body.data).toMatchObject({ content: MESSAGES.unavailable('timeline'), flags: EPHEMERAL });
      expect(log.outcome).toBe('unavailable');
    } finally {
      answers.timeline = saved;
    }
  });

  it('a bug is logged with the interaction\'s context and answered with a generic apology, privately', async () => {
    const { calls, log } = await command('timeline', [str('topic', 'crash')]);
    expect(shape(calls)).toEqual(['callback:4']);
    expect(calls[0]!.body.data).toMatchObject({ content: APOLOGY, flags: EPHEMERAL });
    expect(log.outcome).toBe('error');
    const error = lines.map((l) => JSON.parse(l)).find((r) => r.level === 50 && r.interaction === log.interaction);
    expect(error).toMatchObject({ command: 'timeline', msg: 'interaction failed', err: { message: 'fixture bug: timeline exploded' } });
  });

  it('still answers afterwards', async () => {
    const { calls, log } = await command('source', [str('id', '004-p1')]);
    expect(shape(calls)).toEqual(['callback:4']);
    expect(log.outcome).toBe('answered');
  });

  it('every message respected Discord\'s limits and carried allowed_mentions parse []', () => {
    const messages = fake.requests.flatMap((r) => {
      if (r.path.endsWith('/callback')) return [4, 7].includes(r.body.type) ? [r.body.data] : [];
      return r.path.startsWith('/webhooks/') && (r.method === 'PATCH' || r.method === 'POST') ? [r.body] : [];
    });
    expect(messages.length).toBeGreaterThan(20);
    for (const m of messages) {
      expect(checkLimits(m)).toEqual([]);
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('every interaction was acknowledged exactly once, and no request was refused', () => {
    expect(fake.requests.filter((r) => r.status >= 400)).toEqual([]);
    const tokens = new Set(fake.requests.map((r) => r.interactionToken).filter(Boolean));
    for (const t of tokens) {
      const calls = fake.callsFor(t!);
      expect(calls[0]!.path.endsWith('/callback')).toBe(true);
      expect(calls.filter((c) => c.path.endsWith('/callback'))).toHaveLength(1);
    }
  });

  it('neither the bot token nor any interaction token appears in the logs', () => {
    const all = lines.join('');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(TOKEN.split('.')[2]);
    for (const r of fake.requests) if (r.interactionToken) expect(all).not.toContain(r.interactionToken);
  });

  it('stop() lets an answer in flight finish, then disconnects', async () => {
    fake.callbackDelayMs = 300;
    const before = fake.callbacksReceived;
    const base = fake.sendCommand({ name: 'brief', options: [str('topic', 'late')], user: newUser() });
    await fake.waitFor(() => fake.callbacksReceived > before, 5000, 'the deferral to arrive');
    expect(bot.inFlight).toBe(1);
    await bot.stop();
    expect(shape(fake.callsFor(base.token))).toEqual(['callback:4']);
    expect(logFor(base.id)?.outcome).toBe('answered');
    await fake.waitFor(() => lines.some((l) => l.includes('"msg":"disconnected"')), 5000, 'the disconnect');
  });
});
