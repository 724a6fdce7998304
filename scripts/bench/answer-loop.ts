/**
 * Answers asked back to back while other work runs (a live round, push on a round, a feed burst): the
 * longest wait between two answers — what a person asking at the worst moment would feel on top of their
 * answer — per phase, and each answer's own latency.
 *
 * @example const loop = new AnswerLoop(() => ask(library, 'search', next())); await work(); await loop.stop(); loop.longestWait.main
 */
export class AnswerLoop {
  readonly latencies: number[] = [];
  /** The longest gap between two answers (ms), by the phase it ended in. */
  readonly longestWait: Record<string, number> = {};
  /** The phase gaps are counted under from now on (unless a `label` function names it). */
  phase = 'main';
  #done = false;
  readonly #finished: Promise<void>;

  constructor(answer: (n: number) => void, label?: () => string) {
    let last = performance.now();
    let n = 0;
    this.#finished = new Promise<void>((resolve) => {
      const tick = () => {
        const now = performance.now();
        const phase = label ? label() : this.phase;
        this.longestWait[phase] = Math.max(this.longestWait[phase] ?? 0, now - last);
        if (this.#done) return resolve();
        const t = performance.now();
        answer(n++);
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

  /** The longest wait over every phase (ms). */
  get longestWaitMs(): number {
    return Math.max(0, ...Object.values(this.longestWait));
  }
}

/** The loop as a function: `stop()` resolves with the latencies, the longest wait and the waits by label. */
export function answerLoop(answer: (n: number) => void, o: { label?: () => string } = {}): { stop(): Promise<{ latencies: number[]; longestWaitMs: number; waits: Record<string, number> }> } {
  const loop = new AnswerLoop(answer, o.label);
  return {
    async stop() {
      await loop.stop();
      return { latencies: loop.latencies, longestWaitMs: loop.longestWaitMs, waits: loop.longestWait };
    },
  };
}
