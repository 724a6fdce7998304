/**
 * Commands while PostgreSQL is down, end to end: the real bot against the fake Discord server, push and
 * intake on a PostgreSQL state database and the PostgreSQL archive, each reached through a TCP proxy the
 * test cuts and restores (the run's server keeps running for the other tests). The reply says which database
 * could not be reached, by its role only (a channel's readers cannot act on a host name: the log line says
 * where, never with the password), whether the change was made and what to do; nothing is lost or saved
 * behind the person's back, and the bot answers again once the database is back. The other commands' words
 * are checked without Discord (test/push/outage.test.ts, test/intake/outage.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { DiscordPoster } from '../../src/discord/poster.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { describeDatabaseUrl } from '../../src/config.ts';
import { createIntakeService, type IntakeService } from '../../src/intake/service.ts';
import { insertFeed } from '../../src/intake/feed-store.ts';
import { inlineParser } from '../../src/intake/parser.ts';
import { TEST_INTAKE_CONFIG } from '../support/intake.ts';
import { DATABASE_PASSWORD, throughPort } from '../support/outage.ts';
import { interactionLog } from '../support/logs.ts';
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
import { PERMISSIONS, type FakeUser, type InteractionBase, type OptionValue } from '../support/fake-discord/payloads.ts';
import { PUSH_DEFAULTS } from '../push/support.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.push-outage-secret-token-never-logged_01';
const EPHEMERAL = 64;
const GUILD = '820000000000000001';
const NEWSROOM = '830000000000000001';
const editor: FakeUser = { id: '200000000000000778', username: 'editor' };
const MANAGER = PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages | PERMISSIONS.ManageChannels;

const sub = (name: string, options: OptionValue[] = []): OptionValue => ({ name, type: 1, options });
const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });

/** A URL of the test database through a proxy's port, with a password that must never be shown nor logged. */
const through = (url: string, proxy: TcpProxy) => throughPort(url, proxy.port);

