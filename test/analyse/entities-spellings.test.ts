import { describe, expect, it } from 'vitest';
import {
  mergeSpellings, nameRuns, spelledQuery, spellingPairs, spellingsAmong, spellingTerms, tableSpellings, unwrittenPairs, unwrittenSpellings, unwrittenWords, writtenWords,
} from '../../src/analyse/entities-spellings.ts';
import { transliterated } from '../../src/analyse/entities-keys.ts';
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

describe('a word the corpus never writes, typed for a name it writes another way', () => {
  it.each([
    // The seeds' and Timeline17's merged pairs, and the variants reporters type.
    ['kataib', 'kataeb'], ['qais', 'qays'], ['khazali', 'khazaali'], ['qays', 'qais'], ['kadhimi', 'kazemi'], ['muqtada', 'moqtada'],
    ['suleimani', 'soleimani'], ['mohandis', 'muhandis'], ['hizbullah', 'hezbollah'], ['nasrullah', 'nasrallah'], ['osama', 'usama'],
    ['ghaliun', 'ghalioun'], ['zarkawi', 'zarqawi'], ['sadam', 'saddam'],
    // Qaf as g or q, dhal as dh or d.
    ['gaddafi', 'qaddafi'], ['qaddafi', 'gaddafi'], ['gadhafi', 'qaddafi'], ['qadhafi', 'gaddafi'], ['kadhafi', 'qaddafi'],
  ])('"%s" is a transliteration of "%s"', (typed, name) => {
    expect(transliterated(typed, name)).toBe(true);
  });

  it.each([
    // Another consonant: another word.
    ['iran', 'iraq'], ['iraq', 'iran'], ['milley', 'miller'], ['baker', 'becker'], ['syria', 'serbia'],
    // "g" is only qaf against a written "q"; "k"/"g" alone is two English names.
    ['gerry', 'kerry'], ['kadhafi', 'gaddafi'],
    // Short words: only Arabic's vowels as English writes them (o/u, e/i, y/i), and no letter lost.
    ['gerry', 'gary'], ['milley', 'malley'], ['harrass', 'harris'], ['dara', 'dhari'], ['seige', 'sigi'],
    // A vowel fewer or more, and words too short to tell.
    ['reagan', 'regan'], ['iraqi', 'iraq'], ['hussein', 'hassan'], ['ali', 'aly'],
    ['kataeb', 'kataeb'], ['kat4ib', 'kataeb'],
  ])('"%s" is not one of "%s"', (typed, name) => {
    expect(transliterated(typed, name)).toBe(false);
  });

  it('takes the words of a topic whose index term the corpus lacks, once, of four letters or more', () => {
    const known = new Set(['hezbollah', 'attack', 'al']);
    expect(unwrittenWords('Kataib Hezbollah attacks Kataib', (t) => known.has(t))).toEqual([{ word: 'Kataib', key: 'kataib', alone: false }]);
    expect(unwrittenWords('al-Kazemi', (t) => known.has(t))).toEqual([{ word: 'Kazemi', key: 'kazemi', alone: true }]);
    expect(unwrittenWords('the Kazemi', (t) => known.has(t))).toEqual([{ word: 'Kazemi', key: 'kazemi', alone: true }]);
    expect(unwrittenWords('Abu 2021 the', () => false)).toEqual([]);
  });

  const always = { uses: 4, capitalised: 4 };
  it('searches the capitalised names it transliterates, each as the corpus writes it, one per index term', () => {
    const names = ['Kataeb', 'KATAEB', 'Hezbollah', 'Kataib', 'kataeb'];
    expect(unwrittenSpellings([{ word: 'Kataib', key: 'kataib', alone: false }], () => names, () => always)).toEqual([{ word: 'Kataib', also: ['Kataeb'], unwritten: true }]);
    expect(unwrittenSpellings([{ word: 'Gadhafi', key: 'gadhafi', alone: true }], () => ['Qaddafi', 'Gaddafi', 'Kadhafi'], () => always)).toEqual([
      { word: 'Gadhafi', also: ['Gaddafi', 'Qaddafi'], unwritten: true },
    ]);
  });

  it('searches a word typed alone only as a name whose consonants differ the way transliterations do', () => {
    // "Morsi" alone over Reuters (1987) would have briefed on "Morse", "Soliman" on "Solomon": vowels alone are another name as often.
    expect(unwrittenSpellings([{ word: 'Morsi', key: 'morsi', alone: true }], () => ['Morse'], () => always)).toEqual([]);
    expect(unwrittenSpellings([{ word: 'Soliman', key: 'soliman', alone: true }], () => ['Solomon'], () => always)).toEqual([]);
    expect(unwrittenSpellings([{ word: 'Kataib', key: 'kataib', alone: true }], () => ['Kataeb'], () => always)).toEqual([]);
    // With the topic's other words (which must then match with it), or a consonant written several ways, it is searched.
    expect(unwrittenSpellings([{ word: 'Morsi', key: 'morsi', alone: false }], () => ['Morse'], () => always)).toEqual([{ word: 'Morsi', also: ['Morse'], unwritten: true }]);
    expect(unwrittenSpellings([{ word: 'Kazemi', key: 'kazemi', alone: true }], () => ['Kadhimi'], () => always)).toEqual([{ word: 'Kazemi', also: ['Kadhimi'], unwritten: true }]);
  });

  it('searches nothing for a word close to an ordinary word the corpus writes in lower case, nor for a name never seen mid-sentence', () => {
    // Reuters writes "Committee" in names and in lower case (33 % capitalised), and misspells it in names.
    const counts = (w: string) => (w === 'Committee' ? { uses: 1225, capitalised: 409 } : always);
    expect(unwrittenSpellings([{ word: 'comittee', key: 'comittee', alone: true }], () => ['Commitee', 'Committee', 'Commmittee'], counts)).toEqual([]);
    expect(unwrittenSpellings([{ word: 'Kataib', key: 'kataib', alone: false }], () => ['Kataeb'], () => ({ uses: 0, capitalised: 0 }))).toEqual([]);
    expect(unwrittenSpellings([{ word: 'Kataib', key: 'kataib', alone: false }], () => ['Kataeb'], () => ({ uses: 20, capitalised: 18 }))).toEqual([]);
  });

  it('words the notes apart from the other spellings of written names', () => {
    const one = [{ word: 'Kataib', also: ['Kataeb'], unwritten: true as const }];
    expect(unwrittenPairs(one)).toEqual({ words: '“Kataib”', text: '“Kataeb”', it: 'it' });
    expect(unwrittenPairs([{ word: 'Gadhafi', also: ['Gaddafi', 'Qaddafi'], unwritten: true }])?.text).toBe('“Gaddafi” and “Qaddafi”');
    expect(unwrittenPairs([...one, { word: 'Hizbollah', also: ['Hezbollah'], unwritten: true }])).toEqual({
      words: '“Kataib” or “Hizbollah”', text: '“Kataeb” for “Kataib” and “Hezbollah” for “Hizbollah”', it: 'them',
    });
    expect(spellingPairs(one)).toEqual({ text: '', n: 0 });
    expect(unwrittenPairs([{ word: 'Kataib', also: ['Kataeb'] }])).toBeNull();
    expect(mergeSpellings([{ word: 'Qasem', also: ['Qassem'] }, ...one, { word: 'Kataib', also: ['KATAEB'], unwritten: true }])).toEqual([
      { word: 'Kataib', also: ['Kataeb'], unwritten: true },
      { word: 'Qasem', also: ['Qassem'] },
    ]);
    expect([...spellingTerms(one)]).toEqual([['kataeb', 'kataib']]);
  });
});
