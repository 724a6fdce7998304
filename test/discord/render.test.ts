import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Answer } from '../../src/answer/types.ts';
import { checkLimits, embedSize } from '../../src/discord/limits.ts';
import { dateMarkup, paginate, renderAnswer, renderShort, renderSources, sourceLine } from '../../src/discord/render.ts';
import { cite, smallAnswer, source, worstAnswer } from './fixtures.ts';

const ids = (action: string, page: number) => `${action}:${page}`;

/** Every string of a rendered message, for scanning. */
function allText(message: { content?: string; embeds: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }> }): string {
  return [
    message.content ?? '',
    ...message.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ].join('\n');
}

/** A mention or masked link that Discord would render: not preceded by an escaping backslash. */
const LIVE_MENTION = /(?<!\\)(@everyone|@here|<@[!&]?\d+>|<#\d+>)/;

function everyPage(answer: Answer) {
  const first = renderAnswer(answer, { page: 0, ids });
  return Array.from({ length: first.pages }, (_, p) => renderAnswer(answer, { page: p, ids }));
}

describe('renderAnswer on fixtures', () => {
  it('a small answer fits one page with footnotes mapping to headline, outlet and date', () => {
    const msg = renderAnswer(smallAnswer(), { ids });
    expect(msg.pages).toBe(1);
    const embed = msg.embeds[0]!;
    expect(embed.description).toContain('The embassy reduced its staff on Wednesday. ¹ — *2 sources*');
    expect(embed.description).toContain('**3 Dec 2020** · Officials said the move was temporary. ² · also ¹');
    const sources = embed.fields!.find((f) => f.name === 'Sources')!.value;
    expect(sources).toContain('¹ [Headline of article 000](https://example.com/news/000) · The Daily Example · <t:1606996800:D>');
    expect(sources).toContain('² Headline of article 001 · <t:1606996800:D> (date inferred)');
    expect(embed.fields!.find((f) => f.name === 'Notes')!.value).toBe('2 of 2 articles mention this.');
    expect(msg.components[0]!.components.map((b) => b.type === 2 && 'label' in b ? b.label : '')).toEqual(['Sources']);
  });

  it('the worst case splits into pages that each respect every Discord limit', () => {
    const pages = everyPage(worstAnswer());
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      expect(checkLimits({ ...page, components: page.components })).toEqual([]);
      expect(embedSize(page.embeds[0]!)).toBeLessThanOrEqual(6000);
    }
  });

  it('the worst case never renders a live mention, and excerpts cut show an ellipsis', () => {
    for (const page of everyPage(worstAnswer())) {
      const text = allText(page);
      expect(text).not.toMatch(LIVE_MENTION);
      expect(text).not.toMatch(/(?<!\\)\[[^\]]*\]\(https:\/\/evil/);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(renderAnswer(worstAnswer(), { ids }).embeds[0]!.description).toContain('…');
  });

  it('pages cover every item exactly once, in order, with More and Back buttons between them', () => {
    const answer = worstAnswer();
    const pages = paginate(answer);
    expect(pages[0]!.start).toBe(0);
    pages.forEach((p, i) => {
      expect(p.end).toBeGreaterThan(p.start);
      if (i > 0) expect(p.start).toBe(pages[i - 1]!.end);
    });
    expect(pages.at(-1)!.end).toBe(answer.items.length);
    const labels = (page: number) =>
      renderAnswer(answer, { page, ids }).components[0]!.components.map((b) => ('label' in b ? b.label : ''));
    expect(labels(0)).toEqual(['More', 'Sources']);
    expect(labels(1)).toEqual(['Back', 'More', 'Sources']);
    expect(labels(pages.length - 1)).toEqual(['Back', 'Sources']);
  });

  it('a page number out of range is clamped to the last page', () => {
    const msg = renderAnswer(worstAnswer(), { page: 999, ids });
    expect(msg.page).toBe(msg.pages - 1);
  });

  it('unsafe or odd URLs are never linked', () => {
    expect(sourceLine(source('001', { url: 'javascript:alert(1)' }), 1)).not.toContain('](');
    expect(sourceLine(source('001', { url: 'https://e.x/a(b)' }), 1)).not.toContain('](');
    expect(sourceLine(source('001', { url: 'https://e.x/a' }), 1)).toContain('](https://e.x/a)');
  });

  it.each([
    ['a full date becomes a Discord timestamp at noon UTC', '2020-12-03', '<t:1606996800:D>'],
    ['a month stays a month, as an editor writes it', '2020-12', 'Dec 2020'],
    ['a year stays a year', '2019', '2019'],
  ])('%s', (_name, date, expected) => {
    expect(dateMarkup(date)).toBe(expected);
  });
});

describe('renderSources', () => {
  it('shows each cited paragraph of the page in full, under its mark, id and headline', () => {
    const answer = smallAnswer();
    const msg = renderSources(answer, 0, (id) => `Full text of ${id}.`);
    const fields = msg.embeds[0]!.fields!;
    expect(fields.map((f) => f.name)).toEqual([
      '¹ 000\\-p1 · Headline of article 000'.replace('\\-', '-'),
      '² 001-p2 · Headline of article 001',
      '¹ 000-p3 · Headline of article 000',
      '² 001-p4 · Headline of article 001',
    ]);
    expect(fields[0]!.value).toContain('Full text of 000-p1.');
    expect(fields[0]!.value).toContain('The Daily Example · <t:1606996800:D>');
  });

  it('the worst case stays within the limits on every page', () => {
    const answer = worstAnswer();
    const pages = paginate(answer).length;
    for (let p = 0; p < pages; p++) {
      const msg = renderSources(answer, p, () => undefined);
      expect(checkLimits(msg)).toEqual([]);
      expect(allText(msg)).not.toMatch(LIVE_MENTION);
    }
  });
});

describe('renderShort', () => {
  it.each([
    ['notes and suggestions become the message', { notes: ['No article `xyz`.'], suggestions: ['000', '001'] }, 'No article \\`xyz\\`.\nTry: 000, 001'],
    ['no notes says nothing was found for the query', { notes: [], query: 'ghost' }, 'Nothing found for "ghost".'],
    ['a hostile query cannot mention anyone', { notes: ['No article `@everyone <@1>`.'] }, 'No article \\`\\@everyone \\<\\@1>\\`.'],
  ])('%s', (_name, over, expected) => {
    expect(renderShort({ ...smallAnswer(), items: [], ...over } as Answer)).toBe(expected);
  });
});

describe('renderer properties', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '*', '_', '@', '<', '>', '`', '\\', '\n', '#', '-', '😀', '🇮🇶', 'é', '[', ']', '(', ')'), maxLength: 3000 });
  const answer = fc
    .record({
      title: text,
      notes: fc.array(text, { maxLength: 4 }),
      items: fc.array(
        fc.record({
          text,
          label: fc.option(text, { nil: undefined }),
          tags: fc.option(fc.array(text, { maxLength: 3 }), { nil: undefined }),
          arts: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      titles: fc.array(fc.option(text, { nil: null }), { minLength: 31, maxLength: 31 }),
    })
    .map(
      (r): Answer => ({
        command: 'brief',
        query: 'q',
        title: r.title,
        notes: r.notes,
        items: r.items.map((i) => ({ text: i.text, label: i.label, tags: i.tags, citations: i.arts.map((a) => cite(String(a), 1, i.text)) })),
        sources: r.titles.map((t, k) => source(String(k), { title: t, outlet: t })),
      }),
    );

  it('every page of any answer respects every Discord limit and renders no live mention', () => {
    fc.assert(
      fc.property(answer, (a) => {
        for (const page of everyPage(a)) {
          expect(checkLimits(page)).toEqual([]);
          expect(allText(page)).not.toMatch(LIVE_MENTION);
        }
        expect(checkLimits(renderSources(a, 0, () => undefined))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});
