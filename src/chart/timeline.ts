/**
 * The /timeline chart: a timeline Answer → an SVG picture (pure; `png.ts` turns it into PNG).
 *
 * One row per event, in the answer's (date) order: its date on the left, its mark on a time axis in the
 * middle, its first citation id and its number of sources on the right. A day is a point, a month or a
 * year a bar over its whole span; planned and expected events are hollow with a dashed outline and say
 * "planned" / "expected" under their date. When the dates lie far apart (a 2011 background event beside
 * a week in 2020) the axis is broken into up to three segments, each with its own scale, so the recent
 * days do not collapse into one pixel; breaks are drawn as "//" on the axis.
 *
 * Sizes are for Discord: the picture is laid out 520 units wide (an embed image on desktop) and every text
 * is at least `MIN_FONT` units, so it is still 11 px where a phone shows the picture `PHONE_WIDTH` px wide.
 * Colours: an opaque light card with dark text, readable on Discord's dark and light themes alike.
 */
import type { Answer } from '../answer/types.ts';
import { editorDate } from '../answer/cite.ts';
import { FONT_FAMILY, fitText, textWidth } from './font.ts';

/** Layout width in SVG units (= CSS px where Discord shows an embed image on desktop). */
export const CHART_WIDTH = 520;
/** The narrowest display width the chart is made for (a 390-pt phone, less avatar, margins and padding). */
export const PHONE_WIDTH = 300;
/** The smallest text Discord readers get, in px, at `PHONE_WIDTH`. */
export const MIN_TEXT_PX = 11;
/** The smallest font size in the SVG: MIN_TEXT_PX at PHONE_WIDTH, rounded up to half a unit (19.5). */
export const MIN_FONT = Math.ceil((MIN_TEXT_PX * CHART_WIDTH * 2) / PHONE_WIDTH) / 2;
/** Discord attaches a chart to answers with at least this many dated events. */
export const MIN_CHART_EVENTS = 3;
/** At most this many events are drawn (the most reported, in date order); the rest are counted. */
export const MAX_CHART_EVENTS = 60;

/** Colours; `test/chart` checks each text colour's contrast against the card and the stripes. */
export const COLORS = {
  card: '#ffffff',
  stripe: '#f2f4f7',
  border: '#c9d1d9',
  text: '#1f2328',
  muted: '#57606a',
  grid: '#d5dbe1',
  reported: '#0b5cad',
  future: '#b54708',
} as const;

export type ChartStatus = 'reported' | 'planned' | 'expected';

/** One event as the chart draws it. Days are counted from 1970-01-01 (UTC); `end` is exclusive. */
export interface ChartEvent {
  date: string;
  granularity: 'day' | 'month' | 'year';
  start: number;
  end: number;
  /** The answer's date label ("27 Nov 2020", "early Jan 2020"). */
  label: string;
  /** The first citation id. */
  citation: string;
  /** Independent reports among the articles cited (the item's `reports`), as its tag counts them. */
  sources: number;
  status: ChartStatus;
}

const DAY_MS = 86_400_000;
const dayOf = (y: number, m: number, d: number) => Date.UTC(y, m, d) / DAY_MS;

/** The span of a YYYY[-MM[-DD]] date in days [start, end), or null when it is not one. */
export function dateSpan(value: string): { start: number; end: number; granularity: ChartEvent['granularity'] } | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return null;
  const y = Number(m[1]);
  if (m[3]) {
    const start = dayOf(y, Number(m[2]) - 1, Number(m[3]));
    return { start, end: start + 1, granularity: 'day' };
  }
  if (m[2]) return { start: dayOf(y, Number(m[2]) - 1, 1), end: dayOf(y, Number(m[2]), 1), granularity: 'month' };
  return { start: dayOf(y, 0, 1), end: dayOf(y + 1, 0, 1), granularity: 'year' };
}

