/**
 * Feeds: bytes as fetched → the items they hold, or a reason the document is not a feed. RSS 0.9x/1.0/2.0,
 * Atom 0.3/1.0 and JSON Feed 1.0/1.1 are read by feedsmith (forgiving: bare `&`, HTML entities, unclosed
 * markup in descriptions); this module decodes the bytes (decode.ts: BOM, Content-Type, XML declaration),
 * mends a document cut short, and turns each format's item into one shape: guid, link (made absolute
 * against xml:base, the feed's own link or the feed's URL), title (markup and entities a publisher escaped
 * twice are undone), date (parsed here: dates.ts), content (HTML or plain text, as the format says) and
 * author. Text keeps the publisher's words: titles and names are repaired here (C1 controls, double-encoded
 * UTF-8: text.ts); an item's content is repaired once, when intake makes its paragraphs.
 */
import { parseFeed as feedsmith } from 'feedsmith';
import { decodeHTML } from 'entities';
import { decodeText } from '../corpus/decode.ts';
import { parseDate, type ParsedDate } from './dates.ts';
import { repairText } from './text.ts';

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

/** One item of a feed, in one shape whatever the format. */
export interface FeedEntry {
  /** The item's own id (RSS guid, Atom id, JSON Feed id), as written; null when it has none. */
  guid: string | null;
  /** The article's address, absolute; null when the item has none. */
  link: string | null;
  title: string | null;
  published: ParsedDate | null;
  /** The date as the feed wrote it (for the reports), when there was one. */
  dateText: string | null;
  /**
   * The item's content or summary as the feed gives it (not yet repaired: intake repairs it once, when it
   * makes paragraphs of it), the fallback when the page cannot be used.
   */
  content: string | null;
  /**
   * What `content` is: `html` (RSS descriptions, Atom `type="html"`/`"xhtml"`, JSON Feed `content_html`) or
   * `text`, kept verbatim (JSON Feed `content_text` and `summary`, Atom `type="text"`). Its entities were
   * decoded once, by the XML parser; nothing decodes them again.
   */
  contentType: 'html' | 'text';
  author: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site the feed belongs to. */
  link: string | null;
  items: FeedEntry[];
  /** What had to be mended to read it (a document cut short), for the reports; absent when nothing. */
  repaired?: string;
}

export type FeedResult = { ok: true; feed: ParsedFeed } | { ok: false; reason: string };

/**
 * Reads a feed document. `url` is where it came from (relative links resolve against it); `contentType`
 * the HTTP header, whose charset wins over the document's declaration.
 *
 * @example readFeed(bytes, 'https://example.com/feed.xml').ok // true, or { ok: false, reason: 'an HTML page, not a feed…' }
 */
export function readFeed(bytes: Uint8Array, url: string, contentType: string | null = null): FeedResult {
  if (bytes.length === 0) return { ok: false, reason: 'the document is empty' };
  const text = decodeText(bytes, { contentType, markup: true }).text.replace(/^\uFEFF/, '');
  return readFeedText(text, url);
}

/** `readFeed` on text already decoded. */
export function readFeedText(raw: string, url: string): FeedResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'the document is empty' };
  const refused = notAFeed(text);
  if (refused) return { ok: false, reason: refused };
  let parsed: ReturnType<typeof feedsmith> | null = null;
  let repaired: string | undefined;
  let error: string | null = null;
  try {
    parsed = feedsmith(text);
  } catch (err) {
    error = (err as Error).message;
  }
  if (!parsed && !text.startsWith('{')) {
    const mended = closeTruncated(text);
    if (mended !== text) {
      try {
        parsed = feedsmith(mended);
        repaired = 'the document ends early (cut off); the items before the cut were read';
      } catch {
        // fall through to the reasons below
      }
    }
  }
  if (!parsed) {
    const root = rootElement(text);
    if (root && /^(rss|feed|rdf:rdf|rdf)$/i.test(root) && !/<(item|entry)[\s>]/i.test(text)) {
      // feedsmith refuses a channel with nothing in it; an empty feed is still a feed.
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
      return { ok: true, feed: { format: root.toLowerCase() === 'feed' ? 'atom' : root.toLowerCase() === 'rss' ? 'rss' : 'rdf', title: title ? cleanText(title) : null, link: null, items: [] } };
    }
    if (text.startsWith('{') || text.startsWith('[')) return { ok: false, reason: jsonReason(text) };
    if (!root) return { ok: false, reason: 'the document holds no feed: no <rss>, <feed> or <rdf:RDF> element' };
    if (!/^(rss|feed|rdf:rdf|rdf)$/i.test(root)) return { ok: false, reason: `an XML document whose root is <${root}>, not a feed (expected <rss>, <feed> or <rdf:RDF>)` };
    return { ok: false, reason: `the feed is not well-formed XML and could not be read (${error ?? 'parse error'})` };
  }
  const feed = normalise(parsed, url);
  if (repaired) feed.repaired = repaired;
  return { ok: true, feed };
}

