import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Slices of work with a turn for answers between them: `maybeYield()` yields to the event loop once the
 * current slice has run `ms`; `end()` gives the longest slice, in ms. For loops of synchronous work in a
 * process that answers meanwhile (push's rounds, the memory store's spellings of many topics).
 */
export class Slices {
  #start = performance.now();
  #longest = 0;
  constructor(readonly ms: number) {}

  async maybeYield(): Promise<void> {
    if (performance.now() - this.#start < this.ms) return;
    this.#longest = Math.max(this.#longest, performance.now() - this.#start);
    await yieldToEventLoop();
    this.#start = performance.now();
  }

  end(): number {
    return (this.#longest = Math.max(this.#longest, performance.now() - this.#start));
  }
}
