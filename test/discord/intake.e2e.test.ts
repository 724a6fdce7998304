/**
 * /add and /feed end to end: the real discord.js client against the Discord-compatible server, the intake
 * service on a copy of the seed corpus, pages and feeds from a web server on 127.0.0.1, attachments from
 * the fake server's CDN route. Checks what the bot sent back and what the corpus now holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ANSWERS } from '../../src/answer/index.ts';
import { startBot, type BotHandle } from '../../src/discord/bot.ts';
import { createLogger } from '../../src/log.ts';
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from '../support/fake-discord/server.ts';
import { MEMBER_PERMISSIONS, PERMISSIONS, type FakeUser, type InteractionBase, type OptionValue } from '../support/fake-discord/payloads.ts';
import { intakeHarness, type IntakeHarness } from '../support/intake.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';
import { ARTICLE_PARAGRAPHS, articlePage, rssFeed } from '../support/pages.ts';
import { interactionLog } from '../support/logs.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.intake-e2e-token-never-logged_0123456789';
const EPHEMERAL = 64;

let fake: FakeDiscord;
let bot: BotHandle;
let h: IntakeHarness;
let web: WebServer;
const lines: string[] = [];
let users = 0;
const newUser = (): FakeUser => ({ id: String(300000000000000000n + BigInt(++users)), username: `editor${users}` });
const EDITOR = MEMBER_PERMISSIONS | PERMISSIONS.ManageMessages | PERMISSIONS.ManageChannels;

beforeAll(async () => {
  web = await startWebServer({
    '/news/bridge': { body: articlePage({ canonical: null }) },
    '/feed.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ title: 'Harbour bridge closed', link: web.url('/news/bridge'), guid: 'b1', date: 'Tue, 10 Feb 2026 11:00:00 GMT' }]));
    },
  });
  h = await intakeHarness('sqlite');
  fake = await startFakeDiscord({ token: TOKEN, heartbeatIntervalMs: 250 });
  const logger = createLogger({ level: 'info', secrets: [TOKEN] }, { write: (l) => lines.push(l) });
  bot = await startBot(
    { token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl: fake.apiUrl, cooldownSeconds: 0 },
    () => h.library,
    logger,
    { answers: ANSWERS, services: { database: h.database, fetcher: h.fetcher, intake: h.service, push: null } },
  );
});

afterAll(async () => {
  await bot?.stop();
  await fake?.close();
  await h?.close();
  await web?.close();
});

const logFor = (id: string) => interactionLog(lines, id);

async function run(name: string, options: OptionValue[], o: { permissions?: bigint; resolved?: { attachments: Record<string, unknown> } } = {}): Promise<{ calls: RecordedRequest[]; log: Record<string, any>; base: InteractionBase }> {
  const base = fake.sendCommand({ name, options, user: newUser(), memberPermissions: o.permissions ?? EDITOR, ...(o.resolved ? { resolved: o.resolved } : {}) });
  await fake.waitFor(() => logFor(base.id) !== undefined, 15_000, `interaction ${base.id}`);
  return { calls: fake.callsFor(base.token), log: logFor(base.id)!, base };
}

/** What the user finally sees: the last message body sent for the interaction. */
function shown(calls: RecordedRequest[]): { content: string; embeds: any[]; flags: number } {
  const last = [...calls].reverse().find((c) => c.method !== 'POST' || !c.path.endsWith('/callback') || c.body?.type === 4)!;
  const body = last.path.endsWith('/callback') ? last.body.data : last.body;
  return { content: body.content ?? '', embeds: body.embeds ?? [], flags: body.flags ?? calls[0]!.body?.data?.flags ?? 0 };
}

const str = (name: string, value: string): OptionValue => ({ name, type: 3, value });
const sub = (name: string, options: OptionValue[] = []): OptionValue => ({ name, type: 1, options });

