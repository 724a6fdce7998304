/**
 * `npm run ask` on the corpus database (CORPUS_STORE=postgres): the answer, or exit code 1 with the reason on
 * stderr when the archive cannot be reached — whether its reading threw (a DatabaseUnreachableError) or the
 * store gave back an answer marked `unreachable` (what Discord and the console show as a note). A script
 * tells an archive that is down from an answer by the exit code, as it does for the state database.
 */
import type { Answer } from '../answer/types.ts';
import type { StoreAnswer } from '../store/types.ts';
import type { PostgresStore } from '../store/pg/store.ts';
import type { Request } from './args.ts';
import { DatabaseUnreachableError, onDatabase, unreachableReply, type Asked } from '../db/unreachable.ts';

/** An answer, or the exit code of a failure already reported on stderr. */
export type Answered = { answer: Answer } | { code: number };

/** What the CLI reads from the archive, as its reply says when it cannot. */
const ASKED: Asked = { read: 'the articles' };

/** Answers `request` from the archive; an archive that cannot be reached, or any other error, is exit code 1. */
export async function askArchive(store: PostgresStore, request: Request, warn: (message: string) => void): Promise<Answered> {
  try {
    const answer: Answer | StoreAnswer = await onDatabase(store, 'archive', ASKED).read(async () =>
      request.command === 'watch' && request.since
        ? await (await import('./watch.ts')).watchSinceDatabase(store, request.query, request.since, warn)
        : await store.ask(request.command, request.query, request.limit ? { limit: request.limit } : {}),
    );
    // The store's mark, said as the state database's outage is: on stderr, nothing on stdout, exit code 1.
    if ((answer as StoreAnswer).unreachable) throw new DatabaseUnreachableError('archive', store.where, ASKED, 'no', { cause: answer.notes[0] });
    return { answer };
  } catch (err) {
    // An archive that went away says so, its address without the password; any other error in one line.
    warn(unreachableReply(err, 'cli') ?? (err as Error).message);
    return { code: 1 };
  }
}
