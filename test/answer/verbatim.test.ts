import { beforeAll, describe, expect, it } from 'vitest';
import { ANSWERS, ask } from '../../src/answer/index.ts';
import type { CommandName } from '../../src/answer/types.ts';
import type { Library } from '../../src/library.ts';
import { seedLibrary } from '../support/seeds.ts';
import { isVerbatim, verbatimViolations } from '../support/verbatim.ts';

/** Queries a reporter would type, plus ids, a misspelling and nonsense. */
const TOPICS = ['', 'embassy drawdown', 'embassy', 'Soleimani', 'Qasem Soleimani', 'Tueller', 'security blip', 'Kataib Hezbollah', 'Fakhrizadeh', 'Pompeo', 'troops', 'Kadhimi', 'al-kadhimi', 'Solemani', 'xyzzy quux'];

let library: Library;
beforeAll(async () => {
  library = await seedLibrary();
});

const available = (Object.keys(ANSWERS) as CommandName[]).filter((c) => ANSWERS[c]);

describe('every answer of every command on the seed corpus', () => {
  it.each(available)('%s shows only verbatim, cited findings', (command) => {
    const queries = [...TOPICS];
    if (command === 'source') queries.push(...library.corpus.articles.map((a) => a.id), ...[...library.corpus.paragraphById.keys()]);
    for (const query of queries) {
      for (const limit of [undefined, 3]) {
        const answer = ask(library, command, query, limit ? { limit } : {});
        expect(verbatimViolations(library, answer), `${command} "${query}"`).toEqual([]);
        expect(answer.command).toBe(command);
      }
    }
  });
});

describe('isVerbatim', () => {
  it.each([
    ['a whole span', 'the embassy continues', 'Tueller said the embassy continues to operate.', true],
    ['pieces around an ellipsis, in order', 'Tueller said … to operate.', 'Tueller said the embassy continues to operate.', true],
    ['pieces out of order', 'to operate … Tueller said', 'Tueller said the embassy continues to operate.', false],
    ['a changed word', 'the embassy continued', 'Tueller said the embassy continues to operate.', false],
    ['straightened quotes', '"highest priority."', 'its “highest priority.”', false],
  ])('%s → %s', (_name, shown, paragraph, expected) => {
    expect(isVerbatim(shown, paragraph)).toBe(expected);
  });
});
