/**
 * Versions of the code as hashes of its source files, so data made by one version can tell it was made by
 * another: the in-memory snapshot is keyed by every file under src/ (`codeVersion`, src/library.ts); the
 * PostgreSQL archive records the files that shape its rows (`analysisVersion`, src/store/pg/analysis.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The src/ folder these modules run from. */
export const SRC_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * A 16-hex-digit hash of `salt` and of the .ts files under `dir` whose path (relative to `dir`, with `/`)
 * `include` keeps: each file's path and bytes, in path order, so a file added, removed, renamed or edited
 * changes it.
 *
 * @example await hashSources(SRC_DIR, (path) => path.startsWith('text/')) // '3f9c0a…' until a file of src/text changes
 */
export async function hashSources(dir: string, include: (path: string) => boolean, salt: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256');
  for (const s of salt) hash.update(s);
  const files = (await readdir(dir, { recursive: true }))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.split(sep).join('/'))
    .filter(include)
    .sort();
  for (const f of files) hash.update(f).update(await readFile(join(dir, f)));
  return hash.digest('hex').slice(0, 16);
}
