/**
 * An intake set up as the bot runs it, on 127.0.0.1: a copy of the seed corpus served by a library and a
 * live corpus, the guarded fetcher (127.0.0.0/8 allowed, as ALLOWED_PRIVATE_NETWORKS would), the parser
 * in its worker thread, the state database of one engine, and a clock the test moves.
 */
import { rm } from 'node:fs/promises';
import ipaddr from 'ipaddr.js';
import type { IntakeConfig, NetworkRange } from '../../src/config.ts';
import { openDatabase, type Database, type Engine } from '../../src/db/database.ts';
import { createFetcher, type Fetcher } from '../../src/fetch/fetch.ts';
import { createIntakeService, type IntakeService } from '../../src/intake/service.ts';
import { inlineParser, threadParser, type Parser } from '../../src/intake/parser.ts';
import type { PollReport } from '../../src/intake/poller.ts';
import { openLibrary, type Library } from '../../src/library.ts';
import { LiveCorpus } from '../../src/live/watch.ts';
import { freshDatabaseConfig } from './database.ts';
import { seedCopy } from './seeds.ts';

export const LOCAL_NETWORKS: NetworkRange[] = [{ cidr: '127.0.0.0/8', range: ipaddr.parseCIDR('127.0.0.0/8') }];

export const TEST_INTAKE_CONFIG: IntakeConfig = { allowedPrivateNetworks: LOCAL_NETWORKS, feedPollMinutes: 10, feedFirstPollHours: 24, feedMaxFailures: 3 };

export interface IntakeHarness {
  dir: string;
  library: Library;
  live: LiveCorpus;
  database: Database;
  fetcher: Fetcher;
  parser: Parser;
  service: IntakeService;
  polls: PollReport[];
  clock: { now: Date };
  /** Closes everything but the database's data (for a restart); `reopen` builds it again on the same data. */
  restart(): Promise<IntakeHarness>;
  close(): Promise<void>;
}

export async function intakeHarness(engine: Engine, o: { config?: Partial<IntakeConfig>; thread?: boolean; timeoutMs?: number } = {}): Promise<IntakeHarness> {
  const dir = await seedCopy('intake-');
  const db = await freshDatabaseConfig(engine);
  const clock = { now: new Date('2026-02-10T12:00:00Z') };
  const config = { ...TEST_INTAKE_CONFIG, ...o.config };
  const build = async (): Promise<IntakeHarness> => {
    const library = await openLibrary(dir);
    const live = new LiveCorpus(library);
    const database = await openDatabase(db.config);
    const fetcher = createFetcher({ allowedPrivateNetworks: LOCAL_NETWORKS, timeoutMs: o.timeoutMs ?? 2000 });
    const parser = o.thread ? threadParser() : inlineParser;
    const polls: PollReport[] = [];
    const service = createIntakeService({
      corpusDir: dir,
      database,
      fetcher,
      parser,
      config,
      apply: (paths) => live.apply(paths),
      library: () => library,
      now: () => clock.now,
      onPoll: (r) => polls.push(r),
    });
    const shut = async () => {
      await service.close();
      await live.close();
      await fetcher.close();
      await database.close();
    };
    return {
      dir,
      library,
      live,
      database,
      fetcher,
      parser,
      service,
      polls,
      clock,
      restart: async () => {
        await shut();
        return build();
      },
      close: async () => {
        await shut();
        await db.drop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  };
  return build();
}
