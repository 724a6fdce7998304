import { describe, expect, it } from 'vitest';
import { plural } from '../../src/text/plural.ts';

describe('plural', () => {
  it.each([
    [0, 'article', undefined, '0 articles'],
    [1, 'article', undefined, '1 article'],
    [2, 'article', undefined, '2 articles'],
    [1204, 'paragraph', undefined, '1,204 paragraphs'],
    [1, 'file or line', 'files or lines', '1 file or line'],
    [3, 'file or line', 'files or lines', '3 files or lines'],
    [1, 'person', 'people', '1 person'],
  ])('plural(%d, %s, %s) is %s', (n, one, many, expected) => {
    expect(plural(n, one, many)).toBe(expected);
  });
});
