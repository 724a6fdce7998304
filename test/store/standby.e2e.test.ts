/**
 * Two real bot processes (`src/main.ts`) on one database with CORPUS_STORE=postgres: one active, one standby.
 * The active one is killed (SIGKILL: no goodbye); the standby takes over, connects to Discord (the fake on
 * 127.0.0.1) and answers from the database. Each process's role is read from its health endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPaths } from '../../src/store/pg/import.ts';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/server.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.standby-e2e-token';

let store: TestStoreDatabase;
let fake: FakeDiscord;
let dataDir: string;
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
      CORPUS_DIR: SEED_CORPUS,
      WATCH_CORPUS: 'false',
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

beforeAll(async () => {
  store = await openTestStoreDatabase();
  await importPaths(store.pool, [SEED_CORPUS]);
  fake = await startFakeDiscord({ token: TOKEN });
  dataDir = await mkdtemp(join(tmpdir(), 'standby-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  await fake?.close();
  await store?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function answered(name: string, value: string): Promise<string> {
  const base = fake.sendCommand({ name, options: [{ name: 'id', type: 3, value }], user: { id: '200000000000000001', username: 'reporter' } });
  await fake.waitFor(() => fake.callsFor(base.token).length > 0, 15_000, `an answer to /${name} ${value}`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return JSON.stringify(fake.callsFor(base.token).map((c) => c.body));
}

describe('two bot processes on one database', () => {
  it('one is active, the other stands by and takes over within 30 s of the active one dying', { timeout: 120_000 }, async () => {
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

    a.child.kill('SIGKILL');
    const died = Date.now();
    await until(async () => (await role(b)) === 'active', 30_000, 'the standby to take over', b);
    const tookOverMs = Date.now() - died;
    expect(tookOverMs).toBeLessThan(30_000);
    await fake.waitFor(() => fake.connected, 15_000, 'the new active process to connect');
    expect(await answered('source', '000-344g')).toContain('security blip');
    const metrics = await (await fetch(`http://127.0.0.1:${b.port}/metrics`)).text();
    expect(metrics).toMatch(/^newsroom_active 1$/m);
    expect(metrics).toMatch(/^newsroom_corpus_paragraphs 69$/m);

    b.child.kill('SIGTERM');
    await new Promise((resolve) => b.child.once('exit', resolve));
  });
});
