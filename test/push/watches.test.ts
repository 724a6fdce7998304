import { afterEach, describe, expect, it } from 'vitest';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINES } from '../support/database.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { countStatements, HELD, PUSH_DEFAULTS, pushRig, type PushRig } from './support.ts';
import * as store from '../../src/push/store.ts';
import { capDayStart, Push } from '../../src/push/push.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { createLogger } from '../../src/log.ts';
import { DatabaseUnreachableError, unreachableReply } from '../../src/db/unreachable.ts';
import { watchListAnswer, watchSpellingNote } from '../../src/push/answers.ts';
import { watchAnswer } from '../../src/push/since.ts';
import { fitsOneMessage, postedMessages } from '../../src/discord/poster.ts';
import { checkLimits } from '../../src/discord/limits.ts';
import { renderText } from '../../src/render/text.ts';

const NEWSROOM = '100000000000000001';
const DESK = '100000000000000002';
const GUILD = '900000000000000001';
/** The seed that writes "Kataeb Hezbollah" (002 writes "Kataib Hezbollah"). */
const KATAEB = '001_331889c918708f60.txt';
/** An alert's tag: /brief's count of articles and reports, "now …" (or "single source so far"). */
const ALERT_TAG = /^(now \d+ independent sources|now \d+ articles · \d+ reports?( \(.+\))?|single source so far)$/;
const watch = (rig: PushRig, topic: string, channelId = NEWSROOM) => rig.push.addWatch({ guildId: GUILD, channelId, topic, createdBy: 'editor' });

/** Every quoted item is a verbatim span of the paragraph it cites. */
function expectVerbatim(rig: PushRig, items: ReadonlyArray<{ text: string; citations: Array<{ id: string; excerpt: string }> }>) {
  for (const item of items) {
    const paragraph = rig.library.corpus.paragraphById.get(item.citations[0]!.id)!;
    expect(paragraph.text).toContain(item.text);
    expect(item.citations[0]!.excerpt).toBe(item.text);
  }
}

