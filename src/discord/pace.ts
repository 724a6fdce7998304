/**
 * Answer at once, or acknowledge first? Discord gives an interaction 3 s to be acknowledged. An answer
 * sent at once (one callback) is best: nothing shows before it, and a mistake ("nothing found") can be
 * private from the start. Acknowledging first ("thinking…", public) is needed only when the answer may not
 * be ready in time — and then a mistake can no longer be private without a public flash (a deferred reply
 * keeps the visibility it was deferred with). Answer functions are synchronous, so the choice is made
 * before the work starts, from three things:
 * - the command's own hint (`Command.defer`): a whole-corpus table not built yet, a whole-corpus listing;
 * - how long answers of the same kind (command, topic or none) took lately: one that took longer than the
 *   budget makes the next ones of its kind acknowledge first, until one is fast again;
 * - how long the interaction has already waited (its id carries its creation time): in a burst, the
 *   interactions queued behind a long answer acknowledge first.
 */

/** An answer expected within this many ms (after what the interaction already waited) is sent at once. */
export const AT_ONCE_BUDGET_MS = 1000;

/** How long a slow answer keeps its kind acknowledging first, in ms, unless a fast one clears it sooner. */
const SLOW_MEMORY_MS = 10 * 60 * 1000;

/** What the dispatcher decided for one interaction, for its log line. */
export interface PaceDecision {
  atOnce: boolean;
  /** Why not at once: the command's hint, a recent slow answer of the kind, or the wait so far. */
  reason?: 'hint' | 'slow-lately' | 'waited';
  /** How long the interaction had waited when it reached the dispatcher, in ms (from its id). */
  waitedMs: number;
}

/** The kinds of answer that were slow lately, and the decision made from them. */
export class Pace {
  readonly #slow = new Map<string, number>();
  constructor(
    readonly budgetMs = AT_ONCE_BUDGET_MS,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * Whether to answer at once. `createdAt` is the interaction's creation time (ms since the epoch, from
   * its snowflake id); a clock that disagrees with Discord's only shifts the wait (a negative one counts 0).
   */
  decide(kind: string, hintSlow: boolean, createdAt: number): PaceDecision {
    const waited = Number.isFinite(createdAt) ? Math.max(0, this.now() - createdAt) : 0;
    const waitedMs = Math.round(waited);
    if (hintSlow) return { atOnce: false, reason: 'hint', waitedMs };
    const until = this.#slow.get(kind);
    if (until !== undefined && until > this.now()) return { atOnce: false, reason: 'slow-lately', waitedMs };
    if (waited >= this.budgetMs) return { atOnce: false, reason: 'waited', waitedMs };
    return { atOnce: true, waitedMs };
  }

  /** Records how long an answer of `kind` took to compute (ms). */
  record(kind: string, ms: number): void {
    if (ms > this.budgetMs) this.#slow.set(kind, this.now() + SLOW_MEMORY_MS);
    else if (ms <= this.budgetMs / 2) this.#slow.delete(kind);
  }
}

/** The kind of an answer for pacing: its command and whether it is about a topic or the whole corpus. */
export function paceKind(command: string, query: string): string {
  return `${command}:${query.trim() ? 'topic' : 'all'}`;
}
