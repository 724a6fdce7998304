/**
 * The chart's font, bundled in `assets/fonts` (DejaVu Sans Condensed, regular and bold), and its advance
 * widths, read from the TrueType file itself so the layout can measure a label before drawing it. The
 * renderer (resvg) is given the same files and nothing else, so what is measured is what is drawn.
 * Kerning is ignored: it only ever narrows Latin text, so a measured width is an upper bound.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The family name the SVG asks for; resvg finds it in the bundled files. */
export const FONT_FAMILY = 'DejaVu Sans Condensed';

/** The bundled font files: regular, bold. */
export const FONT_FILES = {
  regular: fileURLToPath(new URL('../../assets/fonts/DejaVuSansCondensed.ttf', import.meta.url)),
  bold: fileURLToPath(new URL('../../assets/fonts/DejaVuSansCondensed-Bold.ttf', import.meta.url)),
} as const;

export type Weight = keyof typeof FONT_FILES;

/** Advance widths of one TrueType font: `advance(codePoint)` in em units (1 = the font size). */
export interface FontMetrics {
  advance(codePoint: number): number;
}

/**
 * Reads a TrueType font's advance widths (tables `head`, `hhea`, `hmtx`, `cmap` format 4 or 12).
 * Throws `font: …` with the file's problem when the file is not a TrueType font it can read.
 */
export function readMetrics(bytes: Uint8Array, name = 'font'): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = new Map<string, number>();
  const count = view.getUint16(4);
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    tables.set(String.fromCharCode(...bytes.subarray(at, at + 4)), view.getUint32(at + 8));
  }
  const need = (tag: string): number => {
    const offset = tables.get(tag);
    if (offset === undefined) throw new Error(`font: ${name} has no \`${tag}\` table; expected a TrueType font`);
    return offset;
  };
  const unitsPerEm = view.getUint16(need('head') + 18);
  const hMetrics = view.getUint16(need('hhea') + 34);
  const hmtx = need('hmtx');
  const advanceOf = (glyph: number) => view.getUint16(hmtx + 4 * Math.min(glyph, hMetrics - 1)) / unitsPerEm;
  const glyphOf = cmapLookup(view, need('cmap'), name);
  const cache = new Map<number, number>();
  return {
    advance(codePoint) {
      let width = cache.get(codePoint);
      if (width === undefined) cache.set(codePoint, (width = advanceOf(glyphOf(codePoint))));
      return width;
    },
  };
}

/** The glyph of a code point from the best Unicode subtable of `cmap` (0 = missing glyph). */
function cmapLookup(view: DataView, cmap: number, name: string): (codePoint: number) => number {
  const subtables: Array<{ platform: number; encoding: number; offset: number }> = [];
  for (let i = 0; i < view.getUint16(cmap + 2); i++) {
    const at = cmap + 4 + i * 8;
    subtables.push({ platform: view.getUint16(at), encoding: view.getUint16(at + 2), offset: cmap + view.getUint32(at + 4) });
  }
  const full = subtables.find((s) => view.getUint16(s.offset) === 12 && (s.platform === 0 || (s.platform === 3 && s.encoding === 10)));
  if (full) {
    const groups = view.getUint32(full.offset + 12);
    return (c) => {
      for (let i = 0; i < groups; i++) {
        const at = full.offset + 16 + i * 12;
        if (c >= view.getUint32(at) && c <= view.getUint32(at + 4)) return view.getUint32(at + 8) + c - view.getUint32(at);
      }
      return 0;
    };
  }
  const bmp = subtables.find((s) => view.getUint16(s.offset) === 4 && (s.platform === 0 || (s.platform === 3 && s.encoding === 1)));
  if (!bmp) throw new Error(`font: ${name} has no Unicode cmap subtable (format 4 or 12)`);
  const segments = view.getUint16(bmp.offset + 6) / 2;
  const ends = bmp.offset + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const ranges = deltas + 2 * segments;
  return (c) => {
    if (c > 0xffff) return 0;
    for (let i = 0; i < segments; i++) {
      if (view.getUint16(ends + 2 * i) < c) continue;
      const start = view.getUint16(starts + 2 * i);
      if (start > c) return 0;
      const delta = view.getUint16(deltas + 2 * i);
      const range = view.getUint16(ranges + 2 * i);
      if (range === 0) return (c + delta) & 0xffff;
      const glyph = view.getUint16(ranges + 2 * i + range + 2 * (c - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

const loaded = new Map<Weight, FontMetrics>();

/** The bundled font's metrics for a weight (read once). */
export function metrics(weight: Weight = 'regular'): FontMetrics {
  let m = loaded.get(weight);
  if (!m) loaded.set(weight, (m = readMetrics(readFileSync(FONT_FILES[weight]), FONT_FILES[weight])));
  return m;
}

/** Width of `text` at `size` px in the bundled font. */
export function textWidth(text: string, size: number, weight: Weight = 'regular'): number {
  const m = metrics(weight);
  let em = 0;
  for (const ch of text) em += m.advance(ch.codePointAt(0)!);
  return em * size;
}

/**
 * `text` cut at a word (else at a character) with "…" so it fits `width` px at `size`; unchanged when it fits.
 * @example fitText('Timeline · a very long topic', 120, 19) // 'Timeline · a very…'
 */
export function fitText(text: string, width: number, size: number, weight: Weight = 'regular'): string {
  if (textWidth(text, size, weight) <= width) return text;
  const chars = [...text];
  let n = chars.length;
  while (n > 0 && textWidth(`${chars.slice(0, n).join('').trimEnd()}…`, size, weight) > width) n--;
  const cut = chars.slice(0, n).join('');
  const word = cut.lastIndexOf(' ');
  return `${(word > cut.length / 2 ? cut.slice(0, word) : cut).trimEnd()}…`;
}
