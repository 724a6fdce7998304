import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLibrary, type Library } from '../../src/library.ts';
import { loadCorpus } from '../../src/corpus/load.ts';

/** The bundled corpus folder (the five seed articles). */
export const SEED_CORPUS = fileURLToPath(new URL('../../corpus', import.meta.url));

let cached: Promise<Library> | undefined;

/** The library on the bundled corpus, built once per test file. Answers never mutate it. */
export function seedLibrary(): Promise<Library> {
  cached ??= loadCorpus(SEED_CORPUS).then(buildLibrary);
  return cached;
}

/** A fresh temporary folder holding a copy of the seed articles (for tests that change the corpus). */
export async function seedCopy(prefix = 'seeds-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  for (const f of await readdir(SEED_CORPUS)) await copyFile(join(SEED_CORPUS, f), join(dir, f));
  return dir;
}
