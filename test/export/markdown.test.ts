import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ANSWERS } from '../../src/answer/index.ts';
import type { Answer } from '../../src/answer/types.ts';
import { escapeMarkdown, toMarkdown, unescapeMarkdown } from '../../src/export/markdown.ts';
import { exportAnswer } from '../../src/export/index.ts';
import { editorDate } from '../../src/answer/cite.ts';
import { seedLibrary } from '../support/seeds.ts';

/** The Markdown's findings: each quote (unescaped) with the lines that follow it. */
function quotes(md: string): Array<{ text: string; cites: string[] }> {
  const out: Array<{ text: string; cites: string[] }> = [];
  for (const block of md.split('\n\n')) {
    const lines = block.split('\n').filter((l) => l.startsWith('>'));
    if (!lines.length) continue;
    const body = lines.filter((l) => l !== '>' && !l.startsWith('> — '));
    out.push({ text: unescapeMarkdown(body.map((l) => l.slice(2)).join('\n')), cites: lines.filter((l) => l.startsWith('> — ')) });
  }
  return out;
}

const cases: Array<[string, string]> = [
  ['brief', ''],
  ['brief', 'embassy drawdown'],
  ['timeline', ''],
  ['timeline', 'Soleimani'],
  ['who', 'Kadhimi'],
];

describe('the Markdown export', () => {
  it.each(cases)('/%s "%s": every finding is its verbatim text as a quote, followed by each of its citation ids and sources', async (command, query) => {
    const library = await seedLibrary();
    const answer = ANSWERS[command as 'brief']!(library, query, {});
    const md = toMarkdown(answer);
    const found = quotes(md);
    const findings = answer.items.filter((i) => i.citations.length > 0);
    expect(found).toHaveLength(findings.length);
    const sources = new Map(answer.sources.map((s) => [s.article, s]));
    findings.forEach((item, k) => {
      expect(found[k]!.text).toBe(item.text);
      expect(found[k]!.cites).toHaveLength(item.citations.length);
      item.citations.forEach((c, j) => {
        const line = unescapeMarkdown(found[k]!.cites[j]!);
        expect(line).toContain(`[${c.id}]`);
        const s = sources.get(c.article)!;
        if (s.title) expect(line).toContain(s.title);
        if (s.outlet) expect(line).toContain(s.outlet);
        if (s.published) expect(line).toContain(editorDate(s.published));
      });
    });
    expect(md.startsWith(`# ${escapeMarkdown(answer.title)}\n`)).toBe(true);
    expect(md).toContain('\n## Sources\n');
    for (const s of answer.sources) expect(md).toContain(`- **${s.article}** · `);
  });

  it('links a headline to its URL when one is known, and says when a date was inferred', () => {
    const answer: Answer = {
      command: 'brief',
      query: 'x',
      title: 'Briefing · x',
      items: [{ text: 'A sentence.', citations: [{ id: '000-abcd', article: '000', paragraph: 1, excerpt: 'A sentence.' }] }],
      sources: [{ article: '000', title: 'Head (line)', heading: 'Head (line)', outlet: 'Outlet', published: '2020-12-03', publishedInferred: true, url: 'https://example.com/a_(b)', path: 'a.md' }],
      notes: ['One note.'],
    };
    const md = toMarkdown(answer);
    expect(md).toContain('> — [000-abcd] [Head (line)](<https://example.com/a_(b)>), Outlet, 3 Dec 2020 (date inferred)');
    expect(md).toContain('## Notes\n\n- One note.');
  });

  it('ends its notes with the commands worth running next, typed as the door it was taken from types them', async () => {
    const library = await seedLibrary();
    const answer = ANSWERS.timeline!(library, 'zzqx nothing matches this', {});
    expect(answer.next?.length).toBeGreaterThan(0);
    const discord = toMarkdown(answer);
    expect(discord).toContain('\n- `/timeline` lists the dated events of the whole corpus.');
    const shell = exportAnswer(answer, 'md', { door: 'cli', corpus: 'my corpus' }).text;
    expect(shell).toContain("\n- `npm run ask -- timeline --corpus 'my corpus'` lists the dated events of the whole corpus.");
  });

  it('escapes what Markdown would read as markup, and unescaping gives the text back', () => {
    expect(escapeMarkdown('*Breaking* _news_ [1] <b> a|b `x` \\ &amp; AT&T')).toBe('\\*Breaking\\* \\_news\\_ \\[1\\] \\<b\\> a\\|b \\`x\\` \\\\ \\&amp; AT&T');
    expect(escapeMarkdown('# title\n- item\n12. twelve\n+1')).toBe('\\# title\n\\- item\n12\\. twelve\n\\+1');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => unescapeMarkdown(escapeMarkdown(s)) === s));
  });
});
