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
import { escapeAndSplit, escapeAndTruncate, escapeMarkdown, superscript, truncate } from './text.ts';
import { SECTION_TITLES } from '../answer/sections.ts';
import { leftOut, nextStep, slashCommand } from '../render/more.ts';

/** What the bot sends: the shape discord.js's reply/editReply/update accept. */
export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: Array<APIActionRowComponent<APIButtonComponent>>;
}

export type ButtonAction = 'page' | 'sources' | 'export';
/** What a button carries besides its action and the answer's page (see buttons.ts). */
export interface ButtonExtra {
  /** The page of the Sources view (for its own Previous / Next). */
  sub?: number;
  /** The answer without its default limit ("Show all"), so the press recomputes that answer. */
  all?: boolean;
}
/** Makes a button's custom id for an action on a page of this answer (see buttons.ts). */
export type ButtonIds = (action: ButtonAction, page: number, extra?: ButtonExtra) => string;

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
  /** A source's note (its text is the feed's, not the page's): kept in the footnote however long the rest. */
  sourceNote: 150,
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

/**
 * The articles an item cites. A listing's items (an article list: no citations, the headline, outlet and
 * date already on the line) cite none, so a listing has no footnotes repeating it.
 */
function itemArticles(item: AnswerItem): string[] {
  return [...new Set(item.citations.map((c) => c.article))];
}

/** A citation id as inline code (copyable, never read as markdown); anything unexpected escaped instead. */
export function citationCode(id: string): string {
  return /^[\w-]{1,40}$/.test(id) ? `\`${id}\`` : escapeAndTruncate(id, 40);
}

/**
 * One item as a description line: number, label, verbatim text (escaped, cut), the mark of the source it
 * is quoted from with the id of the very paragraph (copyable for /source), then "also" the other sources
 * that carry it, and the bot's remarks. The id is left out where the label already is that id.
 * @example itemLine(item, 1, marks) // '**1.** The embassy … ² `001-cnm3` · also ¹ ³ — *3 sources*'
 */
export function itemLine(item: AnswerItem, n: number, marks: Map<string, number>): string {
  const label = item.label ? `**${escapeAndTruncate(item.label, BUDGET.label)}** · ` : '';
  const text = escapeAndTruncate(item.text, BUDGET.itemText);
  // The text is verbatim from the first citation's paragraph; the other articles say the same ("also").
  const refs = itemArticles(item).map((a) => marks.get(a)).filter((m): m is number => m !== undefined);
  const [first, ...also] = refs.map(superscript);
  const quoted = item.citations[0];
  const id = quoted && quoted.id !== item.label ? ` ${citationCode(quoted.id)}` : '';
  const markText = first ? ` ${first}${id}${also.length ? ` · also ${also.join(' ')}` : ''}` : '';
  const tags = item.tags?.length ? ` — *${tagsText(item)}*` : '';
  return `**${n}.** ${label}${text}${markText}${tags}`;
}

/** The longest an item's remarks may be, in characters as sent. */
const TAGS_MAX = 120;

/**
 * An item's remarks, joined with " · ", escaped and cut to TAGS_MAX. The one tag left as markup is the
 * mention of the channel a listed watch or schedule posts to (`item.channel`, its id; the door's list gives
 * it as `<#id>`): Discord shows it as the channel's clickable name, and a channel mention never pings.
 * Any other `<#…>`, in any tag, is escaped like the rest.
 * @example tagsText({ text: 'embassy', citations: [], channel: '81…01', tags: ['<#81…01>', 'active'] }) // '<#81…01> · active'
 */
