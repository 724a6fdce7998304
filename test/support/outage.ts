/**
 * A PostgreSQL state database the test can take away: a fresh database in the run's server, opened through
 * a TCP proxy (test/support/tcp-proxy.ts) with a password in its URL, so a test can check that the password
 * never reaches a reply or a log line (the test server trusts local connections: any password is accepted).
 */
import { describeDatabaseUrl } from '../../src/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { openTestDatabase } from './database.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';

/** The password in the URLs of `stateBehindProxy`: it must never be shown nor logged. */
export const DATABASE_PASSWORD = 'pw-Outage-n3ver-shown';

export interface DatabaseBehindProxy {
  database: Database;
  proxy: TcpProxy;
  /** The URL the database was opened with (through the proxy, with DATABASE_PASSWORD). */
  url: string;
  /** `describeDatabaseUrl(url)`: what replies may name. */
  where: string;
  /** Runs `work` with the database cut off, then restores it (also when `work` throws). */
  whileCut<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A URL of the same database through `port`, with DATABASE_PASSWORD. */
export function throughPort(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  u.password = DATABASE_PASSWORD;
  return u.toString();
}

/** A fresh, migrated PostgreSQL state database behind a proxy the test cuts; `close()` drops it. */
export async function stateBehindProxy(): Promise<DatabaseBehindProxy> {
  const direct = await openTestDatabase('postgres');
  const proxy = await startTcpProxy(Number(new URL(direct.config.url!).port));
  const url = throughPort(direct.config.url!, proxy.port);
  const database = await openDatabase({ url, dataDir: direct.config.dataDir });
  return {
    database,
    proxy,
    url,
    where: describeDatabaseUrl(url),
    async whileCut(work) {
      await proxy.cut();
      try {
        return await work();
      } finally {
        await proxy.restore();
      }
    },
    async close() {
      await database.close();
      await proxy.close();
      await direct.close();
    },
  };
}
