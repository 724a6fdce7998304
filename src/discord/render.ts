/**
 * The Discord renderer: Answer → message (embeds, buttons, content). Pure: the same Answer and page
 * always give the same message, and every message respects every Discord limit (see limits.ts).
 *
 * Every string taken from the Answer is escaped (it is untrusted: quoted articles, the user's query);
 * markup comes only from here. Findings are cut at a word with a visible "…" when they must be.
 * Citation marks (¹ ²) are footnotes: each maps to one source line (headline, outlet, date, link).
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import type { Answer, AnswerItem, SourceRef } from '../answer/types.ts';
import { editorDate } from '../answer/cite.ts';
import { LIMITS, embedSize } from './limits.ts';
import { escapeAndTruncate, escapeMarkdown, superscript, truncate } from './text.ts';
import { SECTION_TITLES } from '../answer/sections.ts';

/** What the bot sends: the shape discord.js's reply/editReply/update accept. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
}

export type ButtonAction = 'page' | 'sources' | 'export';
/** Makes a button's custom id for an action on a page of this answer (see buttons.ts). */
export type ButtonIds = (action: ButtonAction, page: number) => string;

/** Budgets that keep any page under the 6000-character embed total (256 + 2800 + 2·1044 + 620 + 200). */
export const BUDGET = {
  description: 2800,
  itemText: 700,
  label: 60,
  sourceLine: 300,
  sourceFields: 2,
  notes: 600,
  itemsPerPage: 8,
  sourceTitle: 100,
  /** Items beyond this many are not paged through (the footer says so): nobody presses More 2000 times. */
  maxItems: 200,
} as const;

const COLOR = 0x2b6cb0;


/** Footnote numbers: each source's article id → 1-based mark, in the Answer's source order. */
export function footnotes(answer: Answer): Map<string, number> {
  const marks = new Map<string, number>();
  for (const s of answer.sources) if (!marks.has(s.article)) marks.set(s.article, marks.size + 1);
  for (const item of answer.items) {
    for (const c of item.citations) if (!marks.has(c.article)) marks.set(c.article, marks.size + 1);
  }
  return marks;
}

/** The articles an item points at: its citations' articles, or (for a listing) its `article` field. */
function itemArticles(item: AnswerItem): string[] {
  if (item.citations.length) return [...new Set(item.citations.map((c) => c.article))];
  return typeof item.article === 'string' ? [item.article] : [];
}

/**
 * One item as a description line: number, label, verbatim text (escaped, cut), the mark of the source it
 * is quoted from (then "also" the other sources that carry it), and the bot's remarks.
 * @example itemLine(item, 1, marks) // '**1.** The embassy … ² · also ¹ ³ — *3 sources*'
 */
export function itemLine(item: AnswerItem, n: number, marks: Map<string, number>): string {
  const label = item.label ? `**${escapeAndTruncate(item.label, BUDGET.label)}** · ` : '';
  const text = escapeAndTruncate(item.text, BUDGET.itemText);
  // The text is verbatim from the first citation's article; the others say the same ("also").
  const refs = itemArticles(item).map((a) => marks.get(a)).filter((m): m is number => m !== undefined);
  const [first, ...also] = refs.map(superscript);
  const markText = first ? ` ${first}${also.length ? ` · also ${also.join(' ')}` : ''}` : '';
  const tags = item.tags?.length ? ` — *${escapeAndTruncate(item.tags.join(' · '), 120)}*` : '';
  return `**${n}.** ${label}${text}${markText}${tags}`;
}

/** Splits the items into pages: at most `itemsPerPage` items and `description` characters each, ≥ 1 item. */
export function paginate(answer: Answer): Array<{ start: number; end: number; lines: string[] }> {
  const marks = footnotes(answer);
  const pages: Array<{ start: number; end: number; lines: string[] }> = [];
  let cur = { start: 0, end: 0, lines: [] as string[] };
  let size = 0;
  let section: unknown;
  answer.items.slice(0, BUDGET.maxItems).forEach((item, i) => {
    const lines: string[] = [];
    if (item.section !== section && typeof item.section === 'string' && item.section !== 'paragraph') {
      lines.push(`__${escapeMarkdown(SECTION_TITLES[item.section] ?? item.section)}__`);
    }
    section = item.section;
    lines.push(itemLine(item, i + 1, marks));
    const add = lines.join('\n').length + 1;
    if (cur.lines.length > 0 && (size + add > BUDGET.description || cur.end - cur.start >= BUDGET.itemsPerPage)) {
      pages.push(cur);
      cur = { start: i, end: i, lines: [] };
      size = 0;
    }
    cur.lines.push(...lines);
    cur.end = i + 1;
    size += add;
  });
  if (cur.lines.length > 0 || pages.length === 0) pages.push(cur);
  return pages;
}

