import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCorpusPool } from '../../src/store/pg/connect.ts';
import { importPaths } from '../../src/store/pg/import.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { archiveUnreachable } from '../../src/store/types.ts';
import { DatabaseError } from '../../src/db/database.ts';
import { describeDatabaseUrl } from '../../src/config.ts';
import { DatabaseUnreachableError, unreachableReply } from '../../src/db/unreachable.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';

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

const through = (url: string, port: number) => {
  const u = new URL(url);
  u.port = String(port);
  return u.toString();
};

describe('the corpus database in bad conditions', () => {
  it('unreachable at start: a clear error naming the host and database, never the password', async () => {
    const u = new URL(store.url);
    u.password = 's3cret-pw';
    u.port = '1'; // nothing listens there
    const err = await openCorpusPool(u.toString(), { connectTimeoutMs: 2000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    const message = (err as Error).message;
    expect(message).toContain(`cannot use the PostgreSQL database ${u.pathname.slice(1)} at 127.0.0.1:1`);
    expect(message).toContain('nothing answers on 127.0.0.1:1');
    expect(message).not.toContain('s3cret-pw');
  });

  it('lost under a checked-out connection: its query fails, and nothing is thrown outside it (the process would crash)', async () => {
    const pool = await openCorpusPool(through(store.url, proxy.port), { connectTimeoutMs: 1000 });
    let cut = false;
    try {
      const client = await pool.connect();
      // The pool listens for a client's errors only while it is idle; an 'error' nobody hears is thrown.
      expect(() => client.emit('error', new Error('lost'))).not.toThrow();
      const ended = new Promise((resolve) => client.once('end', resolve));
      await proxy.cut();
      cut = true;
      await ended; // the connection's end read, and its 'error' emitted, without an uncaught exception
      await expect(client.query('select 1')).rejects.toThrow();
      client.release(true);
    } finally {
      if (cut) await proxy.restore();
      else await pool.end();
    }
    try {
      expect((await pool.query<{ n: number }>('select 1 as n')).rows).toEqual([{ n: 1 }]);
    } finally {
      await pool.end();
    }
  });

  it('lost while running: answers fail politely, then come back once it does, with nothing lost', async () => {
    const url = through(store.url, proxy.port);
    const pool = await openCorpusPool(url, { connectTimeoutMs: 1000 });
    try {
      const archive = new PostgresStore(pool, { root: SEED_CORPUS, where: describeDatabaseUrl(url) });
      const before = await archive.ask('source', '001-p4');
      expect(before.items[0]!.label).toBe('001-cnm3');

      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 5_100)); // past the store's cached counts
      for (const [command, query] of [['brief', 'embassy'], ['search', 'security blip'], ['source', '002'], ['who', '']] as const) {
        const answer = await archive.ask(command, query);
        expect(answer, `${command} ${query}`).toMatchObject({ command, items: [], notes: [archiveUnreachable(describeDatabaseUrl(url))], unreachable: true });
        // The note says which archive, by host and port, never with the password.
        expect(answer.notes[0]).toContain(`127.0.0.1:${proxy.port}`);
        const password = new URL(url).password;
        if (password) expect(answer.notes[0]).not.toContain(password);
      }
      expect(await archive.choices('source', '00')).toEqual([]);
      // The cited paragraphs of the Sources button: the doors say the archive could not be reached (not an apology).
      const sources = await archive.paragraphTexts(['001-p4']).catch((e: unknown) => e);
      expect(sources).toBeInstanceOf(DatabaseUnreachableError);
      expect(unreachableReply(sources, 'discord')).toBe(`The archive (${describeDatabaseUrl(url)}) could not be reached just now, so the cited paragraphs could not be read; nothing was changed. Try again in a moment. If it keeps happening, tell whoever runs the bot.`);

      await proxy.restore();
      const after = await archive.ask('source', '001-p4');
      expect(after).toEqual(before);
      expect((await archive.ask('brief', 'embassy')).items.length).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });
});
