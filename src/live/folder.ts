import { watch, type FSWatcher } from 'node:fs';

export interface FolderRoundsOptions {
  /** Wait this long after the last file event before a round (a burst of files becomes one round; default 200 ms). */
  debounceMs?: number;
  /** After a round that failed, try again after this long (default: only at the next file event). */
  retryMs?: number;
  onError?: (err: Error) => void;
}

/**
 * A folder watched for changes, worked through in rounds: file events are collected (`take`) and debounced
 * into one round; rounds never overlap. What a round does is the owner's (the in-memory library, or the
 * database store's write-through).
 */
export class FolderRounds<T> {
  #watcher: FSWatcher | null = null;
  #timer: NodeJS.Timeout | null = null;
  #pending = new Set<string>();
  #fullScan = false;
  #running: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(
    readonly root: string,
    private readonly round: () => Promise<T>,
    private readonly options: FolderRoundsOptions = {},
  ) {}

  /** Starts watching (recursively); an event without a file name asks for a full scan. */
  start(): void {
    try {
      this.#watcher = watch(this.root, { recursive: true }, (_event, name) => {
        if (name) this.#pending.add(String(name));
        else this.#fullScan = true;
        this.schedule();
      });
      this.#watcher.on('error', (err) => this.options.onError?.(err));
    } catch (err) {
      this.options.onError?.(err as Error);
    }
  }

  /** Stops watching; waits for a round in progress to finish. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** The file names seen since the last round and whether a full scan is due; starts over. */
  take(): { full: boolean; names: string[] } {
    const taken = { full: this.#fullScan, names: [...this.#pending] };
    this.#fullScan = false;
    this.#pending.clear();
    return taken;
  }

  /** Gives back what a failed round took, for the next one. */
  putBack(taken: { full: boolean; names: string[] }): void {
    if (taken.full) this.#fullScan = true;
    for (const n of taken.names) this.#pending.add(n);
  }

  /** A round now over these file names (relative to the root), after any round in progress. */
  runWith(names: readonly string[]): Promise<T> {
    for (const n of names) this.#pending.add(n);
    return this.run();
  }

  /** A round over every file now. */
  rescan(): Promise<T> {
    this.#fullScan = true;
    return this.run();
  }

  /** A round after `ms` (default: the debounce), unless another event comes first. */
  schedule(ms = this.options.debounceMs ?? 200): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.run().catch((err: Error) => {
        this.options.onError?.(err);
        if (this.options.retryMs !== undefined) this.schedule(this.options.retryMs);
      });
    }, ms);
  }

  /** Runs one round after the previous one (rounds never overlap). */
  run(): Promise<T> {
    const round = this.#running.then(() => this.round());
    this.#running = round.then(
      () => undefined,
      () => undefined,
    );
    return round;
  }
}