/** A Discord timestamp for a YYYY-MM-DD date (noon UTC, so the day shows right in most time zones). */
export function dateMarkup(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return escapeMarkdown(editorDate(date));
  const unix = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12) / 1000;
  return `<t:${unix}:D>`;
}

/** A link target Discord will accept in a masked link, or null. */
function safeUrl(url: string | null): string | null {
  if (!url || url.length > 500 || /[\s()<>]/.test(url)) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** One footnote line: mark, headline (linked when a URL is known), outlet, date. */
export function sourceLine(source: SourceRef, mark: number): string {
  const title = escapeAndTruncate(source.title ?? `(untitled) ${source.article}`, BUDGET.sourceTitle);
  const url = safeUrl(source.url);
  const parts = [url ? `[${title}](${url})` : title];
  if (source.outlet) parts.push(escapeAndTruncate(source.outlet, 60));
  if (source.published) parts.push(`${dateMarkup(source.published)}${source.publishedInferred ? ' (date inferred)' : ''}`);
  const line = `${superscript(mark)} ${parts.join(' · ')}`;
  return line.length <= BUDGET.sourceLine ? line : truncate(`${superscript(mark)} ${title}`, BUDGET.sourceLine);
}

/** Packs lines into at most `maxFields` field values of ≤ 1024 characters; says how many were left out. */
function packFields(name: string, lines: string[], maxFields: number, overflow: (n: number) => string): APIEmbedField[] {
  const fields: APIEmbedField[] = [];
  let value = '';
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (value.length + line.length + 1 <= LIMITS.fieldValue - 40) {
      value = value ? `${value}\n${line}` : line;
      continue;
    }
    if (fields.length + 1 >= maxFields) break;
    fields.push({ name: fields.length ? `${name} (cont.)` : name, value });
    value = line;
  }
  if (i < lines.length) value += `\n${overflow(lines.length - i)}`;
  if (value) fields.push({ name: fields.length ? `${name} (cont.)` : name, value });
  return fields;
}

/**
 * Renders one page of an answer that has items. Page numbers are clamped into range.
 * @example renderAnswer(answer, { page: 0, ids: (a, p) => `${a}:${p}` }).embeds[0].title
 */
export function renderAnswer(answer: Answer, options: { page?: number; ids: ButtonIds }): RenderedMessage & { page: number; pages: number } {
  const pages = paginate(answer);
  const page = Math.min(Math.max(0, options.page ?? 0), pages.length - 1);
  const slice = pages[page]!;
  const marks = footnotes(answer);
  const items = answer.items.slice(slice.start, slice.end);

  const cited = new Set(items.flatMap(itemArticles));
  const sourceLines = answer.sources.filter((s) => cited.has(s.article)).map((s) => sourceLine(s, marks.get(s.article)!));
  const fields = packFields('Sources', sourceLines, BUDGET.sourceFields, (n) => `…and ${n} more (press Sources)`);

  const remarks = remarksOf(answer, BUDGET.notes);
  if (page === 0 && remarks) fields.push({ name: 'Notes', value: remarks });

  const hasCitations = items.some((i) => i.citations.length > 0);
  const footer = [
    pages.length > 1 ? `Page ${page + 1} of ${pages.length}` : null,
    answer.items.length > BUDGET.maxItems
      ? `first ${BUDGET.maxItems} of ${answer.items.length} items: narrow the query for the rest`
      : `${answer.items.length} item${answer.items.length === 1 ? '' : 's'}`,
    hasCitations ? 'Quotes are verbatim; /source <id> shows a paragraph' : null,
  ].filter(Boolean).join(' · ');

  const embed: APIEmbed = {
    description: slice.lines.join('\n'),
    color: COLOR,
    footer: { text: truncate(footer, 200) },
  };
  const title = escapeAndTruncate(answer.title.trim(), LIMITS.title);
  if (title) embed.title = title;
  if (fields.length) embed.fields = fields;
  if (embedSize(embed) > LIMITS.embedTotal) embed.description = truncate(embed.description!, embed.description!.length - (embedSize(embed) - LIMITS.embedTotal));

  const buttons: APIButtonComponent[] = [];
  if (page > 0) buttons.push(button('Back', options.ids('page', page - 1)));
  if (page < pages.length - 1) buttons.push(button('More', options.ids('page', page + 1)));
  if (hasCitations) buttons.push(button('Sources', options.ids('sources', page)));
  return {
    embeds: [embed],
    components: buttons.length ? [{ type: 1, components: buttons }] : [],
    page,
    pages: pages.length,
  };
}

