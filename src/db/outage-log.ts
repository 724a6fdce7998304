/**
 * What a background job (push's ticks, feed polling) logs while a database cannot be reached: one warning
 * when it goes down — which database and where (`describeDatabaseUrl`, never the password), and what waits —
 * and one info line when it answers again; no stack, nothing each tick in between. Any other error is a bug
 * and is left to the caller, which logs it with its stack.
 *
 * @example
 * const outage = new OutageLog(logger, 'state', database.where, 'watches and schedules');
 * try { await tick(); outage.answered(); } catch (err) { if (!outage.failed(err)) logger.error({ err }, 'push work failed'); }
 */
import type { Logger } from 'pino';
import { DatabaseUnreachableError, isUnreachable, type DatabaseRole } from './unreachable.ts';

const NAMES: Record<DatabaseRole, string> = { state: 'the state database', archive: 'the archive' };

export class OutageLog {
  /** Each database down, as last seen, with where it is: one can go down while the other already is. */
  readonly #down = new Map<DatabaseRole, string>();

  /** `role` and `where`: the database the job's unreachable errors are about, unless an error says its own. */
  constructor(
    private readonly logger: Logger,
    private readonly role: DatabaseRole,
    private readonly where: string,
    /** What waits while it is down, e.g. "watches and schedules". */
    private readonly what: string,
  ) {}

  /** Whether a database (`role`: any) is down, as last seen. */
  down(role?: DatabaseRole): boolean {
    return role ? this.#down.has(role) : this.#down.size > 0;
  }

  /**
   * The job's work went through on these databases (the job's own role unless said): says so once for each
   * that had been down. A database the job did not use is not said to answer.
   */
  answered(roles: readonly DatabaseRole[] = [this.role]): void {
    for (const database of roles) {
      const where = this.#down.get(database);
      if (where === undefined) continue;
      this.#down.delete(database);
      this.logger.info({ database, where }, `${NAMES[database]} (${where}) answers again: ${this.what} carry on`);
    }
  }

  /**
   * The job's work failed: true when it was an unreachable database (a warning the first time for each
   * database, nothing after while it stays down),
   * false for any other error (the caller logs it, with its stack).
   */
  failed(err: unknown): boolean {
    if (!isUnreachable(err)) return false;
    const own = err instanceof DatabaseUnreachableError;
    const database = own ? err.database : this.role;
    if (this.#down.has(database)) return true;
    const where = own ? err.where : this.where;
    this.#down.set(database, where);
    const cause = own ? (err.cause as Error | undefined) : (err as Error);
    this.logger.warn(
      { database, where, reason: cause?.message ?? String(err) },
      `${NAMES[database]} (${where}) cannot be reached: ${this.what} wait until it answers (checked again at each tick; no change is lost)`,
    );
    return true;
  }
}
