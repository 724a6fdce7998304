/**
 * The real bot on the real engine: the seed corpus and the engine's own `ANSWERS` (whatever has landed),
 * through the Discord-compatible server. A command whose answer function exists must answer its example
 * query from the mock-ups within every Discord limit; one that does not yet must say so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src/answer/types.ts';
import { ANSWERS } from '../../src/answer/index.ts';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { checkLimits } from '../../src/discord/limits.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/server.ts';
import { seedLibrary } from '../support/seeds.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.engine-e2e-token';
let fake: FakeDiscord;
let bot: BotHandle;
const outcomes = new Map<string, string>();

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  const logger = createLogger({ level: 'info', secrets: [TOKEN] }, {
    write: (l) => {
      const rec = JSON.parse(l) as { msg?: string; interaction?: string; outcome?: string };
      if (rec.msg === 'interaction' && rec.interaction && rec.outcome) outcomes.set(rec.interaction, rec.outcome);
    },
  });
  const config = { token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl: fake.apiUrl, cooldownSeconds: 0 };
  bot = await startBot(config, await seedLibrary(), logger);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

describe('the bot on the engine\'s own answers (seed corpus)', () => {
  it.each<[CommandName, string, string]>([
    ['brief', 'topic', 'embassy drawdown'],
    ['timeline', 'topic', 'embassy'],
    ['who', 'name', 'Soleimani'],
    ['source', 'id', '000'],
  ])('/%s %s:"%s" answers within the limits, or says it is not available yet', async (name, option, value) => {
    const base = fake.sendCommand({ name, options: [{ name: option, type: 3, value }], user: { id: '345678901234567890', username: 'desk' } });
    await fake.waitFor(() => outcomes.has(base.id), 8000, `/${name} to finish`);
    const outcome = outcomes.get(base.id);
    expect(outcome).toBe(ANSWERS[name] ? 'answered' : 'unavailable');
    const calls = fake.callsFor(base.token);
    expect(calls[0]!.path.endsWith('/callback')).toBe(true);
    const message = calls.at(-1)!.path.endsWith('/callback') ? calls.at(-1)!.body.data : calls.at(-1)!.body;
    expect(checkLimits(message)).toEqual([]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    if (outcome === 'answered') expect(message.embeds[0].description.length).toBeGreaterThan(0);
  });
});

describe('autocomplete on the engine\'s own data (seed corpus)', () => {
  it.each<[string, string, string, RegExp]>([
    ['who', 'name', 'Sole', /^Qassem Soleimani$/],
    ['who', 'name', 'kadh', /al-Kadhimi/],
    ['who', 'name', 'PMF', /^PMF$|Popular Mobili[sz]ation/],
    ['source', 'id', '00', /^00\d/],
  ])('/%s %s typed "%s" offers %s from memory, one callback, no deferral', async (name, option, typed, expected) => {
    const base = fake.sendCommand({ name, options: [{ name: option, type: 3, value: typed, focused: true }], user: { id: '345678901234567891', username: 'desk2' }, autocomplete: true });
    await fake.waitFor(() => outcomes.has(base.id), 8000, `/${name} autocomplete to finish`);
    expect(outcomes.get(base.id)).toBe('autocomplete');
    const calls = fake.callsFor(base.token);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.body.type).toBe(8); // APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    const choices = calls[0]!.body.data.choices as Array<{ name: string; value: string }>;
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices.some((c) => expected.test(c.name) || expected.test(c.value))).toBe(true);
  });
});