/** The dated, cited items of an answer as chart events, in the answer's order. */
export function chartEvents(answer: Answer): ChartEvent[] {
  const events: ChartEvent[] = [];
  for (const item of answer.items) {
    const span = typeof item.date === 'string' ? dateSpan(item.date) : null;
    if (!span || item.citations.length === 0) continue;
    const tags = item.tags ?? [];
    events.push({
      date: item.date as string,
      ...span,
      label: item.label ?? editorDate(item.date as string),
      citation: item.citations[0]!.id,
      // Independent reports, as the item's tag counts them (wire copy in three papers is one); articles when the item has no count.
      sources: typeof item.reports === 'number' ? item.reports : new Set(item.citations.map((c) => c.article)).size,
      status: tags.includes('planned') ? 'planned' : tags.includes('expected') ? 'expected' : 'reported',
    });
  }
  return events;
}

/** A stretch of the time axis: days [from, to) drawn from x over width. */
interface Segment {
  from: number;
  to: number;
  /** The events' own first and last day (from/to are padded). */
  first: number;
  last: number;
  count: number;
  x: number;
  width: number;
}

const MAX_SEGMENTS = 3;
/** A gap breaks the axis when it is longer than this share of its segment's span, and than MIN_BREAK_DAYS. */
const BREAK_SHARE = 0.2;
const MIN_BREAK_DAYS = 45;
const BREAK_GAP = 14;
const MIN_SEGMENT_WIDTH = 30;

/**
 * Splits the events' days into up to `max` stretches at empty gaps, each wider than BREAK_SHARE of the
 * stretch it is in and than MIN_BREAK_DAYS; the gap that frees the most events from crowding goes first
 * (its share of the stretch × the events in the stretch), so the busy recent weeks get their own scale
 * before two background years do.
 */
export function splitAxis(events: readonly ChartEvent[], max = MAX_SEGMENTS): Array<Omit<Segment, 'x' | 'width'>> {
  const sorted = [...events].sort((a, b) => a.start - b.start);
  let parts: ChartEvent[][] = sorted.length ? [sorted] : [];
  while (parts.length < max) {
    let best: { part: number; at: number; score: number } | null = null;
    parts.forEach((part, p) => {
      const span = Math.max(...part.map((e) => e.end)) - part[0]!.start;
      let reach = part[0]!.end;
      for (let i = 1; i < part.length; i++) {
        const gap = part[i]!.start - reach;
        const score = (gap / span) * part.length;
        if (gap > MIN_BREAK_DAYS && gap > BREAK_SHARE * span && (!best || score > best.score)) best = { part: p, at: i, score };
        reach = Math.max(reach, part[i]!.end);
      }
    });
    if (!best) break;
    const { part, at } = best;
    parts = [...parts.slice(0, part), parts[part]!.slice(0, at), parts[part]!.slice(at), ...parts.slice(part + 1)];
  }
  return parts.map((part) => {
    const from = part[0]!.start;
    const to = Math.max(...part.map((e) => e.end));
    const pad = Math.max(0.5, (to - from) * 0.03);
    return { from: from - pad, to: to + pad, first: from, last: to, count: part.length };
  });
}

/** Lays the stretches out over [x, x + width): each gets a minimum, the rest shared by its events. */
function layoutSegments(parts: ReturnType<typeof splitAxis>, x: number, width: number): Segment[] {
  const free = width - BREAK_GAP * (parts.length - 1) - MIN_SEGMENT_WIDTH * parts.length;
  const total = parts.reduce((n, p) => n + p.count, 0);
  let at = x;
  return parts.map((p) => {
    const w = MIN_SEGMENT_WIDTH + (free * p.count) / total;
    const seg = { ...p, x: at, width: w };
    at += w + BREAK_GAP;
    return seg;
  });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ymd = (day: number) => {
  const d = new Date(Math.floor(day) * DAY_MS);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() };
};

/**
 * Names for a stretch of days, longest first: "May 2019 – Jan 2020", "2019–2020", "2019–20", "'19–'20";
 * "Sep–Dec 2020", "Sep–Dec '20"; "17–28 Nov 2020", "Nov 2020", "Nov '20". `to` is exclusive.
 */
