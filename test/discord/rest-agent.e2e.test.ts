/**
 * discord.js's REST sends through the bot's own HTTP agent, never through the process-wide dispatcher:
 * that one is whichever undici (ours, discord.js's, Node's own behind fetch and FormData) happened to
 * load first, and one of another major cannot send discord.js's file uploads. Here the process-wide
 * dispatcher refuses every request; the bot still logs in, and answers /timeline with its chart.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from 'undici';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { CHART_FILE } from '../../src/discord/exports.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/server.ts';
import { seedLibrary } from '../support/seeds.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.rest-agent-e2e-token';
let fake: FakeDiscord;
let bot: BotHandle;
let previous: Dispatcher;
const outcomes = new Map<string, string>();

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  previous = getGlobalDispatcher();
  const refusing = new MockAgent();
  refusing.disableNetConnect();
  setGlobalDispatcher(refusing);
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
  if (previous) setGlobalDispatcher(previous);
});

it('logs in and sends a /timeline chart through its own agent while the process-wide dispatcher refuses every request', async () => {
  const base = fake.sendCommand({ name: 'timeline', options: [], user: { id: '300000000000000901', username: 'desk' } });
  await fake.waitFor(() => outcomes.has(base.id), 10_000, 'the /timeline answer');
  expect(outcomes.get(base.id)).toBe('answered');
  expect(fake.callsFor(base.token).at(-1)!.files?.map((f) => f.filename)).toEqual([CHART_FILE]);
});
