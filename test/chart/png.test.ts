import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../src/answer/index.ts';
import { PIXEL_BUDGET, pngScale, pngSize, timelineChart } from '../../src/chart/png.ts';
import { CHART_WIDTH, COLORS } from '../../src/chart/timeline.ts';
import { seedLibrary } from '../support/seeds.ts';
import { decodePng } from '../support/png.ts';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

describe('the chart as PNG', () => {
  it('decodes, has the promised size, and is drawn on an opaque card', async () => {
    const answer = ANSWERS.timeline!(await seedLibrary(), '', {});
    const chart = await timelineChart(answer);
    const png = decodePng(chart.png);
    expect({ width: png.width, height: png.height }).toEqual(chart.pixels);
    const scale = pngScale(chart.height);
    expect(chart.pixels).toEqual({ width: CHART_WIDTH * scale, height: Math.ceil(chart.height * scale) });
    // Inside the card every pixel is opaque: the picture looks the same on Discord's dark and light themes.
    for (let y = 12 * scale; y < png.height - 12 * scale; y += 7) {
      for (let x = 12 * scale; x < png.width - 12 * scale; x += 7) expect(png.pixel(x, y)[3]).toBe(255);
    }
  });

  it('draws the text with the bundled font and each day at its mark\'s colour', async () => {
    const answer = ANSWERS.timeline!(await seedLibrary(), 'embassy', {});
    const chart = await timelineChart(answer);
    const png = decodePng(chart.png);
    const scale = png.width / CHART_WIDTH;
    // The title line: dark glyph pixels on the white card (none if the font had failed to load).
    let dark = 0;
    for (let y = 14 * scale; y < 38 * scale; y++) {
      for (let x = 14 * scale; x < 300 * scale; x++) if (png.pixel(x, y)[0] < 100) dark++;
    }
    expect(dark).toBeGreaterThan(500);
    const circles = [...chart.svg.matchAll(/<circle class="event-mark" [^>]*cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill="(#[0-9a-f]{6})"/g)];
    expect(circles.length).toBeGreaterThan(0);
    for (const [, cx, cy, fill] of circles) {
      const [r, g, b] = png.pixel(Math.round(Number(cx) * scale), Math.round(Number(cy) * scale));
      expect([r, g, b]).toEqual(rgb(fill!));
      expect(fill).toBe(COLORS.reported);
    }
  });

  it('keeps a tall chart within the pixel budget by drawing it at 1.5 or 1 pixel per unit', () => {
    expect(pngScale(900)).toBe(2);
    expect(pngScale(2000)).toBe(1.5);
    expect(pngScale(4000)).toBe(1);
    for (const h of [900, 1202, 1203, 2000, 2137, 2200, 3000]) {
      const { width, height } = pngSize(CHART_WIDTH, h);
      if (pngScale(h) > 1) expect(width * height).toBeLessThanOrEqual(PIXEL_BUDGET + width);
    }
  });
});
