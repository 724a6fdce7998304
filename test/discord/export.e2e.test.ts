/**
 * Pictures and files end to end: the real bot and discord.js Client on the seed corpus and the engine's
 * own answers, against the Discord-compatible server, which reads file uploads (multipart/form-data)
 * as Discord does. /timeline answers carry their chart; the Export button sends the asker the files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS } from '../../src/answer/index.ts';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { checkLimits } from '../../src/discord/limits.ts';
import { CHART_FILE } from '../../src/discord/exports.ts';
import { exportFiles } from '../../src/export/index.ts';
import { unescapeMarkdown } from '../../src/export/markdown.ts';
import { createLogger } from '../../src/log.ts';
import type { Library } from '../../src/library.ts';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../support/fake-discord/server.ts';
import type { FakeUser, InteractionBase } from '../support/fake-discord/payloads.ts';
import { seedLibrary } from '../support/seeds.ts';
import { decodePng } from '../support/png.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.export-e2e-token';
const EPHEMERAL = 64;
let fake: FakeDiscord;
let bot: BotHandle;
let library: Library;
const outcomes = new Map<string, string>();
const warnings: string[] = [];
let users = 0;
const newUser = (): FakeUser => ({ id: String(300000000000000000n + BigInt(++users)), username: `desk${users}` });

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  const logger = createLogger({ level: 'info', secrets: [TOKEN] }, {
    write: (l) => {
      const rec = JSON.parse(l) as { msg?: string; interaction?: string; outcome?: string; level?: number };
      if (rec.msg === 'interaction' && rec.interaction && rec.outcome) outcomes.set(rec.interaction, rec.outcome);
      if ((rec.level ?? 0) >= 40) warnings.push(l);
    },
  });
  library = await seedLibrary();
  const config = { token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl: fake.apiUrl, cooldownSeconds: 0 };
  bot = await startBot(config, library, logger);
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});

async function settle(base: InteractionBase): Promise<{ calls: RecordedRequest[]; outcome: string }> {
  await fake.waitFor(() => outcomes.has(base.id), 10_000, `interaction ${base.id} to finish`);
  return { calls: fake.callsFor(base.token), outcome: outcomes.get(base.id)! };
}

const run = (name: string, topic: string, user = newUser()) =>
  settle(fake.sendCommand({ name, options: topic ? [{ name: 'topic', type: 3, value: topic }] : [], user }));

const buttonsOf = (message: Record<string, unknown>) =>
  (message.components as Array<{ components: Array<{ label: string; custom_id: string }> }>).flatMap((row) => row.components);

/** Runs a command, then its asker presses the button labelled `label` on its answer. */
async function press(name: string, topic: string, label: string) {
  const asker = newUser();
  const first = await run(name, topic, asker);
  const message = fake.originalMessage(first.calls.at(-1)!.interactionToken!)!;
  const button = buttonsOf(message).find((b) => b.label === label);
  expect(button, `a ${label} button on /${name} ${topic}`).toBeDefined();
  return settle(fake.sendButton({ customId: button!.custom_id, message, user: asker }));
}

/** The message a call sent: a callback's `data`, or a webhook's body. */
const sent = (call: RecordedRequest) => (call.path.endsWith('/callback') ? call.body.data : call.body);

describe('the timeline chart on Discord', () => {
  it('attaches the PNG to a /timeline answer with three or more dated events and shows it as the embed image', async () => {
    const { calls, outcome } = await run('timeline', '');
    expect(outcome).toBe('answered');
    const answer = calls.at(-1)!;
    expect(answer.method).toBe('PATCH');
    expect(answer.files?.map((f) => [f.filename, f.contentType])).toEqual([[CHART_FILE, 'image/png']]);
    const message = sent(answer);
    expect(message.embeds[0].image).toEqual({ url: `attachment://${CHART_FILE}` });
    expect(checkLimits(message)).toEqual([]);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    const png = decodePng(answer.files![0]!.data);
    expect(png.width).toBe(1040);
    const shown = fake.originalMessage(answer.interactionToken!)!;
    expect((shown.attachments as Array<{ filename: string; size: number }>).map((a) => [a.filename, a.size])).toEqual([[CHART_FILE, answer.files![0]!.data.length]]);
  });

  it('sends no picture when fewer than three events are dated', async () => {
    const few = ['Benghazi', 'JCPOA', 'Rouhani', 'Fakhrizadeh'].find((t) => {
      const n = ANSWERS.timeline!(library, t, {}).items.filter((i) => typeof i.date === 'string').length;
      return n > 0 && n < 3;
    });
    expect(few).toBeDefined();
    const { calls, outcome } = await run('timeline', few!);
    expect(outcome).toBe('answered');
    expect(calls.some((c) => c.files?.length)).toBe(false);
    expect(sent(calls.at(-1)!).embeds[0].image).toBeUndefined();
  });
});

describe('the Export button', () => {
  it('on /timeline sends the presser, privately, the Markdown, the TimelineJS JSON and its sheet CSV of that answer', async () => {
    const pressed = await press('timeline', 'embassy', 'Export');
    expect(pressed.outcome).toBe('exported');
    // Private from the first call on: answered at once (4) or after a private "thinking…" (5).
    expect(pressed.calls[0]!.body.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    const reply = pressed.calls.at(-1)!;
    const expected = exportFiles(ANSWERS.timeline!(library, 'embassy', {}));
    expect(reply.files!.map((f) => f.filename)).toEqual(expected.map((f) => f.name));
    for (const [k, f] of reply.files!.entries()) expect(f.data.toString('utf8')).toBe(expected[k]!.text);
    expect(sent(reply).content).toMatch(/TimelineJS/);
    expect(checkLimits(sent(reply))).toEqual([]);
    const doc = JSON.parse(reply.files![1]!.data.toString('utf8'));
    expect(doc.events.length).toBeGreaterThanOrEqual(3);
  });

  it('on /brief sends the Markdown, every quote verbatim with the answer\'s citation ids', async () => {
    const pressed = await press('brief', 'embassy drawdown', 'Export');
    expect(pressed.outcome).toBe('exported');
    const [file] = pressed.calls.at(-1)!.files!;
    expect(file!.filename).toBe('brief-embassy-drawdown.md');
    const md = unescapeMarkdown(file!.data.toString('utf8'));
    const answer = ANSWERS.brief!(library, 'embassy drawdown', {});
    for (const item of answer.items) {
      expect(md).toContain(`> ${item.text}`);
      for (const c of item.citations) expect(md).toContain(`[${c.id}]`);
    }
  });

  it('is kept when paging, and is not offered on /who', async () => {
    const paged = await press('timeline', '', 'More');
    expect(paged.outcome).toBe('paged');
    expect(buttonsOf(sent(paged.calls.at(-1)!)).map((b) => b.label)).toContain('Export');
    // Paging sends no files: the chart stays on the message as its attachment.
    expect(paged.calls.some((c) => c.files)).toBe(false);
    expect((fake.originalMessage(paged.calls.at(-1)!.interactionToken!)!.attachments as unknown[]).length).toBe(1);

    const who = await settle(fake.sendCommand({ name: 'who', options: [], user: newUser() }));
    expect(buttonsOf(sent(who.calls.at(-1)!)).map((b) => b.label)).not.toContain('Export');
    expect(warnings).toEqual([]);
  });
});