/** Why a document that is plainly something else is not a feed, or null. */
function notAFeed(text: string): string | null {
  const head = text.slice(0, 2000).replace(/<!--[\s\S]*?-->/g, '').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || (/^<(head|body|div|p|h1|title)[\s>]/.test(head) && !/<(rss|feed|rdf:rdf)[\s>]/.test(head))) {
    return 'an HTML page, not a feed: the address may be the site itself, a login page or a moved feed; look for the site\'s RSS or Atom link';
  }
  return null;
}

function jsonReason(text: string): string {
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (value && typeof value === 'object' && ('rss' in value || 'channel' in value)) {
      return 'a JSON document that is not a JSON Feed (an RSS channel written as JSON; JSON Feeds carry "version": "https://jsonfeed.org/version/1.1")';
    }
    return 'a JSON document that is not a JSON Feed (no "version": "https://jsonfeed.org/version/…" and "items")';
  } catch (err) {
    return `not a feed: it starts like JSON but is not valid JSON (${(err as Error).message})`;
  }
}

/** The name of the document's root element, comments, declarations and processing instructions skipped. */
function rootElement(text: string): string | null {
  const m = /<([A-Za-z_][\w:.-]*)/.exec(text.replace(/<!--[\s\S]*?(-->|$)/g, '').replace(/<\?[\s\S]*?\?>/g, '').replace(/<!DOCTYPE[^>]*>/gi, ''));
  return m ? m[1]! : null;
}

/**
 * Closes a document cut short: an unfinished CDATA section, an unfinished tag, then every element still open
 * (in the order they were opened). Returns the text unchanged when nothing is open.
 */
export function closeTruncated(text: string): string {
  let out = text;
  const lastCdata = out.lastIndexOf('<![CDATA[');
  if (lastCdata >= 0 && out.indexOf(']]>', lastCdata) < 0) out += ']]>';
  else if (/<![^>]*$/.test(out) || /<[^>]*$/.test(out)) out = out.replace(/<[^>]*$/, ''); // "</rss", "<ite"
  const stack: string[] = [];
  const scan = out.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  for (const m of scan.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      const at = stack.lastIndexOf(name!);
      if (at >= 0) stack.length = at;
    } else stack.push(name!);
  }
  if (stack.length === 0) return out;
  return out + stack.reverse().map((n) => `</${n}>`).join('');
}

type Any = Record<string, any>;

