/**
 * The bot as `npm start` runs it: a real `src/main.ts` process against the Discord-compatible server on
 * 127.0.0.1, so modules load in the entry's order (the guarded fetcher, and its HTTP client, before
 * discord.js), not in a test file's. What sends files to Discord goes through it: a /timeline answer
 * with its chart, the Export button's files, and a scheduled timeline posted to a channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../src/db/database.ts';
import { addSchedule } from '../../src/push/store.ts';
import { CHART_FILE } from '../../src/discord/exports.ts';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../support/fake-discord/server.ts';
import type { FakeUser, InteractionBase } from '../support/fake-discord/payloads.ts';
import { SEED_CORPUS } from '../support/seeds.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.entry-e2e-token';
const EPHEMERAL = 64;

let fake: FakeDiscord;
let dataDir: string;
let child: ChildProcess | undefined;
const log: string[] = [];
const reporter: FakeUser = { id: '200000000000000031', username: 'reporter' };

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  dataDir = await mkdtemp(join(tmpdir(), 'entry-e2e-'));
  // A scheduled timeline already due: the process posts it to the channel once it has connected.
  const state = await openDatabase({ url: null, dataDir });
  const now = Date.now();
  await addSchedule(state, {
    guildId: fake.guilds[0]!.id, channelId: fake.guilds[0]!.channelId, command: 'timeline', topic: 'embassy', time: '07:00', timezone: 'UTC', days: '', createdBy: 'editor', now: now - 86_400_000, nextRunAt: now,
  });
  await state.close();
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      CORPUS_DIR: SEED_CORPUS,
      CACHE_DIR: join(dataDir, 'cache'),
      DATA_DIR: dataDir,
      WATCH_CORPUS: 'false',
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => log.push(String(d)));
  child.stderr!.on('data', (d: Buffer) => log.push(String(d)));
  await fake.waitFor(() => fake.connected || child!.exitCode !== null, 60_000, 'the bot process to connect');
  if (!fake.connected) throw new Error(`the bot process exited with ${child.exitCode}:\n${log.join('').slice(-3000)}`);
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await fake?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** How the process logged an interaction's end (`answered`, `exported`, `error`…), once it has. */
function outcome(id: string): string | undefined {
  for (const line of log.join('').split('\n')) {
    if (!line.includes(id)) continue;
    try {
      const rec = JSON.parse(line) as { msg?: string; interaction?: string; outcome?: string };
      if (rec.msg === 'interaction' && rec.interaction === id && rec.outcome) return rec.outcome;
    } catch {
      // a line still being written
    }
  }
  return undefined;
}

/** Waits for an interaction to end; its outcome and the bot's last request about it. */
async function settle(base: InteractionBase, what: string): Promise<{ outcome: string; call: RecordedRequest }> {
  try {
    await fake.waitFor(() => outcome(base.id) !== undefined, 20_000, what);
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${log.join('').slice(-3000)}`);
  }
  return { outcome: outcome(base.id)!, call: fake.callsFor(base.token).at(-1)! };
}

const message = (call: RecordedRequest) => (call.path.endsWith('/callback') ? call.body.data : call.body);
const errors = () => log.join('').split('\n').filter((l) => /"level":(50|60)/.test(l));

describe('the bot process sends files to Discord', () => {
  it('answers /timeline with its chart attached, not an apology', async () => {
    const base = fake.sendCommand({ name: 'timeline', options: [{ name: 'topic', type: 3, value: 'embassy' }], user: reporter });
    const { outcome, call } = await settle(base, 'the /timeline answer');
    expect(errors()).toEqual([]);
    expect(outcome).toBe('answered');
    expect(call.files?.map((f) => [f.filename, f.contentType])).toEqual([[CHART_FILE, 'image/png']]);
    expect(message(call).embeds[0].image.url).toBe(`attachment://${CHART_FILE}`);
  }, 30_000);

  it('sends the presser the Export files of a /timeline', async () => {
    const base = fake.sendCommand({ name: 'timeline', options: [{ name: 'topic', type: 3, value: 'embassy' }], user: reporter });
    const { call: original } = await settle(base, 'the /timeline answer');
    const button = (message(original).components as Array<{ components: Array<{ label: string; custom_id: string }> }>)
      .flatMap((row) => row.components)
      .find((b) => b.label === 'Export');
    expect(button).toBeDefined();
    const press = fake.sendButton({ customId: button!.custom_id, message: fake.originalMessage(original.interactionToken!)!, user: reporter });
    const { outcome, call } = await settle(press, 'the Export files');
    expect(errors()).toEqual([]);
    expect(outcome).toBe('exported');
    expect(message(call).flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(call.files?.map((f) => f.filename).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/\.md$/), expect.stringMatching(/\.json$/), expect.stringMatching(/\.csv$/)]));
  }, 30_000);

  it('posts a scheduled timeline to its channel', async () => {
    const channelId = fake.guilds[0]!.channelId;
    await fake.waitFor(() => fake.messagesIn(channelId).length > 0, 20_000, 'the scheduled timeline');
    const posted = fake.messagesIn(channelId)[0];
    expect(String(posted.embeds?.[0]?.title ?? posted.content).replace(/\\(.)/g, '$1')).toMatch(/^⏰ 07:00 UTC · Timeline · embassy/);
    expect(errors()).toEqual([]);
  }, 30_000);
});
