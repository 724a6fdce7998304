import { describe, expect, it } from 'vitest';
import { findNames, initialsMatch } from '../../src/analyse/entities-names.ts';
import { analyseEntities, type Entity, type EntityTable } from '../../src/analyse/entities.ts';
import { emptyAliases, parseAliases } from '../../src/analyse/entities-aliases.ts';
import { formKey, shortFormOf, similarWords, skeletonWord } from '../../src/analyse/entities-keys.ts';
import { seedLibrary } from '../support/seeds.ts';
import { corpusOf } from './entities-fixtures.ts';

/** The names found in a sentence, as written, with "person" / "organisation" / "?" from their cues. */
function names(sentence: string): Array<[string, string]> {
  return findNames(sentence).map((n) => [sentence.slice(n.start, n.end), n.person > n.org ? 'person' : n.org > n.person ? 'organisation' : '?']);
}

function descriptors(sentence: string): string[] {
  return findNames(sentence).flatMap((n) => n.descriptors.map(([s, e]) => sentence.slice(s, e)));
}

const byName = (table: EntityTable, name: string): Entity | undefined => table.entities.find((e) => e.name === name);

describe('the name chunker on real sentences of the seeds', () => {
  it.each<[string, string, Array<[string, string]>]>([
    ['a lower-case role before the name', 'The spokesperson said US ambassador Matthew Tueller was still in Iraq and that the embassy "continues to operate".', [['Matthew Tueller', 'person']]],
    ['titles of office before two names', 'In Iraq, Secretary of State Mike Pompeo has used the threat of a full embassy withdrawal in pressuring Iraqi Prime Minister Mustafa al-Kadhimi to escalate his government’s crackdown on Iranian-backed militias in Iraq.', [['Mike Pompeo', 'person'], ['Mustafa al-Kadhimi', 'person']]],
    ['an appositive after a person, a militia after an organisation', 'Qais al-Khazali, the leader of the Asaib Ahl al-Haq militia, responded to the Iranians call for restraint in a TV interview.', [['Qais al-Khazali', 'person'], ['Asaib Ahl al-Haq', 'organisation'], ['TV', '?']]],
    ['a particle name, an organisation and its acronym', 'Soleimani was killed alongside Abu Mahdi al-Mohandes, the leader of Iraq’s Popular Mobilization Force (PMF), a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS.', [['Soleimani', '?'], ['Abu Mahdi al-Mohandes', 'person'], ['Popular Mobilization Force', 'organisation'], ['PMF', 'organisation'], ['ISIS', 'organisation']]],
    ['an abbreviated rank and an "of" organisation', 'Army Gen. Mark Milley, the chairman of the Joint Chiefs of Staff, said on Tuesday that the Iraqi government has indicated that it wants to keep a small U.S. military force in Iraq.', [['Mark Milley', 'person'], ['Joint Chiefs of Staff', 'organisation']]],
    ['a role and a comma before the name; a possessive cut off', 'Following Fakhrizadeh’s killing, Iran’s conservative dominated parliament has passed a law.', [['Fakhrizadeh', '?']]],
    ['"President-elect" as a title', 'President-elect Joe Biden has pledged to resume diplomacy with Iran, confirming in a New York Times interview published Wednesday that he remains committed.', [['Joe Biden', 'person']]],
    ['two councils joined by "and" stay two', 'It would need to be approved by the country’s Supreme National Security Council and Expediency Council before being implemented.', [['Supreme National Security Council', 'organisation'], ['Expediency Council', 'organisation']]],
  ])('%s', (_name, sentence, expected) => {
    expect(names(sentence)).toEqual(expected);
  });

  it.each([
    ['US ambassador Matthew Tueller', 'The spokesperson said US ambassador Matthew Tueller was still in Iraq.'],
    ['a prominent Iranian nuclear scientist, Mohsen Fakhrizadeh', 'Tensions spiked across the Middle East on Friday after a prominent Iranian nuclear scientist, Mohsen Fakhrizadeh, was killed in a targeted attack in Tehran.'],
    ['Sanam Vakil, the deputy head of the Middle East and North Africa Programme at Chatham House in London', '“There is no requirement that the letter of the legislation be followed at this point,” said Sanam Vakil, the deputy head of the Middle East and North Africa Programme at Chatham House in London.'],
    ['top Iranian general Qassem Soleimani', 'Tensions ratcheted up further in early January when a US drone strike killed top Iranian general Qassem Soleimani near Baghdad airport.'],
    ['Abu Mahdi al-Mohandes, the leader of Iraq’s Popular Mobilization Force (PMF)', 'Soleimani was killed alongside Abu Mahdi al-Mohandes, the leader of Iraq’s Popular Mobilization Force (PMF), a group of militias.'],
    ['Popular Mobilization Force (PMF), a group of militias', 'Soleimani was killed alongside Abu Mahdi al-Mohandes, the leader of Iraq’s Popular Mobilization Force (PMF), a group of militias.'],
  ])('finds the verbatim descriptor "%s"', (descriptor, sentence) => {
    expect(descriptors(sentence)).toContain(descriptor);
  });

  it('marks the speaker of a quotation ("…," said X) and not the subject of reported speech', () => {
    const quote = findNames('“It doesn’t necessarily mean that,” said Sanam Vakil, the deputy head of the programme.');
    expect(quote.map((n) => n.speaker)).toEqual([true]);
    const reported = findNames('A US State Department spokesman said ambassador Matthew Tueller remains in Iraq and that the embassy "continues to operate".');
    expect(reported.find((n) => n.person > 0)?.speaker).toBe(false);
  });

  it('links an acronym in brackets to the name it abbreviates', () => {
    const found = findNames('After the killing of senior Islamic Revolutionary Guard Corps (IRGC) Commander Qassem Soleimani in Baghdad.');
    const irgc = found.find((n) => n.acronymOf !== undefined)!;
    expect(irgc.acronymOf).toBe(0);
    expect(initialsMatch('Islamic Revolutionary Guard Corps', 'IRGC')).toBe(true);
    expect(initialsMatch('Islamic State', 'ISIS')).toBe(false);
  });
});

