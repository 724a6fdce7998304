import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Leadership } from '../../src/store/pg/leader.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { openTestStoreDatabase, type TestStoreDatabase } from './support.ts';

let store: TestStoreDatabase;
let proxy: TcpProxy;

beforeAll(async () => {
  store = await openTestStoreDatabase();
  proxy = await startTcpProxy(Number(new URL(store.url).port));
});
afterAll(async () => {
  await proxy.close();
  await store.close();
});

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('one active process among several', () => {
  it('an active process that loses its lock connection steps down, and a standby takes over', async () => {
    const events: string[] = [];
    const viaProxy = new URL(store.url);
    viaProxy.port = String(proxy.port);
    const make = (name: string, url: string) =>
      new Leadership(url, {
        pollMs: 100,
        onActive: async () => void events.push(`${name} active`),
        onStandby: async () => void events.push(`${name} standby`),
      });
    const a = make('a', viaProxy.toString()).start();
    await until(() => a.role === 'active', 'a to become active');
    const b = make('b', store.url).start();
    await until(() => b.role === 'standby', 'b to stand by');
    expect(a.role).toBe('active');

    await proxy.cut(); // a's connection to the database is gone: its lock is released by the server
    await until(() => b.role === 'active', 'b to take over');
    await until(() => a.role === 'standby', 'a to step down');
    expect(events).toEqual(['a active', 'a standby', 'b active']);

    await proxy.restore();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(a.role).toBe('standby'); // the lock is b's now
    await b.stop();
    await until(() => a.role === 'active', 'a to take over again once b stops');
    await a.stop();
    expect(events).toEqual(['a active', 'a standby', 'b active', 'b standby', 'a active', 'a standby']);
  });
});
