import { afterEach, describe, expect, it, vi } from 'vitest';
import { ProgressReporter, progressGate, type LoadProgress } from '../src/progress.ts';

afterEach(() => {
  vi.useRealTimers();
});

/** A reporter on a clock the test moves (performance.now is faked). */
function reporter(everyMs = 200) {
  vi.useFakeTimers({ toFake: ['performance'] });
  const seen: LoadProgress[] = [];
  return { r: new ProgressReporter((p) => seen.push(p), everyMs), seen, advance: (ms: number) => vi.advanceTimersByTime(ms) };
}

describe('ProgressReporter', () => {
  it('reports each phase at once, ticks at most every everyMs, and the end with done', () => {
    const { r, seen, advance } = reporter();
    r.phase('read', 1, 4, { filesTotal: 3 });
    r.tick({ fraction: 0.1 }); // too soon after the phase report
    advance(250);
    r.tick({ fraction: 0.2, filesDone: 1, articles: 10, paragraphs: 40 });
    advance(50);
    r.tick({ fraction: 0.3 }); // too soon
    r.phase('index', 2, 4);
    advance(1000);
    r.finish({ articles: 12, paragraphs: 50 });
    expect(seen.map((p) => [p.phase, p.step, p.fraction, p.done])).toEqual([
      ['read', 1, 0, false],
      ['read', 1, 0.2, false],
      ['index', 2, 0, false],
      ['index', 2, 1, true],
    ]);
    expect(seen[1]).toMatchObject({ files: { done: 1, total: 3 }, articles: 10, paragraphs: 40, elapsedMs: 250 });
    expect(seen[3]).toMatchObject({ articles: 12, paragraphs: 50, elapsedMs: 1300, phaseMs: 1000, etaMs: 0 });
  });

  it.each([
    ['the phase\'s pace so far gives the time left', 0.25, 2000, 6000],
    ['too little done to tell (under 2 %)', 0.01, 2000, null],
    ['too early to tell (under half a second)', 0.5, 400, null],
    ['a phase that cannot say how far it is', null, 5000, null],
  ])('%s', (_name, fraction, after, eta) => {
    const { r, seen, advance } = reporter();
    r.phase('dates', 3, 4);
    advance(after);
    r.tick({ fraction });
    expect(seen.at(-1)!.etaMs).toBe(eta);
  });

  it('without a listener it does nothing and says it is not active', () => {
    const r = new ProgressReporter();
    expect(r.active).toBe(false);
    expect(() => {
      r.phase('read', 1, 1);
      r.tick({ fraction: 0.5 });
      r.finish();
    }).not.toThrow();
  });
});

describe('progressGate: which reports a door shows', () => {
  const at = (elapsedMs: number, phase: LoadProgress['phase'], done = false) =>
    ({ phase, step: 1, steps: 2, fraction: 0, files: { done: 0, total: 1 }, articles: 0, paragraphs: 0, elapsedMs, phaseMs: 0, etaMs: null, done }) as LoadProgress;

  it('a load shorter than the delay shows nothing, not even its end', () => {
    const show = progressGate(2000, 5000);
    expect([at(0, 'read'), at(1500, 'index'), at(1900, 'index', true)].map(show)).toEqual([false, false, false]);
  });

  it('a long load shows its first report after the delay, each new phase, one every everyMs, and its end', () => {
    const show = progressGate(2000, 5000);
    const reports = [at(100, 'read'), at(2100, 'read'), at(3000, 'read'), at(7100, 'read'), at(7200, 'index'), at(7300, 'index'), at(8000, 'index', true)];
    expect(reports.map(show)).toEqual([false, true, false, true, true, false, true]);
  });
});
