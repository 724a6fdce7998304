/**
 * SVG → PNG with resvg (@resvg/resvg-js: Rust, its binary shipped in the npm package for each platform;
 * nothing is downloaded at install or run time). Only the bundled font is loaded, never the system's, so
 * a chart looks the same on every machine.
 */
import { Resvg, renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import type { Answer } from '../answer/types.ts';
import { FONT_FAMILY, FONT_FILES } from './font.ts';
import { CHART_WIDTH, timelineSvg, type ChartSvg } from './timeline.ts';

/**
 * At most this many pixels in a chart: rendering and PNG compression take time in proportion to them, and
 * Discord shrinks a tall picture in its preview anyway.
 */
export const PIXEL_BUDGET = 2_500_000;

/**
 * Pixels per SVG unit for a chart `height` units tall: 2 (sharp on high-density screens where Discord
 * shows it 520 px wide) while it stays within PIXEL_BUDGET, else 1.5, else 1.
 */
export function pngScale(height: number, width = CHART_WIDTH): number {
  return [2, 1.5].find((s) => width * s * height * s <= PIXEL_BUDGET) ?? 1;
}

/** The PNG's size in pixels for an SVG of `width` × `height` units drawn at `scale`. */
export function pngSize(width: number, height: number, scale = pngScale(height, width)): { width: number; height: number } {
  return { width: Math.round(width * scale), height: Math.ceil(height * scale) };
}

const options = (width: number, scale: number): ResvgRenderOptions => ({
  fitTo: { mode: 'width', value: Math.round(width * scale) },
  font: { loadSystemFonts: false, fontFiles: [FONT_FILES.regular, FONT_FILES.bold], defaultFontFamily: FONT_FAMILY },
  logLevel: 'off',
});

/** Renders an SVG `width` units wide to PNG bytes at `scale` pixels per unit, on this thread. */
export function svgToPng(svg: string, width: number, scale: number): Buffer {
  return new Resvg(svg, options(width, scale)).render().asPng();
}

/** As svgToPng, on resvg's worker threads (the event loop keeps serving meanwhile). */
export async function svgToPngAsync(svg: string, width: number, scale: number): Promise<Buffer> {
  return (await renderAsync(svg, options(width, scale))).asPng();
}

export interface TimelineChart extends ChartSvg {
  png: Buffer;
  /** The PNG's size in pixels. */
  pixels: { width: number; height: number };
}

/** The /timeline chart of an answer as SVG and PNG (see chart/timeline.ts). */
export async function timelineChart(answer: Answer): Promise<TimelineChart> {
  const chart = timelineSvg(answer);
  const scale = pngScale(chart.height, chart.width);
  const png = await svgToPngAsync(chart.svg, chart.width, scale);
  return { ...chart, png, pixels: pngSize(chart.width, chart.height, scale) };
}