describe('/add', () => {
  it('adds a link privately and the reply\'s citation ids work in /source at once', async () => {
    const { calls, log } = await run('add', [str('url', web.url('/news/bridge'))]);
    expect(calls[0]!.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(log.outcome).toBe('answered');
    const { embeds } = shown(calls);
    expect(embeds[0].title).toBe('Added · Harbour bridge closed to lorries after cracks found');
    const notes = embeds[0].fields.find((f: { name: string }) => f.name === 'Notes').value as string;
    expect(notes).toMatch(/^5 paragraphs \(1 line dropped as debris\\: byline\)/);
    const id = /First paragraphs\\: ([a-z0-9]+-[0-9a-z]{4})/.exec(notes)![1]!;
    const article = h.library.corpus.paragraphById.get(id)!;
    expect(article.text).toBe(ARTICLE_PARAGRAPHS[0]);

    const { calls: sourceCalls } = await run('source', [str('id', id)], { permissions: MEMBER_PERMISSIONS });
    expect(sourceCalls[0]!.body.data.embeds[0].description).toContain('The city council voted on Tuesday');
  });

  it('adds an attached file downloaded from Discord\'s CDN', async () => {
    const text = '---\ntitle: Ferry strike called off\noutlet: Harbour Radio\npublished: 2026-02-09\n---\nThe ferry workers\' union called off Friday\'s strike after the operator agreed to review rosters, a union spokesman said on Monday evening.\n\nServices will run to the normal timetable, the operator said in a statement posted on its website.\n';
    const att = fake.attachment('ferry.md', Buffer.from(text), 'text/markdown; charset=utf-8');
    const { calls } = await run('add', [{ name: 'file', type: 11, value: att.id }], { resolved: { attachments: { [att.id]: att } } });
    const { embeds } = shown(calls);
    expect(embeds[0].title).toBe('Added · Ferry strike called off');
    const files = (await readdir(join(h.dir, 'added'))).filter((f) => f.includes('ferry-strike'));
    expect(files).toHaveLength(1);
    expect(await readFile(join(h.dir, 'added', files[0]!), 'utf8')).toContain("The ferry workers' union called off Friday's strike");
    expect(h.library.corpus.articles.find((a) => a.title === 'Ferry strike called off')).toMatchObject({ outlet: 'Harbour Radio', published: { date: '2026-02-09' } });
  });

  it('says a page or a file added again unchanged is already in the corpus, with its ids, and words a file\'s notes as a file\'s', async () => {
    h.clock.now = new Date(h.clock.now.getTime() + 3 * 3600_000); // a later fetch: only the fetch time would differ
    const again = shown((await run('add', [str('url', web.url('/news/bridge'))])).calls).embeds[0];
    expect(again.title).toBe('Already in the corpus · Harbour bridge closed to lorries after cracks found');
    const notes = again.fields.find((f: { name: string }) => f.name === 'Notes').value as string;
    expect(notes).toMatch(/^Article [a-z0-9]+ is already in the corpus, unchanged since it was added on .+: nothing was written\.\n/);
    expect(notes).toMatch(/First paragraphs\\: [a-z0-9]+-[0-9a-z]{4}/);

    const note = () => fake.attachment('note.txt', Buffer.from('The quay reopened on Monday after the storm repairs, the harbour master told staff in a short statement.\n'), 'text/plain; charset=utf-8');
    const add = async () => {
      const att = note();
      const { embeds } = shown((await run('add', [{ name: 'file', type: 11, value: att.id }], { resolved: { attachments: { [att.id]: att } } })).calls);
      return { title: embeds[0].title as string, notes: embeds[0].fields.find((f: { name: string }) => f.name === 'Notes').value as string };
    };
    const first = await add();
    expect(first.title).toMatch(/^Added · /);
    expect(first.notes).toContain('No publication date in the file');
    expect(first.notes).not.toMatch(/\bpage\b/);
    h.clock.now = new Date(h.clock.now.getTime() + 3600_000);
    expect((await add()).title).toMatch(/^Already in the corpus · /);
  });

  it.each([
    ['no link and no file', [] as OptionValue[], undefined, /Give a link with `url:` or attach a file/],
    ['a file type the bot does not read', 'report.pdf', undefined, /reads \.txt, \.md, \.html, \.jsonl, \.docx files, not \.pdf/],
    ['a file declared too big', 'huge.txt', 50 * 1024 * 1024, /huge\.txt is 50\.0 MB, over the 2\.0 MB limit/],
    ['a link to a private address', [str('url', 'http://192.168.1.10/news')], undefined, /private|not public|non-public/i],
  ])('refuses %s with a private reply', async (_what, what, declaredSize, message) => {
    let options: OptionValue[];
    let resolved: { attachments: Record<string, unknown> } | undefined;
    if (typeof what === 'string') {
      const att = fake.attachment(what, Buffer.from('x'), 'application/octet-stream', declaredSize ? { declaredSize } : {});
      options = [{ name: 'file', type: 11, value: att.id }];
      resolved = { attachments: { [att.id]: att } };
    } else options = what;
    const { calls, log } = await run('add', options, resolved ? { resolved } : {});
    expect(log.outcome).toBe('bad-option');
    const { content, flags } = shown(calls);
    expect(content).toMatch(message);
    expect(flags & EPHEMERAL).toBe(EPHEMERAL);
  });
});

describe('/feed', () => {
  it('needs Manage Channels to change the feeds; everyone may list them', async () => {
    const refused = await run('feed', [sub('add', [str('url', web.url('/feed.xml'))])], { permissions: MEMBER_PERMISSIONS });
    expect(shown(refused.calls).content).toMatch(/needs the Manage Channels permission/);

    const added = await run('feed', [sub('add', [str('url', web.url('/feed.xml')), { name: 'interval', type: 4, value: 30 }])]);
    expect(shown(added.calls).embeds[0]?.title ?? shown(added.calls).content).toMatch(/^Following · Harbour Gazette — News \(#1\)/);

    const listed = await run('feed', [sub('list')], { permissions: MEMBER_PERMISSIONS });
    const embed = shown(listed.calls).embeds[0];
    expect(embed.title).toBe('Feeds · 1 (1 healthy)');
    expect(embed.description).toContain('every 30 min');

    const removed = await run('feed', [sub('remove', [str('feed', '1')])]);
    expect(JSON.stringify(shown(removed.calls))).toMatch(/Stopped following/);
    const unknown = await run('feed', [sub('pause', [str('feed', '9')])]);
    expect(shown(unknown.calls).content).toMatch(/No feed #9 here/);
  });
});
