/**
 * `npm run ask -- watch <topic> --since <time>`: what a watch's alert would say about the articles that
 * arrived after that time. Arrival times the bot recorded are read from the state database when there is
 * one (DATA_DIR's SQLite file, or DATABASE_URL); other articles count from their file's modification time,
 * or on the corpus database (CORPUS_STORE=postgres) from their import.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Library } from '../library.ts';
import type { Answer } from '../answer/types.ts';
import { loadCliConfig } from '../config.ts';
import { openDatabase, SQLITE_FILE } from '../db/database.ts';
import { allArrivals } from '../push/store.ts';
import { arrivedSince, watchAnswer } from '../push/since.ts';
import { memoryStore } from '../store/memory.ts';
import type { PostgresStore } from '../store/pg/store.ts';

export async function watchSince(library: Library, topic: string, since: string, warn: (message: string) => void): Promise<Answer> {
  const recorded = await recordedArrivals(warn);
  const t = Date.parse(since);
  return await watchAnswer(memoryStore(() => library), topic, await arrivedSince(library, t, recorded), t);
}

/** The same on the corpus database (CORPUS_STORE=postgres): articles count from their import when the bot recorded no arrival. */
export async function watchSinceDatabase(store: PostgresStore, topic: string, since: string, warn: (message: string) => void): Promise<Answer> {
  const recorded = await recordedArrivals(warn);
  const t = Date.parse(since);
  const arrived = (await store.arrivedSince(t, recorded)).map((article) => ({ article, previous: null, paragraphs: article.paragraphs }));
  return await watchAnswer(store, topic, arrived, t, 'recorded by the bot, else by the time of their import');
}

/** The arrival times the bot recorded, if a state database is configured and already exists. */
async function recordedArrivals(warn: (message: string) => void): Promise<Map<string, number>> {
  let config;
  try {
    config = loadCliConfig();
  } catch {
    return new Map(); // ask.ts has said what is wrong with the configuration already
  }
  if (!config.database.url && !existsSync(join(config.database.dataDir, SQLITE_FILE))) return new Map();
  try {
    const database = await openDatabase(config.database);
    try {
      return await allArrivals(database);
    } finally {
      await database.close();
    }
  } catch (err) {
    warn(`could not read the arrival times the bot recorded (${(err as Error).message}); using file modification times`);
    return new Map();
  }
}
