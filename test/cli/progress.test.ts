import { describe, expect, it } from 'vitest';
import { doneLine, progressLine, terminalProgress } from '../../src/cli/progress.ts';
import type { LoadProgress } from '../../src/progress.ts';

const report = (o: Partial<LoadProgress>): LoadProgress => ({
  phase: 'index',
  step: 2,
  steps: 4,
  fraction: 0.45,
  files: { done: 1, total: 1 },
  articles: 19043,
  paragraphs: 105355,
  elapsedMs: 8000,
  phaseMs: 4000,
  etaMs: 10_400,
  done: false,
  ...o,
});

describe('load progress at the terminal', () => {
  it.each([
    ['a phase with its share and time left', {}, 'loading: 2 of 4 indexing the paragraphs · 45% · 1 file · 19,043 articles, 105,355 paragraphs · 8.0 s, about 10 s left in this step'],
    ['files still being read', { phase: 'read', step: 1, files: { done: 3, total: 12 }, etaMs: null, elapsedMs: 125_000 }, 'loading: 1 of 4 reading the articles · 45% · 3 of 12 files · 19,043 articles, 105,355 paragraphs · 2 min 5 s'],
    ['a phase that cannot tell how far it is', { phase: 'names', step: 4, fraction: null, etaMs: null }, 'loading: 4 of 4 finding people and organisations · 1 file · 19,043 articles, 105,355 paragraphs · 8.0 s'],
  ] as Array<[string, Partial<LoadProgress>, string]>)('%s', (_name, o, line) => {
    expect(progressLine(report(o))).toBe(line);
  });

  it('into a pipe: nothing for the first 2 s, then whole lines, and the end', () => {
    const out: string[] = [];
    const listener = terminalProgress({ write: (t) => out.push(t), isTTY: false });
    [report({ elapsedMs: 1000 }), report({ elapsedMs: 2500 }), report({ elapsedMs: 3000 }), report({ elapsedMs: 9000, done: true })].forEach(listener);
    expect(out).toEqual([`${progressLine(report({ elapsedMs: 2500 }))}\n`, `${doneLine(report({ elapsedMs: 9000 }))}\n`]);
    expect(out[1]).toBe('loaded 19,043 articles, 105,355 paragraphs in 9.0 s\n');
  });

  it('on a terminal: one line rewritten in place, ended with a newline when done', () => {
    const out: string[] = [];
    const listener = terminalProgress({ write: (t) => out.push(t), isTTY: true });
    [report({ elapsedMs: 2500 }), report({ elapsedMs: 2700 }), report({ elapsedMs: 9000, done: true })].forEach(listener);
    expect(out.map((t) => t.startsWith('\r\x1b[2K'))).toEqual([true, true, true]);
    expect(out.map((t) => t.endsWith('\n'))).toEqual([false, false, true]);
  });
});