describe.each(ENGINES)('watches on %s', (engine) => {
  let rig: PushRig;
  afterEach(async () => {
    await rig?.close();
  });

  it('alerts once when an article about the topic arrives: headline with the sources, 1–3 verbatim sentences with ids, "now N independent sources" citing the others', async () => {
    rig = await pushRig(engine);
    const { watch: w } = await watch(rig, 'militia rocket attacks');
    await watch(rig, 'cocoa futures', DESK);
    rig.push.start();
    await rig.arrive();
    expect(rig.poster.posts).toHaveLength(1);
    const [{ channelId, answer, paged }] = rig.poster.posts as [typeof rig.poster.posts[0]];
    expect({ channelId, paged }).toEqual({ channelId: NEWSROOM, paged: false });
    expect(answer.title).toBe('🔔 Watch · militia rocket attacks — 1 new article');
    expect(answer.command).toBe('watch');
    expect(answer.items.length).toBeGreaterThanOrEqual(1);
    expect(answer.items.length).toBeLessThanOrEqual(3);
    expectVerbatim(rig, answer.items);
    for (const item of answer.items) {
      expect(item.citations[0]!.article).toBe('000');
      expect(item.label).toBe(item.citations[0]!.id);
      expect(item.tags![0]).toMatch(ALERT_TAG);
      expect(item.watch).toBe(w.id);
      // The other articles that carry the point are cited after the sentence itself, one each: the count can be followed.
      const articles = item.citations.map((c) => c.article);
      expect(new Set(articles).size).toBe(articles.length);
      expect(item.sources).toBe(articles.length);
      if (articles.length === 1) expect(item.tags![0]).toBe('single source so far');
      else expect(item.tags![0]).toMatch(new RegExp(`^now ${articles.length} (independent sources|articles · )`));
    }
    expect(answer.items.some((i) => /militias?|rockets?/i.test(i.text))).toBe(true);
    expect(answer.sources[0]).toEqual(expect.objectContaining({ article: '000', title: 'US reduces diplomatic staff in Iraq amid security threats', published: '2020-12-03' }));
    expect(answer.sources.map((s) => s.article).sort()).toEqual([...new Set(answer.items.flatMap((i) => i.citations.map((c) => c.article)))].sort());

    // The same file again (touched, or the round repeated) brings nothing.
    await rig.arrive();
    await rig.live.rescan();
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(1);
    const rows = await rig.database.db.selectFrom('push_alerts').selectAll().execute();
    expect(rows.every((r) => r.status === 'posted' && r.posted_at === '2026-12-03T08:00:00.000Z')).toBe(true);
    expect(rows).toHaveLength(answer.items.length);
  });

  it('counts reports, not articles, and cites every carrier: the arriving AFP rewrite of Tueller is "now 3 articles · 2 reports (AFP, The Washington Post)"', async () => {
    rig = await pushRig(engine);
    await watch(rig, 'Tueller embassy');
    rig.push.start();
    await rig.arrive();
    const { answer } = rig.poster.posts[0]!;
    const tueller = answer.items.find((i) => /Tueller/.test(i.text))!;
    // 000 credits AFP ("told AFP news agency") and retells AFP's sentence (001); The Washington Post (003) has its own.
    expect(tueller.tags).toEqual(['now 3 articles · 2 reports (AFP, The Washington Post)']);
    expect(tueller.citations.map((c) => c.article)).toEqual(['000', '003', '001']);
    for (const c of tueller.citations.slice(1)) {
      expect(c.excerpt).toMatch(/Tueller/);
      expect(rig.library.corpus.paragraphById.get(c.id)!.text).toContain(c.excerpt);
    }
    expect(answer.sources.map((s) => s.article)).toEqual(expect.arrayContaining(['000', '001', '003']));
    expect(answer.sources[0]!.article).toBe('000');
  });

  it('says nothing about articles that were there before it started, nor for rounds without matching text', async () => {
    rig = await pushRig(engine);
    await watch(rig, 'embassy drawdown');
    rig.push.start();
    await rig.push.tick();
    await rig.arrive('unrelated.md', 'Harbour dredging\n\nThe port authority signed a dredging contract on Tuesday.\n');
    expect(rig.poster.posts).toEqual([]);
  });

  it('alerts a watch on "Kataib Hezbollah" when a new article writes "Kataeb Hezbollah", a spelling the corpus meets for the first time in that round, and says so', async () => {
    rig = await pushRig(engine);
    const memory = memoryStore(() => rig.library);
    // The corpus writes only "Kataib" (002) so far: 001, which writes "Kataeb", is taken out.
    const text = await readFile(join(rig.dir, KATAEB), 'utf8');
    await rm(join(rig.dir, KATAEB));
    await rig.live.rescan();
    expect((await memory.topicSpellings(['Kataib Hezbollah'])).get('Kataib Hezbollah')).toEqual([]);
    const { watch: w, spellings } = await watch(rig, 'Kataib Hezbollah');
    expect(spellings).toEqual([]);
    rig.push.start();

    await rig.arrive(KATAEB, text);
    expect(rig.poster.posts).toHaveLength(1);
    const { answer } = rig.poster.posts[0]!;
    expect(answer.title).toBe('🔔 Watch · Kataib Hezbollah — 1 new article');
    expect(answer.items.map((i) => i.text)).toContain(
      'Washington has blamed the rocket and roadside bomb attacks on pro-Iran hardline groups in Iraq and has retaliated twice by bombing one of those factions, Kataeb Hezbollah.',
    );
    expectVerbatim(rig, answer.items);
    expect(answer.items.every((i) => i.citations[0]!.article === '001' && i.watch === w.id)).toBe(true);
    expect(answer.notes).toContain('Also matched: “Kataeb” for “Kataib” (another spelling of the name in the corpus).');
    // `ask watch --since` says the same of the same article.
    const article = rig.library.corpus.articleById.get('001')!;
    const since = await watchAnswer(memory, 'Kataib Hezbollah', [{ article, previous: null, paragraphs: article.paragraphs }], 0);
    expect(since.items.map((i) => i.text)).toEqual(answer.items.map((i) => i.text));
    expect(since.notes).toContain('Also matched: “Kataeb” for “Kataib” (another spelling of the name in the corpus).');
  });

  it('a watch on a spelling the corpus never writes ("Kazemi") matches the name as the corpus spells it ("Kadhimi"), and says so', async () => {
    rig = await pushRig(engine);
    const added = await watch(rig, 'Kazemi');
    expect(added).toMatchObject({ matchesNow: true, spellings: [{ word: 'Kazemi', also: ['Kadhimi'], unwritten: true }] });
    expect(watchSpellingNote(added.spellings)).toBe('Nothing in the corpus says “Kazemi”: articles that write “Kadhimi”, as the corpus spells it, match it too.');
    rig.push.start();
    await rig.arrive('visit.md', 'Prime minister visits\n\nIraqi Prime Minister Mustafa al-Kadhimi met the ambassador in Baghdad on Monday.\n');
    expect(rig.poster.posts).toHaveLength(1);
    const { answer } = rig.poster.posts[0]!;
    expect(answer.items.map((i) => i.text)).toEqual(['Iraqi Prime Minister Mustafa al-Kadhimi met the ambassador in Baghdad on Monday.']);
    expect(answer.notes).toContain('Nothing says “Kazemi”; matched “Kadhimi”, as the corpus spells it.');
  });

  it('says nothing of other spellings when an article matches the topic as typed', async () => {
    rig = await pushRig(engine);
    await watch(rig, 'Kataib Hezbollah');
    rig.push.start();
    await rig.arrive('truce.md', 'Militia truce\n\nKataib Hezbollah said on Monday its truce with the US was over.\n');
    expect(rig.poster.posts).toHaveLength(1);
    expect(rig.poster.posts[0]!.answer.items.map((i) => i.text)).toEqual(['Kataib Hezbollah said on Monday its truce with the US was over.']);
    expect(rig.poster.posts[0]!.answer.notes.filter((n) => /spelling/.test(n))).toEqual([]);
  });

  it('alerts an edited article only for its new matching sentences', async () => {
    rig = await pushRig(engine);
    await watch(rig, 'militia rocket attacks');
    rig.push.start();
    await rig.arrive();
    const first = rig.poster.posts[0]!.answer.items.map((i) => i.text);
    const text = await readFile(join(SEED_CORPUS, HELD), 'utf8');
    const added = 'Militia rockets struck a base near Baghdad airport on Friday, officials said.';
    await rig.arrive(HELD, text.replace('\n\n', `\n\n${added}\n\n`));
    expect(rig.poster.posts).toHaveLength(2);
    expect(rig.poster.posts[1]!.answer.items.map((i) => i.text)).toEqual([added]);
    expectVerbatim(rig, rig.poster.posts[1]!.answer.items);
    expect(first).not.toContain(added);
  });

  it('holds a second message to a channel until the interval has passed, batching what arrived meanwhile; a restart posts it once', async () => {
    rig = await pushRig(engine, { alertIntervalSeconds: 30 });
    await watch(rig, 'militia rocket attacks');
    await watch(rig, 'harbour dredging');
    rig.push.start();
    await rig.arrive();
    expect(rig.poster.posts).toHaveLength(1);
    rig.clock.advance(5_000);
    await rig.arrive('harbour.md', 'Harbour dredging\n\nThe port authority signed a harbour dredging contract on Tuesday.\n');
    await rig.arrive('harbour-2.md', 'More dredging\n\nA second harbour dredging contract followed on Wednesday, the port said.\n');
    expect(rig.poster.posts).toHaveLength(1);

    await rig.restart();
    rig.push.start();
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(1);
    rig.clock.advance(25_000);
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(2);
    const batch = rig.poster.posts[1]!.answer;
    expect(batch.title).toBe('🔔 Watch · harbour dredging — 2 new articles');
    expect(new Set(batch.items.map((i) => i.citations[0]!.article))).toEqual(new Set(['harbour', 'harbour-2']));

    await rig.restart();
    rig.push.start();
    rig.clock.advance(60_000);
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(2);
  });

  it('makes one message of several watches matching in one round, sections by watch', async () => {
    rig = await pushRig(engine);
    await watch(rig, 'militia rocket attacks');
    await watch(rig, 'Tueller');
    rig.push.start();
    await rig.arrive();
    expect(rig.poster.posts).toHaveLength(1);
    const { answer } = rig.poster.posts[0]!;
    expect(answer.title).toBe('🔔 Watches · militia rocket attacks · Tueller — 1 new article');
    expect(new Set(answer.items.map((i) => i.section))).toEqual(new Set(['Watch #1 · militia rocket attacks', 'Watch #2 · Tueller']));
  });

  it('keeps to the daily cap per watch and summarises the overflow the next day', async () => {
    rig = await pushRig(engine, { watchDailyCap: 1 });
    await watch(rig, 'harbour dredging');
    rig.push.start();
    await rig.arrive('a.md', 'Harbour dredging starts\n\nThe harbour dredging contract was signed on Tuesday, the port said.\n');
    await rig.arrive('b.md', 'Harbour dredging delayed\n\nHarbour dredging was delayed by a storm on Wednesday, the port said.\n');
    await rig.arrive('c.md', 'Harbour dredging resumes\n\nHarbour dredging resumed on Thursday after the storm, the port said.\n');
    expect(rig.poster.posts).toHaveLength(1);
    expect(rig.poster.posts[0]!.answer.items.map((i) => i.citations[0]!.article)).toEqual(['a']);
    // Until the cap's (UTC) day turns the channel has nothing to post: a tick lists the channels waiting and
    // reads nothing of this one.
    for (const at of ['2026-12-03T08:01:00.000Z', '2026-12-03T23:59:59.999Z']) {
      rig.clock.set(at);
      expect(await store.channelsWaiting(rig.database, capDayStart(rig.clock.now()))).toEqual([]);
      const statements = countStatements(rig.database);
      await rig.push.tick();
      statements.stop();
      expect(statements.count, at).toBe(1);
    }
    expect(rig.poster.posts).toHaveLength(1);
    rig.clock.set('2026-12-04T00:00:30.000Z');
    expect(await store.channelsWaiting(rig.database, capDayStart(rig.clock.now()))).toEqual([NEWSROOM]);
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(2);
    const summary = rig.poster.posts[1]!.answer;
    // Each headline held back is listed with its article's id (what /source reads), as /source lists articles.
    expect(summary.items.map((i) => [i.label, i.text, i.section, i.citations])).toEqual([
      ['b', 'Harbour dredging delayed', 'Held back by the daily cap · Watch #1 · harbour dredging', []],
      ['c', 'Harbour dredging resumes', 'Held back by the daily cap · Watch #1 · harbour dredging', []],
    ]);
    expect(summary.notes).toContain('Watch #1 (harbour dredging): 2 more articles matched on 3 Dec beyond the daily cap of 1, listed above by id (/source <id> shows one). /brief harbour dredging covers them.');
    expect(summary.sources.map((s) => [s.article, s.title])).toEqual([['b', 'Harbour dredging delayed'], ['c', 'Harbour dredging resumes']]);
    // At the terminal (the console's push door), each headline beside its id.
    const text = renderText(summary);
    expect(text).toMatch(/^ +1\. b +Harbour dredging delayed$/m);
    expect(text).toMatch(/^ +2\. c +Harbour dredging resumes$/m);
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(2);
  });

  it('says a cap of one and one article held back in the singular', async () => {
    rig = await pushRig(engine, { watchDailyCap: 1 });
    await watch(rig, 'harbour dredging');
    rig.push.start();
    await writeFile(join(rig.dir, 'a.md'), 'Harbour dredging starts\n\nThe harbour dredging contract was signed on Tuesday, the port said.\n');
    await writeFile(join(rig.dir, 'b.md'), 'Harbour dredging delayed\n\nHarbour dredging was delayed by a storm on Wednesday, the port said.\n');
    await rig.live.rescan();
    await rig.push.idle();
    expect(rig.poster.posts).toHaveLength(1);
    expect(rig.poster.posts[0]!.answer.notes).toContain('Watch #1 (harbour dredging) reached its daily cap of 1 article: 1 more today is held back and summarised tomorrow.');
  });

  it('lists the headlines the cap held back only while the message holds them, each with its id, and counts the rest', async () => {
    rig = await pushRig(engine, { watchDailyCap: 1 });
    await watch(rig, 'harbour dredging');
    rig.push.start();
    await rig.arrive('a.md', 'Harbour dredging starts\n\nThe harbour dredging contract was signed on Tuesday, the port said.\n');
    await rig.arrive('b.md', 'Harbour dredging delayed\n\nHarbour dredging was delayed by a storm on Wednesday, the port said.\n');
    await rig.arrive('c.md', 'Harbour dredging resumes\n\nHarbour dredging resumed on Thursday after the storm, the port said.\n');
    rig.poster.fitsOneMessage = (answer) => answer.items.length <= 1; // a message that holds one item
    rig.clock.set('2026-12-04T00:00:30.000Z');
    await rig.push.tick();
    const summary = rig.poster.posts[1]!.answer;
    expect(summary.items.map((i) => [i.label, i.text])).toEqual([['b', 'Harbour dredging delayed']]);
    expect(summary.notes).toContain('Watch #1 (harbour dredging): 2 more articles matched on 3 Dec beyond the daily cap of 1; 1 listed above by id (/source <id> shows one), 1 more. /brief harbour dredging covers them.');
    // Every headline the answer shows is an item labelled with its article's id: none in a note.
    expect(summary.notes.join(' ')).not.toContain('Harbour dredging resumes');
  });

  it('flushes a channel in as many statements for three watches as for one (none per watch or per sentence)', async () => {
    const flush = async (topics: string[]) => {
      rig = await pushRig(engine, { alertIntervalSeconds: 60 });
      for (const topic of topics) await watch(rig, topic);
      rig.push.start();
      await store.setLastPost(rig.database, NEWSROOM, rig.clock.now()); // the round's alerts wait for the interval
      await rig.arrive();
      expect(rig.poster.posts).toEqual([]);
      rig.clock.advance(60_000);
      const statements = countStatements(rig.database);
      await rig.push.tick();
      statements.stop();
      expect(rig.poster.posts).toHaveLength(1);
      const { items } = rig.poster.posts[0]!.answer;
      await rig.close();
      return { statements: statements.count, watches: new Set(items.map((i) => i.watch)).size, sentences: items.length };
    };
    const one = await flush(['militia rocket attacks']);
    const three = await flush(['militia rocket attacks', 'Tueller', 'embassy drawdown']);
    expect(one.watches).toBe(1);
    expect(three.watches).toBeGreaterThanOrEqual(2);
    expect(three.sentences).toBeGreaterThan(one.sentences);
    expect(three.statements).toBe(one.statements);
  });

  it('tests a round against four matching watches in as many statements as against one (none per watch)', async () => {
    const round = async (topics: string[]) => {
      rig = await pushRig(engine, { alertIntervalSeconds: 60 });
      for (const topic of topics) await watch(rig, topic);
      const reports: Array<{ matched: number; queued: number }> = [];
      rig.push.onRound = (r) => reports.push(r);
      rig.push.start();
      await rig.push.idle();
      await store.setLastPost(rig.database, NEWSROOM, rig.clock.now()); // the flush after the round only reads the interval
      const statements = countStatements(rig.database);
      await rig.arrive();
      statements.stop();
      expect(rig.poster.posts).toEqual([]);
      const rows = await rig.database.db.selectFrom('push_alerts').select(['watch_id', 'status']).execute();
      await rig.close();
      return { statements: statements.count, report: reports[0]!, watches: new Set(rows.map((r) => r.watch_id)).size, rows };
    };
    const one = await round(['militia rocket attacks']);
    const four = await round(['militia rocket attacks', 'Tueller', 'embassy drawdown', 'Iraq']);
    expect(one.report).toMatchObject({ matched: 1 });
    expect(four.report).toMatchObject({ matched: 4 });
    expect(four.watches).toBe(4);
    expect(four.rows.every((r) => r.status === 'queued')).toBe(true);
    expect(four.report.queued).toBe(four.rows.length);
    expect(four.statements).toBe(one.statements);
  });

  it('posts a round of twelve long articles as messages that each fit Discord’s limits, every article once, the rest announced', async () => {
    rig = await pushRig(engine);
    rig.poster.fitsOneMessage = fitsOneMessage; // Discord's decision, not the recording poster's
    await watch(rig, 'harbour dredging');
    rig.push.start();
    const towns = ['Aden', 'Bari', 'Cork', 'Derry', 'Esbjerg', 'Faro', 'Genoa', 'Hull', 'Izmir', 'Jaffa', 'Kiel', 'Larne'];
    for (const [i, town] of towns.entries()) {
      const sentence = `Harbour dredging at ${town} will deepen the outer channel to ${12 + i} metres, the port authority said on Tuesday, ${'after a dispute with the shipping lines over who pays for the work and how long the berths stay closed, '.repeat(4)}and the first dredger arrives next month.`;
      await writeFile(join(rig.dir, `${town.toLowerCase()}.md`), `Harbour dredging in ${town}\n\n${sentence}\n`);
    }
    await rig.live.rescan();
    await rig.push.idle();
    for (let i = 0; i < 12 && (await store.channelsWaiting(rig.database, capDayStart(rig.clock.now()))).length > 0; i++) await rig.push.tick();
    const posts = rig.poster.posts.map((p) => p.answer);
    expect(posts.length).toBeGreaterThan(1);
    for (const answer of posts) {
      const messages = postedMessages(answer);
      expect(messages).toHaveLength(1);
      expect(checkLimits(messages[0]!)).toEqual([]);
    }
    const articles = posts.flatMap((a) => [...new Set(a.items.map((i) => i.article))]);
    expect(articles.sort()).toEqual(towns.map((t) => t.toLowerCase()).sort());
    const first = posts[0]!;
    expect(first.items.length).toBeLessThan(8); // the description's length, not the items a page holds, closed it
    const rest = towns.length - new Set(first.items.map((i) => i.article)).size;
    expect(first.notes).toContain(`${rest} more matching articles follow in the next message.`);
  });

  it('says whether anything matches a new watch’s topic now without reading an article', async () => {
    rig = await pushRig(engine);
    const memory = memoryStore(() => rig.library);
    const refuse = async (): Promise<never> => {
      throw new Error('an article was read');
    };
    await rig.push.stop();
    rig.push = new Push({ database: rig.database, corpus: { ...memory, root: memory.root, articles: refuse, searchArticles: refuse }, poster: rig.poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock: rig.clock });
    expect((await watch(rig, 'embassy drawdown')).matchesNow).toBe(true);
    expect((await watch(rig, 'quokka husbandry')).matchesNow).toBe(false);
    // A name the corpus also spells otherwise: the reply says which articles match it too.
    const added = await watch(rig, 'Kataib Hezbollah');
    expect(added).toMatchObject({ matchesNow: true, spellings: [{ word: 'Kataib', also: ['Kataeb'] }] });
    expect(watchSpellingNote(added.spellings)).toBe('Articles that write “Kataeb” for “Kataib” match it too (another spelling of the name in the corpus).');
    expect((await watch(rig, 'embassy drawdown', DESK)).spellings).toEqual([]);
  });

  it('pauses what posts to a channel Discord refuses (403), with the reason in the list, and never posts into it again', async () => {
    rig = await pushRig(engine);
    const { watch: w } = await watch(rig, 'militia rocket attacks');
    rig.poster.failures.set(NEWSROOM, { ok: false, refused: true, status: 403, reason: 'Discord refused (403 Missing Permissions)' });
    rig.push.start();
    await rig.arrive();
    expect(rig.poster.posts).toEqual([]);
    const [row] = (await rig.push.listWatches(GUILD)).watches;
    expect(row).toMatchObject({ id: w.id, paused: 1, paused_reason: 'Discord refused (403 Missing Permissions) (3 Dec 08:00 UTC)' });
    const list = watchListAnswer(rig.library, [row!], { channelName: () => '#newsroom', counts: new Map() });
    expect(list.items[0]!.tags).toContain('⚠ paused: Discord refused (403 Missing Permissions) (3 Dec 08:00 UTC)');
    expect(await rig.database.db.selectFrom('push_failures').select(['kind', 'target_id', 'status']).execute()).toEqual([{ kind: 'watch', target_id: w.id, status: 403 }]);
    rig.poster.failures.clear();
    await rig.arrive('more.md', 'Rockets again\n\nMilitia rocket attacks hit the Green Zone again on Sunday.\n');
    await rig.push.tick();
    expect(rig.poster.posts).toEqual([]);
  });

  it('forgets the watches of a deleted channel', async () => {
    rig = await pushRig(engine);
    await watch(rig, 'militia rocket attacks');
    await watch(rig, 'embassy', DESK);
    expect(await rig.push.channelDeleted(NEWSROOM)).toEqual({ watches: 1, schedules: 0 });
    expect((await rig.push.listWatches(GUILD)).watches.map((w) => w.channel_id)).toEqual([DESK]);
    expect(rig.logs.some((l) => l.includes('channel deleted'))).toBe(true);
  });

  it.each([
    ['no connection could be made while reading the watches', 'select', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'no', / could not be reached just now, so watch “embassy” was not saved\. Try \/watch add again in a moment\. If it keeps happening, tell whoever runs the bot; the bot's log says where the state database is\.$/],
    ['no connection could be made for the insert', 'insert', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:5432' }, 'no', / could not be reached just now, so watch “embassy” was not saved\./],
    ['the connection was lost during the insert', 'insert', { message: 'Connection terminated unexpectedly' }, 'unknown', / stopped answering while watch “embassy” was being saved, so it may or may not have been\. Once it is back, \/watch list shows whether it was; if not, run \/watch add again\./],
  ] as const)('says whether a watch was saved when the state database is unreachable: %s', async (_, statement, error, made, message) => {
    rig = await pushRig(engine);
    const original = rig.database.db;
    rig.database.db = original.withPlugin({
      transformQuery: (args) => {
        if (args.node.kind === (statement === 'insert' ? 'InsertQueryNode' : 'SelectQueryNode')) throw Object.assign(new Error(error.message), error);
        return args.node;
      },
      transformResult: async (args) => args.result,
    });
    const err = await watch(rig, 'embassy').catch((e: unknown) => e);
    rig.database.db = original;
    expect(err).toBeInstanceOf(DatabaseUnreachableError);
    expect(err).toMatchObject({ database: 'state', where: rig.database.where, made });
    expect(unreachableReply(err, 'discord')).toMatch(message);
    expect((await rig.push.listWatches(GUILD)).watches).toEqual([]);
  });

  it('keeps a watch saved when the check of what matches it now fails, and says it could not tell', async () => {
    rig = await pushRig(engine);
    const memory = memoryStore(() => rig.library);
    await rig.push.stop();
    const unreachable = new Push({ database: rig.database, corpus: { ...memory, root: memory.root, anyMatch: async () => null }, poster: rig.poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock: rig.clock });
    expect((await unreachable.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'embassy', createdBy: 'editor' })).matchesNow).toBeNull();
    const broken = new Push({ database: rig.database, corpus: { ...memory, root: memory.root, anyMatch: () => Promise.reject(new Error('a bug')) }, poster: rig.poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock: rig.clock });
    expect((await broken.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'Tueller', createdBy: 'editor' })).matchesNow).toBeNull();
    expect((await rig.push.listWatches(GUILD)).watches.map((w) => w.topic)).toEqual(['embassy', 'Tueller']);
  });

  it('matches the topics as typed, and still alerts, when the other spellings cannot be read', async () => {
    rig = await pushRig(engine);
    const memory = memoryStore(() => rig.library);
    await rig.push.stop();
    rig.push = new Push({ database: rig.database, corpus: { ...memory, root: memory.root, topicSpellings: () => Promise.reject(new Error('names unreadable')) }, poster: rig.poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock: rig.clock });
    const added = await watch(rig, 'militia rocket attacks');
    expect(added).toMatchObject({ matchesNow: null, spellings: [] });
    rig.push.start();
    await rig.arrive();
    expect(rig.poster.posts).toHaveLength(1);
    expect(rig.poster.posts[0]!.answer.title).toBe('🔔 Watch · militia rocket attacks — 1 new article');
  });

  it('refuses a topic of ignored words, a duplicate, and ids of other servers, saying what to do', async () => {
    rig = await pushRig(engine);
    await expect(watch(rig, 'the of and')).rejects.toThrow(/only words the search ignores/);
    const { watch: w, matchesNow } = await watch(rig, 'embassy');
    expect(matchesNow).toBe(true);
    await expect(watch(rig, 'Embassy')).rejects.toThrow(`Watch #${w.id} already posts “embassy” to that channel.`);
    await expect(rig.push.removeWatch('900000000000000999', w.id)).rejects.toThrow(`There is no watch #${w.id} in this server`);
    await rig.push.pauseWatch(GUILD, w.id);
    expect((await store.getWatch(rig.database, w.id))!.paused).toBe(1);
    await rig.push.resumeWatch(GUILD, w.id);
    await rig.push.removeWatch(GUILD, w.id);
    expect(await store.getWatch(rig.database, w.id)).toBeUndefined();
  });

  it('costs nothing for a round that brings no new text, nor for a round when no watch is active', async () => {
    rig = await pushRig(engine);
    const rounds: unknown[] = [];
    rig.push.onRound = (r) => rounds.push(r);
    rig.push.start();
    rig.push.onLiveUpdate({ added: [], changed: [], removed: ['x.md'], problems: 0, longestSliceMs: 0, arrived: [] });
    await rig.push.idle();
    expect(await rig.database.db.selectFrom('push_arrivals').selectAll().execute()).toEqual([]);
    await rig.arrive();
    expect(rounds).toEqual([]);
    await watch(rig, 'militia rocket attacks');
    await rig.arrive('b.md', 'Rockets\n\nMilitia rocket attacks resumed on Sunday, officials said.\n');
    expect(rounds).toEqual([expect.objectContaining({ arrived: 1, watches: 1, matched: 1, queued: 1 })]);
  });

  it('does nothing while stopped (a standby process): the round is not matched, nothing is posted', async () => {
    rig = await pushRig(engine);
    await watch(rig, 'militia rocket attacks');
    await rig.arrive();
    rig.push.start();
    await rig.push.tick();
    expect(rig.poster.posts).toEqual([]);
  });
});

