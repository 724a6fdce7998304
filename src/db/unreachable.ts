/**
 * A database that cannot be reached while doing something a person asked: the one error every door answers
 * the same way, and the one function that words that answer.
 *
 * The services (push's watches and schedules, intake's feeds) run each request's statements through
 * `onDatabase(…)`: reads with `read`, changes with `write`. A PostgreSQL error that means the server cannot
 * be reached (`isUnreachable`) becomes a `DatabaseUnreachableError` that knows which database (the state
 * database or the archive, and where: `describeDatabaseUrl`, never the password), what was asked, and
 * whether the change was made: not, when no statement of it could reach the server (`neverConnected`);
 * perhaps, when the connection broke after one may have. The doors (the Discord dispatcher, the console, the
 * CLI) turn it into words with `unreachableReply`, each its own way of saying what to do; where the database
 * is goes to whoever runs the bot (the console, the CLI, the dispatcher's log line), never to a Discord
 * channel, whose readers cannot act on a host name. SQLite is never unreachable. Nothing is retried behind
 * the person's back: the next request opens a new connection.
 *
 * @example
 * const on = onDatabase(database, 'state', { change: `watch #3`, done: 'removed', retry: '/watch remove', check: '/watch list' });
 * const w = await on.read(() => getWatch(database, 3));
 * await on.write(() => removeWatch(database, 3));
 * // the server down: DatabaseUnreachableError → unreachableReply(err, 'discord')
 * // "The state database could not be reached just now, so watch #3 was not removed. …"
 * // at the console: "The state database (postgres://bot@db:5432/news) could not be reached just now, …"
 */
// Imports nothing: the CLI loads this module without a database driver.

/**
 * Errors that mean a PostgreSQL database cannot be reached (as opposed to a bug in a query): refused, reset,
 * timed out, unknown host, the server shutting down (SQLSTATE classes 08 and 57P), a connection lost.
 * SQLite's never are. A DatabaseUnreachableError is one.
 */
export function isUnreachable(err: unknown): boolean {
  if (err instanceof DatabaseUnreachableError) return true;
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code) ||
    /^(08|57P)/.test(code) ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection.*(closed|lost)/i.test(e?.message ?? '')
  );
}

/**
 * Whether an unreachable database's error came before any statement reached the server: no connection could
 * be made (refused, unknown host, no route, the pool's connect timeout, the server not accepting yet). A write
 * that failed so did not happen; after any other failure it may have.
 */
export function neverConnected(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', '57P03'].includes(e?.code ?? '') || /timeout exceeded when trying to connect/i.test(e?.message ?? '');
}

/** The state database (watches, schedules, feeds: src/db) or the archive (the corpus in PostgreSQL: src/store/pg). */
export type DatabaseRole = 'state' | 'archive';

/** What the person asked: a read (what was being read), or a change (what, its verb, how to retry and check it). */
export type Asked =
  | {
      /** What was being read, e.g. "the watches". */
      read: string;
    }
  | {
      /** What was being changed, e.g. `watch “embassy”`, `feed #3`. */
      change: string;
      /** Its past participle: saved, removed, paused, resumed. */
      done: string;
      /** The command that makes it again, e.g. `/watch add`. */
      retry: string;
      /** The command that shows whether it was made, e.g. `/watch list`. */
      check: string;
    };

/** Who reads the reply: a member in Discord, whoever runs the bot at its console, or the shell (`npm run ask`). */
export type Door = 'discord' | 'console' | 'cli';

/** A database could not be reached while answering someone; `unreachableReply` words it for a door. */
export class DatabaseUnreachableError extends Error {
  constructor(
    readonly database: DatabaseRole,
    /** Where it is, fit for people and logs: the URL without its password (`describeDatabaseUrl`). */
    readonly where: string,
    readonly asked: Asked,
    /** Whether the change was made: 'no' (a read, or no statement of the change reached the server), or 'unknown'. */
    readonly made: 'no' | 'unknown',
    options: { cause: unknown },
  ) {
    super(`${DATABASE_NAMES[database]} at ${where} is unreachable: ${(options.cause as Error)?.message ?? String(options.cause)}`, options);
    this.name = 'DatabaseUnreachableError';
  }
}

