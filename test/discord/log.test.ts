import { describe, expect, it } from 'vitest';
import { REDACTED, createLogger, logProgress, scrub } from '../../src/log.ts';
import type { LoadProgress } from '../../src/progress.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.log-test-secret-token';

function capture(pretty = false) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', pretty, secrets: [TOKEN] }, { write: (l) => lines.push(l) });
  return { logger, lines };
}

describe('logger', () => {
  it.each([
    ['a token field', { token: TOKEN }],
    ['a nested token field', { client: { token: TOKEN } }],
    ['an authorization header', { headers: { authorization: `Bot ${TOKEN}` } }],
    ['the token inside a message string', { detail: `login with ${TOKEN} failed` }],
    ['the token inside an error', { err: new Error(`bad token ${TOKEN}`) }],
  ])('%s never reaches the output', (_name, fields) => {
    const { logger, lines } = capture();
    logger.child({ command: 'brief' }).error(fields, `oops ${TOKEN}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(TOKEN);
    expect(lines[0]).not.toContain('log-test-secret-token');
    expect(lines[0]).toContain(REDACTED);
  });

  it('interaction and webhook tokens in URLs are redacted', () => {
    const url = 'https://discord.com/api/v10/webhooks/123/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTA6abcdef/messages/@original';
    expect(scrub(url, [])).toBe(`https://discord.com/api/v10/webhooks/123/${REDACTED}/messages/@original`);
    expect(scrub('/interactions/1/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1/callback', [])).toBe(`/interactions/1/${REDACTED}/callback`);
  });

  it('child loggers carry their fixed keys; the level is honoured', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (l) => lines.push(l) });
    logger.child({ command: 'who', guild: '1', user: '2' }).info({ latencyMs: 12, outcome: 'answered' }, 'interaction');
    logger.debug('hidden');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, command: 'who', guild: '1', user: '2', latencyMs: 12, outcome: 'answered', msg: 'interaction' });
  });

  it('pretty output is one readable line per record, still scrubbed', () => {
    const { logger, lines } = capture(true);
    logger.child({ command: 'brief' }).warn({ latencyMs: 3 }, `slow ${TOKEN}`);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d WARN  slow \[redacted\] command=brief latencyMs=3\n$/);
  });
});

describe('load progress as log lines (the bot)', () => {
  const at = (elapsedMs: number, phase: LoadProgress['phase'], o: Partial<LoadProgress> = {}): LoadProgress => ({
    phase,
    step: 2,
    steps: 4,
    fraction: 0.5,
    files: { done: 1, total: 1 },
    articles: 19043,
    paragraphs: 105355,
    elapsedMs,
    phaseMs: 1000,
    etaMs: 4000,
    done: false,
    ...o,
  });

  it('says nothing for a short load; then a line per phase and one every 10 s, with the figures; never the end', () => {
    const lines: string[] = [];
    const listener = logProgress(createLogger({ level: 'info' }, { write: (l) => lines.push(l) }));
    [at(1500, 'read'), at(2500, 'index'), at(9000, 'index'), at(12_600, 'index'), at(13_000, 'dates', { fraction: null, etaMs: null }), at(14_000, 'dates', { done: true })].forEach(listener);
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.msg, r.elapsedMs])).toEqual([
      ['loading the corpus: indexing the paragraphs', 2500],
      ['loading the corpus: indexing the paragraphs', 12_600],
      ['loading the corpus: finding the dates', 13_000],
    ]);
    expect(records[0]).toMatchObject({ level: 30, phase: 'index', step: 2, steps: 4, percent: 50, files: 1, filesTotal: 1, articles: 19043, paragraphs: 105355, etaMs: 4000 });
    expect(records[2]).toMatchObject({ percent: null, etaMs: null });
  });
});