describe('what is not a person or an organisation', () => {
  it.each<[string, string, string[]]>([
    ['a photo credit, a place, a month', 'The United States threatened to close its Baghdad embassy in September unless Iraqi authorities reined in rogue militia attacks - STR/AFP via Getty Images', ['United States', 'Baghdad', 'September', 'STR', 'AFP', 'Getty Images', 'Iraqi']],
    ['a landmark and a nationality', 'In May 2019, rocket attacks on Baghdad’s high-security Green Zone, home to the American embassy, prompted the US to order the withdrawal of “non-emergency” staff.', ['Green Zone', 'Baghdad', 'May', 'American', 'US']],
    ['outlets and a weekday', 'The Trump administration is removing about half of its diplomats from the Baghdad embassy in Iraq amid heightened tensions with Iran, Politico reported on Wednesday.', ['Politico', 'Wednesday', 'Iraq', 'Iran', 'Baghdad']],
    ['an outlet told something', 'Sources told Middle East Eye that a top Iranian military officer, Brigadier General Ismail Qaani, delivered the message himself.', ['Middle East Eye', 'Sources', 'Middle East']],
    ['a capital that only opens the sentence', 'Shortly after, President Donald Trump ordered the drone strike.', ['Shortly', 'Shortly after']],
    ['a title alone', 'The President said the Prime Minister would decide.', ['President', 'Prime Minister']],
    ['ordinary words after "General" and "Energy"', 'Talks under the General Agreement continued while Energy Assets agreed to share the costs.', ['Agreement', 'Assets']],
  ])('%s', (_name, sentence, forbidden) => {
    const found = names(sentence).filter(([, kind]) => kind === 'person').map(([n]) => n);
    const any = names(sentence).map(([n]) => n);
    for (const f of forbidden) {
      expect(found, f).not.toContain(f);
      expect(any, f).not.toContain(f);
    }
  });

  it('lists no place, credit, outlet, month or sentence-opening word as an entity of the seeds', async () => {
    const library = await seedLibrary();
    const listed = library.entities!.entities.map((e) => e.name);
    for (const bad of ['Baghdad', 'Tehran', 'Green Zone', 'Getty Images', 'AFP', 'Politico', 'Middle East Eye', 'The Washington Post', 'Washington', 'Iraq', 'Iran', 'US', 'U.S.', 'September', 'Tensions', 'Fears', 'Following', 'Dave DeCamp']) {
      expect(listed, bad).not.toContain(bad);
    }
  });
});

