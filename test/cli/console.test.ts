import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { runConsole } from '../../src/cli/console.ts';
import { seedLibrary } from '../support/seeds.ts';
import { ask } from '../../src/answer/index.ts';
import { renderText } from '../../src/render/text.ts';
import type { IntakeService } from '../../src/intake/service.ts';
import type { Answer } from '../../src/answer/types.ts';

async function session(lines: string[], options: Parameters<typeof runConsole>[3] = {}): Promise<string> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c) => chunks.push(String(c)));
  await runConsole(await seedLibrary(), Readable.from(lines.map((l) => `${l}\n`)), output, options);
  return chunks.join('');
}

/** An intake service that records what each call was given and answers with it. */
function recordingIntake(calls: unknown[][]): IntakeService {
  const answer = (title: string): Answer => ({ command: 'feed', query: '', title, items: [], sources: [], notes: [] });
  const record = (name: string) => async (...args: unknown[]) => (calls.push([name, ...args]), answer(name));
  return { addLink: record('addLink'), subscribe: record('subscribe'), list: record('list'), remove: record('remove'), pause: record('pause'), resume: record('resume') } as unknown as IntakeService;
}

describe('the local console', () => {
  it('answers a typed command with the same text the renderer gives for that Answer', async () => {
    const out = await session(['/source 001-p4']);
    expect(out).toContain(renderText(ask(await seedLibrary(), 'source', '001-p4')));
  });

  it('greets with the corpus counted in the singular when there is one', async () => {
    const store = { where: 'postgres://db/news', counts: async () => ({ articles: 1, paragraphs: 1, problems: 1 }) };
    const out = await session([], { store: store as unknown as NonNullable<Parameters<typeof runConsole>[3]>['store'] });
    expect(out).toContain('local console on postgres://db/news (1 article, 1 paragraph)\n1 corpus problem: type /corpus to see them.\n');
  });

  it('accepts commands with or without the slash, and options', async () => {
    const out = await session(['search security blip --limit 1']);
    expect(out).toContain('Search · security blip');
    expect(out.match(/^ {0,2}\d+\. /gm)).toHaveLength(1);
  });

  it('explains an unknown command and keeps going', async () => {
    const out = await session(['/breif embassy', '/source 004-p1']);
    expect(out).toContain('unknown command `/breif`');
    expect(out).toMatch(/Source · 004-p1 → 004-[0-9a-z]{4}/);
  });

  it('stops at /quit', async () => {
    const out = await session(['/quit', '/source']);
    expect(out).not.toContain('Sources · 5 articles');
  });

  it('reads /add and /feed options as Discord names them (url:, feed:, interval:), or the address as a bare word', async () => {
    const calls: unknown[][] = [];
    const me = { guildId: null };
    const out = await session(
      ['/add url:https://news.example/a', '/add https://news.example/b', '/feed add url: https://news.example/rss.xml interval:30', '/feed add https://news.example/atom.xml', '/feed pause feed:3', '/feed resume 3', '/feed remove feed: https://news.example/rss.xml', '/feed add url:https://x.example/rss interval:0'],
      { intake: recordingIntake(calls) },
    );
    expect(calls).toEqual([
      ['addLink', 'https://news.example/a'],
      ['addLink', 'https://news.example/b'],
      ['subscribe', 'https://news.example/rss.xml', { ...me, intervalMinutes: 30 }],
      ['subscribe', 'https://news.example/atom.xml', { ...me, intervalMinutes: null }],
      ['pause', '3', me],
      ['resume', '3', me],
      ['remove', 'https://news.example/rss.xml', me],
    ]);
    expect(out).toContain('interval must be a whole number of minutes from 1 to 1440, got `0`');
  });

  it('answers /watches and /schedules as /watch list and /schedule list, never "unknown command"', async () => {
    const out = await session(['/watches', '/schedules', '/help']);
    expect(out).not.toContain('unknown command');
    // Without the state database the console says why there are none, in the words of /help and /add.
    const why = 'This console runs without the state database (DATABASE_URL or DATA_DIR), which they keep their state in.';
    expect(out).toContain(`/watches is not run at this console. ${why}`);
    expect(out).toContain(`/schedules is not run at this console. ${why}`);
    expect(out).toContain(`Not at this console: /watch, /schedule, /watches, /schedules, /add, /feed. ${why}`);
    // …and /help does not offer them.
    expect(out).toContain('Not at this console: /watch, /schedule, /watches, /schedules, /add, /feed.');
    expect(out).not.toContain('/watch add topic:');
  });

  it('on the database store, /help lists only what the console runs, and /feed and /add say why they are not run, not "unknown command"', async () => {
    const store = { where: 'postgres://db/news', counts: async () => ({ articles: 5, paragraphs: 20, problems: 0 }) };
    const out = await session(['/help', '/feed list', '/add url:https://news.example/a'], { store: store as unknown as NonNullable<Parameters<typeof runConsole>[3]>['store'] });
    expect(out).not.toContain('unknown command');
    expect(out).not.toMatch(/^ +\/(watch|schedule|watches|add|feed)\b/m);
    expect(out).toContain('Not at this console: /watch, /schedule, /watches, /schedules, /add, /feed. This console reads the corpus from PostgreSQL (CORPUS_STORE=postgres) and writes nothing');
    expect(out).toContain('/feed is not run at this console. This console reads the corpus from PostgreSQL');
    expect(out).toContain('/add is not run at this console.');
    // …and /watch and /watches the same way.
    const watches = await session(['/watch list', '/watches'], { store: store as unknown as NonNullable<Parameters<typeof runConsole>[3]>['store'] });
    expect(watches).toContain('/watch is not run at this console. This console reads the corpus from PostgreSQL (CORPUS_STORE=postgres) and writes nothing');
    expect(watches).toContain('/watches is not run at this console. This console reads the corpus from PostgreSQL (CORPUS_STORE=postgres) and writes nothing');
  });

  it('with watches and intake running, /help lists them and says nothing is missing', async () => {
    const out = await session(['/help'], { intake: recordingIntake([]), push: {} as unknown as NonNullable<Parameters<typeof runConsole>[3]>['push'] });
    expect(out).toMatch(/^ +\/watch add topic:/m);
    expect(out).toMatch(/^ +\/feed add url:/m);
    expect(out).not.toContain('Not at this console');
  });

  it('says a chart that cannot be written before answering', async () => {
    const out = await session(['/timeline embassy --chart /nonexistent/nodir/x.png']);
    expect(out).toContain('--chart: the folder /nonexistent/nodir does not exist, so /nonexistent/nodir/x.png cannot be written');
    expect(out).not.toContain('Timeline · embassy');
  });
});
