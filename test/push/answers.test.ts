import { describe, expect, it } from 'vitest';
import { alertAnswer, alertSpellingNotes, watchSpellingNote, type AlertGroup } from '../../src/push/answers.ts';
import { seedLibrary } from '../support/seeds.ts';

describe('what an alert says about the other spellings it matched', () => {
  it.each<[string, Array<Pick<AlertGroup, 'watch' | 'spellings'>>, string[]]>([
    ['nothing when the articles write the topic as typed', [{ watch: { id: 3, topic: 'Kataib Hezbollah' }, spellings: [] }], []],
    [
      'one watch: the spellings, once, however many of its articles write them',
      [
        { watch: { id: 3, topic: 'Kataib Hezbollah' }, spellings: [{ word: 'Kataib', also: ['Kataeb'] }] },
        { watch: { id: 3, topic: 'Kataib Hezbollah' }, spellings: [{ word: 'Kataib', also: ['KATAEB'] }] },
      ],
      ['Also matched: “Kataeb” for “Kataib” (another spelling of the name in the corpus).'],
    ],
    [
      'several watches: each note names its watch',
      [
        { watch: { id: 3, topic: 'Kataib Hezbollah' }, spellings: [{ word: 'Kataib', also: ['Kataeb'] }] },
        { watch: { id: 4, topic: 'embassy drawdown' } },
        { watch: { id: 5, topic: 'Abu Mahdi al-Muhandis' }, spellings: [{ word: 'Mahdi', also: ['Mehdi'] }, { word: 'Muhandis', also: ['Mohandes'] }] },
      ],
      [
        'Watch #3 (Kataib Hezbollah) also matched “Kataeb” for “Kataib” (another spelling of the name in the corpus).',
        'Watch #5 (Abu Mahdi al-Muhandis) also matched “Mehdi” for “Mahdi”; “Mohandes” for “Muhandis” (other spellings of the name in the corpus).',
      ],
    ],
    [
      'a word the corpus never writes: what it matched instead, alone and among several watches',
      [
        { watch: { id: 6, topic: 'Kazemi Hizbollah' }, spellings: [{ word: 'Kazemi', also: ['Kadhimi'], unwritten: true }, { word: 'Hizbollah', also: ['Hezbollah'], unwritten: true }] },
        { watch: { id: 3, topic: 'Kataib Hezbollah' }, spellings: [{ word: 'Kataib', also: ['Kataeb'], unwritten: true }] },
      ],
      [
        'Watch #6 (Kazemi Hizbollah): nothing says “Hizbollah” or “Kazemi”; matched “Hezbollah” for “Hizbollah” and “Kadhimi” for “Kazemi”, as the corpus spells them.',
        'Watch #3 (Kataib Hezbollah): nothing says “Kataib”; matched “Kataeb”, as the corpus spells it.',
      ],
    ],
  ])('%s', async (_situation, groups, notes) => {
    const library = await seedLibrary();
    const article = library.corpus.articleById.get('001')!;
    const full: AlertGroup[] = groups.map((g) => ({ ...g, article, sentences: [{ paragraph: article.paragraphs[0]!, text: article.paragraphs[0]!.text }] }));
    expect(alertSpellingNotes(full)).toEqual(notes);
    // Said before the bot's other remarks.
    expect(alertAnswer(full, ['1 more matching article follows in the next message.']).notes).toEqual([...notes, '1 more matching article follows in the next message.']);
  });

  it('tells /watch add which spellings a new watch matches too', () => {
    expect(watchSpellingNote([])).toBeNull();
    expect(watchSpellingNote([{ word: 'Kataib', also: ['Kataeb'], unwritten: true }])).toBe('Nothing in the corpus says “Kataib”: articles that write “Kataeb”, as the corpus spells it, match it too.');
    expect(watchSpellingNote([{ word: 'Kataib', also: ['Kataeb'] }])).toBe('Articles that write “Kataeb” for “Kataib” match it too (another spelling of the name in the corpus).');
  });
});
