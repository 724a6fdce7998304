import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Answer } from '../../src/answer/types.ts';
import { checkLimits, embedSize } from '../../src/discord/limits.ts';
import { dateMarkup, paginate, renderAnswer, renderShort, renderSources, sourceLine, tagsText } from '../../src/discord/render.ts';
import { escapeMarkdown } from '../../src/discord/text.ts';
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
    expect(embed.description).toContain('The embassy reduced its staff on Wednesday. ¹ `000-p1` — *2 sources*');
    expect(embed.description).toContain('**3 Dec 2020** · Officials said the move was temporary. ² `001-p2` · also ¹');
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
  it('shows every cited paragraph of the page in full, grouped by the item it supports', () => {
    const answer = smallAnswer();
    const msg = renderSources(answer, 0, (id) => `Full text of ${id}.`);
    const fields = msg.embeds[0]!.fields!;
    expect(fields.map((f) => f.name)).toEqual([
      '1 · ¹ 000-p1 · Headline of article 000',
      '2 (3 Dec 2020) · ² 001-p2 · Headline of article 001',
      '2 (3 Dec 2020) · ¹ 000-p3 · Headline of article 000',
      '3 · ² 001-p4 · Headline of article 001',
    ]);
    expect(fields[0]!.value).toBe('*The Daily Example · <t:1606996800:D>*\nFull text of 000-p1.');
    expect(msg.embeds[0]!.footer!.text).toMatch(/^For items 1–3 · verbatim from the corpus/);
    expect(msg.components).toEqual([]);
  });

  it('a paragraph cited by two items is shown once, the second item pointing to the first', () => {
    const answer = smallAnswer();
    answer.items[2]!.citations.push(cite('000', 1, 'x'));
    const fields = renderSources(answer, 0, (id) => `Full text of ${id}.`).embeds[0]!.fields!;
    expect(fields.filter((f) => f.value.includes('Full text of 000-p1.'))).toHaveLength(1);
    expect(fields.at(-1)).toEqual({ name: '3 · ¹ 000-p1 · Headline of article 000', value: 'The same paragraph as item 1 cites, shown with it.' });
  });

  it('reaches every word of every cited paragraph, over pages of its own with Previous and Next', () => {
    // 8 items citing 3 long paragraphs each: far more than one message holds.
    const items = Array.from({ length: 8 }, (_, i) => ({
      text: `Finding ${i}.`,
      citations: [0, 1, 2].map((j) => cite(String(j).padStart(3, '0'), i * 3 + j + 1, 'x')),
    }));
    const answer = { ...smallAnswer(), items, sources: ['000', '001', '002'].map((a) => source(a)) };
    const paragraph = (id: string) => Array.from({ length: 120 }, (_, k) => `${id}w${k}`).join(' ');
    const ids = (action: string, page: number, extra?: { sub?: number }) => `${action}:${page}:${extra?.sub ?? 0}`;
    const first = renderSources(answer, 0, paragraph, { ids });
    expect(first.subs).toBeGreaterThan(3);
    const seen: string[] = [];
    for (let sub = 0; sub < first.subs; sub++) {
      const msg = renderSources(answer, 0, paragraph, { ids, sub });
      expect(checkLimits(msg)).toEqual([]);
      expect(msg.embeds[0]!.footer!.text).toContain(`page ${sub + 1} of ${first.subs}`);
      const labels = msg.components[0]!.components.map((b) => ('label' in b ? `${b.label}>${'custom_id' in b ? b.custom_id : ''}` : ''));
      expect(labels).toEqual([...(sub > 0 ? [`Previous>sources:0:${sub - 1}`] : []), ...(sub < first.subs - 1 ? [`Next>sources:0:${sub + 1}`] : [])]);
      for (const f of msg.embeds[0]!.fields!) seen.push(...f.value.replace(/^\*.*\*\n/, '').split(' '));
    }
    const expected = items.flatMap((i) => i.citations.map((c) => paragraph(c.id))).join(' ').split(' ');
    expect(seen).toEqual(expected);
  });

  it('the worst case stays within the limits on every page of every Sources view', () => {
    const answer = worstAnswer();
    const pages = paginate(answer).length;
    for (let p = 0; p < pages; p++) {
      const { subs } = renderSources(answer, p, () => undefined);
      for (let sub = 0; sub < subs; sub++) {
        const msg = renderSources(answer, p, () => undefined, { sub, ids: (action, page, extra) => `${action}:${page}:${extra?.sub}` });
        expect(checkLimits(msg)).toEqual([]);
        expect(allText(msg)).not.toMatch(LIVE_MENTION);
      }
    }
  });
});

describe('an article whose text is not the page at its address', () => {
  const note = "from the feed's own text, not the page; the page could not be read: https://news.example/gone was not found (HTTP 404)";

  it('says so in its footnote, even when the line is too long for the rest', () => {
    expect(sourceLine(source('000', { url: 'https://news.example/gone', note }), 1)).toBe(
      `¹ [Headline of article 000](https://news.example/gone) · The Daily Example · ${dateMarkup('2020-12-03')} · *${escapeMarkdown(note)}*`,
    );
    const long = sourceLine(source('000', { url: `https://news.example/${'x'.repeat(400)}`, note }), 1);
    expect(long).toBe(`¹ Headline of article 000 · *${escapeMarkdown(note)}*`);
  });

  it('says so above the cited paragraph in the Sources view', () => {
    const answer = smallAnswer();
    answer.sources[0] = { ...answer.sources[0]!, url: 'https://news.example/gone', note };
    const field = renderSources(answer, 0, (id) => `Full text of ${id}.`).embeds[0]!.fields![0]!;
    expect(field.value).toBe(`*The Daily Example · ${dateMarkup('2020-12-03')}*\n*${escapeMarkdown(note)}*\nFull text of 000-p1.`);
  });
});

