import { describe, expect, it } from 'vitest';
import { datelineAgency, NEWS_ORGANISATIONS } from '../../src/text/outlets.ts';
import { OUTLETS } from '../../src/analyse/entities-words.ts';
import { attributionOf } from '../../src/brief/reports.ts';
import { foldCase } from '../../src/text/normalize.ts';

describe('datelineAgency', () => {
  it.each([
    ['BAGHDAD (AFP) - The American embassy in Baghdad has partially withdrawn its staff.', 'AFP'],
    ['WASHINGTON (Reuters) — Treasury Secretary James Baker said the dollar had fallen enough.', 'Reuters'],
    ['BAGHDAD – The U.S. government has decided to withdraw some staff from its embassy.', null],
    ['The talks ended on Monday (local time) - delegates said.', null],
  ])('%s → %s', (text, agency) => {
    expect(datelineAgency(text)).toBe(agency);
  });
});

describe('NEWS_ORGANISATIONS: the one list of outlets', () => {
  it('is what the name recogniser skips and what the report counter credits', () => {
    for (const o of NEWS_ORGANISATIONS) {
      for (const name of o.names) {
        expect(OUTLETS.has(foldCase(name)), name).toBe(true);
        expect(attributionOf(`Officials confirmed the move, ${name} reported.`), name).toBe(o.names[0]);
      }
    }
  });
});
