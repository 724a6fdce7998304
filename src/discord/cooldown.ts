/** Per-user cooldown against floods: one action per `seconds`, remembered in memory. */
export class Cooldown {
  readonly #until = new Map<string, number>();
  constructor(
    readonly seconds: number,
    readonly now: () => number = Date.now,
  ) {}

  /**
   * Takes a turn for `key` (e.g. a user id): `0` when allowed (and the clock starts), else the whole
   * seconds to wait.
   * @example const c = new Cooldown(5); c.take('u1'); c.take('u1') // 5
   */
  take(key: string): number {
    if (this.seconds <= 0) return 0;
    const now = this.now();
    const until = this.#until.get(key);
    if (until !== undefined && until > now) return Math.ceil((until - now) / 1000);
    if (this.#until.size > 10_000) for (const [k, t] of this.#until) if (t <= now) this.#until.delete(k);
    this.#until.set(key, now + this.seconds * 1000);
    return 0;
  }
}
