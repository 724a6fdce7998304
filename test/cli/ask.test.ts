import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { copyFile, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePng } from '../support/png.ts';
import { SEED_CORPUS } from '../support/seeds.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Runs the CLI; without a snapshot folder (CACHE_DIR=off) unless `cacheDir` is given. */
async function ask(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return askWith({}, ...args);
}

/** Runs the CLI with more environment; a string is the snapshot folder (CACHE_DIR). */
async function askWith(env: Record<string, string> | string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const extra = typeof env === 'string' ? { CACHE_DIR: env } : env;
  try {
    const { stdout, stderr } = await run(TSX, ['src/cli/ask.ts', ...args], { cwd: ROOT, env: { ...process.env, CACHE_DIR: 'off', ...extra } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the ask CLI', () => {
  it('prints the Answer and nothing else on stdout with --json', async () => {
    const { code, stdout } = await ask('source', '001-p4', '--json');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer).sort()).toEqual(['command', 'items', 'notes', 'query', 'sources', 'title']);
    expect(answer.command).toBe('source');
    expect(answer.items[0].citations[0]).toEqual({
      id: expect.stringMatching(/^001-[0-9a-z]{4}$/),
      article: '001',
      paragraph: 4,
      excerpt: expect.stringContaining("it's just a security blip"),
    });
    expect(answer.sources[0]).toEqual({
      article: '001',
      title: 'US embassy in Baghdad draws down diplomats: Iraq officials',
      heading: 'US embassy in Baghdad draws down diplomats: Iraq officials',
      outlet: 'The Straits Times',
      published: '2020-12-03',
      publishedInferred: false,
      url: null,
      path: '001_331889c918708f60.txt',
    });
  });

  it('ranks paragraphs for `search`, each item citing its own paragraph', async () => {
    const { code, stdout } = await ask('search', 'security', 'blip', '--json', '--limit', '3');
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.items).toHaveLength(3);
    for (const item of answer.items) {
      expect(item.citations[0].id).toBe(item.label);
      expect(item.text).toMatch(/security blip/i);
    }
  });

  it('prints text for people by default, with citation ids', async () => {
    const { code, stdout } = await ask('source', '003');
    expect(code).toBe(0);
    expect(stdout).toMatch(/ 1\. 003-[0-9a-z]{4} +BAGHDAD/);
    expect(stdout).toContain('The Washington Post');
    expect(stdout).toContain('reporter credits');
  });

  it('starts from the snapshot in CACHE_DIR as the bot does, writing it the first time; --no-cache leaves it alone', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'ask-cache-'));
    try {
      const first = await askWith(cache, 'brief', 'embassy', 'drawdown');
      const [snapshot] = await readdir(cache);
      expect(snapshot).toMatch(/^snapshot-[0-9a-f]{16}\.json$/);
      const written = (await stat(join(cache, snapshot!))).mtimeMs;
      const warm = await askWith(cache, 'brief', 'embassy', 'drawdown');
      expect(warm).toEqual(first); // the same answer, nothing on stderr (a warm start is quiet)
      expect(warm.stderr).toBe('');
      expect((await stat(join(cache, snapshot!))).mtimeMs).toBe(written); // used as it was, not rewritten

      const fresh = await mkdtemp(join(tmpdir(), 'ask-cache-'));
      const cold = await askWith(fresh, 'brief', 'embassy', 'drawdown', '--no-cache');
      expect(cold.stdout).toBe(first.stdout);
      expect(await readdir(fresh)).toEqual([]);
      await rm(fresh, { recursive: true, force: true });
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it.each([
    [['frob'], /unknown command `frob`/],
    [[], /no command given/],
    [['search', 'x', '--limit', 'many'], /--limit must be a whole number/],
    [['search', 'x', '--verbose'], /unknown option `--verbose`/],
    [['source', '--corpus', '/nonexistent/corpus'], /does not exist/],
    [['brief', '--format', 'timelinejs'], /TimelineJS is made from \/timeline answers, not \/brief/],
    [['brief', '--format', 'csv'], /CSV table is for \/who/],
    [['who', 'Kadhimi', '--format', 'csv'], /^ask: export: the who CSV is the table of names, not one profile: `npm run ask -- who --format csv` makes it$/m],
    [['timeline', '--format', 'pdf'], /--format must be one of md, timelinejs, csv, got `pdf`/],
    [['timeline', '--json', '--format', 'md'], /--json and --format/],
    [['brief', '--chart', 'x.png'], /--chart draws \/timeline answers, not brief/],
    [['timeline', '--chart'], /--chart needs the path/],
    [['timeline', 'embassy', '--chart', 'x.svg'], /--chart writes a PNG image: give a path ending in \.png, got `x\.svg`/],
    [['timeline', 'embassy', '--chart', '/nonexistent/nodir/x.png'], /^ask: --chart: the folder \/nonexistent\/nodir does not exist, so \/nonexistent\/nodir\/x\.png cannot be written$/m],
    [['watch', 'embassy'], /watch needs --since <time>/],
    [['watch', 'embassy', '--since', 'yesterday'], /--since must be a time such as 2026-12-03T07:00:00Z, got `yesterday`/],
    [['brief', 'embassy', '--since', '2026-12-03T07:00:00Z'], /--since is for `watch` only/],
    [['schedule', 'list'], /schedules are run by the bot/],
  ])('exits 2 with a one-line explanation for bad usage %j', async (args, message) => {
    const { code, stdout, stderr } = await ask(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  it('`watch --since` says what an alert would: the articles that arrived after that time (file times), verbatim sentences with ids', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ask-watch-'));
    try {
      for (const f of await readdir(SEED_CORPUS)) {
        await copyFile(join(SEED_CORPUS, f), join(dir, f));
        await utimes(join(dir, f), new Date('2026-01-01T00:00:00Z'), new Date(f.startsWith('000') ? '2026-12-03T09:00:00Z' : '2026-01-01T00:00:00Z'));
      }
      const env = { DATA_DIR: join(dir, 'no-state') };
      const { code, stdout } = await askWith(env, 'watch', 'militia', 'rocket', 'attacks', '--since', '2026-12-03T08:00:00Z', '--corpus', dir, '--json');
      expect(code).toBe(0);
      const answer = JSON.parse(stdout);
      expect(answer.command).toBe('watch');
      expect(answer.title).toBe('🔔 Watch · militia rocket attacks — 1 article since 2026-12-03T08:00:00Z');
      expect(answer.items.length).toBeGreaterThan(0);
      for (const item of answer.items) {
        expect(item.citations[0].article).toBe('000');
        expect(item.citations[0].excerpt).toBe(item.text);
        expect(item.tags[0]).toMatch(/^(now \d+ independent sources|now \d+ articles · \d+ reports?( \(.+\))?|single source so far)$/);
      }
      const other = await askWith(env, 'watch', 'harbour dredging', '--since', '2026-12-03T08:00:00Z', '--corpus', dir);
      expect(other.stdout).toContain('None of them matches “harbour dredging”: a watch on it would have posted nothing.');
      const later = await askWith(env, 'watch', 'militia', '--since', '2026-12-03T10:00:00Z', '--corpus', dir);
      expect(later.stdout).toContain('0 articles arrived after 2026-12-03T10:00:00Z');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the ask CLI when PostgreSQL cannot be reached', () => {
  const PASSWORD = 'pw-Cli-n3ver-shown';
  const DEAD = `postgres://bot:${PASSWORD}@127.0.0.1:1/news`; // nothing listens on port 1

  it('names the database and what to check, never its password: the archive it answers from, the state database `watch --since` reads', async () => {
    const archive = await askWith({ DATABASE_URL: DEAD, CORPUS_STORE: 'postgres' }, 'brief', 'embassy');
    expect(archive.code).toBe(1);
    expect(archive.stderr).toContain('ask: database: cannot use the PostgreSQL database news at 127.0.0.1:1 (postgres://bot@127.0.0.1:1/news): nothing answers on 127.0.0.1:1');
    const state = await askWith({ DATABASE_URL: DEAD, CORPUS_STORE: 'memory' }, 'watch', 'militia', '--since', '2026-12-03T08:00:00Z', '--corpus', SEED_CORPUS);
    expect(state.code).toBe(0); // the answer, from the files' times
    expect(state.stderr).toContain('could not read the arrival times the bot recorded (database: cannot use the PostgreSQL database news at 127.0.0.1:1');
    for (const text of [archive.stdout, archive.stderr, state.stdout, state.stderr]) expect(text).not.toContain(PASSWORD);
  });
});

describe('the ask CLI with a malformed configuration', () => {
  it.each([
    ['DATABASE_URL with a port that is not one, CORPUS_STORE=postgres', { DATABASE_URL: 'postgres://bot:pw-n3ver-shown@127.0.0.1:notaport/news', CORPUS_STORE: 'postgres' }, /^ask: DATABASE_URL must be a URL/],
    ['CORPUS_STORE misspelled', { CORPUS_STORE: 'postgress' }, /^ask: CORPUS_STORE must be memory or postgres, got `postgress`/],
    ['CORPUS_STORE=postgres without DATABASE_URL', { CORPUS_STORE: 'postgres', DATABASE_URL: '' }, /^ask: CORPUS_STORE=postgres needs DATABASE_URL/],
  ])('%s: exits 2 naming the key, and answers from no other corpus', async (_, env, said) => {
    const { code, stdout, stderr } = await askWith(env, 'brief', 'embassy');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(said);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('pw-n3ver-shown');
  });

  it('a malformed key the command line does not read (a bot token) does not stop it', async () => {
    const { code, stdout } = await askWith({ DISCORD_TOKEN: 'not a token' }, 'source', '003');
    expect(code).toBe(0);
    expect(stdout).toContain('The Washington Post');
  });
});

describe('the ask CLI: exports and the chart', () => {
  it.each([
    ['timeline', 'md', /^# Timeline · embassy/],
    ['timeline', 'timelinejs', /^\{\n {2}"title"/],
    ['timeline', 'csv', /^Year,Month,Day,Time,End Year,/],
    ['brief', 'md', /^# Briefing · embassy/],
  ])('%s --format %s prints that export and nothing else on stdout', async (command, format, start) => {
    const { code, stdout } = await ask(command, 'embassy', '--format', format);
    expect(code).toBe(0);
    expect(stdout).toMatch(start);
    if (format === 'timelinejs') expect(JSON.parse(stdout).events.length).toBeGreaterThanOrEqual(3);
  });

  it('who --format csv prints the table of names', async () => {
    const { code, stdout } = await ask('who', '--format', 'csv', '--limit', '3');
    expect(code).toBe(0);
    expect(stdout.split('\r\n')[0]).toBe('name,kind,aliases,articles,mentions,descriptor,citation ids');
    expect(stdout.trim().split('\r\n')).toHaveLength(4);
  });

  it('names the commands worth running next as the shell types them, never as slash commands', async () => {
    const timeline = await ask('timeline', 'xyzzy');
    expect(timeline.stdout).toContain('Note: `npm run ask -- timeline` lists the dated events of the whole corpus.');
    const source = await ask('source', 'qqqq');
    expect(source.stdout).toContain('Note: `npm run ask -- source` lists the articles.');
    for (const { stdout } of [timeline, source]) expect(stdout).not.toMatch(/(^|\s)\/(timeline|source)\b/);
  });

  it('repeats the --corpus given in the command that lists a folder\'s problems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ask-bad corpus-'));
    try {
      await copyFile(join(SEED_CORPUS, '001_331889c918708f60.txt'), join(dir, '001_331889c918708f60.txt'));
      await writeFile(join(dir, 'bad.md'), '---\npublished: Sept 29\n---\nThe embassy was closed on Friday, officials said in a statement.\n');
      const { stderr } = await ask('source', '--corpus', dir);
      expect(stderr).toContain(`ask: 2 corpus files or lines had problems; \`npm run ask -- corpus --corpus '${dir}'\` lists them`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('timeline --chart writes the PNG and says so on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chart-'));
    const path = join(dir, 'out.png');
    const { code, stdout, stderr } = await ask('timeline', 'embassy', '--chart', path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Timeline · embassy/);
    expect(stderr).toMatch(/chart: \d+ events → .*out\.png \(1040×\d+ px\)/);
    const png = decodePng(await readFile(path));
    expect(png.width).toBe(1040);
  });
});
