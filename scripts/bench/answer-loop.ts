/**
 * Answers asked back to back while other work runs (a live round, push on a round): the longest wait
 * between two answers — what a person asking then would feel — per phase, and each answer's latency.
 *
 * @example const loop = new AnswerLoop(() => ask(library, 'search', next())); await work(); await loop.stop(); loop.longestWait.main
 */
export class AnswerLoop {
  readonly latencies: number[] = [];
  /** The longest gap between two answers (ms), by the phase it ended in. */
  readonly longestWait: Record<string, number> = {};
  /** The phase gaps are counted under from now on. */
  phase = 'main';
  #done = false;
  readonly #finished: Promise<void>;

  constructor(answer: () => void) {
    let last = performance.now();
    this.#finished = new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        this.longestWait[this.phase] = Math.max(this.longestWait[this.phase] ?? 0, now - last);
        if (this.#done) return resolve();
        const t = performance.now();
        answer();
        this.latencies.push(performance.now() - t);
        last = performance.now();
        setImmediate(tick);
      };
      setImmediate(tick);
    });
  }

  /** Stops asking (after the answer in progress). */
  async stop(): Promise<void> {
    this.#done = true;
    await this.#finished;
  }
}