describe('citations you can follow', () => {
  it('each finding shows the id of the paragraph it quotes, as inline code for /source', () => {
    const answer = smallAnswer();
    answer.items.push({ text: 'Quoted text.', citations: [cite('001', 9, 'Quoted text.')], label: '001-p9' });
    const description = renderAnswer(answer, { ids }).embeds[0]!.description!;
    expect(description).toContain('**1.** The embassy reduced its staff on Wednesday. ¹ `000-p1`');
    // Where the label already is the id (a /source paragraph), it is not repeated.
    expect(description.split('\n').at(-1)).toBe('**4.** **001-p9** · Quoted text. ²');
    expect(description).not.toContain('² `001-p9`');
  });

  it('a listing of articles shows each article once: no footnotes, no Sources field', () => {
    const answer: Answer = {
      command: 'source',
      query: '',
      title: 'Sources · 2 articles',
      items: ['000', '001'].map((a) => ({ text: `Headline of article ${a}`, citations: [], label: a, article: a, tags: ['The Daily Example'] })),
      sources: [source('000'), source('001')],
      notes: [],
    };
    const embed = renderAnswer(answer, { ids }).embeds[0]!;
    expect(embed.description!.match(/Headline of article 000/g)).toHaveLength(1);
    expect(embed.description).not.toMatch(/[¹²]/);
    expect(embed.fields ?? []).toEqual([]);
  });

  it('an untitled source is named by its heading, never "(untitled)"', () => {
    const line = sourceLine(source('003', { title: null }), 3);
    expect(line).toBe('³ “Opening words of article 003…” · The Daily Example · <t:1606996800:D>');
  });
});

describe('what an answer left out, in Discord\'s words', () => {
  const more = (): Answer => ({ ...smallAnswer('timeline'), more: [{ shown: 3, total: 40, unit: 'dates', chosen: 'the ones most sources point at' }] });
  const labels = (msg: ReturnType<typeof renderAnswer>) => msg.components[0]!.components.map((b) => ('label' in b ? b.label : ''));

  it('names the Show all button (never --limit) and offers it', () => {
    const msg = renderAnswer(more(), { ids });
    const notes = msg.embeds[0]!.fields!.find((f) => f.name === 'Notes')!.value;
    expect(notes).toContain('3 of 40 dates shown, the ones most sources point at; **Show all** lists them.');
    expect(notes).not.toContain('--limit');
    expect(labels(msg)).toEqual(['Show all', 'Sources']);
    const shown = msg.components[0]!.components.find((b) => 'label' in b && b.label === 'Show all')!;
    expect('custom_id' in shown && shown.custom_id).toBe('page:0');
  });

  it('the whole answer keeps asking for itself and says a narrower query shows the rest', () => {
    const calls: Array<[string, number, unknown]> = [];
    const record = (action: string, page: number, extra?: unknown) => {
      calls.push([action, page, extra]);
      return `${action}:${page}:${calls.length}`;
    };
    const msg = renderAnswer(more(), { ids: record, all: true });
    expect(labels(msg)).toEqual(['Sources']);
    expect(calls).toEqual([['sources', 0, { all: true }]]);
    expect(msg.embeds[0]!.fields!.find((f) => f.name === 'Notes')!.value).toContain('; a narrower query shows the others.');
  });
});

describe('the commands worth running next, in Discord\'s words', () => {
  it('are slash commands, never the shell\'s', () => {
    const answer: Answer = { ...smallAnswer('timeline'), next: [{ command: 'timeline', query: '', does: 'lists the dated events of the whole corpus' }] };
    const notes = renderAnswer(answer, { ids }).embeds[0]!.fields!.find((f) => f.name === 'Notes')!.value;
    expect(notes).toContain('/timeline lists the dated events of the whole corpus.');
    expect(notes).not.toContain('npm run');
  });
});

describe('the channel of a listed watch or schedule', () => {
  const CHANNEL = '810000000000000001';
  it('is its mention, unescaped, only when it is the item\'s own channel; any other <#…> is escaped', () => {
    expect(tagsText({ text: 'embassy', citations: [], channel: CHANNEL, tags: [`<#${CHANNEL}>`, 'active'] })).toBe(`<#${CHANNEL}> · active`);
    expect(tagsText({ text: 'embassy', citations: [], channel: CHANNEL, tags: ['07:00 UTC, every day', `<#${CHANNEL}>`] })).toBe(`07\\:00 UTC, every day · <#${CHANNEL}>`);
    // An outlet written as a mention, on an item with no channel or another one, is text.
    expect(tagsText({ text: 'x', citations: [], tags: [`<#${CHANNEL}>`] })).toBe(`\\<#${CHANNEL}>`);
    expect(tagsText({ text: 'x', citations: [], channel: '1', tags: [`<#${CHANNEL}>`] })).toBe(`\\<#${CHANNEL}>`);
  });
  it('fits the remarks in 120 characters, a cut tag ending them', () => {
    const out = tagsText({ text: 'x', citations: [], channel: CHANNEL, tags: [`<#${CHANNEL}>`, `⚠ paused: ${'refused '.repeat(20)}`, 'last alert 3 Dec'] });
    expect(out.length).toBeLessThanOrEqual(120);
    expect(out.startsWith(`<#${CHANNEL}> · ⚠ paused\\: refused`)).toBe(true);
    expect(out.endsWith('…')).toBe(true);
  });
});
