/**
 * Progress of a long load (a cold build takes 15-20 s at 100k paragraphs, minutes at 1M): plain data the
 * library reports while it works, which each door renders its own way (a line on stderr at the terminal,
 * a log line now and then for the bot). The work is mostly synchronous, so reports come from inside the
 * loops, throttled here: a door's listener is called at most every `everyMs`, plus once per phase change
 * and once at the end.
 */

export type LoadPhase = 'snapshot' | 'hash' | 'read' | 'index' | 'dates' | 'names' | 'save' | 'import' | 'finish-import';

/** Each phase in words, for people. */
export const PHASE_WORDS: Record<LoadPhase, string> = {
  snapshot: 'reading the snapshot',
  hash: 'checking the corpus files for changes',
  read: 'reading the articles',
  index: 'indexing the paragraphs',
  dates: 'finding the dates',
  names: 'finding people and organisations',
  save: 'saving the snapshot for the next start',
  import: 'reading the files into the database',
  'finish-import': 'building the indexes and statistics',
};

export interface LoadProgress {
  phase: LoadPhase;
  /** Which phase this is (1-based) of how many this load runs. */
  step: number;
  steps: number;
  /** Share of the phase done, 0-1; null when the phase cannot tell (the merge of names). */
  fraction: number | null;
  /** Corpus files read (or checked) so far, of all. */
  files: { done: number; total: number };
  /** Articles and paragraphs loaded so far. */
  articles: number;
  paragraphs: number;
  /** Since the load began, and since this phase began, in ms. */
  elapsedMs: number;
  phaseMs: number;
  /** Time left in this phase at its pace so far, in ms; null until it can be told (or never, see fraction). */
  etaMs: number | null;
  /** True on the last report: the load is over. */
  done: boolean;
}

export type ProgressListener = (progress: LoadProgress) => void;

/** Counters a phase updates as it goes (each optional: what is not given keeps its value). */
export interface ProgressCounts {
  fraction?: number | null;
  filesDone?: number;
  filesTotal?: number;
  articles?: number;
  paragraphs?: number;
}

/**
 * What the library holds while it loads: the current phase and counters; calls the listener (if any) when
 * something is worth saying. Cheap to call in a loop: without a listener it does nothing, and with one it
 * only reads the clock until `everyMs` have passed.
 */
export class ProgressReporter {
  readonly #listener: ProgressListener | undefined;
  readonly #everyMs: number;
  readonly #started = performance.now();
  #phaseStarted = this.#started;
  #lastReport = -Infinity;
  #state: Omit<LoadProgress, 'elapsedMs' | 'phaseMs' | 'etaMs' | 'done'> = {
    phase: 'read',
    step: 0,
    steps: 0,
    fraction: 0,
    files: { done: 0, total: 0 },
    articles: 0,
    paragraphs: 0,
  };

  constructor(listener?: ProgressListener, everyMs = 200) {
    this.#listener = listener;
    this.#everyMs = everyMs;
  }

  /** Whether anyone listens (callers skip work done only to report). */
  get active(): boolean {
    return this.#listener !== undefined;
  }

  /** A new phase begins (reported at once). */
  phase(phase: LoadPhase, step: number, steps: number, counts: ProgressCounts = {}): void {
    if (!this.#listener) return;
    this.#state = { ...this.#state, phase, step, steps, fraction: 0 };
    this.#phaseStarted = performance.now();
    this.#apply(counts);
    this.#report(false);
  }

  /** The phase went on: reported when `everyMs` have passed since the last report. */
  tick(counts: ProgressCounts): void {
    if (!this.#listener) return;
    this.#apply(counts);
    if (performance.now() - this.#lastReport >= this.#everyMs) this.#report(false);
  }

  /** The load is over (reported at once, with `done`). */
  finish(counts: ProgressCounts = {}): void {
    if (!this.#listener) return;
    this.#apply({ ...counts, fraction: 1 });
    this.#report(true);
  }

  #apply(c: ProgressCounts): void {
    const s = this.#state;
    if (c.fraction !== undefined) s.fraction = c.fraction === null ? null : Math.min(1, Math.max(0, c.fraction));
    if (c.filesDone !== undefined) s.files = { ...s.files, done: c.filesDone };
    if (c.filesTotal !== undefined) s.files = { ...s.files, total: c.filesTotal };
    if (c.articles !== undefined) s.articles = c.articles;
    if (c.paragraphs !== undefined) s.paragraphs = c.paragraphs;
  }

  #report(done: boolean): void {
    const now = performance.now();
    this.#lastReport = now;
    const phaseMs = now - this.#phaseStarted;
    const f = this.#state.fraction;
    // A pace needs some of the phase behind it: under 2 % or half a second, any guess is noise.
    const etaMs = done ? 0 : f !== null && f >= 0.02 && phaseMs >= 500 ? (phaseMs * (1 - f)) / f : null;
    this.#listener!({
      ...this.#state,
      files: { ...this.#state.files },
      elapsedMs: Math.round(now - this.#started),
      phaseMs: Math.round(phaseMs),
      etaMs: etaMs === null ? null : Math.round(etaMs),
      done,
    });
  }
}

/**
 * Which reports a door shows: none while the load is shorter than `delayMs`; after that the first, one per
 * phase, one every `everyMs` in between, and the last (once anything was shown).
 * @example const show = progressGate(2000, 5000); listener = (p) => show(p) && print(p)
 */
export function progressGate(delayMs: number, everyMs: number): (p: LoadProgress) => boolean {
  let shown = false;
  let lastAt = -Infinity;
  let lastPhase = '';
  return (p) => {
    if (!shown && (p.done || p.elapsedMs < delayMs)) return false;
    const phase = `${p.step} ${p.phase}`;
    if (shown && !p.done && phase === lastPhase && p.elapsedMs - lastAt < everyMs) return false;
    shown = true;
    lastAt = p.elapsedMs;
    lastPhase = phase;
    return true;
  };
}
