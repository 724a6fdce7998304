/**
 * Watches and schedules end to end, offline: the real bot (a real discord.js v14 Client) against the
 * Discord-compatible server on 127.0.0.1, a live corpus folder, and the state database on both engines.
 * People manage watches and schedules with slash commands; the bot posts alerts and scheduled answers to
 * channels by itself (`POST /channels/{id}/messages`, recorded by the fake server).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile, mkdtemp, readdir, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { DiscordPoster } from '../../src/discord/poster.ts';
import { attachPush } from '../../src/discord/push.ts';
import { checkLimits } from '../../src/discord/limits.ts';
import { createLogger } from '../../src/log.ts';
import { openLibrary, type Library } from '../../src/library.ts';
import { LiveCorpus } from '../../src/live/watch.ts';
import { Push } from '../../src/push/push.ts';
import { ENGINES, openTestDatabase } from '../support/database.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/server.ts';
import { PERMISSIONS, type FakeUser, type OptionValue } from '../support/fake-discord/payloads.ts';
import { TestClock } from '../push/support.ts';
import { memoryStore } from '../../src/store/memory.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.push-e2e-secret-token-never-logged_0123';
const EPHEMERAL = 64;
const HELD = '000_376adea00c3acb7d.txt';
const GUILD = '800000000000000001';
const NEWSROOM = '810000000000000001';
const DESK = '810000000000000002';
const WIRE = '810000000000000003';
const MORNING = '810000000000000004';
const THREAD = '810000000000000005';
const LOCKED = '810000000000000006';
const LOCKED_THREAD = '810000000000000007';
const FERRIES = '810000000000000008';
const NO_FILES = '810000000000000009';
const editor: FakeUser = { id: '200000000000000777', username: 'editor' };
const MANAGER = PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages | PERMISSIONS.ManageChannels;

/** Text as people read it: Discord shows `\:` as `:`. */
const plain = (s: string) => s.replace(/\\(.)/g, '$1');
const sub = (name: string, options: OptionValue[] = []): OptionValue => ({ name, type: 1, options });
const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });
const int = (name: string, value: number): OptionValue => ({ name, type: 4, value });
const chan = (name: string, value: string): OptionValue => ({ name, type: 7, value });

