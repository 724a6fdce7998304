import { describe, expect, it } from 'vitest';
import { QueryCache, decodeButton, encodeButton, type ButtonState } from '../../src/discord/buttons.ts';
import { Cooldown } from '../../src/discord/cooldown.ts';

const COMMANDS = ['brief', 'timeline', 'who', 'source'];

describe('button custom ids', () => {
  it.each<[string, ButtonState]>([
    ['a short query travels in the id', { action: 'page', command: 'brief', page: 2, query: 'embassy drawdown' }],
    ['an empty query', { action: 'sources', command: 'timeline', page: 0, query: '' }],
    ['a query with the separator in it', { action: 'page', command: 'who', page: 1, query: 'a|b|c' }],
    ['a query too long for 100 characters goes through the cache', { action: 'page', command: 'brief', page: 3, query: 'word '.repeat(40).trim() }],
    ['a page of the Sources view', { action: 'sources', command: 'brief', page: 2, sub: 3, query: 'embassy' }],
    ['the first page of the Sources view (its Previous button)', { action: 'sources', command: 'brief', page: 2, sub: 0, query: 'embassy' }],
    ['the whole answer (Show all)', { action: 'page', command: 'timeline', page: 4, all: true, query: 'embassy' }],
    ['a Sources page of the whole answer, with a long query', { action: 'sources', command: 'who', page: 1, sub: 12, all: true, query: 'word '.repeat(40).trim() }],
  ])('%s: round-trips within 100 characters', (_name, state) => {
    const cache = new QueryCache();
    const id = encodeButton(state, cache);
    expect(id.length).toBeLessThanOrEqual(100);
    expect(decodeButton(id, cache, COMMANDS)).toEqual(state);
  });

  it.each([
    ['an id of another bot', 'other:thing'],
    ['an unknown command', 'nb1|p|weather|0|x'],
    ['an unknown action', 'nb1|z|brief|0|x'],
    ['a page that is not a number', 'nb1|p|brief|two|x'],
    ['a negative page', 'nb1|p|brief|-1|x'],
    ['a position with an unknown part', 'nb1|p|brief|1z|x'],
    ['a Sources page that is not a number', 'nb1|s|brief|1.x|x'],
  ])('%s decodes to null', (_name, id) => {
    expect(decodeButton(id, new QueryCache(), COMMANDS)).toBeNull();
  });

  it.each([
    ['a bare page (ids made before Sources pages and Show all)', 'nb1|s|brief|2|embassy', { action: 'sources', command: 'brief', page: 2, query: 'embassy' }],
    ['a Sources page', 'nb1|s|brief|2.1|embassy', { action: 'sources', command: 'brief', page: 2, sub: 1, query: 'embassy' }],
    ['the whole answer', 'nb1|p|who|0a|', { action: 'page', command: 'who', page: 0, all: true, query: '' }],
  ])('reads %s', (_name, id, state) => {
    expect(decodeButton(id, new QueryCache(), COMMANDS)).toEqual(state);
  });

  it('a cached query that has expired (or was never cached, e.g. after a restart) reads as expired', () => {
    let now = 0;
    const cache = new QueryCache(1000, 10, () => now);
    const id = encodeButton({ action: 'page', command: 'brief', page: 1, query: 'q'.repeat(150) }, cache);
    now = 1001;
    expect(decodeButton(id, cache, COMMANDS)).toBe('expired');
    expect(decodeButton(id, new QueryCache(), COMMANDS)).toBe('expired');
  });
});

describe('cooldown', () => {
  it('allows the first action, refuses the next with whole seconds left, and allows again after', () => {
    let now = 10_000;
    const c = new Cooldown(5, () => now);
    expect(c.take('u1')).toBe(0);
    now += 1200;
    expect(c.take('u1')).toBe(4);
    expect(c.take('u2')).toBe(0);
    now += 3800;
    expect(c.take('u1')).toBe(0);
  });

  it('a cooldown of 0 never refuses', () => {
    const c = new Cooldown(0);
    expect([c.take('u'), c.take('u'), c.take('u')]).toEqual([0, 0, 0]);
  });
});