const DATABASE_NAMES: Record<DatabaseRole, string> = { state: 'the state database', archive: 'the archive' };

/** The read and write steps of one request (`onDatabase`). */
export interface DatabaseSteps {
  read<T>(work: () => Promise<T>): Promise<T>;
  write<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * The steps of one request on `database` (`where` as `Database.where` or `PostgresStore.where` give it): an
 * unreachable database turns either step's error into a DatabaseUnreachableError about `asked`. A change is
 * 'unknown' once a `write` step may have reached the server: it failed after connecting, or an earlier write
 * ran. Any other error passes unchanged.
 */
export function onDatabase(database: { where: string }, role: DatabaseRole, asked: Asked): DatabaseSteps {
  let wrote = false;
  const step = async <T>(writing: boolean, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof DatabaseUnreachableError || !isUnreachable(err)) throw err;
      const made = 'change' in asked && (wrote || (writing && !neverConnected(err))) ? 'unknown' : 'no';
      throw new DatabaseUnreachableError(role, database.where, asked, made, { cause: err });
    } finally {
      if (writing) wrote = true;
    }
  };
  return { read: (work) => step(false, work), write: (work) => step(true, work) };
}

/**
 * What a door says when a database could not be reached, or null when `err` is no such error: what could not
 * be reached, whether the change was made (a read: nothing changed; not made: try again; perhaps: how to
 * check), and what to do. In Discord the database is named by its role only ("the state database", "the
 * archive") and the reader is told to tell whoever runs the bot, whose log says where it is (the dispatcher
 * logs `where`); at the console and the CLI, read by whoever runs the bot, it is named with where it is (never
 * the password) and the advice is to check the server and DATABASE_URL. An unreachable error that no service
 * wrapped (so which database, and what it did, are unknown) still gets an honest answer.
 *
 * @example unreachableReply(err, 'discord')
 * // "The state database could not be reached just now, so watch “embassy” was not saved. Try /watch add
 * //  again in a moment. If it keeps happening, tell whoever runs the bot; the bot's log says where the state
 * //  database is."
 * unreachableReply(err, 'console')
 * // "The state database (postgres://bot@db:5432/news) could not be reached just now, so watch “embassy” was
 * //  not saved. Try /watch add again in a moment. If it keeps happening, check that PostgreSQL is running …"
 */
export function unreachableReply(err: unknown, door: Door): string | null {
  const advice: Record<Door, string> = {
    discord: 'If it keeps happening, tell whoever runs the bot.',
    console: 'If it keeps happening, check that PostgreSQL is running there and that DATABASE_URL points to it; the bot uses it again as soon as it answers.',
    cli: 'Check that PostgreSQL is running there and that DATABASE_URL points to it, then run the command again.',
  };
  if (!(err instanceof DatabaseUnreachableError)) {
    if (!isUnreachable(err)) return null;
    const again = door === 'cli' ? '' : ' In a moment, check whether it was, and try again if not.';
    return `A database the bot needs stopped answering, so what you asked may or may not have been done.${again} ${advice[door].replace(' there', '')}`;
  }
  const name = DATABASE_NAMES[err.database];
  // Where it is, for whoever runs the bot only: a Discord channel's readers cannot act on a host name.
  const at = door === 'discord' ? capitalise(name) : `${capitalise(name)} (${err.where})`;
  const { asked } = err;
  const sentences: string[] = [];
  if ('read' in asked) {
    sentences.push(`${at} could not be reached just now, so ${asked.read} could not be read; nothing was changed.`);
    if (door !== 'cli') sentences.push('Try again in a moment.');
  } else if (err.made === 'no') {
    sentences.push(`${at} could not be reached just now, so ${asked.change} was not ${asked.done}.`);
    if (door !== 'cli') sentences.push(`Try ${asked.retry} again in a moment.`);
  } else {
    sentences.push(`${at} stopped answering while ${asked.change} was being ${asked.done}, so it may or may not have been.`);
    sentences.push(`Once it is back, ${asked.check} shows whether it was; if not, run ${asked.retry} again.`);
  }
  sentences.push(door === 'discord' ? `If it keeps happening, tell whoever runs the bot; the bot's log says where ${name} is.` : advice[door]);
  return sentences.join(' ');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
