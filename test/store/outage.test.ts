import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCorpusPool } from '../../src/store/pg/connect.ts';
import { importPaths } from '../../src/store/pg/import.ts';
import { PostgresStore } from '../../src/store/pg/store.ts';
import { archiveOutage } from '../../src/store/types.ts';
import { DatabaseError } from '../../src/db/database.ts';
import { describeDatabaseUrl } from '../../src/config.ts';
import { DatabaseUnreachableError, unreachableReply } from '../../src/db/unreachable.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/cli/console.ts';
import { openLibrary } from '../../src/library.ts';
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
    // A password the answers must never show (the test cluster trusts local connections and ignores it).
    const password = 'dummy-pw-7f3a';
    const withPassword = new URL(through(store.url, proxy.port));
    withPassword.password = password;
    const url = withPassword.href;
    const pool = await openCorpusPool(url, { connectTimeoutMs: 1000 });
    try {
      const archive = new PostgresStore(pool, { root: SEED_CORPUS, where: describeDatabaseUrl(url) });
      const before = await archive.ask('source', '001-p4');
      expect(before.items[0]!.label).toBe('001-cnm3');

      await proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 5_100)); // past the store's cached counts
      const where = describeDatabaseUrl(url);
      for (const [command, query] of [['brief', 'embassy'], ['search', 'security blip'], ['source', '002'], ['who', '']] as const) {
        const answer = await archive.ask(command, query);
        // Marked as data (where it is, the driver's reason), no note: each door words the outage its own way.
        expect(answer, `${command} ${query}`).toMatchObject({ command, items: [], notes: [], unreachable: { where, reason: expect.any(String) } });
        // Where: by host and port, never with the password.
        expect(where).toContain(`127.0.0.1:${proxy.port}`);
        expect(where).not.toContain(password);
        expect(JSON.stringify(answer)).not.toContain(password);
        const down = archiveOutage(answer);
        expect(down).toBeInstanceOf(DatabaseUnreachableError);
        expect(unreachableReply(down, 'console')).toContain(`The archive (${where}) could not be reached just now, so the articles could not be read`);
        expect(unreachableReply(down, 'discord')).toBe("The archive could not be reached just now, so the articles could not be read; nothing was changed. Try again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the archive is.");
      }
      expect(await archive.choices('source', '00')).toEqual([]);
      // The cited paragraphs of the Sources button: the doors say the archive could not be reached (not an apology).
      const sources = await archive.paragraphTexts(['001-p4']).catch((e: unknown) => e);
      expect(sources).toBeInstanceOf(DatabaseUnreachableError);
      expect(unreachableReply(sources, 'discord')).toBe("The archive could not be reached just now, so the cited paragraphs could not be read; nothing was changed. Try again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the archive is.");
      expect(unreachableReply(sources, 'console')).toContain(`The archive (${where}) could not be reached just now, so the cited paragraphs could not be read`);

      // The console (whoever runs the bot) says where it is and what to check, and carries on.
      const input = new PassThrough();
      const output = new PassThrough();
      let text = '';
      output.on('data', (c) => (text += String(c)));
      input.end('/brief embassy\n/help\n');
      await runConsole(await openLibrary(SEED_CORPUS), input, output, { store: archive });
      expect(text).toContain(`The archive (${where}) could not be reached just now, so the articles could not be read; nothing was changed. Try again in a moment. If it keeps happening, check that PostgreSQL is running there and that DATABASE_URL points to it; the bot uses it again as soon as it answers.`);
      expect(text).toContain('Type a command as you would in Discord');
      expect(text).not.toContain(password);

      await proxy.restore();
      const after = await archive.ask('source', '001-p4');
      expect(after).toEqual(before);
      expect((await archive.ask('brief', 'embassy')).items.length).toBeGreaterThan(0);
    } finally {
      await pool.end();
    }
  });
});
