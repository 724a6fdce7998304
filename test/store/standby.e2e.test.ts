/**
 * Two real bot processes (`src/main.ts`) on one database with CORPUS_STORE=postgres: one active, one standby.
 * The active one is killed (SIGKILL: no goodbye); the standby takes over, connects to Discord (the fake on
 * 127.0.0.1) and answers from the database. Each process's role is read from its health endpoint. Watches
 * and schedules run in the active process only, and what they post reaches the channel once across the
 * takeover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPaths } from '../../src/store/pg/import.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { addSchedule } from '../../src/push/store.ts';
import { PERMISSIONS } from '../support/fake-discord/payloads.ts';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/server.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.standby-e2e-token';

let store: TestStoreDatabase;
let fake: FakeDiscord;
let dataDir: string;
let corpusDir: string;
let state: Database;
const children: ChildProcess[] = [];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Bot {
  child: ChildProcess;
  port: number;
  log: string[];
}

async function startBotProcess(): Promise<Bot> {
  const port = await freePort();
  const log: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: fake.apiUrl,
      DATABASE_URL: store.url,
      CORPUS_STORE: 'postgres',
      CORPUS_DIR: corpusDir,
      WATCH_CORPUS: 'true',
      // One alert message a channel at most every 30 s by default, across processes (the last post is in the
      // database): the takeover's alert would wait for it.
      ALERT_INTERVAL_SECONDS: '0',
      HEALTH_PORT: String(port),
      DATA_DIR: dataDir,
      COOLDOWN_SECONDS: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => log.push(String(d)));
  child.stderr!.on('data', (d: Buffer) => log.push(String(d)));
  children.push(child);
  return { child, port, log };
}

async function role(bot: Bot): Promise<string | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${bot.port}/status`);
    return ((await res.json()) as { role: string }).role;
  } catch {
    return null;
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string, bot?: Bot): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${bot ? `\n${bot.log.join('').slice(-3000)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The seed held back from the import: it arrives while the first process is active. */
const HELD = '000_376adea00c3acb7d.txt';

beforeAll(async () => {
  store = await openTestStoreDatabase();
  dataDir = await mkdtemp(join(tmpdir(), 'standby-'));
  corpusDir = await mkdtemp(join(tmpdir(), 'standby-corpus-'));
  for (const f of await readdir(SEED_CORPUS)) if (f !== HELD) await copyFile(join(SEED_CORPUS, f), join(corpusDir, f));
  await importPaths(store.pool, [corpusDir]);
  state = await openDatabase({ url: store.url, dataDir });
  fake = await startFakeDiscord({ token: TOKEN });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await fake?.close();
  await state?.close();
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(corpusDir, { recursive: true, force: true });
});

const EDITOR = { id: '200000000000000002', username: 'editor' };
const MANAGER = PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages | PERMISSIONS.ManageChannels;

/** A schedule of the fake guild's channel, due `dueInMs` from now (as if saved a day before). */
async function scheduleDue(topic: string, dueInMs: number): Promise<void> {
  const now = Date.now();
  await addSchedule(state, {
    guildId: fake.guilds[0]!.id, channelId: fake.guilds[0]!.channelId, command: 'brief', topic, time: '07:00', timezone: 'UTC', days: '', createdBy: 'editor', now: now - 86_400_000, nextRunAt: now + dueInMs,
  });
}

/** What the bots posted by themselves to the channel: watch alerts and scheduled answers, by title. */
function postedTitles(): string[] {
  return fake.messagesIn(fake.guilds[0]!.channelId).map((b) => String(b.embeds?.[0]?.title ?? b.content ?? '').replace(/\\(.)/g, '$1'));
}

