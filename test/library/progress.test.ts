/**
 * A load tells how it goes (src/progress.ts): the phases a cold build, a start from the snapshot and a
 * refresh run, with files, articles and paragraphs counted as they come.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibraryWithReport } from '../../src/library.ts';
import type { LoadProgress } from '../../src/progress.ts';
import { seedCopy } from '../support/seeds.ts';

let corpusDir: string;
let cacheDir: string;

beforeEach(async () => {
  [corpusDir, cacheDir] = await Promise.all([seedCopy('corpus-'), mkdtemp(join(tmpdir(), 'cache-'))]);
});
afterEach(async () => {
  await rm(corpusDir, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
});

async function load(cache: string | null): Promise<LoadProgress[]> {
  const seen: LoadProgress[] = [];
  await openLibraryWithReport(corpusDir, { cacheDir: cache, onProgress: (p) => seen.push(p), background: false });
  return seen;
}

/** The phases in the order reported, each once, as `step/steps phase`. */
const phases = (seen: LoadProgress[]) => [...new Set(seen.filter((p) => !p.done).map((p) => `${p.step}/${p.steps} ${p.phase}`))];

describe('load progress', () => {
  it('a cold build without snapshots: read, index, dates, names, then the end with the counts', async () => {
    const seen = await load(null);
    expect(phases(seen)).toEqual(['1/4 read', '2/4 index', '3/4 dates', '4/4 names']);
    expect(seen.at(-1)).toMatchObject({ done: true, fraction: 1, articles: 5, files: { done: 5, total: 5 } });
    expect(seen.at(-1)!.paragraphs).toBeGreaterThan(50);
    // Counts only grow while reading; the names merge cannot say how far it is.
    const reading = seen.filter((p) => p.phase === 'read').map((p) => p.paragraphs);
    expect(reading).toEqual([...reading].sort((a, b) => a - b));
    expect(seen.filter((p) => p.phase === 'names' && !p.done).every((p) => p.fraction === null)).toBe(true);
  });

  it('with a snapshot folder: the first load also saves; the next reads the snapshot and checks the files', async () => {
    expect(phases(await load(cacheDir))).toEqual(['1/2 snapshot', '1/5 read', '2/5 index', '3/5 dates', '4/5 names', '5/5 save']);
    const warm = await load(cacheDir);
    expect(phases(warm)).toEqual(['1/2 snapshot', '2/2 hash']);
    expect(warm.at(-1)).toMatchObject({ done: true, articles: 5 });
  });

  it('a changed file after the snapshot: read again, then the snapshot refreshed', async () => {
    await load(cacheDir);
    await appendFile(join(corpusDir, (await readdir(corpusDir)).find((f) => f.startsWith('004'))!), '\n\nA paragraph added after the snapshot.\n');
    const seen = await load(cacheDir);
    expect(phases(seen)).toEqual(['1/2 snapshot', '2/2 hash', '3/4 read', '4/4 save']);
    expect(seen.find((p) => p.phase === 'read')!.files).toEqual({ done: 0, total: 1 });
  });
});
