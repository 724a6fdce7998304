/**
 * `npm run ask` on the corpus database (CORPUS_STORE=postgres) when the archive goes away between opening it
 * and answering: the store marks its answer `unreachable`, and the CLI exits 1 as it does for the state
 * database, saying what could not be reached on stderr and nothing on stdout. Driven on the run's PostgreSQL
 * through a proxy the test cuts (the CLI's open and its answer are too close together to cut a process between them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCorpusPool } from '../../src/store/pg/connect.ts';
import { importPaths } from '../../src/store/pg/import.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { describeDatabaseUrl } from '../../src/config.ts';
import { askArchive } from '../../src/cli/archive.ts';
import { parseArgs } from '../../src/cli/args.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from '../store/support.ts';

let store: TestStoreDatabase;
let proxy: TcpProxy;

beforeAll(async () => {
  store = await openTestStoreDatabase();
  await importPaths(store.pool, [SEED_CORPUS]);
  proxy = await startTcpProxy(Number(new URL(store.url).port));
});
afterAll(async () => {
  await proxy.close();
  await store.close();
});

const request = (...argv: string[]) => {
  const parsed = parseArgs(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.request;
};

describe('ask on an archive that went away', () => {
  it('exits 1 with what could not be reached on stderr, as for the state database; the answer once it is back', async () => {
    const u = new URL(store.url);
    u.port = String(proxy.port);
    const url = u.toString();
    const pool = await openCorpusPool(url, { connectTimeoutMs: 1000 });
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    try {
      await proxy.cut();
      // A store opened before the cut, with nothing cached: its answer comes back marked unreachable.
      const archive = new PostgresStore(pool, { root: SEED_CORPUS, where: describeDatabaseUrl(url) });
      expect(await archive.ask('brief', 'embassy')).toMatchObject({ unreachable: { where: describeDatabaseUrl(url) } });
      expect(await askArchive(archive, request('brief', 'embassy'), warn)).toEqual({ code: 1 });
      expect(warnings).toEqual([
        `The archive (${describeDatabaseUrl(url)}) could not be reached just now, so the articles could not be read; nothing was changed. Check that PostgreSQL is running there and that DATABASE_URL points to it, then run the command again.`,
      ]);

      await proxy.restore();
      const answered = await askArchive(archive, request('brief', 'embassy'), warn);
      expect('answer' in answered && answered.answer.items.length).toBeGreaterThan(0);
      expect(warnings).toHaveLength(1);
    } finally {
      await pool.end();
    }
  });
});