describe('merging the spellings of one entity', () => {
  it.each([
    ['Qassem', 'Qasem', true],
    ['Kataeb', 'Kataib', true],
    ['Muhandis', 'Mohandes', true],
    ['Mohammed', 'Mohammad', true],
    ['Reagan', 'Regan', false],
    ['Baker', 'Becker', false],
    ['Fed', 'Food', false],
    ['Qais', 'Laith', false],
  ])('%s and %s are one word: %s', (a, b, same) => {
    expect(similarWords(a.toLowerCase(), b.toLowerCase())).toBe(same);
  });

  it('drops "al-" and case from keys; skeletons fold q/k and dh/z', () => {
    expect(formKey('Al-Kadhimi')).toBe('kadhimi');
    expect(formKey('Mustafa al-Kadhimi')).toBe('mustafa kadhimi');
    expect(skeletonWord('qassem')).toBe(skeletonWord('kasem'));
    expect(skeletonWord('kadhimi')).toBe(skeletonWord('kazimi'));
  });

  it.each([
    [['soleimani'], ['qassem', 'soleimani'], true],
    [['mohammad', 'zarif'], ['mohammad', 'javad', 'zarif'], true],
    [['khazali'], ['qais', 'khazali'], true],
    [['laith', 'khazali'], ['qais', 'khazali'], false],
    [['qassem'], ['qassem', 'soleimani'], false],
  ])('%o is a shorter form of %o: %s', (short, long, expected) => {
    expect(shortFormOf(short, long)).toBe(expected);
  });

  it('merges the seeds\' variants and cites every article of every spelling', async () => {
    const table = (await seedLibrary()).entities!;
    const cases: Array<[string, string[], string[]]> = [
      ['Qassem Soleimani', ['Qasem Soleimani', 'Soleimani'], ['000', '002', '003', '004']],
      ['Kataib Hezbollah', ['Kataeb Hezbollah'], ['001', '002']],
      ['Abu Mahdi al-Mohandes', ['Abu Mahdi al-Muhandis'], ['002', '003']],
      ['Mustafa al-Kadhimi', ['Kadhimi', 'Al-Kadhimi'], ['003', '004']],
      ['Donald Trump', ['Trump'], ['000', '001', '002', '003', '004']],
      ['Popular Mobilization Force', ['PMF'], ['002']],
      ['Islamic Revolutionary Guard Corps', ['IRGC'], ['004']],
      ['Islamic State', ['ISIS'], ['002', '003']],
    ];
    for (const [name, aliases, articles] of cases) {
      const e = byName(table, name);
      expect(e, name).toBeDefined();
      expect(new Set(e!.aliases), name).toEqual(new Set(aliases));
      expect(e!.articles, name).toEqual(articles);
    }
  });

  it('decides person or organisation from the cues of all mentions', async () => {
    const table = (await seedLibrary()).entities!;
    for (const n of ['Matthew Tueller', 'Mohsen Fakhrizadeh', 'Qassem Soleimani', 'Mike Pompeo', 'Hassan Rouhani', 'Joe Biden', 'Donald Trump', 'Mustafa al-Kadhimi', 'Ismail Qaani', 'Qais al-Khazali', 'Mark Milley', 'Barham Salih', 'Mohammad Javad Zarif', 'Sanam Vakil']) {
      expect(byName(table, n)?.kind, n).toBe('person');
    }
    for (const n of ['Kataib Hezbollah', 'Asaib Ahl al-Haq', 'Popular Mobilization Force', 'State Department', 'Chatham House']) {
      expect(byName(table, n)?.kind, n).toBe('organisation');
    }
  });
});

describe('ranking: most reported first', () => {
  it('puts people who are described or quoted before organisations named once in passing (issue 17)', async () => {
    const { entities } = (await seedLibrary()).entities!;
    const rank = (name: string) => entities.findIndex((e) => e.name === name);
    for (const person of ['Qais al-Khazali', 'Mark Milley']) {
      for (const passing of ['Expediency Council', 'Middle East and North Africa Programme', 'Supreme National Security Council', 'Chatham House', 'White House']) {
        expect(rank(person), `${person} before ${passing}`).toBeLessThan(rank(passing));
      }
    }
    // Articles first: a name in more articles still comes before.
    const articles = entities.map((e) => e.articles.length);
    expect(articles).toEqual([...articles].sort((a, b) => b - a));
  });

  it('ranks, among names in as many articles, by mentions plus described mentions plus quotes', () => {
    const table = analyseEntities(
      corpusOf({
        a1: [
          'The Expediency Council met on Monday.',
          'Qais al-Khazali, the leader of the Asaib Ahl al-Haq militia, spoke later.',
          '“We will not listen to you anymore,” he said.',
          'The Budget Committee and the Expediency Council both met again.',
        ],
      }),
      emptyAliases(),
    );
    // Khazali: 1 mention, described, quoted = 3; the Expediency Council: 2 mentions = 2; the rest 1.
    expect(table.entities.map((e) => e.name).slice(0, 2)).toEqual(['Qais al-Khazali', 'Expediency Council']);
  });
});