describe('the log while the archive is down during a flush', () => {
  it('says the archive is down once, and that it answers again only after a job that read it went through', async () => {
    const rig = await pushRig('sqlite');
    try {
      const memory = memoryStore(() => rig.library);
      let archiveDown = false;
      const where = 'postgres://archive.example:5432/news';
      const corpus = {
        ...memory,
        root: memory.root,
        articles: (ids: Parameters<typeof memory.articles>[0]) =>
          archiveDown ? Promise.reject(new DatabaseUnreachableError('archive', where, { read: 'the cited paragraphs' }, 'no', { cause: new Error('Connection terminated unexpectedly') })) : memory.articles(ids),
      };
      await rig.push.stop();
      rig.push = new Push({ database: rig.database, corpus, poster: rig.poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'debug' }, { write: (l) => rig.logs.push(l) }), clock: rig.clock, tickMs: 60_000 });
      await watch(rig, 'militia rocket attacks');
      rig.push.start();
      archiveDown = true;
      await rig.arrive(); // the round's flush cannot read the articles
      expect(rig.poster.posts).toEqual([]);
      // A job that reads only the state database goes through: the archive is not said to answer.
      await rig.push.pauseWatch(GUILD, 1);
      await rig.push.tick();
      const records = () => rig.logs.map((l) => JSON.parse(l) as Record<string, any>);
      expect(records().filter((r) => r.level >= 40).map((r) => r.msg)).toEqual([`the archive (${where}) cannot be reached: watches and schedules wait until it answers (checked again at each tick; no change is lost)`]);
      expect(records().filter((r) => r.msg.includes('answers again'))).toEqual([]);
      // The archive back: the next flush reads it, and that is said once.
      archiveDown = false;
      await rig.push.resumeWatch(GUILD, 1);
      await rig.arrive('z.md', 'Militia rocket attacks\n\nMilitia rocket attacks hit the base again on Friday, officials said.\n');
      expect(rig.poster.posts).toHaveLength(1);
      await rig.push.tick();
      expect(records().filter((r) => r.msg.includes('answers again')).map((r) => r.msg)).toEqual([`the archive (${where}) answers again: watches and schedules carry on`]);
    } finally {
      await rig.close();
    }
  });
});

