import { describe, expect, it } from 'vitest';
import { Pace, paceKind } from '../../src/discord/pace.ts';

describe('Pace: answer at once, or acknowledge first', () => {
  it.each<[string, { hint?: boolean; waited?: number; slowBefore?: number }, { atOnce: boolean; reason?: string }]>([
    ['nothing against it: at once', {}, { atOnce: true }],
    ['the command\'s hint says it may be slow', { hint: true }, { atOnce: false, reason: 'hint' }],
    ['the interaction already waited the whole budget (a burst queued it)', { waited: 1000 }, { atOnce: false, reason: 'waited' }],
    ['a wait under the budget', { waited: 999 }, { atOnce: true }],
    ['an answer of the kind took longer than the budget lately', { slowBefore: 1500 }, { atOnce: false, reason: 'slow-lately' }],
    ['an answer of the kind took just the budget', { slowBefore: 1000 }, { atOnce: true }],
  ])('%s', (_name, o, expected) => {
    const now = 1_000_000;
    const pace = new Pace(1000, () => now);
    if (o.slowBefore !== undefined) pace.record('brief:topic', o.slowBefore);
    expect(pace.decide('brief:topic', o.hint ?? false, now - (o.waited ?? 0))).toMatchObject(expected);
  });

  it('a clock behind Discord\'s (a creation time in the future) counts as no wait; no time at all as none', () => {
    const pace = new Pace(1000, () => 5000);
    expect(pace.decide('k', false, 9000)).toEqual({ atOnce: true, waitedMs: 0 });
    expect(pace.decide('k', false, Number.NaN)).toEqual({ atOnce: true, waitedMs: 0 });
  });

  it('a slow mark lasts ten minutes, or until an answer of the kind takes half the budget or less', () => {
    let now = 0;
    const pace = new Pace(1000, () => now);
    pace.record('timeline:all', 2000);
    pace.record('timeline:all', 700); // neither slow nor clearly fast: the mark stays
    expect(pace.decide('timeline:all', false, now).atOnce).toBe(false);
    expect(pace.decide('timeline:topic', false, now).atOnce).toBe(true); // another kind is not affected
    now += 10 * 60 * 1000 + 1;
    expect(pace.decide('timeline:all', false, now).atOnce).toBe(true);
    pace.record('timeline:all', 2000);
    pace.record('timeline:all', 400);
    expect(pace.decide('timeline:all', false, now).atOnce).toBe(true);
  });

  it.each([
    ['brief', 'embassy', 'brief:topic'],
    ['brief', '  ', 'brief:all'],
    ['timeline', '', 'timeline:all'],
  ])('the kind of /%s "%s" is %s', (command, query, kind) => {
    expect(paceKind(command, query)).toBe(kind);
  });
});