export function tagsText(item: AnswerItem): string {
  const mention = typeof item.channel === 'string' && /^\d{1,20}$/.test(item.channel) ? `<#${item.channel}>` : null;
  let out = '';
  for (const [i, tag] of (item.tags ?? []).entries()) {
    const piece = `${i === 0 ? '' : ' · '}${tag}`;
    const room = TAGS_MAX - out.length;
    if (tag === mention) {
      if (piece.length > room) break;
      out += piece;
      continue;
    }
    const escaped = escapeAndTruncate(piece, room);
    out += escaped;
    if (escaped !== escapeMarkdown(piece)) break;
  }
  return out;
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

/**
 * One footnote line: mark, headline (linked when a URL is known), outlet, date, and the article's note when
 * it has one (e.g. that its text is the feed's, not the linked page's). Too long, it keeps the headline and
 * the note.
 */
export function sourceLine(source: SourceRef, mark: number): string {
  const title = escapeAndTruncate(source.heading, BUDGET.sourceTitle);
  const url = safeUrl(source.url);
  const note = source.note ? `*${escapeAndTruncate(source.note, BUDGET.sourceNote)}*` : null;
  const parts = [url ? `[${title}](${url})` : title];
  if (source.outlet) parts.push(escapeAndTruncate(source.outlet, 60));
  if (source.published) parts.push(`${dateMarkup(source.published)}${source.publishedInferred ? ' (date inferred)' : ''}`);
  if (note) parts.push(note);
  const line = `${superscript(mark)} ${parts.join(' · ')}`;
  return line.length <= BUDGET.sourceLine ? line : truncate([`${superscript(mark)} ${title}`, note].filter(Boolean).join(' · '), BUDGET.sourceLine);
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
 * Renders one page of an answer that has items. Page numbers are clamped into range. `all` says the answer
 * was asked without its default limit (the "Show all" button): its buttons keep asking for that answer.
 * @example renderAnswer(answer, { page: 0, ids: (a, p) => `${a}:${p}` }).embeds[0].title
 */
export function renderAnswer(
  answer: Answer,
  options: { page?: number; ids: ButtonIds; all?: boolean },
): RenderedMessage & { page: number; pages: number } {
  const pages = paginate(answer);
  const page = Math.min(Math.max(0, options.page ?? 0), pages.length - 1);
  const slice = pages[page]!;
  const marks = footnotes(answer);
  const items = answer.items.slice(slice.start, slice.end);

  const cited = new Set(items.flatMap(itemArticles));
  const sourceLines = answer.sources.filter((s) => cited.has(s.article)).map((s) => sourceLine(s, marks.get(s.article)!));
  const fields = packFields('Sources', sourceLines, BUDGET.sourceFields, (n) => `…and ${n} more (press Sources)`);

  const all = options.all === true;
  const remarks = remarksOf(answer, BUDGET.notes, all);
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

  const extra = all ? { all } : undefined;
  const buttons: APIButtonComponent[] = [];
  if (page > 0) buttons.push(button('Back', options.ids('page', page - 1, extra)));
  if (page < pages.length - 1) buttons.push(button('More', options.ids('page', page + 1, extra)));
  if (!all && answer.more?.length) buttons.push(button(SHOW_ALL, options.ids('page', 0, { all: true })));
  if (hasCitations) buttons.push(button('Sources', options.ids('sources', page, extra)));
  return {
    embeds: [embed],
    components: buttons.length ? [{ type: 1, components: buttons }] : [],
    page,
    pages: pages.length,
  };
}

/** The button that asks for an answer without its default limit (what the "more" notes point at). */
export const SHOW_ALL = 'Show all';

function button(label: string, customId: string): APIButtonComponent {
  return { type: 2, style: 2, label, custom_id: customId };
}

/** Room for the fields of one Sources page: the embed total less its title, footer and a margin. */
const SOURCES_FIELDS_BUDGET = LIMITS.embedTotal - LIMITS.title - 200 - 100;
/** At most this many characters of a paragraph in one field (the rest continues in the next field). */
const SOURCE_PIECE = 900;

/** One field of the Sources view, before it is packed into pages. */
interface SourceField {
  name: string;
  value: string;
}

/**
 * The fields of the Sources view of one page of an answer: for each item of the page (by its number), each
 * paragraph it cites, whole — headline, outlet, date, then the verbatim text, escaped and continued over
 * as many fields as it needs. A paragraph already shown for an earlier item says so instead of repeating.
 */
function sourceFields(answer: Answer, slice: { start: number; end: number }, paragraphText: (id: string) => string | undefined): SourceField[] {
  const marks = footnotes(answer);
  const byArticle = new Map(answer.sources.map((s) => [s.article, s]));
  const shownFor = new Map<string, number>();
  const fields: SourceField[] = [];
  answer.items.slice(slice.start, slice.end).forEach((item, i) => {
    const n = slice.start + i + 1;
    // The item's label (a date, a name) helps find it; cut short so the id and headline stay in view.
    const label = item.label && item.label !== item.citations[0]?.id ? ` (${truncate(item.label, 40)})` : '';
    for (const c of new Map(item.citations.map((x) => [x.id, x])).values()) {
      const s = byArticle.get(c.article);
      const head = `${n}${label} · ${superscript(marks.get(c.article) ?? 0)} ${c.id} · ${s?.heading ?? `article ${c.article}`}`;
      const name = escapeAndTruncate(head, 200);
      const earlier = shownFor.get(c.id);
      if (earlier !== undefined) {
        fields.push({ name, value: `The same paragraph as item ${earlier} cites, shown with it.` });
        continue;
      }
      shownFor.set(c.id, n);
      const meta = [s?.outlet ? escapeAndTruncate(s.outlet, 60) : null, s?.published ? dateMarkup(s.published) : null].filter(Boolean).join(' · ');
      // The article's note (its text is the feed's, not the page's) above the text, room made for it.
      const note = s?.note ? escapeAndTruncate(s.note, BUDGET.sourceNote) : '';
      const lead = [meta ? `*${meta}*` : '', note ? `*${note}*` : ''].filter(Boolean).join('\n');
      const pieces = escapeAndSplit(paragraphText(c.id) ?? c.excerpt, note ? SOURCE_PIECE - BUDGET.sourceNote : SOURCE_PIECE);
      if (pieces.length === 0) pieces.push('(empty paragraph)');
      pieces.forEach((piece, k) =>
        fields.push({
          name: k === 0 ? name : escapeAndTruncate(`${n} · ${c.id} (continued)`, 200),
          value: k === 0 && lead ? `${lead}\n${piece}` : piece,
        }),
      );
    }
  });
  return fields;
}

/** Packs fields into pages of at most 25 fields and SOURCES_FIELDS_BUDGET characters; at least one page. */
function packSourcePages(fields: readonly SourceField[]): SourceField[][] {
  const pages: SourceField[][] = [[]];
  let size = 0;
  for (const f of fields) {
    const add = f.name.length + f.value.length;
    const page = pages.at(-1)!;
    if (page.length > 0 && (size + add > SOURCES_FIELDS_BUDGET || page.length >= LIMITS.fields)) {
      pages.push([f]);
      size = add;
    } else {
      page.push(f);
      size += add;
    }
  }
  return pages;
}

/**
 * The "Sources" view of one page of an answer, sent privately to whoever pressed Sources: every paragraph
 * the page's items cite, grouped by item (each field names the item it supports), in full. When they do
 * not fit one message (6000 characters), the view has pages of its own (`sub`), with Previous / Next.
 * `paragraphText(id)` gives a paragraph's full text; the citation's excerpt is used when it gives none.
 */
export function renderSources(
  answer: Answer,
  page: number,
  paragraphText: (id: string) => string | undefined,
  options: { sub?: number; ids?: ButtonIds; all?: boolean } = {},
): RenderedMessage & { sub: number; subs: number } {
  const pages = paginate(answer);
  const at = Math.min(Math.max(0, page), pages.length - 1);
  const slice = pages[at]!;
  const subs = packSourcePages(sourceFields(answer, slice, paragraphText));
  const sub = Math.min(Math.max(0, options.sub ?? 0), subs.length - 1);
  const fields = subs[sub]!;
  const title = escapeAndTruncate(`Cited paragraphs · ${answer.title}`, LIMITS.title);
  const items = slice.end - slice.start === 1 ? `item ${slice.start + 1}` : `items ${slice.start + 1}–${slice.end}`;
  const footer = [
    `For ${items}`,
    subs.length > 1 ? `page ${sub + 1} of ${subs.length}` : null,
    'verbatim from the corpus; /source <id> shows a paragraph with its neighbours',
  ].filter(Boolean).join(' · ');
  const embed: APIEmbed = { title, color: COLOR, footer: { text: truncate(footer, 200) } };
  if (fields.length) embed.fields = fields;
  else embed.description = 'Nothing on this page cites a paragraph.';
  const buttons: APIButtonComponent[] = [];
  const extra = (k: number) => ({ sub: k, ...(options.all ? { all: true } : {}) });
  if (options.ids && sub > 0) buttons.push(button('Previous', options.ids('sources', at, extra(sub - 1))));
  if (options.ids && sub < subs.length - 1) buttons.push(button('Next', options.ids('sources', at, extra(sub + 1))));
  return { embeds: [embed], components: buttons.length ? [{ type: 1, components: buttons }] : [], sub, subs: subs.length };
}

/**
 * The bot's remarks (notes, the commands worth running next, what was left out, then "Try: …" suggestions), each escaped, joined by lines, cut to `max`;
 * '' when there are none.
 */
function remarksOf(answer: Answer, max: number, all = false): string {
  const lines = answer.notes.map((n) => n.trim()).filter(Boolean).map(escapeMarkdown);
  // Commands worth running next, as they are typed here: slash commands.
  for (const step of answer.next ?? []) lines.push(escapeMarkdown(nextStep(step, slashCommand(step))));
  // What was left out, and Discord's way to see it: the Show all button (a larger answer has no further way).
  for (const m of answer.more ?? []) lines.push(`${escapeMarkdown(leftOut(m))}; ${all ? 'a narrower query shows the others' : `**${SHOW_ALL}** lists them`}.`);
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
