import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../src/answer/index.ts';
import { WHO_COLUMNS, csvField, toCsv, whoCsv } from '../../src/export/csv.ts';
import { seedLibrary } from '../support/seeds.ts';
import { parseCsv } from '../support/csv.ts';

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=IMPORTXML("http://x")', `"'=IMPORTXML(""http://x"")"`],
    ['+1 555', "'+1 555"],
    ['-3 dead', "'-3 dead"],
    ['@home', "'@home"],
  ])('writes %j as %s', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes numbers as they are, and rows that read back to the same cells', () => {
    expect(csvField(-3)).toBe('-3');
    const rows = [['a', 'b, c', 'd "e"'], ['', 'x\ny', '1']];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe('the /who table as CSV', () => {
  it('has one row per name with its kind, aliases, counts, descriptor and citation ids', async () => {
    const answer = ANSWERS.who!(await seedLibrary(), '', {});
    const rows = parseCsv(whoCsv(answer));
    expect(rows[0]).toEqual([...WHO_COLUMNS]);
    const named = answer.items.filter((i) => typeof i.name === 'string');
    expect(rows.slice(1)).toHaveLength(named.length);
    named.forEach((item, k) => {
      const [name, kind, aliases, articles, mentions, descriptor, ids] = rows[k + 1]!;
      expect(name).toBe(item.name);
      expect(kind).toBe(item.kind);
      expect(aliases).toBe((item.aliases as string[]).join('; '));
      expect(Number(articles)).toBe(item.articles);
      expect(Number(mentions)).toBe(item.mentions);
      expect(descriptor).toBe(item.text);
      expect(ids!.split(' ')).toEqual(item.citations.map((c) => c.id));
    });
    expect(rows.find((r) => r[0] === 'Qassem Soleimani')?.[2]).toContain('Qasem Soleimani');
  });

  it('refuses a profile (a name asked), typing the command that makes the table as the door types it', async () => {
    const profile = ANSWERS.who!(await seedLibrary(), 'Kadhimi', {});
    expect(() => whoCsv(profile)).toThrow('export: the who CSV is the table of names, not one profile: /who --format csv makes it');
    expect(() => whoCsv(profile, { door: 'console' })).toThrow(/: \/who --format csv makes it$/);
    expect(() => whoCsv(profile, { door: 'cli' })).toThrow(/: `npm run ask -- who --format csv` makes it$/);
    expect(() => whoCsv(profile, { door: 'cli', corpus: 'my corpus' })).toThrow(/: `npm run ask -- who --corpus 'my corpus' --format csv` makes it$/);
  });
});
