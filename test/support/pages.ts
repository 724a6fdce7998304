/**
 * Article pages and feeds for the intake tests, written here (never copied from a real site): an article
 * page with JSON-LD and OpenGraph metadata, site furniture around the article, and feeds in each format.
 */

export interface PageOptions {
  headline?: string;
  paragraphs?: string[];
  /** JSON-LD `datePublished`; null leaves the JSON-LD without a date. */
  datePublished?: string | null;
  author?: string | null;
  outlet?: string;
  canonical?: string | null;
  /** Extra HTML inside the article, after the paragraphs. */
  extra?: string;
  jsonLd?: boolean;
}

export const ARTICLE_PARAGRAPHS = [
  'The city council voted on Tuesday to close the old harbour bridge to lorries from the first of March, after engineers found cracks in two of its supporting piers.',
  '"We cannot take the risk of a heavy vehicle on a structure in this state," the council\'s head of transport, Maria Okafor, told reporters outside the chamber.',
  'Engineers from the regional roads agency inspected the bridge in January and recommended a weight limit of 7.5 tonnes until repairs are complete.',
  'Hauliers say the detour through the industrial estate adds forty minutes to each crossing and will raise the price of goods in the old town.',
  'Repairs are expected to cost about 12 million euros and to take eighteen months, according to a report presented to the council.',
];

/** An article page as a news site serves one: header, navigation, the article, a sidebar, a footer. */
export function articlePage(o: PageOptions = {}): string {
  const headline = o.headline ?? 'Harbour bridge closed to lorries after cracks found';
  const paragraphs = o.paragraphs ?? ARTICLE_PARAGRAPHS;
  const outlet = o.outlet ?? 'The Harbour Gazette';
  const author = o.author === undefined ? 'Jane Mbeki' : o.author;
  const date = o.datePublished === undefined ? '2026-02-10T09:30:00+01:00' : o.datePublished;
  const ld = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline,
    ...(date ? { datePublished: date } : {}),
    ...(author ? { author: { '@type': 'Person', name: author } } : {}),
    publisher: { '@type': 'Organization', name: outlet },
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${headline} | ${outlet}</title>
<meta property="og:title" content="${headline} | ${outlet}">
<meta property="og:site_name" content="${outlet}">
${o.canonical === null ? '' : `<link rel="canonical" href="${o.canonical ?? 'https://gazette.example/news/harbour-bridge'}">`}
${o.jsonLd === false ? '' : `<script type="application/ld+json">${JSON.stringify(ld)}</script>`}
</head><body>
<header class="site-header"><a href="/">${outlet}</a><nav><a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav></header>
<main><article>
<h1>${headline}</h1>
${author ? `<p class="byline">By <a rel="author" href="/people/jm">${author}</a></p>` : ''}
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<figure><img src="/bridge.jpg" alt=""><figcaption>The bridge seen from the quay. Photo: Gazette staff</figcaption></figure>
${o.extra ?? ''}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Storm warning for the coast</a></li><li><a href="/b">New ferry timetable</a></li></ul></aside>
<footer>© ${outlet} · <a href="/privacy">Privacy</a></footer>
</body></html>`;
}

export interface FeedItem {
  title: string;
  link: string;
  guid?: string;
  date?: string;
  description?: string;
}

/** An RSS 2.0 feed of `items`. */
export function rssFeed(items: FeedItem[], title = 'Harbour Gazette — News'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>https://gazette.example/</link><description>News</description>
${items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title><link>${esc(i.link)}</link>${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}${i.date ? `<pubDate>${i.date}</pubDate>` : ''}${i.description ? `<description>${esc(i.description)}</description>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** An Atom 1.0 feed of `items`. */
export function atomFeed(items: FeedItem[], title = 'Harbour Gazette'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${esc(title)}</title><id>urn:gazette</id><updated>2026-02-10T10:00:00Z</updated>
${items
  .map((i) => `<entry><title>${esc(i.title)}</title><link rel="alternate" href="${esc(i.link)}"/><id>${esc(i.guid ?? i.link)}</id>${i.date ? `<updated>${i.date}</updated>` : ''}${i.description ? `<summary>${esc(i.description)}</summary>` : ''}</entry>`)
  .join('\n')}
</feed>`;
}

/** A JSON Feed 1.1 of `items`. */
export function jsonFeed(items: FeedItem[], title = 'Harbour Gazette'): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title,
    items: items.map((i) => ({ id: i.guid ?? i.link, url: i.link, title: i.title, ...(i.date ? { date_published: i.date } : {}), ...(i.description ? { content_text: i.description } : {}) })),
  });
}

/** A Word document (.docx) with a heading and paragraphs, made as Word stores one (a zip of XML parts). */
export async function docxDocument(heading: string, paragraphs: readonly string[]): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  const p = (text: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
  zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p(heading, 'Heading1')}${paragraphs.map((x) => p(x)).join('')}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}
