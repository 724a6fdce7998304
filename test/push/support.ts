/**
 * Push under test: the seed corpus without article 000 (held back to "arrive" later), a live corpus on it,
 * a state database of either engine, a clock the test moves, and a poster that records what it is given.
 */
import { copyFile, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary, type Library } from '../../src/library.ts';
import { LiveCorpus } from '../../src/live/watch.ts';
import { Push, type Clock, type Poster, type PostResult } from '../../src/push/push.ts';
import type { Answer } from '../../src/answer/types.ts';
import type { Database, Engine } from '../../src/db/database.ts';
import type { PushConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { openTestDatabase } from '../support/database.ts';
import { SEED_CORPUS } from '../support/seeds.ts';
import { memoryStore } from '../../src/store/memory.ts';

/** The seed held back: it reports the militia rocket attacks and the embassy drawdown. */
export const HELD = '000_376adea00c3acb7d.txt';

/** When the seeds' files were last modified, as the tests have it: long before any test clock's time. */
export const SEED_FILE_TIME = new Date('2020-12-04T00:00:00.000Z');

/**
 * A new folder with the seed corpus without HELD. The files' modification times are set to SEED_FILE_TIME
 * (a copy is "modified" now, and an article without a recorded arrival arrived at its file's time: the test
 * clocks' dates would otherwise fall before or after it depending on the day the tests run).
 */
export async function seedsWithoutHeld(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  for (const f of await readdir(SEED_CORPUS)) {
    if (f === HELD) continue;
    await copyFile(join(SEED_CORPUS, f), join(dir, f));
    await utimes(join(dir, f), SEED_FILE_TIME, SEED_FILE_TIME);
  }
  return dir;
}

export class RecordingPoster implements Poster {
  readonly posts: Array<{ channelId: string; answer: Answer; paged: boolean }> = [];
  /** Channels whose posts fail with this result. */
  readonly failures = new Map<string, PostResult>();
  fitsOneMessage(answer: Answer): boolean {
    return answer.items.length <= 8;
  }
  async post(channelId: string, answer: Answer, options: { paged: boolean }): Promise<PostResult> {
    const failure = this.failures.get(channelId);
    if (failure) return failure;
    this.posts.push({ channelId, answer, paged: options.paged });
    return { ok: true };
  }
}

export class TestClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface PushRig {
  dir: string;
  library: Library;
  live: LiveCorpus;
  push: Push;
  poster: RecordingPoster;
  clock: TestClock;
  logs: string[];
  database: Awaited<ReturnType<typeof openTestDatabase>>;
  /** Brings the held-back article in (or writes `text` to `file`) and waits until push has handled the round. */
  arrive(file?: string, text?: string): Promise<void>;
  /** A new Push on the same database and library, as after a restart (the old one stopped). */
  restart(): Promise<Push>;
  close(): Promise<void>;
}

export const PUSH_DEFAULTS: PushConfig = { alertIntervalSeconds: 0, watchDailyCap: 20, scheduleGraceMinutes: 60 };

export async function pushRig(engine: Engine, config: Partial<PushConfig> = {}, start = '2026-12-03T08:00:00.000Z'): Promise<PushRig> {
  const dir = await seedsWithoutHeld('push-');
  const library = await openLibrary(dir);
  const database = await openTestDatabase(engine);
  const poster = new RecordingPoster();
  const clock = new TestClock(Date.parse(start));
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug' }, { write: (l) => logs.push(l) });
  const make = () => new Push({ database, corpus: memoryStore(() => rig.library), poster, config: { ...PUSH_DEFAULTS, ...config }, logger, clock, tickMs: 60_000 });
  const live = new LiveCorpus(library, { onUpdate: (u) => rig.push.onLiveUpdate(u) });
  const rig: PushRig = {
    dir,
    library,
    live,
    push: make(),
    poster,
    clock,
    logs,
    database,
    async arrive(file = HELD, text?: string) {
      await writeFile(join(dir, file), text ?? (await readFile(join(SEED_CORPUS, HELD))));
      await live.rescan();
      await rig.push.idle();
    },
    async restart() {
      await rig.push.stop();
      rig.push = make();
      return rig.push;
    },
    async close() {
      await rig.push.stop();
      await live.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/**
 * Counts the SQL statements run on a state database from now until `stop()` (a Kysely plugin on the
 * connection push uses), leaving out those on `push_schedules`: the timer reads the next due time on its own
 * schedule, so they would make a count depend on timing.
 */
export function countStatements(database: Database): { readonly count: number; stop(): void } {
  const original = database.db;
  let count = 0;
  database.db = original.withPlugin({
    transformQuery: (args) => {
      if (!JSON.stringify(args.node).includes('"push_schedules"')) count++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return {
    get count() {
      return count;
    },
    stop: () => {
      database.db = original;
    },
  };
}