async function answered(name: string, value: string): Promise<string> {
  const base = fake.sendCommand({ name, options: [{ name: 'id', type: 3, value }], user: { id: '200000000000000001', username: 'reporter' } });
  await fake.waitFor(() => fake.callsFor(base.token).length > 0, 15_000, `an answer to /${name} ${value}`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return JSON.stringify(fake.callsFor(base.token).map((c) => c.body));
}

describe('two bot processes on one database', () => {
  it('one is active, the other stands by and takes over within 30 s of the active one dying; watches and schedules post once across it', { timeout: 120_000 }, async () => {
    await scheduleDue('embassy', 0); // due now: the first process to become active runs it at once
    const a = await startBotProcess();
    await until(async () => (await role(a)) === 'active', 45_000, 'the first process to become active', a);
    await fake.waitFor(() => fake.connected, 15_000, 'the first process to connect');
    const b = await startBotProcess();
    await until(async () => (await role(b)) === 'standby', 45_000, 'the second process to stand by', b);
    expect(await role(a)).toBe('active');
    const ready = await fetch(`http://127.0.0.1:${b.port}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.text()).toMatch(/standby/);
    expect(await answered('source', '001-p4')).toContain('001-cnm3');

    // Watches and schedules: managed in the active process (the state is the database's), run there only.
    const add = fake.sendCommand({ name: 'watch', options: [{ name: 'add', type: 1, options: [{ name: 'topic', type: 3, value: 'militia rocket attacks' }] }], user: EDITOR, memberPermissions: MANAGER });
    await fake.waitFor(() => fake.callsFor(add.token).length > 0, 15_000, 'the reply to /watch add');
    expect(JSON.stringify(fake.callsFor(add.token)[0]!.body)).toContain('Watch #1 saved');
    await writeFile(join(corpusDir, HELD), await readFile(join(SEED_CORPUS, HELD)));
    await until(async () => postedTitles().length >= 2, 30_000, 'the alert and the scheduled briefing from the active process', a);
    const before = postedTitles();
    expect(before.filter((t) => t.startsWith('🔔 Watch · militia rocket attacks — 1 new article'))).toHaveLength(1);
    expect(before.filter((t) => t.startsWith('⏰ 07:00 UTC · Briefing · embassy'))).toHaveLength(1);

    a.child.kill('SIGKILL');
    // While no process is active: a file lands in the folder, and a second schedule falls due.
    await writeFile(join(corpusDir, 'rockets.md'), 'Rockets hit Baghdad base\n\nMilitia rocket attacks struck a base near Baghdad airport on Sunday, officials said.\n');
    await scheduleDue('militia', 0);
    const died = Date.now();
    await until(async () => (await role(b)) === 'active', 30_000, 'the standby to take over', b);
    const tookOverMs = Date.now() - died;
    expect(tookOverMs).toBeLessThan(30_000);
    await fake.waitFor(() => fake.connected, 15_000, 'the new active process to connect');
    expect(await answered('source', '000-344g')).toContain('security blip');
    // The new active process writes what landed meanwhile and alerts it, runs the schedule that fell due,
    // and posts again nothing the first one posted.
    await until(async () => postedTitles().length >= 4, 30_000, 'the alert and the briefing from the process that took over', b);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = postedTitles();
    expect(after.slice(0, 2)).toEqual(before);
    expect(after.filter((t) => t.startsWith('🔔 Watch · militia rocket attacks — 1 new article'))).toHaveLength(2);
    expect(after.filter((t) => t.startsWith('⏰ 07:00 UTC · Briefing · embassy'))).toHaveLength(1);
    expect(after.filter((t) => t.startsWith('⏰ 07:00 UTC · Briefing · militia'))).toHaveLength(1);
    expect(after).toHaveLength(4);
    const alerts = fake.messagesIn(fake.guilds[0]!.channelId).filter((m) => String(m.embeds?.[0]?.title).startsWith('🔔'));
    expect(JSON.stringify(alerts[1])).toContain('rockets-');
    const metrics = async () => (await fetch(`http://127.0.0.1:${b.port}/metrics`)).text();
    expect(await metrics()).toMatch(/^newsroom_active 1$/m);
    // The 69 paragraphs of the seeds and the one of rockets.md (the counts are read again every few seconds).
    await until(async () => /^newsroom_corpus_paragraphs 70$/m.test(await metrics()), 15_000, 'the counts to include rockets.md', b);

    b.child.kill('SIGTERM');
    await new Promise((resolve) => b.child.once('exit', resolve));
  });
});