/** At most this many paragraphs in one Sources view (each still gets a readable share of 6000). */
const MAX_SOURCE_FIELDS = 10;

function button(label: string, customId: string): APIButtonComponent {
  return { type: 2, style: 2, label, custom_id: customId };
}

/**
 * The "Sources" view of one page: each cited paragraph in full (escaped, cut to fit), under its
 * footnote mark, citation id and headline, with outlet and date. Sent ephemerally to whoever asked.
 * `paragraphText(id)` gives a paragraph's full text; the citation's excerpt is used when it gives none.
 */
export function renderSources(answer: Answer, page: number, paragraphText: (id: string) => string | undefined): RenderedMessage {
  const pages = paginate(answer);
  const slice = pages[Math.min(Math.max(0, page), pages.length - 1)]!;
  const marks = footnotes(answer);
  const byArticle = new Map(answer.sources.map((s) => [s.article, s]));
  const seen = new Map<string, { id: string; article: string; text: string }>();
  for (const item of answer.items.slice(slice.start, slice.end)) {
    for (const c of item.citations) {
      if (!seen.has(c.id)) seen.set(c.id, { id: c.id, article: c.article, text: paragraphText(c.id) ?? c.excerpt });
    }
  }
  const cited = [...seen.values()];
  const shown = cited.slice(0, MAX_SOURCE_FIELDS);
  const title = escapeAndTruncate(`Cited paragraphs · ${answer.title}`, LIMITS.title);
  const footer = cited.length > shown.length ? `${cited.length - shown.length} more not shown` : 'Verbatim from the corpus';
  const names = shown.map((c) => {
    const s = byArticle.get(c.article);
    return escapeAndTruncate(`${superscript(marks.get(c.article) ?? 0)} ${c.id} · ${s?.title ?? '(untitled)'}`, 100);
  });
  const metas = shown.map((c) => {
    const s = byArticle.get(c.article);
    const bits = [s?.outlet ? escapeAndTruncate(s.outlet, 60) : null, s?.published ? dateMarkup(s.published) : null].filter(Boolean);
    return bits.length ? `\n— ${bits.join(' · ')}` : '';
  });
  const fixed = title.length + footer.length + names.reduce((n, s) => n + s.length, 0) + metas.reduce((n, s) => n + s.length, 0);
  const each = Math.max(40, Math.min(LIMITS.fieldValue - 80, Math.floor((LIMITS.embedTotal - fixed - 50) / Math.max(1, shown.length))));
  const fields = shown.map((c, i) => ({ name: names[i]!, value: `${escapeAndTruncate(c.text.trim() || '(empty paragraph)', each)}${metas[i]}` }));
  const embed: APIEmbed = { title, color: COLOR, footer: { text: footer } };
  if (fields.length) embed.fields = fields;
  else embed.description = 'Nothing on this page cites a paragraph.';
  return { embeds: [embed], components: [] };
}

/**
 * The bot's remarks (notes, then "Try: …" suggestions), each escaped, joined by lines, cut to `max`;
 * '' when there are none.
 */
function remarksOf(answer: Answer, max: number): string {
  const lines = answer.notes.map((n) => n.trim()).filter(Boolean).map(escapeMarkdown);
  const tries = (answer.suggestions ?? []).map((s) => s.trim()).filter(Boolean);
  if (tries.length) lines.push(`Try: ${tries.map(escapeMarkdown).join(', ')}`);
  const text = lines.join('\n');
  // Escapes are already in; cut at a word without splitting one (a cut "\\" loses its pair, never shows).
  return text.length <= max ? text : truncate(text, max).replace(/(?<!\\)((?:\\\\)*)\\…$/, '$1…');
}

/** A short plain message for an answer with nothing to show: its notes and suggestions. */
export function renderShort(answer: Answer): string {
  const remarks = remarksOf(answer, 1000);
  return remarks || `Nothing found${answer.query.trim() ? ` for "${escapeAndTruncate(answer.query.trim(), 100)}"` : ''}.`;
}
