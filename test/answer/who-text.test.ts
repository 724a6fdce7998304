import { describe, expect, it } from 'vitest';
import { aboutText } from '../../src/answer/who-text.ts';
import { analyseEntities } from '../../src/analyse/entities.ts';
import { emptyAliases } from '../../src/analyse/entities-aliases.ts';
import { corpusOf } from '../analyse/entities-fixtures.ts';
import { isVerbatim } from '../support/verbatim.ts';

/** What a /who list shows under `name` (no descriptor) when an article says `paragraphs`. */
function shown(name: string, paragraphs: string[]): string | undefined {
  const corpus = corpusOf({ a1: paragraphs });
  const entity = analyseEntities(corpus, emptyAliases()).entities.find((e) => e.name === name);
  expect(entity, name).toBeDefined();
  const about = aboutText(entity!.mentions, corpus.paragraphById, 220);
  const paragraph = corpus.paragraphById.get(about!.mention.paragraphId)!;
  expect(isVerbatim(about!.text, paragraph.text)).toBe(true);
  return about?.text;
}

describe('aboutText: a sentence about the entity, else the clause that names it', () => {
  it.each([
    [
      'the subject of its sentence, not a sentence where its spokesman speaks',
      'State Department',
      ['A US State Department spokesman said the embassy "continues to operate".', 'The State Department provided no official confirmation of the drawdown.'],
      'The State Department provided no official confirmation of the drawdown.',
    ],
    [
      'the subject of a clause after a subordinator',
      'Asaib Ahl al-Haq',
      ['Qais al-Khazali, the leader of the Asaib Ahl al-Haq militia, responded.', 'Since Asaib Ahl al-Haq is a Shia militia, if they attack the US, it will be blamed on Iran.'],
      'Since Asaib Ahl al-Haq is a Shia militia, if they attack the US, it will be blamed on Iran.',
    ],
    [
      'the subject after an opening phrase',
      'Pentagon',
      ['During the embassy siege, the Pentagon deployed a crisis response task force of Marines.'],
      'During the embassy siege, the Pentagon deployed a crisis response task force of Marines.',
    ],
    [
      'told of by a relative clause, not the sentence of another death where it is named last (issue 17)',
      'Islamic State',
      [
        'Soleimani was killed alongside Abu Mahdi al-Mohandes, a group of militias formed in 2014 to fight the Islamic State.',
        'Other groups could gain from a war, like the Islamic State, who celebrated the assassination.',
      ],
      'Other groups could gain from a war, like the Islamic State, who celebrated the assassination.',
    ],
    [
      'a present verb after an adverb',
      'State Department',
      ['“The State Department continually adjusts its diplomatic presence,” a department official said.'],
      '“The State Department continually adjusts its diplomatic presence,” a department official said.',
    ],
    [
      'named in passing: only the clause that names it',
      'Chatham House',
      ['“There is no requirement,” said Sanam Vakil, the deputy head of the programme at Chatham House in London.'],
      '… the deputy head of the programme at Chatham House in London.',
    ],
    [
      'named in passing inside an "of" phrase with a relative clause after it: the relative tells of the head',
      'Joint Chiefs of Staff',
      ['He met the chairman of the Joint Chiefs of Staff, who said little about the plan to the reporters there.'],
      'He met the chairman of the Joint Chiefs of Staff …',
    ],
  ])('%s', (_what, name, paragraphs, expected) => {
    expect(shown(name, paragraphs)).toBe(expected);
  });

  it('is not fooled by a plural noun after the name ("State Department officials said")', () => {
    expect(shown('State Department', ['State Department officials said the move was temporary, and the embassy stayed open.'])).toBe(
      'State Department officials said the move was temporary …',
    );
  });
});
