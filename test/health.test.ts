import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer, type HealthServer, type HealthSource } from '../src/health.ts';

let server: HealthServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const source = (over: Partial<HealthSource> = {}): HealthSource => ({
  role: () => 'single',
  store: 'memory',
  counts: async () => ({ articles: 5, paragraphs: 69, files: 5, problems: 0 }),
  lastLiveRound: () => ({ at: '2026-12-03T04:00:00.000Z', added: 1, changed: 0, removed: 0 }),
  liveRounds: () => 1,
  ...over,
});

const get = async (path: string) => {
  const res = await fetch(`http://127.0.0.1:${server!.port}${path}`);
  return { status: res.status, text: await res.text() };
};

describe('the health endpoint', () => {
  it('is live and ready when this process serves, with counts and metrics', async () => {
    server = await startHealthServer(0, source());
    expect(await get('/livez')).toEqual({ status: 200, text: 'ok\n' });
    expect(await get('/readyz')).toEqual({ status: 200, text: 'ready\n' });
    const status = JSON.parse((await get('/status')).text);
    expect(status).toMatchObject({ ok: true, role: 'single', store: 'memory', counts: { articles: 5, paragraphs: 69 }, liveRounds: 1 });
    const metrics = (await get('/metrics')).text;
    expect(metrics).toMatch(/^newsroom_ready 1$/m);
    expect(metrics).toMatch(/^newsroom_corpus_articles 5$/m);
    expect(metrics).toMatch(/^newsroom_live_last_round_timestamp_seconds 1796270400$/m);
    expect(metrics).toMatch(/^# TYPE newsroom_live_rounds_total counter$/m);
  });

  it('is live but not ready as a standby, or when the corpus cannot be read, and says why', async () => {
    server = await startHealthServer(0, source({ role: () => 'standby', store: 'postgres' }));
    expect(await get('/livez')).toMatchObject({ status: 200 });
    expect(await get('/readyz')).toEqual({ status: 503, text: 'not ready: this process is a standby\n' });
    await server.close();
    server = await startHealthServer(0, source({ role: () => 'active', counts: async () => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); } }));
    expect(await get('/readyz')).toEqual({ status: 503, text: 'not ready: the corpus cannot be read: connect ECONNREFUSED 127.0.0.1:5432\n' });
    expect((await get('/metrics')).text).toMatch(/^newsroom_corpus_up 0$/m);
    expect((await get('/nope')).status).toBe(404);
  });

  it('stays ready on an archive analysed by other rules, and says so with the command to run in /status and /metrics', async () => {
    const warning = 'The corpus in PostgreSQL was analysed by other rules … until `npm run import -- corpus --reanalyse` reads every file again.';
    server = await startHealthServer(0, source({ role: () => 'active', store: 'postgres', analysis: async () => ({ code: 'new', recorded: 'old', stale: true, warning }) }));
    expect(await get('/readyz')).toEqual({ status: 200, text: 'ready\n' });
    const body = (await get('/status')).text;
    const status = JSON.parse(body);
    expect(status).toMatchObject({ ok: true, analysis: { code: 'new', recorded: 'old', stale: true }, warnings: [warning] });
    // The warning once: in `warnings`, not again beside the versions.
    expect(status.analysis).toEqual({ code: 'new', recorded: 'old', stale: true });
    expect(body.split('analysed by other rules').length - 1).toBe(1);
    expect((await get('/metrics')).text).toMatch(/^newsroom_corpus_analysis_stale 1$/m);
    await server.close();
    server = await startHealthServer(0, source({ role: () => 'active', store: 'postgres', analysis: async () => ({ code: 'new', recorded: 'new', stale: false, warning: null }) }));
    expect(JSON.parse((await get('/status')).text)).toMatchObject({ analysis: { stale: false }, warnings: [] });
    expect((await get('/metrics')).text).toMatch(/^newsroom_corpus_analysis_stale 0$/m);
  });
});