describe('merging traps', () => {
  const brothers = corpusOf({
    a1: [
      'Qais al-Khazali, the leader of the Asaib Ahl al-Haq militia, spoke on Monday.',
      'His brother Laith al-Khazali, a senior commander of the group, was released in 2009.',
      'Al-Khazali said the truce was over.',
    ],
    a2: ['Militia leader Qais al-Khazali warned the Americans.'],
    a3: ['Laith al-Khazali, the brother of the militia leader, was seen in Baghdad.'],
  });

  it('keeps brothers Qais and Laith al-Khazali apart, and gives the lone surname to the one named just before', () => {
    const table = analyseEntities(brothers, emptyAliases());
    const qais = byName(table, 'Qais al-Khazali')!;
    const laith = byName(table, 'Laith al-Khazali')!;
    expect(qais).toBeDefined();
    expect(laith).toBeDefined();
    expect(qais).not.toBe(laith);
    expect(qais.articles).toEqual(['a1', 'a2']);
    expect(laith.articles).toEqual(['a1', 'a3']);
    expect(laith.aliases).toContain('Al-Khazali');
    expect(qais.aliases).not.toContain('Al-Khazali');
  });

  it('never merges Hezbollah into Kataib Hezbollah', () => {
    const corpus = corpusOf({
      h1: ['Hezbollah, the Lebanese militant group, fired rockets at Israel.', 'Kataib Hezbollah, an Iraqi militia, denied any role.'],
      h2: ['The Kataeb Hezbollah militia said it had no part in the attack.', 'Hezbollah said it was ready.'],
    });
    const table = analyseEntities(corpus, emptyAliases());
    const hezbollah = byName(table, 'Hezbollah')!;
    const kataib = table.entities.find((e) => e.name.startsWith('Kata'))!;
    expect(hezbollah.kind).toBe('organisation');
    expect(hezbollah).not.toBe(kataib);
    expect(kataib.aliases).toEqual([kataib.name === 'Kataib Hezbollah' ? 'Kataeb Hezbollah' : 'Kataib Hezbollah']);
    expect(hezbollah.aliases).toEqual([]);
  });

  it('does not merge a surname shared by two people when the article does not say which', () => {
    const corpus = corpusOf({
      b1: ['Treasury Secretary James Baker met the minister.'],
      b2: ['White House chief of staff Howard Baker resigned.'],
      b3: ['Baker said the dollar was stable.', 'Senator Baker left.'],
    });
    const table = analyseEntities(corpus, emptyAliases());
    expect(byName(table, 'James Baker')!.articles).toEqual(['b1']);
    expect(byName(table, 'Howard Baker')!.articles).toEqual(['b2']);
  });

  it('merges acronyms with their expansion, also where the acronym stands alone', () => {
    const corpus = corpusOf({
      c1: ['The Popular Mobilization Forces (PMF) said they would respond.'],
      c2: ['The PMF denied it, a spokesman said.'],
    });
    const table = analyseEntities(corpus, emptyAliases());
    const pmf = byName(table, 'Popular Mobilization Forces')!;
    expect(pmf.kind).toBe('organisation');
    expect(pmf.aliases).toEqual(['PMF']);
    expect(pmf.articles).toEqual(['c1', 'c2']);
  });
});

describe('the alias file', () => {
  it('reads merges, splits, kinds and "not a name", and reports bad lines by number', () => {
    const rules = parseAliases(['# corrections', 'Qassem Soleimani = Hajj Qassem', 'Qais al-Khazali != Laith al-Khazali', 'Chatham House : organisation', 'Zawraa : not a name', 'nonsense line', 'X : wizard'].join('\n'));
    expect(rules.merges).toEqual([['Qassem Soleimani', 'Hajj Qassem']]);
    expect(rules.splits).toEqual([['Qais al-Khazali', 'Laith al-Khazali']]);
    expect(rules.kinds.get('chatham house')).toBe('organisation');
    expect(rules.kinds.get('zawraa')).toBeNull();
    expect(rules.problems).toEqual([
      'aliases.txt:6: expected `=`, `!=` or `:` in `nonsense line`',
      'aliases.txt:7: expected `name : person`, `: organisation` or `: not a name`, got `X : wizard`',
    ]);
  });

  it('lets an editor merge two names, keep two apart, set a kind and drop a name', () => {
    const corpus = corpusOf({
      d1: ['Foreign Minister Mohammad Javad Zarif said Iran would return to the deal.', 'The minister, known as Javad, smiled.'],
      d2: ['Iran\'s top diplomat Jawad Zareef spoke to reporters.', 'President Donald Trump said so.', 'Mr Trump left.'],
    });
    const plain = analyseEntities(corpus, emptyAliases());
    expect(byName(plain, 'Donald Trump')!.aliases).toEqual(['Trump']);
    const rules = parseAliases('Mohammad Javad Zarif = Jawad Zareef\nDonald Trump != Trump\nDonald Trump : organisation\n');
    const table = analyseEntities(corpus, rules);
    expect(byName(table, 'Mohammad Javad Zarif')!.aliases).toEqual(['Jawad Zareef']);
    expect(byName(table, 'Donald Trump')!.aliases).toEqual([]);
    expect(byName(table, 'Donald Trump')!.kind).toBe('organisation');
    const dropped = analyseEntities(corpus, parseAliases('Jawad Zareef : not a name'));
    expect(byName(dropped, 'Jawad Zareef')).toBeUndefined();
  });
});
