/**
 * Load progress at the terminal (the CLI and the local console): on stderr, so stdout keeps only the
 * answer, and only once a load has taken longer than `delayMs` (a warm start says nothing). On a terminal
 * one line is rewritten in place; into a file or a pipe, a line per phase and one every `everyMs`.
 */
import { PHASE_WORDS, ProgressReporter, progressGate, type LoadProgress, type ProgressListener } from '../progress.ts';
import { plural } from '../text/plural.ts';

/** Where the lines go: stderr, or anything with `write` (tests); `isTTY` picks rewriting in place. */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface TerminalProgressOptions {
  /** Say nothing for loads shorter than this (ms). */
  delayMs?: number;
  /** Not on a terminal: at most one line per phase and one every this many ms. */
  everyMs?: number;
  /** What the lines say is going on, and is done (default `loading` … `loaded`; the import: `import` … `imported`). */
  words?: { doing: string; done: string };
}

/**
 * A progress listener that writes to `sink`.
 * @example openLibrary(path, { onProgress: terminalProgress(process.stderr) })
 */
export function terminalProgress(sink: ProgressSink, options: TerminalProgressOptions = {}): ProgressListener {
  const tty = sink.isTTY === true;
  // On a terminal the one line is rewritten at every report; elsewhere each line stays, so fewer.
  const show = progressGate(options.delayMs ?? 2000, tty ? 0 : (options.everyMs ?? 5000));
  return (p) => {
    if (!show(p)) return;
    const line = p.done ? doneLine(p, options.words?.done) : progressLine(p, options.words?.doing);
    sink.write(tty ? `\r\x1b[2K${line}${p.done ? '\n' : ''}` : `${line}\n`);
  };
}

/**
 * The import's progress on stderr, as the CLI's load progress (src/cli/progress.ts): the first line once
 * the import has taken 2 s, then on a terminal one line rewritten in place, elsewhere one every 5 s; each
 * with the share of the bytes done (within a file too) and, once the pace tells, the time left.
 * @example 'import: 1 of 2 reading the files into the database · 34% · 0 of 1 file · 6,000 articles, 16,000 paragraphs · 12 s, about 23 s left in this step'
 */
export function importProgress(sink: ProgressSink): ProgressReporter {
  return new ProgressReporter(terminalProgress(sink, { words: { doing: 'import', done: 'import: done,' } }));
}

/**
 * One line: the phase in words, how far, what is loaded, time so far and left.
 * @example progressLine(p) // 'loading: 2 of 4 indexing the paragraphs · 45% · 1 file · 19,043 articles, 105,355 paragraphs · 8 s, about 10 s left'
 */
export function progressLine(p: LoadProgress, doing = 'loading'): string {
  const parts = [`${doing}: ${p.step} of ${p.steps} ${PHASE_WORDS[p.phase]}`];
  if (p.fraction !== null) parts.push(`${Math.floor(p.fraction * 100)}%`);
  if (p.files.total > 0) parts.push(p.files.done < p.files.total ? `${count(p.files.done)} of ${plural(p.files.total, 'file')}` : plural(p.files.total, 'file'));
  if (p.articles > 0) parts.push(`${plural(p.articles, 'article')}, ${plural(p.paragraphs, 'paragraph')}`);
  parts.push(`${seconds(p.elapsedMs)}${p.etaMs !== null ? `, about ${seconds(p.etaMs)} left in this step` : ''}`);
  return parts.join(' · ');
}

/** The last line: what was loaded, and how long it took. */
export function doneLine(p: LoadProgress, done = 'loaded'): string {
  return `${done} ${plural(p.articles, 'article')}, ${plural(p.paragraphs, 'paragraph')} in ${seconds(p.elapsedMs)}`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
