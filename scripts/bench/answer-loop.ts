/**
 * Answers asked one after another, as fast as the event loop lets them, while other work runs (a live
 * round, a feed burst): how long answers waited. The longest gap between two answers is what a person
 * asking at the worst moment would have waited on top of their answer.
 */
export interface AnswerLoop {
  /** Stops asking; resolves with the answers' own times and the longest waits (overall and by `label`). */
  stop(): Promise<{ latencies: number[]; longestWaitMs: number; waits: Record<string, number> }>;
}

export function answerLoop(answer: (n: number) => void, o: { label?: () => string } = {}): AnswerLoop {
  const latencies: number[] = [];
  const waits: Record<string, number> = {};
  let longestWait = 0;
  let done = false;
  let n = 0;
  let last = performance.now();
  const finished = new Promise<void>((resolve) => {
    const tick = () => {
      const wait = performance.now() - last;
      longestWait = Math.max(longestWait, wait);
      if (o.label) {
        const key = o.label();
        waits[key] = Math.max(waits[key] ?? 0, wait);
      }
      if (done) return resolve();
      const started = performance.now();
      answer(n++);
      latencies.push(performance.now() - started);
      last = performance.now();
      setImmediate(tick);
    };
    setImmediate(tick);
  });
  return {
    async stop() {
      done = true;
      await finished;
      return { latencies, longestWaitMs: longestWait, waits };
    },
  };
}
