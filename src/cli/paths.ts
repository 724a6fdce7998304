import { fileURLToPath } from 'node:url';

/** The corpus bundled with the project: `corpus/` at the top of the repository. */
export const DEFAULT_CORPUS = fileURLToPath(new URL('../../corpus', import.meta.url));
