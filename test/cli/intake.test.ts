import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startWebServer, type WebServer } from '../support/web-server.ts';
import { articlePage, rssFeed } from '../support/pages.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

let web: WebServer;
let dir: string;

async function ask(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/ask.ts', ...args], { cwd: ROOT, env: { ...process.env, ALLOWED_PRIVATE_NETWORKS: '127.0.0.0/8', DISCORD_TOKEN: '' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  web = await startWebServer({
    '/news/bridge': { body: articlePage({ canonical: null }) },
    '/news/ferry': { body: articlePage({ headline: 'Ferry strike called off', canonical: null, datePublished: '2020-01-05' }) },
    '/feed.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rssFeed([
          { title: 'Harbour bridge closed', link: web.url('/news/bridge'), guid: 'b1', date: 'Tue, 10 Feb 2026 11:00:00 GMT' },
          { title: 'Ferry strike called off', link: web.url('/news/ferry'), guid: 'f1', date: 'Sun, 05 Jan 2020 08:00:00 GMT' },
          { title: 'A page that is gone', link: web.url('/news/gone'), guid: 'g1', description: '<p>The feed keeps this short text of its own about the harbour, which the bot takes when the page is gone: enough words to be an article.</p>' },
        ]),
      );
    },
  });
  dir = await mkdtemp(join(tmpdir(), 'ask-intake-'));
});
afterAll(async () => {
  await web.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ask add and ask feed', () => {
  it('add: prints an Answer whose first source is the added article, and writes the file', async () => {
    const { code, stdout } = await ask('add', web.url('/news/bridge'), '--corpus', dir, '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.command).toBe('add');
    expect(answer.sources[0]).toMatchObject({ title: 'Harbour bridge closed to lorries after cracks found', outlet: 'The Harbour Gazette', published: '2026-02-10', url: web.url('/news/bridge') });
    expect(answer.items[0].citations[0].id).toMatch(new RegExp(`^${answer.sources[0].article}-[0-9a-z]{4}$`));
    expect(await readdir(join(dir, 'added'))).toEqual([`harbour-bridge-closed-to-lorries-after-cracks-found-${answer.sources[0].article}.md`]);
  });

  it('feed: adds every item it holds now (no first-poll window), and says what it skipped and why', async () => {
    const { code, stdout } = await ask('feed', web.url('/feed.xml'), '--corpus', dir, '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.command).toBe('feed');
    expect(answer.items.map((i: { label: string }) => i.label)).toEqual(['duplicate', 'added', 'added']);
    expect(answer.items[0].tags[0]).toMatch(/already in the corpus as added\//);
    expect(answer.items[2].tags[0]).toMatch(/^from the feed's own text, not the page; the page could not be read: .*404/);
    expect(answer.sources.map((s: { title: string }) => s.title)).toEqual(['Ferry strike called off', 'A page that is gone']);
    // The article written from the feed's text says so wherever it is cited, beside the page's address.
    expect(answer.sources[1]).toMatchObject({ url: web.url('/news/gone'), note: expect.stringMatching(/^from the feed's own text, not the page/) });
  });

  it('add again: says the page is already in the corpus, unchanged, and names the commands that read it as the shell types them', async () => {
    const file = join(dir, 'added', (await readdir(join(dir, 'added'))).find((f) => f.startsWith('harbour-bridge'))!);
    const before = await readFile(file, 'utf8');
    const { code, stdout } = await ask('add', web.url('/news/bridge'), '--corpus', dir);
    expect(code).toBe(0);
    const id = /First paragraphs: (([a-z0-9]+)-[0-9a-z]{4})/.exec(stdout)!;
    expect(stdout.split('\n')[0]).toBe('Already in the corpus · Harbour bridge closed to lorries after cracks found');
    expect(stdout).toMatch(new RegExp(`Note: Article ${id[2]} is already in the corpus, unchanged since it was added on .+: nothing was written\\.`));
    expect(await readFile(file, 'utf8')).toBe(before); // its fetch time too
    expect(stdout).toContain(`Note: \`npm run ask -- source ${id[1]} --corpus ${dir}\` reads a paragraph with its neighbours.`);
    expect(stdout).toContain(`Note: \`npm run ask -- source ${id[2]} --corpus ${dir}\` shows the whole article.`);
    expect(stdout).not.toMatch(/(^|\s)\/source\b/);
  });

  it.each([
    [['add', 'https://a.example/1', 'https://a.example/2'], 2, /add takes one address, got 2/],
    [['add', 'notaurl'], 1, /is not a web address/],
    [['add', 'http://10.1.2.3/x'], 1, /public addresses/],
    [['feed', 'https://x.example/feed', '--limit', '3'], 2, /unknown option `--limit`/],
  ])('%j exits %i with a one-line reason', async (args, status, message) => {
    const { code, stderr } = await ask(...args, '--corpus', dir);
    expect(code).toBe(status);
    expect(stderr).toMatch(message);
  });
});
