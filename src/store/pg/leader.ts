/**
 * One active bot process among several on one database: the active one holds a PostgreSQL advisory lock
 * on a connection of its own; the others are standbys that try to take it every few seconds. When the
 * active process dies its connection closes and the server releases the lock, so a standby takes over
 * within one poll. An active process that loses its lock connection steps down at once (before another
 * could take over), then competes again like a standby. Discord's gateway, the live watcher and whatever
 * posts on its own (feeds, watches, schedules) run only while active.
 */
import pg from 'pg';

/** The advisory lock key of the active bot (any constant every process agrees on). */
export const ACTIVE_LOCK = 0x6163_7476; // "actv"

export type Role = 'starting' | 'active' | 'standby';

export interface LeadershipOptions {
  /** Try for the lock this often while standing by, and check the lock's connection this often while active (ms). */
  pollMs?: number;
  /** Called on becoming active; a failure steps down again (and is reported). */
  onActive: () => Promise<void>;
  /** Called on stepping down (lost connection, or stopping). */
  onStandby: () => Promise<void>;
  onError?: (err: Error) => void;
}

export class Leadership {
  readonly #url: string;
  readonly #options: LeadershipOptions;
  #client: pg.Client | null = null;
  #role: Role = 'starting';
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  #busy: Promise<void> = Promise.resolve();
  /** The lock is held on the current connection. */
  #holding = false;
  /** When this process last became active (ms since the epoch), or null. */
  activeSince: number | null = null;

  constructor(url: string, options: LeadershipOptions) {
    this.#url = url;
    this.#options = options;
  }

  get role(): Role {
    return this.#role;
  }

  /** Starts competing for the lock (first try at once). */
  start(): this {
    this.#tick(0);
    return this;
  }

  /** Steps down (if active) and stops competing. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#busy;
    if (this.#role === 'active') await this.#stepDown();
    await this.#client?.end().catch(() => {});
    this.#client = null;
  }

  #tick(ms: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#busy = this.#poll().finally(() => this.#tick(this.#options.pollMs ?? 5_000));
    }, ms);
  }

  async #poll(): Promise<void> {
    try {
      if (this.#role === 'active' && this.#client && this.#holding) {
        await this.#client.query('select 1');
        return;
      }
      if (!this.#client) this.#client = await this.#connect();
      const { rows } = await this.#client.query<{ got: boolean }>('select pg_try_advisory_lock($1) as got', [ACTIVE_LOCK]);
      if (!rows[0]?.got) {
        this.#role = 'standby';
        return;
      }
      // Holding the lock; 'active' (ready) once Discord and the active-only work have started.
      this.#holding = true;
      this.#role = 'starting';
      try {
        await this.#options.onActive();
        if (!this.#holding) {
          // The lock's connection went while starting: another process may hold it now.
          await this.#stepDown();
          return;
        }
        this.#role = 'active';
        this.activeSince = Date.now();
      } catch (err) {
        this.#options.onError?.(err as Error);
        await this.#stepDown();
        this.#holding = false;
        await this.#client?.query('select pg_advisory_unlock($1)', [ACTIVE_LOCK]).catch(() => {});
      }
    } catch (err) {
      this.#options.onError?.(err as Error);
      await this.#lost();
    }
  }

  async #connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    // The lock lives as long as this connection: losing it means the lock may be someone else's now.
    client.on('error', () => void this.#lost());
    client.on('end', () => void this.#lost());
    await client.connect();
    await client.query(`set application_name = 'newsroom-bot'`);
    return client;
  }

  async #lost(): Promise<void> {
    const client = this.#client;
    this.#client = null;
    this.#holding = false;
    client?.end().catch(() => {});
    if (this.#role === 'active') await this.#stepDown();
  }

  async #stepDown(): Promise<void> {
    this.#role = 'standby';
    this.activeSince = null;
    try {
      await this.#options.onStandby();
    } catch (err) {
      this.#options.onError?.(err as Error);
    }
  }
}