describe('the held-back notes', () => {
  it('come ahead of every other note (Discord cuts notes at their end), counting what is not listed', async () => {
    const rig = await pushRig('sqlite', { watchDailyCap: 1 });
    try {
      await watch(rig, 'harbour dredging');
      rig.push.start();
      await rig.arrive('a.md', 'Harbour dredging starts\n\nThe harbour dredging contract was signed on Tuesday, the port said.\n');
      await rig.arrive('b.md', 'Harbour dredging delayed\n\nHarbour dredging was delayed by a storm on Wednesday, the port said.\n');
      await rig.arrive('c.md', 'Harbour dredging resumes\n\nHarbour dredging resumed on Thursday after the storm, the port said.\n');
      rig.poster.fitsOneMessage = (answer) => answer.items.length <= 2; // a message that holds two items
      // The next day two more arrive: one is posted, one passes the cap (a note), and b and c are summarised.
      rig.clock.set('2026-12-04T00:00:30.000Z');
      await writeFile(join(rig.dir, 'd.md'), 'Harbour dredging ends\n\nHarbour dredging ended on Friday, the port said.\n');
      await writeFile(join(rig.dir, 'e.md'), 'Harbour dredging costs\n\nHarbour dredging cost more than planned, the port said on Friday.\n');
      await rig.live.rescan();
      await rig.push.idle();
      const { answer } = rig.poster.posts.at(-1)!;
      expect(answer.items.map((i) => i.label)).toHaveLength(2);
      expect(answer.notes[0]).toBe('Watch #1 (harbour dredging): 2 more articles matched on 3 Dec beyond the daily cap of 1; 1 listed above by id (/source <id> shows one), 1 more. /brief harbour dredging covers them.');
      expect(answer.notes.slice(1)).toContain('Watch #1 (harbour dredging) reached its daily cap of 1 article: 1 more today is held back and summarised tomorrow.');
    } finally {
      await rig.close();
    }
  });
});
