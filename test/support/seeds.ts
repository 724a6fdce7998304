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
