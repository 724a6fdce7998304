/**
 * Two Push instances on one state database, both started: two bot processes in the moment one takes over
 * from the other (on PostgreSQL a connection each, as two processes have; on SQLite one connection, as one
 * file allows). Whatever each does, an alert and a scheduled run reach their channel once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINES } from '../support/database.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { Push, type PostResult } from '../../src/push/push.ts';
import type { Answer } from '../../src/answer/types.ts';
import { memoryStore } from '../../src/store/memory.ts';
import { createLogger } from '../../src/log.ts';
import { HELD, PUSH_DEFAULTS, pushRig, RecordingPoster, type PushRig } from './support.ts';

const NEWSROOM = '100000000000000001';
const GUILD = '900000000000000001';

/** A poster whose posts wait at a gate until `release()`: a post in flight while the other process works. */
class GatedPoster extends RecordingPoster {
  inFlight = 0;
  #open: () => void = () => {};
  #gate = new Promise<void>((resolve) => (this.#open = resolve));
  release(): void {
    this.#open();
  }
  override async post(channelId: string, answer: Answer, options: { paged: boolean }): Promise<PostResult> {
    this.inFlight++;
    await this.#gate;
    this.inFlight--;
    return super.post(channelId, answer, options);
  }
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe.each(ENGINES)('two processes on one %s state database', (engine) => {
  let rig: PushRig;
  let others: Push[] = [];
  let connections: Database[] = [];
  afterEach(async () => {
    for (const p of others) void p.stop(); // one may be stuck in a post that never returns: not awaited
    for (const c of connections) await c.close();
    others = [];
    connections = [];
    await rig?.close();
  });

  /** Another process's Push: its own connection on PostgreSQL; the same corpus, clock and settings. */
  async function otherProcess(poster: RecordingPoster): Promise<Push> {
    let database = rig.database as Database;
    if (engine === 'postgres') connections.push((database = await openDatabase(rig.database.config)));
    const push = new Push({ database, corpus: memoryStore(() => rig.library), poster, config: PUSH_DEFAULTS, logger: createLogger({ level: 'silent' }), clock: rig.clock, tickMs: 60_000 });
    others.push(push);
    return push;
  }

  /** The held-back article (or `text` as `file`) arrives; only `hears` is told of the round. */
  async function arriveTo(hears: Push, file = HELD, text?: string): Promise<void> {
    const own = rig.push;
    rig.push = hears;
    try {
      await writeFile(join(rig.dir, file), text ?? (await readFile(join(SEED_CORPUS, HELD))));
      await rig.live.rescan();
    } finally {
      rig.push = own;
    }
  }

  const statuses = async () => (await rig.database.db.selectFrom('push_alerts').select('status').execute()).map((r) => r.status);

  it('posts an alert once when the other process flushes the channel while a post of it is in flight', async () => {
    rig = await pushRig(engine);
    await rig.push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'militia rocket attacks', createdBy: 'editor' });
    const gated = new GatedPoster();
    const old = await otherProcess(gated);
    old.start();
    rig.push.start();
    await Promise.all([old.idle(), rig.push.idle()]);
    await arriveTo(old);
    await until(() => gated.inFlight === 1, 'the first process to be posting the alert');
    // The other process looks at every waiting channel now (as a process taking over does at its start).
    await rig.push.tick();
    expect(rig.poster.posts).toEqual([]);
    expect(new Set(await statuses())).toEqual(new Set(['posting']));
    gated.release();
    await old.idle();
    expect(gated.posts).toHaveLength(1);
    expect(rig.poster.posts).toEqual([]);
    expect(new Set(await statuses())).toEqual(new Set(['posted']));
  });

  it('gives a failed post back to the queue for whoever posts next; a post cut off by a stop is never repeated', async () => {
    rig = await pushRig(engine);
    await rig.push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'militia rocket attacks', createdBy: 'editor' });
    const failing = new RecordingPoster();
    failing.failures.set(NEWSROOM, { ok: false, refused: false, status: 503, reason: 'Discord is unavailable (503)' });
    const first = await otherProcess(failing);
    first.start();
    await first.idle();
    await arriveTo(first);
    await first.idle();
    expect(new Set(await statuses())).toEqual(new Set(['queued']));
    rig.push.start();
    await rig.push.tick();
    expect(rig.poster.posts).toHaveLength(1);
    expect(new Set(await statuses())).toEqual(new Set(['posted']));

    // A process that dies in the middle of a post (its post never returns): the next one to start marks the
    // claimed sentences unconfirmed and does not post them again.
    const { watch } = await rig.push.addWatch({ guildId: GUILD, channelId: NEWSROOM, topic: 'embassy drawdown', createdBy: 'editor' });
    await rig.push.removeWatch(GUILD, watch.id - 1);
    await rig.push.stop();
    const dying = new GatedPoster();
    const dead = await otherProcess(dying);
    dead.start();
    await dead.idle();
    await arriveTo(dead, 'drawdown.md', 'Embassy drawdown widens\n\nThe embassy drawdown widened on Friday as more diplomats left Baghdad.\n');
    await until(() => dying.inFlight === 1, 'the dying process to be posting');
    const next = await otherProcess(rig.poster);
    next.start();
    await next.tick();
    expect(rig.poster.posts).toHaveLength(1);
    expect(new Set(await statuses())).toEqual(new Set(['unconfirmed']));
  });

  it('runs a due schedule once when both processes look at it at the same moment', async () => {
    rig = await pushRig(engine, {}, '2026-12-03T06:00:00.000Z');
    await rig.push.addSchedule({ guildId: GUILD, channelId: NEWSROOM, command: 'brief', topic: 'embassy', time: '07:00', timezone: 'UTC', days: '', createdBy: 'editor' });
    const poster = new RecordingPoster();
    const other = await otherProcess(poster);
    rig.push.start();
    other.start();
    await Promise.all([rig.push.idle(), other.idle()]);
    rig.clock.set('2026-12-03T07:00:01.000Z');
    await Promise.all([rig.push.tick(), other.tick()]);
    expect(rig.poster.posts.length + poster.posts.length).toBe(1);
    rig.clock.set('2026-12-04T07:00:01.000Z');
    await Promise.all([other.tick(), rig.push.tick()]);
    expect(rig.poster.posts.length + poster.posts.length).toBe(2);
    const [row] = await rig.push.listSchedules(GUILD);
    expect(row).toMatchObject({ last_run_at: '2026-12-04T07:00:00.000Z', next_run_at: '2026-12-05T07:00:00.000Z', last_status: 'posted' });
  });
});