function normalise(parsed: ReturnType<typeof feedsmith>, url: string): ParsedFeed {
  const { format } = parsed;
  const feed = parsed.feed as Any;
  if (format === 'json') {
    const base = str(feed.home_page_url) ?? url;
    return {
      format,
      title: cleanText(feed.title),
      link: absolute(feed.home_page_url, url),
      items: (feed.items ?? []).map((i: Any) => entry({
        guid: i.id === undefined || i.id === null ? null : String(i.id),
        link: absolute(i.url ?? i.external_url, base),
        title: i.title,
        date: i.date_published ?? i.date_modified,
        // JSON Feed 1.1: content_html is HTML; content_text and summary are plain text.
        content: typeof i.content_html === 'string' && i.content_html.trim() ? i.content_html : (i.content_text ?? i.summary),
        contentType: typeof i.content_html === 'string' && i.content_html.trim() ? 'html' : 'text',
        author: (i.authors ?? (i.author ? [i.author] : [])).map((a: Any) => a?.name).filter(Boolean).join(', '),
      })),
    };
  }
  if (format === 'atom') {
    const feedBase = absolute(feed.xml?.base, url) ?? url;
    const feedLink = atomLink(feed.links, feedBase);
    return {
      format,
      title: cleanText(textOf(feed.title)),
      link: feedLink,
      items: (feed.entries ?? []).map((e: Any) => {
        const base = absolute(e.xml?.base, feedBase) ?? feedBase;
        const body = textOf(e.content) !== null ? e.content : e.summary;
        return entry({
          guid: str(e.id),
          link: atomLink(e.links, base),
          title: textOf(e.title),
          date: e.published ?? e.updated ?? e.dc?.dates?.[0],
          content: textOf(body),
          contentType: atomContentType(body),
          author: (e.authors ?? []).map((a: Any) => a?.name).filter(Boolean).join(', ') || e.dc?.creators?.join(', '),
        });
      }),
    };
  }
  // RSS 0.9x / 2.0 and RDF (RSS 1.0)
  const channelLink = absolute(feed.link, url) ?? atomLink(feed.atom?.links, url);
  const base = absolute(feed.xml?.base, url) ?? channelLink ?? url;
  return {
    format,
    title: cleanText(feed.title),
    link: channelLink,
    items: (feed.items ?? []).map((i: Any) => {
      const guid = typeof i.guid === 'object' ? str(i.guid?.value) : str(i.guid);
      const permalink = typeof i.guid === 'object' && i.guid?.isPermaLink !== false && guid && /^https?:\/\//i.test(guid) ? guid : null;
      return entry({
        guid: guid ?? str(i.rdf?.about),
        link: absolute(i.link, base) ?? atomLink(i.atom?.links, base) ?? permalink,
        title: i.title ?? i.dc?.titles?.[0],
        date: i.pubDate ?? i.dc?.dates?.[0] ?? i.dcterms?.issued ?? i.dcterms?.created ?? i.atom?.published ?? i.atom?.updated,
        content: i.content?.encoded ?? i.description ?? i.dc?.descriptions?.[0],
        contentType: 'html', // RSS descriptions carry (escaped) HTML
        author: i.author ?? i.dc?.creators?.join(', '),
      });
    }),
  };
}

function entry(raw: { guid: string | null; link: string | null; title: unknown; date: unknown; content: unknown; contentType: 'html' | 'text'; author: unknown }): FeedEntry {
  const dateText = typeof raw.date === 'string' || typeof raw.date === 'number' ? String(raw.date).trim() || null : null;
  return {
    guid: raw.guid ? raw.guid.trim() || null : null,
    link: raw.link,
    title: cleanText(raw.title),
    published: dateText ? parseDate(dateText) : null,
    dateText,
    content: typeof raw.content === 'string' && raw.content.trim() ? raw.content : null,
    contentType: raw.contentType,
    author: cleanText(raw.author),
  };
}

/** The alternate link of an Atom entry or feed (a link with no rel, or rel="alternate"), made absolute. */
function atomLink(links: Any[] | undefined, base: string): string | null {
  if (!Array.isArray(links)) return null;
  const link = links.find((l) => !l?.rel || l.rel === 'alternate') ?? null;
  return link ? absolute(link.href, base) : null;
}

/**
 * What an Atom text construct holds: `type="text"` (and a `text/…` media type other than HTML or XML) is
 * plain text; `html`, `xhtml` and other media types are markup. With no type, Atom says text; but a
 * publisher who put HTML elements in an untyped element meant HTML (as feed readers take it).
 */
function atomContentType(value: unknown): 'html' | 'text' {
  const type = value && typeof value === 'object' && typeof (value as Any).type === 'string' ? ((value as Any).type as string).trim().toLowerCase() : '';
  if (type === 'text' || (/^text\//.test(type) && !/html|xml/.test(type))) return 'text';
  if (type) return 'html';
  return HTML_ELEMENT.test(textOf(value) ?? '') ? 'html' : 'text';
}

/** An HTML element people put in text meant as HTML (a paragraph, a break, a link, emphasis, a list). */
const HTML_ELEMENT = /<\/?(p|br|a|div|span|em|strong|b|i|ul|ol|li|blockquote|img|h[1-6])(\s[^>]*)?\/?>/i;

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Any).value === 'string') return (value as Any).value;
  return null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/**
 * A title or name as a person reads it: markup a publisher put in the title removed, entities it escaped
 * twice decoded, C1 and double-encoding repaired, whitespace collapsed.
 */
export function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  let t = value;
  if (/&(#x?[0-9a-f]+|[a-z][a-z0-9]+);/i.test(t)) t = decodeHTML(t);
  if (/<[a-z/!][^>]*>/i.test(t)) t = t.replace(/<\/?[a-z!][^>]*>/gi, '');
  t = repairText(t).replace(/\s+/g, ' ').trim();
  return t || null;
}

function absolute(href: unknown, base: string): string | null {
  if (typeof href !== 'string' || !href.trim()) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
