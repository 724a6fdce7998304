/**
 * Where the benchmarks find the development data: `../shared/data` beside the repository (the repository's
 * parent's `shared/data`), or /work/shared/data when the repository is checked out elsewhere (a worktree).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const DATA_DIR = [fileURLToPath(new URL('../../shared/data', import.meta.url)), '/work/shared/data'].find((d) => existsSync(d)) ?? fileURLToPath(new URL('../../shared/data', import.meta.url));

/** A path under the data folder; `--data DIR` on the command line names another data folder. */
export function dataPath(...parts: string[]): string {
  const at = process.argv.indexOf('--data');
  return join(at > 0 && process.argv[at + 1] ? process.argv[at + 1]! : DATA_DIR, ...parts);
}