describe('commands while PostgreSQL is down', () => {
  let fake: FakeDiscord;
  let bot: BotHandle;
  let push: Push;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let state: Database;
  let archive: pg.Pool;
  let stateProxy: TcpProxy;
  let archiveProxy: TcpProxy;
  let intake: IntakeService;
  let where: string;
  let archiveWhere: string;
  const lines: string[] = [];

  /** What the person reads (the reply, or the edit of a private "thinking…"), its flags, and the outcome logged. */
  async function settle(base: InteractionBase, what: string): Promise<{ content: string; flags: number; outcome: string; id: string; token: string }> {
    await fake.waitFor(() => interactionLog(lines, base.id) !== undefined, 15_000, what);
    const calls = fake.callsFor(base.token);
    const message = calls.find((c) => (c.path.endsWith('/callback') ? c.body?.type === 4 : c.method === 'PATCH'))!;
    const body = message.path.endsWith('/callback') ? message.body.data : message.body;
    // Markdown escapes (`saved\:`) show as plain text in Discord: compare what people read.
    return { content: String(body?.content ?? '').replace(/\\(.)/g, '$1'), flags: calls[0]!.body.data?.flags ?? 0, outcome: interactionLog(lines, base.id)!.outcome, id: base.id, token: base.token };
  }

  /** Runs a command, as `settle` says. */
  const run = (name: string, options: OptionValue[]) => settle(fake.sendCommand({ name, options, user: editor, memberPermissions: MANAGER, channelId: NEWSROOM }), `an answer to /${name}`);

  /** The dispatcher's warnings that a database is unreachable, for one interaction (parsed log records). */
  const outageLogs = (id: string) =>
    lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.msg === 'a database is unreachable' && r.interaction === id);

  /** The buttons of a message as label → custom id. */
  const buttonsOf = (message: Record<string, unknown>) =>
    new Map(((message.components as Array<{ components: Array<{ label: string; custom_id: string }> }>)[0]?.components ?? []).map((b) => [b.label, b.custom_id]));

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
    where = describeDatabaseUrl(through(database.config.url!, stateProxy));
    archive = await openCorpusPool(through(database.config.url!, archiveProxy), { connectTimeoutMs: 1000 });
    const logger = createLogger({ level: 'debug', secrets: [TOKEN] }, { write: (l) => lines.push(l) });
    archiveWhere = describeDatabaseUrl(through(database.config.url!, archiveProxy));
    const store = new PostgresStore(archive, { root: SEED_CORPUS, where: archiveWhere });
    // Not started: adding a watch only writes the database (the timer would only add noise to the outage).
    push = new Push({ database: state, corpus: store, poster: new DiscordPoster(), config: PUSH_DEFAULTS, logger, tickMs: 60_000 });
    const library = await openLibrary(SEED_CORPUS);
    const config = { token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl: fake.apiUrl, cooldownSeconds: 0 };
    // Not started either: no polling, only /feed's requests (no fetch: the feed is in the database already).
    const fetcher = { fetch: () => Promise.reject(new Error('no fetch in this test')), close: async () => {} };
    intake = createIntakeService({ corpusDir: SEED_CORPUS, database: state, fetcher, parser: inlineParser, config: TEST_INTAKE_CONFIG });
    // Answers from the archive too (CORPUS_STORE=postgres), so an answer can meet the archive cut.
    bot = await startBot(config, () => library, logger, { services: { database: state, fetcher: null, intake, push }, store });
  });

  afterAll(async () => {
    await bot?.stop();
    await push?.stop();
    await intake?.close();
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
      expect(reply.content).toBe(
        "The state database could not be reached just now, so watch “militia rocket attacks” was not saved. Try /watch add again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is.",
      );
      expect(reply.outcome).toBe('database-unreachable');
      // Where it is goes to the log, once, as a warning; never to the channel.
      expect(reply.content).not.toContain(new URL(where).host);
      expect(outageLogs(reply.id)).toEqual([expect.objectContaining({ level: 40, database: 'state', where, made: 'no' })]);
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
  it('the state database unreachable: a list, a schedule and a feed change each say what happened, never the password; once it is back they work', async () => {
    await push.addSchedule({ guildId: GUILD, channelId: NEWSROOM, command: 'brief', topic: 'embassy', time: '07:00', timezone: 'UTC', days: '', createdBy: editor.id });
    const feed = await insertFeed(state, { url: 'https://gazette.example/feed.xml', title: 'Harbour Gazette', folder: 'feeds/gazette', guildId: GUILD, addedBy: editor.id, intervalMinutes: null, now: new Date() });
    const advice = "If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is.";
    await stateProxy.cut();
    try {
      const list = await run('watch', [sub('list')]);
      expect(list).toMatchObject({ content: `The state database could not be reached just now, so the watches could not be read; nothing was changed. Try again in a moment. ${advice}`, flags: EPHEMERAL, outcome: 'database-unreachable' });
      const pause = await run('schedule', [sub('pause', [{ name: 'id', type: 4, value: 1 }])]);
      expect(pause).toMatchObject({ content: `The state database could not be reached just now, so schedule #1 was not paused. Try /schedule pause again in a moment. ${advice}`, flags: EPHEMERAL, outcome: 'database-unreachable' });
      // /feed answers after a private "thinking…": the words replace it.
      const feedPause = await run('feed', [sub('pause', [str('feed', String(feed.id))])]);
      expect(feedPause).toMatchObject({ content: `The state database could not be reached just now, so feed #${feed.id} was not paused. Try /feed pause again in a moment. ${advice}`, flags: EPHEMERAL, outcome: 'database-unreachable' });
    } finally {
      await stateProxy.restore();
    }
    expect((await push.listSchedules(GUILD)).map((s) => s.paused)).toEqual([0]);
    const again = await run('schedule', [sub('pause', [{ name: 'id', type: 4, value: 1 }])]);
    expect(again.content).toBe('Schedule #1 (/brief embassy) paused until /schedule resume id:1.');
    expect((await run('watch', [sub('list')])).outcome).toBe('answered');
    expect(fake.requests.some((r) => JSON.stringify(r.body ?? '').includes(DATABASE_PASSWORD))).toBe(false);
    expect(lines.some((l) => l.includes('a database is unreachable'))).toBe(true);
    expect(lines.some((l) => l.includes(DATABASE_PASSWORD))).toBe(false);
  });

  it('the archive unreachable: an answer and a button say the archive could not be reached, by its role only; the log line says where, once each', async () => {
    const first = await run('brief', [str('topic', 'embassy')]);
    expect(first.outcome).toBe('answered');
    const message = fake.originalMessage(first.token)!;
    const said = "The archive could not be reached just now, so the articles could not be read; nothing was changed. Try again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the archive is.";
    await archiveProxy.cut();
    try {
      const answer = await run('brief', [str('topic', 'militia')]);
      const reader: FakeUser = { id: '200000000000000779', username: 'reader' };
      const sources = await settle(fake.sendButton({ customId: buttonsOf(message).get('Sources')!, message, user: reader }), 'the Sources button');
      for (const reply of [answer, sources]) {
        expect(reply).toMatchObject({ content: said, flags: EPHEMERAL, outcome: 'database-unreachable' });
        expect(reply.content).not.toContain(new URL(archiveWhere).host);
        expect(outageLogs(reply.id)).toEqual([expect.objectContaining({ level: 40, database: 'archive', where: archiveWhere, made: 'no' })]);
      }
    } finally {
      await archiveProxy.restore();
    }
    expect((await run('brief', [str('topic', 'militia')])).outcome).toBe('answered');
    expect(lines.some((l) => l.includes(DATABASE_PASSWORD))).toBe(false);
  });
});
