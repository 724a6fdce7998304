import { describe, expect, it } from 'vitest';
import { REDACTED, createLogger, scrub } from '../../src/log.ts';

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
