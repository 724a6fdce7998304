import { describe, expect, it } from 'vitest';
import { repairText } from '../../src/intake/text.ts';

describe('repairText restores what the publisher wrote', () => {
  it('maps C1 controls standing for Windows-1252 punctuation', () => {
    expect(repairText('don\u0092t \u0093quoted\u0094 \u0080 5')).toBe('don’t “quoted” € 5');
  });

  it('undoes UTF-8 read twice as Windows-1252', () => {
    expect(repairText('A Kennedyâ€™s Crusade')).toBe('A Kennedy’s Crusade');
    expect(repairText('Ã©tÃ© in MÃ¼nchen')).toBe('été in München');
  });

  it.each(['Mãe de utente é a nova presidente', 'São Paulo, €5, “quotes”', 'Â plain'])('leaves ordinary text alone: %s', (text) => {
    expect(repairText(text)).toBe(text);
  });
});