export function segmentNames(from: number, to: number): string[] {
  const a = ymd(from);
  const b = ymd(to - 1);
  const short = (y: number) => `'${String(y).slice(2)}`;
  if (a.y !== b.y) {
    const months = b.y - a.y >= 2 || (a.m === 0 && b.m === 11) ? [] : [`${MONTHS[a.m]} ${a.y} – ${MONTHS[b.m]} ${b.y}`];
    return [...months, `${a.y}–${b.y}`, `${a.y}–${String(b.y).slice(2)}`, `${short(a.y)}–${short(b.y)}`];
  }
  if (a.m === 0 && b.m === 11) return [String(a.y), short(a.y)];
  if (a.m === b.m) {
    const days = a.d === b.d ? `${a.d} ${MONTHS[a.m]} ${a.y}` : `${a.d}–${b.d} ${MONTHS[a.m]} ${a.y}`;
    return [...(a.d === 1 && ymd(to).d === 1 ? [] : [days]), `${MONTHS[a.m]} ${a.y}`, `${MONTHS[a.m]} ${short(a.y)}`];
  }
  return [`${MONTHS[a.m]}–${MONTHS[b.m]} ${a.y}`, `${MONTHS[a.m]}–${MONTHS[b.m]} ${short(a.y)}`];
}

/**
 * Gridline days inside a stretch, at least 12 units apart: year starts over stretches of more than a
 * year, month (else quarter) starts over shorter ones of more than 50 days.
 */
function gridDays(seg: Segment): number[] {
  const span = seg.to - seg.from;
  const first = ymd(seg.from);
  const days: number[] = [];
  const room = seg.width / 12;
  if (span > 400) {
    const step = Math.ceil(span / 365 / room);
    for (let y = first.y + 1; dayOf(y, 0, 1) < seg.to; y++) if (y % step === 0) days.push(dayOf(y, 0, 1));
  } else if (span > 50) {
    const step = span / 30.4 > room ? 3 : 1;
    for (let m = first.m + 1; dayOf(first.y, m, 1) < seg.to; m++) if (m % step === 0) days.push(dayOf(first.y, m, 1));
  }
  return days;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n1 = (v: number) => Math.round(v * 10) / 10;

export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
  /** The events drawn, in order (one mark each). */
  events: ChartEvent[];
  /** Events of the answer not drawn (beyond MAX_CHART_EVENTS). */
  hidden: number;
}

const PAD = 14;
const TITLE_FONT = 22;
const FONT = MIN_FONT;
const LINE = 26;
const ROW = 32;
const SUB_ROW = 22;
/** Citation ids up to this wide get their own column on the right; longer ones go under the date. */
const CITE_COLUMN = 150;
const COL_GAP = 12;

/**
 * Draws a timeline answer as SVG (see the module comment). Events beyond `maxEvents` are left out, the
 * least reported first, and counted at the bottom.
 * @example timelineSvg(answer).svg.startsWith('<svg') // true
 */
