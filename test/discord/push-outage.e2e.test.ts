/**
 * `/watch add` while PostgreSQL is down, end to end: the real bot against the fake Discord server, push on a
 * PostgreSQL state database and the PostgreSQL archive, each reached through a TCP proxy the test cuts and
 * restores (the run's server keeps running for the other tests). The reply says what happened and what to
 * do, and nothing is lost or saved behind the person's back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { DiscordPoster } from '../../src/discord/poster.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary } from '../../src/library.ts';
import { Push } from '../../src/push/push.ts';
import { openCorpusPool } from '../../src/store/pg/connect.ts';
import { importPaths } from '../../src/store/pg/import.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { openTestDatabase } from '../support/database.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/server.ts';
import { PERMISSIONS, type FakeUser, type OptionValue } from '../support/fake-discord/payloads.ts';
import { PUSH_DEFAULTS } from '../push/support.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.push-outage-secret-token-never-logged_01';
const EPHEMERAL = 64;
const GUILD = '820000000000000001';
const NEWSROOM = '830000000000000001';
const editor: FakeUser = { id: '200000000000000778', username: 'editor' };
const MANAGER = PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages | PERMISSIONS.ManageChannels;

const sub = (name: string, options: OptionValue[] = []): OptionValue => ({ name, type: 1, options });
const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });

/** A URL of the test database through a proxy's port. */
const through = (url: string, proxy: TcpProxy) => {
  const u = new URL(url);
  u.port = String(proxy.port);
  return u.toString();
};

describe('/watch add while PostgreSQL is down', () => {
  let fake: FakeDiscord;
  let bot: BotHandle;
  let push: Push;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let state: Database;
  let archive: pg.Pool;
  let stateProxy: TcpProxy;
  let archiveProxy: TcpProxy;
  const lines: string[] = [];

  async function run(name: string, options: OptionValue[]): Promise<{ content: string; flags: number }> {
    const base = fake.sendCommand({ name, options, user: editor, memberPermissions: MANAGER, channelId: NEWSROOM });
    await fake.waitFor(() => fake.callsFor(base.token).length > 0, 15_000, `a reply to /${name}`);
    const call = fake.callsFor(base.token)[0]!;
    // Markdown escapes (`saved\:`) show as plain text in Discord: compare what people read.
    return { content: String(call.body.data?.content ?? '').replace(/\\(.)/g, '$1'), flags: call.body.data?.flags ?? 0 };
  }

  beforeAll(async () => {
    fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 250, guilds: [{ id: GUILD, name: 'Newsroom', channels: [{ id: NEWSROOM, name: 'newsroom', type: 0 }] }] });
    database = await openTestDatabase('postgres');
    const direct = await openCorpusPool(database.config.url!);
    await importPaths(direct, [SEED_CORPUS]);
    await direct.end();
    const port = Number(new URL(database.config.url!).port);
    stateProxy = await startTcpProxy(port);
    archiveProxy = await startTcpProxy(port);
    state = await openDatabase({ url: through(database.config.url!, stateProxy), dataDir: database.config.dataDir });
    archive = await openCorpusPool(through(database.config.url!, archiveProxy), { connectTimeoutMs: 1000 });
    const logger = createLogger({ level: 'debug', secrets: [TOKEN] }, { write: (l) => lines.push(l) });
    const store = new PostgresStore(archive, { root: SEED_CORPUS, where: 'test' });
    // Not started: adding a watch only writes the database (the timer would only add noise to the outage).
    push = new Push({ database: state, corpus: store, poster: new DiscordPoster(), config: PUSH_DEFAULTS, logger, tickMs: 60_000 });
    const library = await openLibrary(SEED_CORPUS);
    const config = { token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl: fake.apiUrl, cooldownSeconds: 0 };
    bot = await startBot(config, () => library, logger, { services: { database: state, fetcher: null, intake: null, push } });
  });

  afterAll(async () => {
    await bot?.stop();
    await push?.stop();
    await archive?.end();
    await state?.close();
    await stateProxy?.close();
    await archiveProxy?.close();
    await fake?.close();
    await database?.close();
  });

  it('the archive unreachable: the watch is saved, and the reply says the archive could not be checked and where to look once it is back', async () => {
    await archiveProxy.cut();
    try {
      const reply = await run('watch', [sub('add', [str('topic', 'embassy drawdown')])]);
      expect(reply.flags).toBe(EPHEMERAL);
      expect(reply.content).toBe(
        'Watch #1 saved: new articles on “embassy drawdown” will be posted to #newsroom as they arrive, with the sentences that match, verbatim.\n' +
          'The archive could not be reached just now to check whether articles already in it match; nothing is lost: /brief embassy drawdown shows them once it is back.',
      );
    } finally {
      await archiveProxy.restore();
    }
    expect((await push.listWatches(GUILD)).watches.map((w) => [w.id, w.topic, w.channel_id])).toEqual([[1, 'embassy drawdown', NEWSROOM]]);
    expect(lines.some((l) => l.includes('the archive is unreachable: a new watch is saved'))).toBe(true);
  });

  it('the state database unreachable: nothing is saved, the reply says so and to try again; once it is back the same command saves it', async () => {
    await stateProxy.cut();
    await archiveProxy.cut();
    try {
      const reply = await run('watch', [sub('add', [str('topic', 'militia rocket attacks')])]);
      expect(reply.flags).toBe(EPHEMERAL);
      expect(reply.content).toBe('The database is unreachable right now, so watch “militia rocket attacks” was not saved. Try /watch add again in a moment.');
    } finally {
      await stateProxy.restore();
      await archiveProxy.restore();
    }
    expect((await push.listWatches(GUILD)).watches.map((w) => w.topic)).toEqual(['embassy drawdown']);
    const again = await run('watch', [sub('add', [str('topic', 'militia rocket attacks')])]);
    expect(again.content).toBe(
      'Watch #2 saved: new articles on “militia rocket attacks” will be posted to #newsroom as they arrive, with the sentences that match, verbatim.\n' +
        'Articles already in the corpus are not alerted; /brief militia rocket attacks shows what they say.',
    );
    expect(lines.some((l) => l.includes(TOKEN))).toBe(false);
  });
});
