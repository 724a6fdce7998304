import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { closeTruncated, readFeed, readFeedText } from '../../src/intake/feed-parse.ts';
import { atomFeed, jsonFeed, rssFeed } from '../support/pages.ts';

const items = [
  { title: 'Bridge closed', link: 'https://gazette.example/news/bridge', guid: 'g-1', date: 'Mon, 15 Jul 2024 12:00:00 BST', description: 'Cracks were found.' },
  { title: 'Ferry timetable', link: '/news/ferry', date: 'Mon, 15 Jul 2024 09:00:00 GMT' },
];

describe('readFeed', () => {
  it('reads RSS 2.0: guid, link made absolute, title, date parsed here, content', () => {
    const r = readFeedText(rssFeed(items), 'https://gazette.example/feed.xml');
    expect(r.ok && r.feed.format).toBe('rss');
    if (!r.ok) return;
    expect(r.feed.items).toHaveLength(2);
    expect(r.feed.items[0]).toMatchObject({ guid: 'g-1', link: 'https://gazette.example/news/bridge', title: 'Bridge closed', content: 'Cracks were found.', published: { date: '2024-07-15', dateTime: '2024-07-15T12:00:00+01:00' } });
    expect(r.feed.items[1]!.link).toBe('https://gazette.example/news/ferry');
  });

  it('reads Atom (the alternate link, not an enclosure) and JSON Feed', () => {
    const atom = atomFeed([{ title: 'A &lt;b&gt;bold&lt;/b&gt; title', link: 'https://gazette.example/a', date: '2024-07-15T12:00:00Z' }]).replace('<link rel="alternate"', '<link rel="enclosure" href="https://cdn.example/a.mp3"/><link rel="alternate"');
    const a = readFeedText(atom, 'https://gazette.example/atom');
    expect(a.ok && a.feed.items[0]).toMatchObject({ link: 'https://gazette.example/a', title: 'A bold title', published: { date: '2024-07-15' } });
    const j = readFeedText(jsonFeed(items), 'https://gazette.example/feed.json');
    expect(j.ok && j.feed.format).toBe('json');
    expect(j.ok && j.feed.items.map((i) => i.link)).toEqual(['https://gazette.example/news/bridge', 'https://gazette.example/news/ferry']);
  });

  it('decodes by the XML declaration with a correct Windows-1252 decoder', () => {
    const xml = '<?xml version="1.0" encoding="windows-1252"?><rss version="2.0"><channel><title>T</title><item><title>\u201cQuoted\u201d \u2013 \u20ac5</title><link>https://x.example/1</link></item></channel></rss>';
    const r = readFeed(iconv.encode(xml, 'windows-1252'), 'https://x.example/feed');
    expect(r.ok && r.feed.items[0]!.title).toBe('\u201cQuoted\u201d \u2013 \u20ac5');
  });

  it('reads a document cut short, and says so', () => {
    const cut = rssFeed(items).slice(0, rssFeed(items).indexOf('</channel>') - 3);
    const r = readFeedText(cut, 'https://gazette.example/feed.xml');
    expect(r.ok && r.feed.repaired).toMatch(/ends early/);
    expect(r.ok && r.feed.items[0]!.title).toBe('Bridge closed');
    expect(closeTruncated('<rss><channel><item><title><![CDATA[Half')).toBe('<rss><channel><item><title><![CDATA[Half]]></title></item></channel></rss>');
  });

  it('reads an empty feed as a feed with no items', () => {
    const r = readFeedText('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', 'https://x.example/');
    expect(r).toMatchObject({ ok: true, feed: { items: [] } });
  });

  it.each([
    ['an HTML page', '<!doctype html><html><head><title>Home</title></head><body>Hi</body></html>', /HTML page, not a feed/],
    ['JSON that is not a JSON Feed', '{"rss":{"channel":{"title":"x"}}}', /not a JSON Feed/],
    ['a comment only', '<!-- nothing here -->', /holds no feed/],
    ['another XML document', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', /root is <svg>/],
    ['nothing', '   ', /empty/],
  ])('refuses %s with a reason', (_what, text, reason) => {
    const r = readFeedText(text, 'https://x.example/');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

// The real feeds in ../shared/data/feeds (skipped when the data is absent): every file read or refused.
const DATA = [join(import.meta.dirname, '../../../shared/data/feeds'), '/work/shared/data/feeds'].find((d) => existsSync(d));
describe.skipIf(!DATA)('the development feeds', () => {
  it('reads every feed document or refuses it with a reason, with items, links and dates', () => {
    let read = 0;
    for (const file of readdirSync(DATA!).filter((f) => f !== 'README.md')) {
      const r = readFeed(readFileSync(join(DATA!, file)), `https://feeds.example/${file}`);
      if (!r.ok) {
        expect(r.reason.length, file).toBeGreaterThan(10);
        continue;
      }
      read++;
      for (const item of r.feed.items) if (item.dateText) expect(item.published, `${file}: ${item.dateText}`).not.toBeNull();
    }
    expect(read).toBeGreaterThan(50);
  });
});
