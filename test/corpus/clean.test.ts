import { describe, expect, it } from 'vitest';
import { cleanBody, debrisReason, readsAsLede } from '../../src/corpus/clean.ts';

describe('debrisReason', () => {
  it.each([
    ['!-- Google tag (gtag.js) -->', 'markup remnant'],
    ['<div class="ad"></div>', 'markup remnant'],
    ['– – –', 'rule line'],
    ['* * *', 'rule line'],
    ['The United States threatened to close its Baghdad embassy - STR/AFP via Getty Images', 'photo caption or credit'],
    ['A member of the Iraqi security forces inspects the damage on Nov 18, 2020. PHOTO: AFP', 'photo caption or credit'],
    ["Join ST's Telegram channel and get the latest breaking news delivered to you.", 'newsletter or social plug'],
    ['Dave DeCamp is the news editor of, follow him on Twitter @decampdave.', 'newsletter or social plug'],
    ['Sign up for our newsletter', 'newsletter or social plug'],
    ['Author: Dave DeCamp', 'byline'],
    ['By Louisa Loveluck and Mustafa Salim', 'byline'],
    ['Hudson and Morello reported from Washington. The Washington Post’s Dan Lamothe and Missy Ryan contributed from Washington.', 'reporter credits'],
    ['Reporting by John Smith; Editing by Jane Doe', 'reporter credits'],
    ['SOURCE: NBC NEWS/REUTERS', 'source line'],
    ['September 29, 2020', 'date line'],
    ['Tuesday, 4 January 2005', 'date line'],
  ])('%j is debris: %s', (line, reason) => {
    expect(debrisReason(line)).toBe(reason);
  });

  it.each([
    'The United States has reduced staffing at its Baghdad embassy, Iraqi officials have said.',
    'As a result it will follow close on the heels of the privatisation of the TF1 television channel.',
    'Reuter correspondent Subhy Haddad reported from Mosul that political observers there said the offensive was timed.',
    'By September, the US had threatened to close the embassy unless Iraqi authorities reined in militia attacks.',
    'Iran has urged its allies in Iraq not to provoke tensions with the US',
    'QUOTA 1987',
  ])('%j is content', (line) => {
    expect(debrisReason(line)).toBeNull();
  });
});

describe('readsAsLede', () => {
  it.each([
    ['US reduces diplomatic staff in Iraq amid security threats', false],
    ['BAHIA COCOA REVIEW', false],
    ['BAGHDAD – The U.S. government has decided to withdraw some staff from its embassy in Baghdad through the final weeks of the Trump administration, officials say, as tensions rise throughout the region.', true],
    ['Officials in Baghdad said on Tuesday that the embassy would stay open for now.', true],
  ])('%j → %s', (line, expected) => {
    expect(readsAsLede(line)).toBe(expected);
  });
});

describe('cleanBody', () => {
  it('drops a long line repeated later but keeps short repeated table rows', () => {
    const body = 'Headline here\n\nThe quick brown fox jumps over the lazy dog again today.\n\nQUOTA 1987\n\nQUOTA 1987\n\nThe quick brown fox jumps over the lazy dog again today.';
    const cleaned = cleanBody(body, 1, { findTitle: true, title: null });
    expect(cleaned.title).toBe('Headline here');
    expect(cleaned.paragraphs.map((p) => p.text)).toEqual(['The quick brown fox jumps over the lazy dog again today.', 'QUOTA 1987', 'QUOTA 1987']);
    expect(cleaned.dropped).toEqual([{ line: 9, text: 'The quick brown fox jumps over the lazy dog again today.', reason: 'duplicate line' }]);
  });

  it('records the file line of every paragraph and dropped line', () => {
    const cleaned = cleanBody('Title\n\nFirst para.\n– – –\nSecond para.', 10, { findTitle: true, title: null });
    expect(cleaned.paragraphs).toEqual([{ text: 'First para.', line: 12 }, { text: 'Second para.', line: 14 }]);
    expect(cleaned.dropped[0]).toMatchObject({ line: 13, reason: 'rule line' });
  });
});
