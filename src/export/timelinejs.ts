/**
 * A /timeline Answer → what TimelineJS3 (Knight Lab) reads: its JSON (`new TL.Timeline(el, json)`) and the
 * CSV of its Google Sheets template. Pure.
 *
 * Each dated item is one event: `start_date` at the item's own granularity (a month is `{year, month}`,
 * never a made-up first day), `display_date` the answer's label ("early Jan 2020"), `text.headline` the
 * start of the verbatim sentence (cut at a word with "…"), `text.text` the verbatim sentence as a block
 * quote and its citations with their sources, `group` Reported / Planned / Expected. HTML in the corpus
 * text is escaped: TimelineJS sanitises what it shows, but a quote must read as the source wrote it.
 */
import type { Answer, AnswerItem, SourceRef } from '../answer/types.ts';
import { editorDate, excerptOf } from '../answer/cite.ts';
import { ExportError } from './errors.ts';
import { toCsv } from './csv.ts';

export interface TimelineJsDate {
  year: number;
  month?: number;
  day?: number;
}

export interface TimelineJsText {
  headline: string;
  text: string;
}

export interface TimelineJsEvent {
  start_date: TimelineJsDate;
  display_date: string;
  text: TimelineJsText;
  group: string;
  unique_id: string;
}

export interface TimelineJsDocument {
  title: { text: TimelineJsText };
  events: TimelineJsEvent[];
}

/** Headlines are the start of the sentence, cut at a word near this many characters. */
const HEADLINE_CHARACTERS = 90;

/** The TimelineJS date of a YYYY[-MM[-DD]] value, at that granularity; null for anything else. */
export function timelineJsDate(value: string): TimelineJsDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const date: TimelineJsDate = { year: Number(m[1]) };
  if (m[2]) date.month = Number(m[2]);
  if (m[3]) date.day = Number(m[3]);
  return date;
}

/** The YYYY[-MM[-DD]] value a TimelineJS date stands for (the inverse of `timelineJsDate`). */
export function dateValue(date: TimelineJsDate): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return [String(date.year).padStart(4, '0'), date.month ? pad(date.month) : null, date.month && date.day ? pad(date.day) : null].filter(Boolean).join('-');
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A source as HTML: headline (a link when a URL is known), outlet, date, the article's note on its text. */
function sourceHtml(source: SourceRef | undefined, article: string): string {
  if (!source) return `article ${html(article)}`;
  const title = html(source.title ?? source.heading);
  const url = source.url && /^https?:\/\//i.test(source.url) ? source.url : null;
  const parts = [url ? `<a href="${html(url)}">${title}</a>` : `<i>${title}</i>`];
  if (source.outlet) parts.push(html(source.outlet));
  if (source.published) parts.push(`${editorDate(source.published)}${source.publishedInferred ? ' (date inferred)' : ''}`);
  if (source.note) parts.push(`<i>(${html(source.note)})</i>`);
  return parts.join(', ');
}

/** The group of an item: Planned (a deadline ahead), Expected (said to come), else Reported. */
export function groupOf(item: AnswerItem): string {
  return item.tags?.includes('planned') ? 'Planned' : item.tags?.includes('expected') ? 'Expected' : 'Reported';
}

/** The event's text: the verbatim sentence as a block quote, then its citations and their sources. */
function eventText(item: AnswerItem, sources: Map<string, SourceRef>): string {
  const cites = item.citations.map((c, i) => `${i === 0 ? '' : 'also '}[${html(c.id)}] ${sourceHtml(sources.get(c.article), c.article)}`);
  const remarks = item.tags?.length ? `<p><i>${html(item.tags.join(' · '))}</i></p>` : '';
  return `<blockquote>${html(item.text)}</blockquote><p>${cites.join('<br>')}</p>${remarks}`;
}

/** The dated, cited items of a timeline answer (others — none today — are left out). */
function datedItems(answer: Answer): Array<{ item: AnswerItem; date: TimelineJsDate }> {
  if (answer.command !== 'timeline') throw new ExportError(`TimelineJS is made from /timeline answers, not /${answer.command}`);
  return answer.items.flatMap((item) => {
    const date = typeof item.date === 'string' && item.citations.length ? timelineJsDate(item.date) : null;
    return date ? [{ item, date }] : [];
  });
}

/** The title slide's text: the bot's notes, then the sources. */
function titleText(answer: Answer): string {
  const notes = answer.notes.map((n) => `<p>${html(n)}</p>`).join('');
  const sources = answer.sources.map((s) => `<li>[${html(s.article)}] ${sourceHtml(s, s.article)}</li>`).join('');
  return `<p>Each event quotes its source verbatim; citation ids in brackets.</p>${notes}${sources ? `<ul>${sources}</ul>` : ''}`;
}

/**
 * A timeline answer as a TimelineJS3 JSON document.
 * @example toTimelineJs(answer).events[0].start_date // { year: 2019, month: 5 } for "May 2019"
 */
export function toTimelineJs(answer: Answer): TimelineJsDocument {
  const sources = new Map(answer.sources.map((s) => [s.article, s]));
  return {
    title: { text: { headline: html(answer.title), text: titleText(answer) } },
    events: datedItems(answer).map(({ item, date }, i) => ({
      start_date: date,
      display_date: item.label ?? editorDate(item.date as string),
      text: { headline: html(excerptOf(item.text, HEADLINE_CHARACTERS)), text: eventText(item, sources) },
      group: groupOf(item),
      unique_id: `event-${i + 1}-${item.citations[0]!.id}`,
    })),
  };
}

/** The columns of TimelineJS's Google Sheets template, in its order. */
export const SHEET_COLUMNS = [
  'Year', 'Month', 'Day', 'Time', 'End Year', 'End Month', 'End Day', 'End Time', 'Display Date', 'Headline', 'Text',
  'Media', 'Media Credit', 'Media Caption', 'Media Thumbnail', 'Type', 'Group', 'Background',
] as const;

/**
 * A timeline answer as the CSV of TimelineJS's Google Sheets template: a title row (Type "title"), then
 * one row per event with the same values as the JSON (Year, Month, Day at the event's granularity).
 */
export function toTimelineJsCsv(answer: Answer): string {
  const doc = toTimelineJs(answer);
  const row = (values: Partial<Record<(typeof SHEET_COLUMNS)[number], string | number>>) => SHEET_COLUMNS.map((c) => values[c] ?? '');
  return toCsv([
    [...SHEET_COLUMNS],
    row({ Headline: doc.title.text.headline, Text: doc.title.text.text, Type: 'title' }),
    ...doc.events.map((e) =>
      row({
        Year: e.start_date.year,
        Month: e.start_date.month ?? '',
        Day: e.start_date.day ?? '',
        'Display Date': e.display_date,
        Headline: e.text.headline,
        Text: e.text.text,
        Group: e.group,
      }),
    ),
  ]);
}