describe.each(ENGINES)('push through Discord on %s', (engine) => {
  let fake: FakeDiscord;
  let bot: BotHandle;
  let push: Push;
  let live: LiveCorpus;
  let library: Library;
  let dir: string;
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  let detach: () => void;
  const clock = new TestClock(Date.parse('2026-03-28T12:00:00.000Z'));
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', secrets: [TOKEN] }, { write: (l) => lines.push(l) });

  /** Starts push and the bot on the same database and corpus (again after a restart). */
  async function startAll(watchDailyCap = 20): Promise<void> {
    const poster = new DiscordPoster();
    push = new Push({ database, corpus: memoryStore(() => library), poster, config: { alertIntervalSeconds: 0, watchDailyCap, scheduleGraceMinutes: 60 }, logger, clock, tickMs: 50 });
    live = new LiveCorpus(library, { debounceMs: 50, onUpdate: (u) => push.onLiveUpdate(u) }).start();
    const config = { token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl: fake.apiUrl, cooldownSeconds: 0 };
    bot = await startBot(config, () => library, logger, { services: { database, fetcher: null, intake: null, push } });
    poster.attach(bot.client);
    detach = attachPush(bot.client, push, logger);
    push.start();
  }

  async function stopAll(): Promise<void> {
    detach();
    await live.close();
    await push.stop();
    await bot.stop();
  }

  /** Runs a command as an editor who may manage channels; resolves with the bot's reply payload. */
  async function run(name: string, options: OptionValue[], o: { channelId?: string; memberPermissions?: bigint } = {}): Promise<{ content: string; flags: number; embeds: any[]; allowedMentions: unknown }> {
    const base = fake.sendCommand({ name, options, user: editor, memberPermissions: o.memberPermissions ?? MANAGER, ...(o.channelId ? { channelId: o.channelId } : {}) });
    await fake.waitFor(() => fake.callsFor(base.token).length > 0, 8000, `a reply to /${name}`);
    const call = fake.callsFor(base.token)[0]!;
    // Markdown escapes (`saved\:`) show as plain text in Discord: compare what people read.
    const content = String(call.body.data?.content ?? '').replace(/\\(.)/g, '$1');
    return { content, flags: call.body.data?.flags ?? 0, embeds: call.body.data?.embeds ?? [], allowedMentions: call.body.data?.allowed_mentions };
  }

  const posted = (channelId: string) => fake.channelMessages.filter((m) => m.channelId === channelId);

  beforeAll(async () => {
    fake = await startFakeDiscord({
      token: TOKEN,
      heartbeatIntervalMs: 250,
      guilds: [
        {
          id: GUILD,
          name: 'Newsroom',
          channels: [
            { id: NEWSROOM, name: 'newsroom', type: 0 },
            { id: DESK, name: 'desk', type: 0, botDeny: PERMISSIONS.SendMessages | PERMISSIONS.EmbedLinks },
            { id: WIRE, name: 'wire', type: 0 },
            { id: MORNING, name: 'morning', type: 0 },
            { id: THREAD, name: 'live-updates', type: 11, parentId: NEWSROOM },
            { id: LOCKED, name: 'locked', type: 0, botDeny: PERMISSIONS.SendMessagesInThreads },
            { id: LOCKED_THREAD, name: 'locked-thread', type: 11, parentId: LOCKED },
            { id: FERRIES, name: 'ferries', type: 0 },
            { id: NO_FILES, name: 'no-files', type: 0, botDeny: PERMISSIONS.AttachFiles },
          ],
        },
      ],
    });
    dir = await mkdtemp(join(tmpdir(), 'push-e2e-'));
    for (const f of await readdir(SEED_CORPUS)) if (f !== HELD) await copyFile(join(SEED_CORPUS, f), join(dir, f));
    library = await openLibrary(dir);
    database = await openTestDatabase(engine);
    await startAll();
  });

  afterAll(async () => {
    await stopAll();
    await fake.close();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a watch on a channel where the bot may not post, naming exactly what it lacks; nothing is saved', async () => {
    const reply = await run('watch', [sub('add', [str('topic', 'militia rocket attacks'), chan('channel', DESK)])]);
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toBe(
      "I can't post in #desk: the bot is missing Send Messages and Embed Links there. Give it those permissions in the channel's settings (or pick another channel), then try again.",
    );
    const thread = await run('watch', [sub('add', [str('topic', 'militia rocket attacks'), chan('channel', LOCKED_THREAD)])]);
    expect(thread.content).toMatch(/^I can't post in #locked-thread: the bot is missing Send Messages in Threads there\./);
    expect(await push.listWatches(GUILD)).toMatchObject({ watches: [] });
  });

  it('posts an alert with verbatim sentences to the channel within seconds of a file dropped into the corpus, and nothing about what was there before', async () => {
    const reply = await run('watch', [sub('add', [str('topic', 'militia rocket attacks')])]);
    expect(reply.flags).toBe(EPHEMERAL);
    expect(reply.content).toMatch(/^Watch #1 saved: new articles on “militia rocket attacks” will be posted to #newsroom as they arrive/);
    const threadWatch = await run('watch', [sub('add', [str('topic', 'Tueller embassy'), chan('channel', THREAD)])]);
    expect(threadWatch.content).toMatch(/^Watch #2 saved: .* #live-updates/);
    expect(posted(NEWSROOM)).toEqual([]);

    await writeFile(join(dir, HELD), await readFile(join(SEED_CORPUS, HELD)));
    await fake.waitFor(() => posted(NEWSROOM).length > 0 && posted(THREAD).length > 0, 10_000, 'the alerts');
    const [message] = posted(NEWSROOM);
    expect(message!.status).toBe(200);
    const body = message!.body;
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(checkLimits(body)).toEqual([]);
    expect(body.components ?? []).toEqual([]);
    const embed = body.embeds[0];
    expect(embed.title).toBe('🔔 Watch · militia rocket attacks — 1 new article');
    // Each item quotes a sentence of article 000 verbatim with its citation id; the source line gives the headline and date.
    const paragraphs = library.corpus.articleById.get('000')!.paragraphs;
    const items = (embed.description as string).split('\n').filter((l) => /^\*\*\d+\.\*\*/.test(l));
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThanOrEqual(3);
    for (const line of items) {
      const id = /^\*\*\d+\.\*\* \*\*(000-[0-9a-z]{4})\*\*/.exec(line)?.[1];
      expect(id).toBeDefined();
      const quoted = line.replace(/^\*\*\d+\.\*\* \*\*[^*]+\*\* · /, '').replace(/ ¹.*$/, '').replace(/\\(.)/g, '$1');
      expect(paragraphs.find((p) => p.id === id)!.text).toContain(quoted);
      expect(line).toMatch(/— \*(now \d+ independent sources|now \d+ articles · \d+ reports?( \(.+\))?|single source so far)\*$/);
    }
    expect(embed.fields[0].value).toContain('US reduces diplomatic staff in Iraq amid security threats');
    expect(embed.fields[0].value).toContain('<t:1606996800:D>');
    expect(posted(NEWSROOM)).toHaveLength(1);
  });

  it('brings no duplicate after a restart', async () => {
    await stopAll();
    await startAll();
    await live.rescan();
    await push.tick();
    await writeFile(join(dir, HELD), await readFile(join(SEED_CORPUS, HELD))); // touched, same content
    await live.rescan();
    await push.tick();
    expect(posted(NEWSROOM)).toHaveLength(1);
    expect(posted(THREAD)).toHaveLength(1);
  });

  it('pauses a watch when Discord refuses a post (403), shows why in the list, and never posts into it again', async () => {
    fake.channelFailures.set(WIRE, 403);
    await run('watch', [sub('add', [str('topic', 'harbour dredging'), chan('channel', WIRE)])]);
    await writeFile(join(dir, 'harbour.md'), 'Harbour dredging\n\nThe port authority signed a harbour dredging contract on Tuesday.\n');
    await fake.waitFor(() => posted(WIRE).length > 0, 10_000, 'the refused post');
    await push.idle();
    expect(posted(WIRE).map((m) => m.status)).toEqual([403]);
    const list = await run('watches', [], { memberPermissions: PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages });
    expect(list.flags).toBe(EPHEMERAL);
    const description = plain(list.embeds[0].description as string);
    // The channel as Discord's mention (shown as the clickable #wire), never escaped; it pings no one.
    expect(list.embeds[0].description).toContain(`harbour dredging — *<#${WIRE}> · ⚠ paused`);
    expect(list.allowedMentions).toEqual({ parse: [] });
    expect(description).toContain(`harbour dredging — *<#${WIRE}> · ⚠ paused: Discord refused the post: the bot may not post there (403 Missing Permissions)`);
    await writeFile(join(dir, 'harbour-2.md'), 'More harbour dredging\n\nA second harbour dredging contract was signed on Wednesday.\n');
    await live.rescan();
    await push.tick();
    expect(posted(WIRE)).toHaveLength(1);
    const resumed = await run('watch', [sub('resume', [int('id', 3)])]);
    expect(resumed.content).toMatch(/^Watch #3 \(“harbour dredging”\) resumed/);
  });

  it('posts a scheduled briefing at 07:00 Europe/London under the test clock, across the spring change, long answers as follow-up messages', async () => {
    const brief = await run('schedule', [sub('add', [str('command', 'brief'), str('topic', 'embassy'), str('time', '07:00'), str('timezone', 'Europe/London'), chan('channel', MORNING)])]);
    expect(brief.content).toMatch(/^Schedule #1 \(\/brief embassy\) saved: posted to #morning at 07:00 Europe\/London, every day; first on Sun 29 Mar 07:00\./);
    // No run has happened yet: what "new" will mean is said without a "previous run".
    expect(brief.content).toContain('Each run marks new what arrived since the run before it (the first run: since now).');
    expect(brief.content).not.toMatch(/previous run/);
    const timeline = await run('schedule', [sub('add', [str('command', 'timeline'), str('time', '07:00'), str('timezone', 'Europe/London'), chan('channel', NEWSROOM)])]);
    expect(timeline.content).toMatch(/^Schedule #2/);
    // The same timeline where the bot may not attach files: posted without the chart, saying why.
    expect((await run('schedule', [sub('add', [str('command', 'timeline'), str('time', '07:00'), str('timezone', 'Europe/London'), chan('channel', NO_FILES)])])).content).toMatch(/^Schedule #3/);
    const before = posted(NEWSROOM).length;
    clock.set('2026-03-29T05:59:00.000Z'); // 06:59 BST
    await push.tick();
    expect(posted(MORNING)).toEqual([]);
    clock.set('2026-03-29T06:00:02.000Z'); // 07:00 BST
    await fake.waitFor(() => posted(MORNING).length > 0, 10_000, 'the scheduled briefing (by the timer)');
    await push.idle();
    const [morning] = posted(MORNING);
    expect(morning!.body.allowed_mentions).toEqual({ parse: [] });
    expect(plain(morning!.body.embeds[0].title)).toMatch(/^⏰ 07:00 Europe\/London · Briefing · embassy/);
    const pages = posted(NEWSROOM).slice(before);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((m) => m.body.embeds[0].footer.text.match(/^Page (\d+) of/)?.[1])).toEqual(pages.map((_, i) => String(i + 1)));
    for (const m of [morning!, ...pages]) expect(checkLimits(m.body)).toEqual([]);
    // The timeline's chart on its first message, as /timeline attaches it; the other pages carry none.
    expect(pages[0]!.files?.map((f) => f.filename)).toEqual(['timeline.png']);
    expect(pages[0]!.files![0]!.data.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pages[0]!.body.embeds[0].image).toEqual({ url: 'attachment://timeline.png' });
    expect(pages.slice(1).every((m) => m.files === undefined && m.body.embeds[0].image === undefined)).toBe(true);
    expect(morning!.files).toBeUndefined();
    // Without Attach Files: every page posted (no 403, nothing paused), no chart, a note saying why.
    await fake.waitFor(() => posted(NO_FILES).length === pages.length, 10_000, 'the timeline where files may not be attached');
    await push.idle();
    expect(posted(NO_FILES).map((m) => [m.status, m.files])).toEqual(pages.map(() => [200, undefined]));
    const notes = posted(NO_FILES)[0]!.body.embeds[0].fields.find((f: { name: string }) => f.name === 'Notes').value as string;
    expect(plain(notes).split('\n')[0]).toBe('The chart is not attached: the bot lacks Attach Files in this channel (give it that permission to get the chart).');
    const list = await run('schedules', [], { memberPermissions: PERMISSIONS.ViewChannel });
    expect(plain(list.embeds[0].description)).toMatch(/next Mon 30 Mar 07:00/);
    expect(plain(list.embeds[0].description)).toMatch(/last run Sun 29 Mar 07:00/);
    // Each channel as its mention, clickable in Discord; allowed_mentions still parses none.
    expect(list.embeds[0].description).toContain(`<#${MORNING}>`);
    expect(list.embeds[0].description).toContain(`<#${NEWSROOM}>`);
    expect(list.embeds[0].description).not.toMatch(/#(newsroom|morning)/);
    expect(list.allowedMentions).toEqual({ parse: [] });
    expect((await push.listSchedules(GUILD)).find((x) => x.id === 3)).toMatchObject({ paused: 0, last_status: 'posted' });
    await push.removeSchedule(GUILD, 3);
  });

  it('forgets the watches and schedules of a deleted channel', async () => {
    fake.deleteChannel(MORNING);
    fake.deleteChannel(THREAD);
    await fake.waitFor(() => lines.filter((l) => l.includes('channel deleted')).length >= 2, 5000, 'the deletions');
    expect((await push.listSchedules(GUILD)).map((s) => s.channel_id)).toEqual([NEWSROOM]);
    expect((await push.listWatches(GUILD)).watches.map((w) => w.channel_id)).toEqual([NEWSROOM, WIRE]);
  });

  it('removes, pauses and refuses unknown ids in words', async () => {
    expect((await run('watch', [sub('remove', [int('id', 99)])])).content).toBe('There is no watch #99 in this server: /watch list shows them.');
    expect((await run('schedule', [sub('pause', [int('id', 2)])])).content).toBe('Schedule #2 (/timeline) paused until /schedule resume id:2.');
    expect((await run('watch', [sub('remove', [int('id', 1)])])).content).toBe('Watch #1 (“militia rocket attacks”) removed.');
    expect((await run('schedule', [sub('add', [str('command', 'brief'), str('time', '7am'), str('timezone', 'Europe/London')])])).content).toBe(
      'time must be HH:MM on a 24-hour clock, e.g. 07:00 or 18:30, got `7am`.',
    );
    expect(lines.some((l) => l.includes(TOKEN))).toBe(false);
  });

  it('says which other spellings of a name a new watch matches too', async () => {
    const reply = await run('watch', [sub('add', [str('topic', 'Kataib Hezbollah')])]);
    expect(reply.content.split('\n').slice(1)).toEqual([
      'Articles already in the corpus are not alerted; /brief Kataib Hezbollah shows what they say.',
      'Articles that write “Kataeb” for “Kataib” match it too (another spelling of the name in the corpus).',
    ]);
  });

  it('lists what the daily cap held back the next day, each headline beside its article id, in one message', async () => {
    await stopAll();
    await startAll(1);
    clock.set('2026-04-02T12:00:00.000Z');
    expect((await run('watch', [sub('add', [str('topic', 'ferry strike'), chan('channel', FERRIES)])])).content).toMatch(/^Watch #\d+ saved/);
    const headlines = new Map([
      ['ferrya', 'Ferry strike called'],
      ['ferryb', 'Ferry strike spreads to the islands'],
      ['ferryc', 'Ferry strike ends'],
    ]);
    for (const [id, head] of headlines) await writeFile(join(dir, `${id}.md`), `${head}\n\nThe ferry strike (${head.toLowerCase()}) was reported by the crews' union on Thursday.\n`);
    await live.rescan();
    await push.idle();
    await fake.waitFor(() => posted(FERRIES).length > 0, 10_000, 'the first alert');
    expect(posted(FERRIES)).toHaveLength(1); // the cap of one article a day

    clock.set('2026-04-03T00:00:30.000Z');
    await push.tick();
    await fake.waitFor(() => posted(FERRIES).length > 1, 10_000, 'what the cap held back');
    const [, summary] = posted(FERRIES);
    expect(posted(FERRIES)).toHaveLength(2);
    expect(checkLimits(summary!.body)).toEqual([]);
    const embed = summary!.body.embeds[0];
    expect(plain(embed.title)).toBe('🔔 Watches · what the daily cap held back');
    const lines = plain(embed.description as string).split('\n');
    expect(lines[0]).toMatch(/^__Held back by the daily cap · Watch #\d+ · ferry strike__$/);
    // Each headline shown is its article's headline, beside that article's id (what /source reads).
    const listed = lines.slice(1).map((l) => /^\*\*\d\.\*\* \*\*(\w+)\*\* · (.+?)( — \*.*\*)?$/.exec(l));
    expect(listed).toHaveLength(2);
    for (const m of listed) expect(headlines.get(m![1]!)).toBe(m![2]);
    const notes = plain(embed.fields.find((f: { name: string }) => f.name === 'Notes').value);
    expect(notes).toMatch(/^Watch #\d+ \(ferry strike\): 2 more articles matched on 2 Apr beyond the daily cap of 1, listed above by id \(\/source <id> shows one\)\. \/brief ferry strike covers them\.$/);
    for (const head of headlines.values()) expect(notes).not.toContain(head);
  });
});
