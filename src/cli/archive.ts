/**
 * `npm run ask` on the corpus database (CORPUS_STORE=postgres): the answer, or exit code 1 with the reason on
 * stderr when the archive cannot be reached — whether its reading threw (a DatabaseUnreachableError) or the
 * store gave back an answer marked `unreachable` (which Discord and the console say the same way). A script
 * tells an archive that is down from an answer by the exit code, as it does for the state database.
 */
import type { Answer } from '../answer/types.ts';
import { ARCHIVE_READ, archiveOutage } from '../store/types.ts';
import type { PostgresStore } from '../store/pg/store.ts';
import type { Request } from './args.ts';
import { onDatabase, unreachableReply } from '../db/unreachable.ts';

/** An answer, or the exit code of a failure already reported on stderr. */
export type Answered = { answer: Answer } | { code: number };

/** Answers `request` from the archive; an archive that cannot be reached, or any other error, is exit code 1. */
export async function askArchive(store: PostgresStore, request: Request, warn: (message: string) => void): Promise<Answered> {
  try {
    const answer: Answer = await onDatabase(store, 'archive', ARCHIVE_READ).read(async () =>
      request.command === 'watch' && request.since
        ? await (await import('./watch.ts')).watchSinceDatabase(store, request.query, request.since, warn)
        : await store.ask(request.command, request.query, request.limit ? { limit: request.limit } : {}),
    );
    // The store's mark, said as the state database's outage is: on stderr, nothing on stdout, exit code 1.
    const down = archiveOutage(answer);
    if (down) throw down;
    return { answer };
  } catch (err) {
    // An archive that went away says so, its address without the password; any other error in one line.
    warn(unreachableReply(err, 'cli') ?? (err as Error).message);
    return { code: 1 };
  }
}
