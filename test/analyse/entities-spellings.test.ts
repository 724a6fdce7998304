import { describe, expect, it } from 'vitest';
import { nameRuns, spelledQuery, spellingsAmong, spellingTerms, tableSpellings, writtenWords } from '../../src/analyse/entities-spellings.ts';
import { seedLibrary } from '../support/seeds.ts';

describe('the other spellings of the names in a topic', () => {
  it('aligns the words of a name with how they are written ("al-" dropped, as the name keys drop it)', () => {
    expect(writtenWords('Abu Mahdi al-Muhandis')).toEqual([
      { key: 'abu', written: 'Abu' },
      { key: 'mahdi', written: 'Mahdi' },
      { key: 'muhandis', written: 'Muhandis' },
    ]);
  });

  it('looks for names of two to six words among the topic\'s runs of words', () => {
    expect(nameRuns('Kataib Hezbollah attacks').map((r) => r.key)).toEqual(['kataib hezbollah', 'kataib hezbollah attacks', 'hezbollah attacks']);
    expect(nameRuns('Soleimani')).toEqual([]);
  });

  it.each([
    ['Kataib Hezbollah', ['Kataeb Hezbollah', 'KATAEB HEZBOLLAH'], [{ word: 'Kataib', also: ['Kataeb'] }]],
    ['Qasem Soleimani strike', ['Qassem Soleimani'], [{ word: 'Qasem', also: ['Qassem'] }]],
    ['Abu Mahdi al-Muhandis', ['Abu Mahdi al-Mohandes'], [{ word: 'Muhandis', also: ['Mohandes'] }]],
    // Not a spelling: every word differs (no word to anchor it), a vowel fewer, another length, one word.
    ['Qasim Sulaimani', ['Qassem Soleimani'], []],
    ['Ronald Reagan', ['Ronald Regan'], []],
    ['Kataib Hezbollah', ['Kataib Hezbollah Brigades', 'Hezbollah'], []],
    ['Qasem', ['Qassem'], []],
    // An ordinary phrase is not a name of the corpus's names, whatever its words.
    ['farm prices', ['U.S. Firm', 'U.S. Farm'], []],
  ])('"%s" among %j → %j', (topic, names, expected) => {
    expect(spellingsAmong(nameRuns(topic), names)).toEqual(expected);
  });

  it('never joins two names the alias file keeps apart', () => {
    expect(spellingsAmong(nameRuns('Kataib Hezbollah'), ['Kataeb Hezbollah'], [['kataeb hezbollah', 'kataib hezbollah']])).toEqual([]);
  });

  it('searches the topic and each other spelling once; maps each spelling\'s index term to the typed word\'s', () => {
    const spellings = [{ word: 'Muhandis', also: ['Mohandes'] }];
    expect(spelledQuery('Abu Mahdi al-Muhandis', spellings)).toBe('Abu Mahdi al-Muhandis Mohandes');
    expect(spelledQuery('embassy', [])).toBe('embassy');
    expect([...spellingTerms(spellings)]).toEqual([['mohand', 'muhandi']]);
  });

  it('on the seeds, takes the spellings the entity table merged', async () => {
    const table = (await seedLibrary()).entities!;
    expect(tableSpellings(table, 'Kataib Hezbollah')).toEqual([{ word: 'Kataib', also: ['Kataeb'] }]);
    expect(tableSpellings(table, 'qassem soleimani')).toEqual([{ word: 'qassem', also: ['Qasem'] }]);
    expect(tableSpellings(table, 'militia rocket attacks')).toEqual([]);
  });
});