export function timelineSvg(answer: Answer, options: { maxEvents?: number } = {}): ChartSvg {
  const all = chartEvents(answer);
  const max = options.maxEvents ?? MAX_CHART_EVENTS;
  let events = all;
  if (all.length > max) {
    const keep = new Set([...all.keys()].sort((a, b) => all[b]!.sources - all[a]!.sources || a - b).slice(0, max));
    events = all.filter((_, i) => keep.has(i));
  }
  const out: string[] = [];
  const text = (x: number, y: number, s: string, attrs: string) => out.push(`<text x="${n1(x)}" y="${n1(y)}" ${attrs}>${xml(s)}</text>`);
  const inner = CHART_WIDTH - 2 * PAD;
  let y = PAD;

  // Title.
  y += TITLE_FONT;
  text(PAD, y, fitText(answer.title, inner, TITLE_FONT, 'bold'), `class="title" font-size="${TITLE_FONT}" font-weight="700" fill="${COLORS.text}"`);

  // Legend: symbol + words, wrapped.
  y += 10;
  const legend: Array<{ symbol: (x: number, mid: number) => string; words: string; width?: number }> = [
    { symbol: (x, mid) => `<circle cx="${n1(x + 8)}" cy="${n1(mid)}" r="6.5" fill="${COLORS.reported}"/>`, words: 'day' },
    { symbol: (x, mid) => `<rect x="${n1(x)}" y="${n1(mid - 6)}" width="18" height="12" rx="3" fill="${COLORS.reported}"/>`, words: 'month or year' },
    { symbol: (x, mid) => `<rect x="${n1(x + 1)}" y="${n1(mid - 6)}" width="16" height="12" rx="3" fill="${COLORS.card}" stroke="${COLORS.future}" stroke-width="2.5" stroke-dasharray="4 3"/>`, words: 'planned or expected' },
    { symbol: (x, mid) => `<text x="${n1(x)}" y="${n1(mid + FONT * 0.35)}" font-size="${FONT}" font-weight="700" fill="${COLORS.text}">×N</text>`, words: 'sources', width: textWidth('×N', FONT, 'bold') },
  ];
  let lx = PAD;
  y += LINE;
  for (const entry of legend) {
    const lead = (entry.width ?? 18) + 6;
    const w = lead + textWidth(entry.words, FONT) + 18;
    if (lx > PAD && lx + w - 18 > PAD + inner) {
      lx = PAD;
      y += LINE;
    }
    out.push(entry.symbol(lx, y - FONT * 0.35));
    text(lx + lead, y, entry.words, `font-size="${FONT}" fill="${COLORS.muted}"`);
    lx += w;
  }

  // Columns: dates | axis | citation id, ×N.
  // Citation ids longer than CITE_COLUMN (long article ids) go under the date, on the row's second line.
  const citeWidth = Math.max(0, ...events.map((e) => textWidth(e.citation, FONT)));
  const idsBelow = citeWidth > CITE_COLUMN;
  const subline = (e: ChartEvent) => [idsBelow ? e.citation : '', e.status === 'reported' ? '' : e.status].filter(Boolean).join(' · ');
  const dateWidth = Math.min(
    idsBelow ? 250 : 170,
    Math.max(0, ...events.map((e) => Math.max(textWidth(e.label, FONT, 'bold'), textWidth(subline(e), FONT)))),
  );
  const countWidth = Math.max(0, ...events.map((e) => textWidth(`×${e.sources}`, FONT, 'bold')));
  const axisX = PAD + dateWidth + COL_GAP;
  const citeX = CHART_WIDTH - PAD - countWidth - (idsBelow ? 0 : 8 + citeWidth);
  const axisWidth = citeX - COL_GAP - axisX;
  const fits = Math.max(1, Math.floor((axisWidth + BREAK_GAP) / (MIN_SEGMENT_WIDTH + BREAK_GAP)));
  const segments = layoutSegments(splitAxis(events, Math.min(MAX_SEGMENTS, fits)), axisX, axisWidth);
  const xOf = (day: number) => {
    const seg = segments.find((s) => day >= s.from && day <= s.to) ?? segments[0]!;
    return seg.x + ((day - seg.from) / (seg.to - seg.from)) * seg.width;
  };

  // Axis header: each segment's name, on a second line when it would run into the one before.
  y += 12;
  const lines: number[] = [];
  const names = segments.map((seg) => {
    const options = segmentNames(seg.first, seg.last);
    const name = options.find((n) => textWidth(n, FONT) <= seg.width + BREAK_GAP) ?? options.at(-1)!;
    const w = textWidth(name, FONT);
    const x = Math.min(Math.max(seg.x + seg.width / 2 - w / 2, PAD), CHART_WIDTH - PAD - w);
    let line = lines.findIndex((end) => end + 10 <= x);
    if (line < 0) line = lines.push(0) - 1;
    lines[line] = x + w;
    return { name, x, line };
  });
  for (const { name, x, line } of names) text(x, y + LINE * (line + 1) - 4, name, `class="segment" font-size="${FONT}" fill="${COLORS.muted}"`);
  y += LINE * Math.max(1, lines.length) + 4;
  const axisY = y;
  for (const seg of segments) out.push(`<line x1="${n1(seg.x)}" y1="${axisY}" x2="${n1(seg.x + seg.width)}" y2="${axisY}" stroke="${COLORS.muted}" stroke-width="2"/>`);
  for (const seg of segments.slice(1)) {
    const bx = seg.x - BREAK_GAP / 2;
    out.push(`<path class="break" d="M${n1(bx - 5)} ${axisY + 6}l5 -12M${n1(bx)} ${axisY + 6}l5 -12" stroke="${COLORS.muted}" stroke-width="2" fill="none"/>`);
  }

  // Rows.
  const rowsTop = axisY + 6;
  const rowHeights = events.map((e) => (subline(e) ? ROW + SUB_ROW : ROW));
  const rowsHeight = rowHeights.reduce((a, b) => a + b, 0);
  const body: string[] = [];
  for (const seg of segments) {
    for (const day of gridDays(seg)) {
      const gx = n1(seg.x + ((day - seg.from) / (seg.to - seg.from)) * seg.width);
      body.push(`<line x1="${gx}" y1="${rowsTop}" x2="${gx}" y2="${rowsTop + rowsHeight}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    }
  }
  let ry = rowsTop;
  events.forEach((e, i) => {
    const h = rowHeights[i]!;
    const mid = ry + ROW / 2;
    const base = mid + FONT * 0.35;
    if (i % 2 === 0) out.push(`<rect x="${PAD - 6}" y="${n1(ry)}" width="${inner + 12}" height="${h}" rx="4" fill="${COLORS.stripe}"/>`);
    const future = e.status !== 'reported';
    const colour = future ? COLORS.future : COLORS.reported;
    text(PAD, base, fitText(e.label, dateWidth, FONT, 'bold'), `class="date" font-size="${FONT}" font-weight="700" fill="${future ? COLORS.future : COLORS.text}"`);
    const status = future ? (idsBelow ? ` · ${e.status}` : e.status) : '';
    const statusWidth = textWidth(status, FONT);
    const cite = idsBelow ? fitText(e.citation, dateWidth - statusWidth, FONT) : '';
    if (cite) text(PAD, base + SUB_ROW, cite, `class="cite" font-size="${FONT}" fill="${COLORS.muted}"`);
    if (status) text(PAD + textWidth(cite, FONT), base + SUB_ROW, status, `class="status" font-size="${FONT}" fill="${COLORS.future}"`);
    const paint = future ? `fill="${COLORS.card}" stroke="${colour}" stroke-width="2.5" stroke-dasharray="4 3"` : `fill="${colour}"`;
    const attrs = `class="event-mark" data-date="${e.date}" data-granularity="${e.granularity}" data-status="${e.status}" data-sources="${e.sources}" data-citation="${xml(e.citation)}"`;
    if (e.granularity === 'day') {
      const r = 6 + Math.min(e.sources - 1, 4);
      body.push(`<circle ${attrs} cx="${n1(xOf(e.start + 0.5))}" cy="${n1(mid)}" r="${r}" ${paint}/>`);
    } else {
      let x1 = xOf(e.start);
      let x2 = xOf(e.end);
      if (x2 - x1 < 8) [x1, x2] = [(x1 + x2) / 2 - 4, (x1 + x2) / 2 + 4];
      const hh = 12 + Math.min(e.sources - 1, 4) * 1.5;
      body.push(`<rect ${attrs} x="${n1(x1)}" y="${n1(mid - hh / 2)}" width="${n1(x2 - x1)}" height="${n1(hh)}" rx="3" ${paint}/>`);
    }
    if (!idsBelow) text(citeX, base, e.citation, `class="cite" font-size="${FONT}" fill="${COLORS.muted}"`);
    text(CHART_WIDTH - PAD, base, `×${e.sources}`, `class="count" font-size="${FONT}" font-weight="700" text-anchor="end" fill="${e.sources > 1 ? COLORS.text : COLORS.muted}"`);
    ry += h;
  });
  out.push(...body);
  y = ry + 4;

  const hidden = all.length - events.length;
  if (hidden > 0) {
    y += LINE;
    text(PAD, y, fitText(`${hidden} more event${hidden === 1 ? '' : 's'} not drawn (the least reported)`, inner, FONT), `class="footer" font-size="${FONT}" fill="${COLORS.muted}"`);
  }
  const height = Math.ceil(y + PAD);
  const card = `<rect x="1" y="1" width="${CHART_WIDTH - 2}" height="${height - 2}" rx="10" fill="${COLORS.card}" stroke="${COLORS.border}" stroke-width="2"/>`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${FONT_FAMILY}">` +
    card +
    out.join('') +
    '</svg>';
  return { svg, width: CHART_WIDTH, height, events, hidden };
}
