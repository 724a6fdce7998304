/**
 * The TimelineJS export in TimelineJS itself: the seed timeline exported as TimelineJS3 JSON, loaded by
 * the real library (@knight-lab/timelinejs, served from node_modules by a server of ours on 127.0.0.1) in
 * headless Chromium (Debian's package, driven by playwright-core). Every event must be read by TimelineJS
 * at the answer's date and granularity and show as a slide with its date, headline and verbatim quote,
 * and as a marker on the time navigation. Requests to anywhere but 127.0.0.1 are refused and counted.
 *
 * Skipped, saying so, only where Chromium is not installed (CI installs it: .ci/run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { ANSWERS } from '../../src/answer/index.ts';
import { toTimelineJs, type TimelineJsDocument } from '../../src/export/timelinejs.ts';
import { seedLibrary } from '../support/seeds.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const TIMELINEJS = fileURLToPath(new URL('../../node_modules/@knight-lab/timelinejs/dist', import.meta.url));

function chromiumMissing(): string | null {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return null;
  } catch {
    return `Chromium is not installed at ${CHROMIUM} (Debian: apt-get install -y chromium; .ci/run does it)`;
  }
}
const missing = chromiumMissing();
if (missing) console.warn(`test/browser/timelinejs: SKIPPED — ${missing}`);

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };

/** The page: TimelineJS's own CSS and script, and the export, with animations shortened. */
const page = (doc: TimelineJsDocument) => `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/tl/css/timeline.css"><script src="/tl/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 1000px; height: 640px"></div>
<script>
  window.tlErrors = [];
  window.addEventListener('error', (e) => window.tlErrors.push(String(e.message)));
  window.timeline = new TL.Timeline('timeline', ${JSON.stringify(doc).replace(/</g, '\\u003c')}, { script_path: '/tl/js/', font: null, duration: 10 });
  window.timeline.on('loaded', () => { window.tlLoaded = true; });
</script></body></html>`;

describe.skipIf(missing !== null)(`TimelineJS3 reads the export${missing ? ` (SKIPPED: ${missing})` : ''}`, () => {
  let server: Server;
  let browser: Browser;
  let tab: Page;
  let doc: TimelineJsDocument;
  const refused: string[] = [];

  beforeAll(async () => {
    doc = toTimelineJs(ANSWERS.timeline!(await seedLibrary(), '', {}));
    server = createServer((req, res) => {
      void (async () => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        if (path === '/') {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(doc));
          return;
        }
        const file = normalize(join(TIMELINEJS, path.replace(/^\/tl\//, '/')));
        if (!path.startsWith('/tl/') || !file.startsWith(TIMELINEJS)) {
          res.writeHead(404).end();
          return;
        }
        try {
          res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(await readFile(file));
        } catch {
          res.writeHead(404).end();
        }
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
    tab = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    await tab.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1') return route.continue();
      refused.push(url.href);
      return route.abort();
    });
    await tab.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await tab.waitForFunction(() => (globalThis as unknown as { tlLoaded?: boolean }).tlLoaded === true, undefined, { timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  it('takes every event at the answer\'s date and granularity, with no error', async () => {
    const read = await tab.evaluate(() => {
      const page = globalThis as unknown as { timeline: any; tlErrors: string[] };
      const tl = page.timeline;
      return {
        errors: [...page.tlErrors, ...(tl.config.messages?.errors ?? []).map(String)],
        events: tl.config.events.map((e: any) => ({ id: e.unique_id, date: { year: e.start_date.data.year, month: e.start_date.data.month, day: e.start_date.data.day }, precision: e.start_date.data.format })),
      };
    });
    expect(read.errors).toEqual([]);
    expect(read.events).toHaveLength(doc.events.length);
    const byId = new Map(read.events.map((e: { id: string }) => [e.id, e]));
    for (const e of doc.events) {
      const got = byId.get(e.unique_id) as { date: { year: number; month?: number; day?: number } } | undefined;
      expect(got, e.unique_id).toBeDefined();
      expect(Number(got!.date.year)).toBe(e.start_date.year);
      if (e.start_date.month) expect(Number(got!.date.month)).toBe(e.start_date.month);
      if (e.start_date.day) expect(Number(got!.date.day)).toBe(e.start_date.day);
    }
  });

  it('shows each event as a slide with its date, headline and verbatim quote, and as a marker on the time navigation', async () => {
    const markers = await tab.locator('.tl-timemarker').count();
    expect(markers).toBe(doc.events.length);
    for (const e of doc.events) {
      await tab.evaluate((id) => (globalThis as unknown as { timeline: any }).timeline.goToId(id), e.unique_id);
      const slide = tab.locator(`[id="${e.unique_id}"]`);
      const date = slide.locator('.tl-headline-date');
      await date.waitFor({ state: 'visible', timeout: 5000 });
      expect((await date.textContent())?.trim()).toBe(e.display_date);
      const quote = (await slide.locator('blockquote').textContent())?.trim();
      const expected = e.text.text.match(/^<blockquote>(.*?)<\/blockquote>/s)![1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      expect(quote).toBe(expected);
      const headline = (await slide.locator('.tl-headline').textContent())?.trim();
      expect(headline).toBe(e.text.headline.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    }
    if (process.env.TIMELINEJS_SCREENSHOT) await tab.screenshot({ path: process.env.TIMELINEJS_SCREENSHOT });
    expect(refused).toEqual([]);
  }, 120_000);
});
