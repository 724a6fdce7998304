/**
 * Article extraction: a web page's HTML → headline, body as paragraphs, outlet, author, publication date,
 * canonical URL. The body comes from Mozilla's Readability (the Firefox Reader View algorithm) run on a
 * linkedom document; its `content` DOM is walked block by block, so the page's paragraph breaks survive
 * (the corpus is paragraph-based). Nothing of the page's markup leaves this module: paragraphs are plain
 * text (whitespace collapsed, nothing else rewritten), which is how Readability's output is sanitised here.
 *
 * Metadata, first found wins: JSON-LD (NewsArticle, Article, BlogPosting, …) → `article:*` and OpenGraph
 * tags → other meta tags (Dublin Core, Parse.ly, Sailthru, `name="author"`, …) → `<time datetime>` in the
 * article's header → the byline Readability found. Unknown stays unknown (null): a date is never guessed and
 * never taken from the clock. Dates and names on the page that are not the article's are left out: a review
 * or check date, a teaser's date, a date the text talks about, a front page's date, the undisplayed JSON-LD
 * date of an article "by" an organisation, a company or an "Official" account as author, names in menus or
 * labelled as another role (docs/design/intake.md, Metadata).
 */
import { parseHTML } from 'linkedom';
import { decodeHTML } from 'entities';
import { readability, type ReadabilityResult } from './readability.ts';
import { parseDate, type ParsedDate } from './dates.ts';
import { repairText } from './text.ts';

/** The little of the DOM this module uses (linkedom's objects have it; the project does not load the DOM types). */
interface Node {
  nodeType: number;
  nodeValue: string | null;
  firstChild: Node | null;
  nextSibling: Node | null;
  textContent: string | null;
}
interface Element extends Node {
  tagName: string;
  children: { length: number };
  parentElement: Element | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
  closest(selector: string): Element | null;
  contains(other: Element): boolean;
}
interface Document {
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): Iterable<Element>;
}

export interface ExtractedArticle {
  title: string | null;
  /** The body, one string per paragraph, verbatim text with whitespace collapsed. */
  paragraphs: string[];
  /** The outlet or site name. */
  outlet: string | null;
  author: string | null;
  published: ParsedDate | null;
  /** The canonical URL when the page names one (link rel=canonical, og:url, JSON-LD), else the page's URL. */
  url: string;
  /** Where each field came from, for the benchmark and the logs: `jsonld`, `meta`, `time`, `byline`, … */
  sources: { title?: string; published?: string; author?: string };
}

/** Readability gives up its pick below 500 characters (its charThreshold); a container of twice that replaces it without retries. */
const RETRY_UNLESS_CONTAINER = 1000;

/** Fewer words than this is not an article (a wire brief such as a dividend notice has a dozen). */
const MIN_ARTICLE_WORDS = 8;

/** Elements whose start and end break the text into paragraphs. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION',
  'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL', 'CAPTION',
]);

/** Elements whose text is never article text. */
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'BUTTON', 'SELECT', 'TEXTAREA', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO', 'CANVAS']);

/** Class names of page furniture that Readability may leave inside an article: tables of contents, share bars, calls to action. */
const BOILERPLATE = /(?:^|[-_\s])(?:toc|table-of-contents|share|sharing|social|newsletter|subscribe|related|promo|cta|advert|ads?|sponsored|breadcrumbs?|btn|button)(?:[-_\s]|$)/i;

/** Table cells are separated by a space within their row. */
const CELLS = new Set(['TD', 'TH']);

/**
 * Extracts the article of a page; null when the page has no article text Readability can find.
 * `pageUrl` is the address the page was fetched from (after redirects): relative links resolve against it.
 *
 * @example extractArticle(html, 'https://example.com/news/1')?.paragraphs.length // 18
 */
export function extractArticle(html: string, pageUrl: string): ExtractedArticle | null {
  const { document } = parseHTML(html) as unknown as { document: Document };
  // Metadata first: Readability removes the scripts (JSON-LD) and much of the header.
  const meta = readMetadata(document, pageUrl);
  // The page's own article container, looked for only when Readability's pick is short.
  let container: string[] | null | undefined;
  const containerText = () => (container === undefined ? (container = articleContainer(html)) : container);
  let parsed: ReadabilityResult<Element> = null;
  try {
    parsed = readability<Element>(document, {
      keepClasses: true,
      serializer: (node) => node as unknown as Element,
      // Readability's retries (whole passes with fewer filters) when its pick is under 500 characters are left
      // out when the container has the article: the container would replace the short pick anyway.
      retry: () => textLength(containerText() ?? []) < RETRY_UNLESS_CONTAINER,
    });
  } catch {
    parsed = null;
  }
  let paragraphs = parsed?.content ? paragraphsOf(parsed.content) : [];
  // Readability sometimes settles on a small block beside the article (a teaser, a sidebar): when what it
  // found is short, the page's own article container, if it holds much more text, is taken instead.
  if (textLength(paragraphs) < 1500) {
    const fallback = containerText();
    if (fallback && textLength(fallback) > 2 * textLength(paragraphs)) paragraphs = fallback;
  }
  // A page whose "article" is a line or two (a home page's welcome, a cookie notice) has none.
  if (paragraphs.join(' ').split(/\s+/).length < MIN_ARTICLE_WORDS) return null;
  let author = meta.author;
  let authorSource = meta.authorSource;
  if (!author && parsed?.byline) {
    const byline = cleanAuthor(parsed.byline);
    if (byline && looksLikeName(byline) && !sameName(byline, meta.outlet)) [author, authorSource] = [byline, 'byline'];
  }
  const title = meta.title ?? clean(parsed?.title);
  return {
    title,
    paragraphs,
    outlet: meta.outlet ?? clean(parsed?.siteName),
    author,
    published: meta.published,
    url: meta.url ?? pageUrl,
    sources: {
      ...(meta.titleSource || title ? { title: meta.titleSource ?? 'readability' } : {}),
      ...(meta.publishedSource ? { published: meta.publishedSource } : {}),
      ...(authorSource ? { author: authorSource } : {}),
    },
  };
}

/**
 * The text of an element as paragraphs: block elements start and end paragraphs, inline text is joined
 * with its whitespace collapsed to single spaces.
 */
const textLength = (paragraphs: readonly string[]) => paragraphs.reduce((n, p) => n + p.length, 0);

/** Containers that hold an article's text on most sites, most specific first. */
const CONTAINERS = ['[itemprop="articleBody"]', '[class*="article-body" i]', '[class*="article__body" i]', '[class*="post-content" i]', '[class*="entry-content" i]', '[class*="post-body" i]', 'article', 'main', '[role="main"]'];

/** The paragraphs of the page's most specific article container (the largest of its kind; site furniture left out), or null. */
function articleContainer(html: string): string[] | null {
  const { document } = parseHTML(html) as unknown as { document: Document };
  for (const selector of CONTAINERS) {
    let best: string[] | null = null;
    for (const el of document.querySelectorAll(selector)) {
      const paragraphs = paragraphsOf(el, { furniture: false });
      if (!best || textLength(paragraphs) > textLength(best)) best = paragraphs;
    }
    if (best && textLength(best) > 0) return best;
  }
  return null;
}

/** Site furniture: left out when walking a container Readability did not clean. */
const FURNITURE = new Set(['NAV', 'ASIDE', 'FOOTER', 'HEADER', 'FORM', 'MENU', 'DIALOG']);

export function paragraphsOf(root: Element, options: { furniture?: boolean } = {}): string[] {
  const keepFurniture = options.furniture ?? true;
  const out: string[] = [];
  let buffer = '';
  let linked = 0; // characters of the buffer inside links
  let links = 0;
  const flush = () => {
    const text = repairText(buffer.replace(/\s+/g, ' ').trim());
    // A short block that is all link is a button or a menu entry ("Read more", "Book now"), not text.
    const linkOnly = linked >= buffer.trim().length && text.length < 40;
    if (text && /[\p{L}\p{N}]/u.test(text) && !linkOnly) out.push(text);
    buffer = '';
    linked = 0;
  };
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const text = child.nodeValue ?? '';
        buffer += text;
        if (links > 0) linked += text.trim().length > 0 ? text.length : 0;
        else if (text.trim()) linked -= 1_000_000; // any text outside a link: not a link-only block
        continue;
      }
      if (child.nodeType !== 1) continue;
      const element = child as Element;
      const tag = element.tagName.toUpperCase();
      if (SKIP.has(tag) || tag === 'FIGCAPTION' || (!keepFurniture && FURNITURE.has(tag))) continue;
      if (BOILERPLATE.test(`${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`) && (element.textContent ?? '').length < 400) continue;
      if (BLOCKS.has(tag)) {
        flush();
        walk(child);
        flush();
      } else {
        if (CELLS.has(tag)) buffer += ' ';
        if (tag === 'A') links++;
        walk(child);
        if (tag === 'A') links--;
        if (CELLS.has(tag)) buffer += ' ';
      }
    }
  };
  walk(root);
  flush();
  return out;
}

interface Metadata {
  title: string | null;
  titleSource?: string;
  outlet: string | null;
  author: string | null;
  authorSource?: string;
  published: ParsedDate | null;
  publishedSource?: string;
  url: string | null;
}

/** Schema.org types that are an article (JSON-LD `@type`). */
const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|LiveBlogPosting|Report|NewsArticle|SocialMediaPosting|Posting|DiscussionForumPosting|TechArticle|Review)$/i;

/** Reads the page's metadata in the order of trust described at the top of the module. */
export function readMetadata(document: Document, pageUrl: string): Metadata {
  const metaTags = new Map<string, string>();
  for (const el of document.querySelectorAll('meta')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = el.getAttribute('content');
    if (key && content && content.trim() && !metaTags.has(key)) metaTags.set(key, content.trim());
  }
  const tag = (...keys: string[]) => {
    for (const k of keys) {
      const v = metaTags.get(k);
      if (v) return v;
    }
    return null;
  };
  const ld = jsonLd(document);
  const outlet = clean(ld.publisher) ?? clean(tag('og:site_name', 'application-name', 'twitter:site:name'));

  // The headline: the page's own h1 when it is the article's (it agrees with the metadata's title), else the
  // metadata's title without the site name that og:title and <title> often append.
  const metaTitle = clean(ld.headline) ?? clean(tag('og:title', 'twitter:title', 'dc.title', 'sailthru.title', 'parsely-title')) ?? clean(document.querySelector('title')?.textContent);
  const headings = headlineCandidates(document, outlet);
  let title: string | null = null;
  let titleSource: string | undefined;
  if (metaTitle) {
    let best = 0;
    for (const h of headings) {
      const agreement = Math.max(overlap(h, metaTitle), overlap(metaTitle, h));
      if (agreement > best && agreement >= 0.5) [best, title, titleSource] = [agreement, h, 'h1'];
    }
  }
  if (!title && headings[0]) [title, titleSource] = [headings[0], 'h1'];
  if (!title && metaTitle) [title, titleSource] = [stripSiteName(metaTitle, outlet, pageUrl), ld.headline ? 'jsonld' : 'meta'];

  let published: ParsedDate | null = null;
  let publishedSource: string | undefined;
  const tryDate = (source: string, ...values: Array<string | null | undefined>) => {
    for (const v of values) {
      if (published || !v) continue;
      const d = parseDate(v);
      if (d) [published, publishedSource] = [d, source];
    }
  };
  // A date of the metadata that may be the CMS's rather than the article's: taken only when the page shows it.
  const tryShownDate = (source: string, value: string | null | undefined) => {
    if (published) return;
    const d = parseDate(value);
    if (d && shownOnPage(document, d.date)) [published, publishedSource] = [d, source];
  };
  // An article "by" an organisation is a site's own page, its JSON-LD written by the CMS's template: the
  // date is the page's in the CMS unless the page shows it (as for a WebPage's date below).
  if (ld.dateFrom === 'article' && ld.byOrganisation) tryShownDate('jsonld', ld.datePublished ?? ld.dateCreated);
  else tryDate('jsonld', ld.dateFrom === 'article' ? ld.datePublished : null, ld.dateFrom === 'article' ? ld.dateCreated : null);
  // A page object's date (WebPage) is often the CMS page's creation date.
  if (ld.dateFrom === 'page') tryShownDate('jsonld-page', ld.datePublished ?? ld.dateCreated);
  tryDate('meta', tag('article:published_time', 'og:article:published_time', 'article:published', 'og:published_time'));
  tryDate(
    'meta-other',
    tag(
      'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'published', 'article.published',
      'dc.date.issued', 'dc.date', 'dcterms.date', 'dcterms.issued', 'dcterms.created', 'dc.date.created', 'sailthru.date',
      'parsely-pub-date', 'citation_publication_date', 'citation_date', 'originalpublicationdate', 'displaydate',
      'cxenseparse:recs:publishtime', 'published_time', 'release_date', 'datecreated',
    ),
  );
  if (!published) {
    const el = document.querySelector('[itemprop="datePublished"]');
    tryDate('meta', el?.getAttribute('datetime') ?? el?.getAttribute('content') ?? el?.textContent);
  }
  if (!published) tryDate('time', ...publicationTimes(document));
  // A page that shows only when it was last modified: that is the date of the text we take.
  tryShownDate('jsonld-modified', ld.dateModified);
  if (!published) for (const { date, how } of bylineDates(document)) tryDate(`byline-${how}`, date);
  // A site's front page lists articles; a date in its metadata is the page's in the CMS, not a publication.
  if (published && frontPage(pageUrl)) [published, publishedSource] = [null, undefined];

  let author: string | null = null;
  let authorSource: string | undefined;
  const accept = (source: string, value: string | null | undefined) => {
    if (author) return;
    const a = cleanAuthor(value);
    // JSON-LD and byline markup name the author the page shows; a name found only in the JSON-LD is often
    // the CMS account that posted it (measured: it adds as many wrong names as right ones).
    if (a && (source === 'meta' || visibleText(document).includes(a.toLowerCase()))) [author, authorSource] = [a, source];
  };
  accept('jsonld', ld.author);
  accept('meta', tag('article:author', 'og:article:author'));
  accept('meta', tag('author', 'byl', 'dc.creator', 'dcterms.creator', 'parsely-author', 'sailthru.author', 'citation_author', 'twitter:creator:name', 'cxenseparse:author'));
  // Yoast's "Written by" label for Twitter cards.
  if (/^(?:written by|author)$/i.test(tag('twitter:label1') ?? '')) accept('meta', tag('twitter:data1'));
  if (!author) for (const name of bylineNames(document)) accept('byline', name);

  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? tag('og:url') ?? ld.url;
  return { title, titleSource, outlet, author, authorSource, published, publishedSource, url: absoluteUrl(canonical, pageUrl) };
}

/** Whether `url` is a site's front page: its path is `/` (or an index file) and it has no query naming a page. */
function frontPage(url: string): boolean {
  try {
    const u = new URL(url);
    return /^\/(?:index\.\w+)?$/.test(u.pathname) && !u.search;
  } catch {
    return false;
  }
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const VISIBLE = new WeakMap<Document, string>();

/** The page's visible text, lower-cased, whitespace collapsed (script, style and the like left out). */
function visibleText(document: Document): string {
  const known = VISIBLE.get(document);
  if (known !== undefined) return known;
  const parts: string[] = [];
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) parts.push(c.nodeValue ?? '');
      else if (c.nodeType === 1 && !SKIP.has((c as Element).tagName.toUpperCase())) walk(c);
    }
  };
  const body = document.querySelector('body');
  if (body) walk(body);
  const text = parts.join(' ').replace(/\s+/g, ' ').toLowerCase();
  VISIBLE.set(document, text);
  return text;
}

/** The English ordinal suffix of a day of the month: 1st, 2nd, 3rd, 4th, 11th, 22nd. */
const ordinal = (d: number) => (d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th');

/** Whether the page's visible text (or a `<time datetime>`) shows the day `date` (YYYY-MM-DD) in a common way of writing it. */
function shownOnPage(document: Document, date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const month = MONTH_NAMES[m - 1]!;
  const p2 = (n: number) => String(n).padStart(2, '0');
  const forms = [
    date, `${month} ${d}, ${y}`, `${month} ${d} ${y}`, `${month.slice(0, 3)} ${d}, ${y}`, `${month.slice(0, 3)}. ${d}, ${y}`, `${month.slice(0, 4)}. ${d}, ${y}`,
    `${d} ${month} ${y}`, `${d} ${month.slice(0, 3)} ${y}`, `${month} ${d}${ordinal(d)}, ${y}`, `${month.slice(0, 3)} ${d}${ordinal(d)}, ${y}`, `${d}${ordinal(d)} ${month} ${y}`, `${m}/${d}/${y}`, `${p2(m)}/${p2(d)}/${y}`, `${d}/${m}/${y}`, `${p2(d)}/${p2(m)}/${y}`, `${p2(d)}.${p2(m)}.${y}`,
  ];
  for (const t of document.querySelectorAll('time[datetime]')) if (t.getAttribute('datetime')?.startsWith(date)) return true;
  const text = visibleText(document);
  return forms.some((f) => text.includes(f));
}

/** Share of a's words that are in b. */
function overlap(a: string, b: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const A = words(a);
  const B = words(b);
  let n = 0;
  for (const w of A) if (B.has(w)) n++;
  return n / Math.max(1, A.size);
}

/** The page's h1 headings that may be the article's headline: the article's or main's first, never a logo linking home. */
function headlineCandidates(document: Document, outlet: string | null): string[] {
  const out: string[] = [];
  const add = (el: Element | null) => {
    if (!el || el.closest('nav, footer, aside') || el.querySelector('a[href="/"]') || el.closest('a[href="/"]')) return;
    const text = clean(el.textContent);
    if (text && text.length > 3 && !out.includes(text) && !sameName(text, outlet)) out.push(text);
  };
  add(document.querySelector('article h1'));
  add(document.querySelector('main h1'));
  for (const h of document.querySelectorAll('h1')) add(h);
  return out;
}

const sameName = (a: string | null, b: string | null) => a !== null && b !== null && matchLoose(a) === matchLoose(b);

/**
 * Dates written in the byline area: short texts near the headline (inside one of its four nearest
 * ancestors), in elements named like dates first. A date in the site's header or a sidebar (today's date,
 * an event listing) is not the article's.
 */
function bylineDates(document: Document): Array<{ date: string; how: 'named' | 'near' }> {
  const h1 = document.querySelector('article h1') ?? document.querySelector('main h1') ?? document.querySelector('h1');
  const near: Element[] = [];
  for (let box = h1?.parentElement ?? null; box && near.length < 4; box = box.parentElement) near.push(box);
  if (near.length === 0) {
    const main = document.querySelector('article') ?? document.querySelector('main');
    if (main) near.push(main);
  }
  const ok = (el: Element) =>
    near.some((box) => box.contains(el)) && !el.closest('nav, footer, aside, [class*="comment" i], [class*="related" i], [id*="comment" i], [class*="event" i]') && !inTeaser(el);
  const dateOf = (el: Element) => {
    const text = clean(el.textContent);
    const found = text && text.length <= 100 ? dateIn(text) : null;
    return found && !laterDate(el, found) && !inSentence(el, found) ? found : null;
  };
  for (const el of document.querySelectorAll('[class*="date" i], [class*="time" i], [class*="publish" i], [class*="posted" i], [class*="updated" i], [class*="byline" i], [class*="meta" i], [id*="date" i]')) {
    const found = ok(el) ? dateOf(el) : null;
    if (found) return [{ date: found, how: 'named' }];
  }
  for (const box of near.slice(0, 3)) {
    for (const el of box.querySelectorAll('p, span, div, li, time')) {
      if (el.children.length > 3 || !ok(el)) continue;
      const found = dateOf(el);
      if (found) return [{ date: found, how: 'near' }];
    }
  }
  return [];
}

const MONTH_WORD = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE_IN_TEXT = [
  new RegExp(`\\b${MONTH_WORD}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'i'),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+${MONTH_WORD}\\s+\\d{4}\\b`, 'i'),
  /\b\d{4}-\d{2}-\d{2}\b/,
];

/** Words that label a date as a review or a check of the page, later than its publication. */
const LATER_LABEL = /\b(?:reviewed|checked|verified)\b[^.|•·\p{N}]{0,20}$/iu;
/** Words that label a date as the page's update. */
const UPDATE_LABEL = /\b(?:updated|modified|revised|edited)\b[^.|•·\p{N}]{0,20}$/iu;
const LATER_CLASS = /reviewed|last-?checked|verified/i;

/**
 * Whether the date `shown` in `el` is labelled as a later date than the publication ("Reviewed: …", "Last
 * checked …", an element classed `date-last-reviewed`); with `updates`, an update ("Updated …") as well.
 * Updates count only for `<time datetime>`: a byline that shows only "Updated <day>" gives the day readers
 * see as the article's (the ground truth takes it too: on wcxb, leaving it out loses 17 right days to drop 2 given where it has none).
 */
function laterDate(el: Element, shown: string, updates = false): boolean {
  // The label is the text just before the date, in the element or, when the date starts it, in its parent.
  for (let box: Element | null = el, depth = 0; box && depth < 3; box = box.parentElement, depth++) {
    const text = (box.textContent ?? '').replace(/\s+/g, ' ');
    if (text.length > 300) break;
    const at = shown ? text.indexOf(shown) : -1;
    const before = at >= 0 ? text.slice(0, at) : '';
    if (LATER_LABEL.test(before) || (updates && UPDATE_LABEL.test(before))) return true;
    if (/\p{L}/u.test(before)) break; // a label of another kind ("Published", "By …") comes first
  }
  for (let box: Element | null = el, depth = 0; box && depth < 3; box = box.parentElement, depth++) {
    const names = `${box.getAttribute('class') ?? ''} ${box.getAttribute('id') ?? ''}`;
    if (/publish|posted|created/i.test(names)) return false;
    if (LATER_CLASS.test(names)) return true;
  }
  return false;
}

/**
 * Whether the date `shown` in `el` is part of a sentence of the text (it ends with a full stop, a question
 * mark or a colon and has four words besides the date) or starts a range ("2025-12-12 – 2025-12-17"): the
 * text talks about a date; a byline states one.
 */
function inSentence(el: Element, shown: string): boolean {
  for (let box: Element | null = el, depth = 0; box && depth < 2; box = box.parentElement, depth++) {
    const text = (box.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > 200) break;
    const at = text.indexOf(shown);
    if (at < 0) continue;
    const after = /^\s*[-–—]\s*(.*)$/.exec(text.slice(at + shown.length))?.[1];
    if (after && dateIn(after) !== null && after.startsWith(dateIn(after)!)) return true;
    // The sentence holding the date: from the end of the one before to the next full stop.
    const from = Math.max(...[...text.slice(0, at).matchAll(/[.!?:]\s/g)].map((m) => m.index! + 2), 0);
    const end = /[.!?](?:\s|$)/.exec(text.slice(at + shown.length));
    const sentence = text.slice(from, end ? at + shown.length + end.index + 1 : text.length).trim();
    const others = (t: string) => t.split(' ').length - shown.split(' ').length;
    if ((others(text) >= 4 && /[.!?:]$/.test(text)) || (others(sentence) >= 4 && (end || /\b(?:was|were|is|are|will be)\b/i.test(sentence)))) return true;
    if (text !== shown) break;
  }
  return false;
}

/** Whether `el` is in an article nested in another (a teaser card listing another story inside the page's article). */
const inTeaser = (el: Element): boolean => el.closest('article')?.parentElement?.closest('article') != null;

/** The first date written out in a short text ("Last updated on: October 1, 2025" → "October 1, 2025"). */
function dateIn(text: string): string | null {
  for (const re of DATE_IN_TEXT) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return null;
}

/** Names in the byline: schema.org author markup, rel=author, author-name classes, author page links. */
function bylineNames(document: Document): string[] {
  const out: string[] = [];
  const selectors = [
    '[itemprop="author"] [itemprop="name"]', '[itemprop="author"]', '[rel="author"]', '[class*="author-name" i]', '[class*="authorname" i]',
    '[class*="byline__name" i]', '[class*="byline-name" i]', 'a[href*="/author/"]', 'a[href*="/authors/"]', '[class*="byline" i] a',
  ];
  for (const sel of selectors) {
    for (const el of document.querySelectorAll(sel)) {
      if (el.closest('nav, footer, aside, form, [class*="comment"], [class*="related"], [role="navigation"], [class*="menu-item" i], [class*="navbar" i]')) continue;
      if (labelledOther(el)) continue;
      const text = clean(el.getAttribute('content') ?? el.textContent);
      if (text && text.length <= 60 && looksLikeName(text)) out.push(text);
      if (out.length >= 1) return out;
    }
  }
  return out;
}

/** Labels that name someone other than the author: a contact person, a reviewer, an editor, a photographer. */
const OTHER_ROLE = /\b(?:contact|contacts|reviewed by|edited by|fact[- ]checked by|photos?(?:graphs?)? by|illustrations? by|images? by|produced by|interview(?:ed)? by)\s*:?\s*$/i;

/** Whether the name in `el` follows a label of another role than the author's ("Contact: Jane Doe", "Reviewed by Jane Doe"). */
function labelledOther(el: Element): boolean {
  const name = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  for (let box: Element | null = el.parentElement, depth = 0; box && depth < 2; box = box.parentElement, depth++) {
    const text = (box.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > 200) break;
    const at = name ? text.indexOf(name) : -1;
    if (at > 0) return OTHER_ROLE.test(text.slice(0, at));
  }
  return false;
}

/** A person's name as bylines write one: 1–6 words, letters, no digits, not a sentence. */
function looksLikeName(text: string): boolean {
  const t = text.replace(/^(?:by|written by|author:?)\s*/i, '').trim();
  const words = t.split(/\s+/);
  return words.length >= 1 && words.length <= 6 && /^\p{Lu}/u.test(t) && !/\d/.test(t) && !/[.!?]$/.test(t.replace(/\b\p{Lu}\.$/u, ''));
}

interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  dateCreated: string | null;
  dateModified: string | null;
  /** Whether the dates are the article object's or the page's (WebPage). */
  dateFrom?: 'article' | 'page';
  author: string | null;
  /** The article's author is an organisation (no person named). */
  byOrganisation?: boolean;
  /** The publisher is a person (a personal site: its owner is also the author). */
  publisherIsPerson?: boolean;
  publisher: string | null;
  url: string | null;
}

/**
 * What the page's JSON-LD says about its article: the first article object among the blocks (arrays and
 * `@graph` included); its dates from the page object (WebPage) when no article object has them.
 */
function jsonLd(document: Document): JsonLdArticle {
  const found: JsonLdArticle = { headline: null, datePublished: null, dateCreated: null, dateModified: null, author: null, publisher: null, url: null };
  const objects: Array<Record<string, unknown>> = [];
  const collect = (value: unknown, depth: number) => {
    if (depth > 5 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) return void value.forEach((v) => collect(v, depth + 1));
    const obj = value as Record<string, unknown>;
    objects.push(obj);
    if (obj['@graph']) collect(obj['@graph'], depth + 1);
    if (obj.mainEntity) collect(obj.mainEntity, depth + 1);
  };
  for (const script of document.querySelectorAll('script[type="application/ld+json" i]')) {
    const text = script.textContent?.trim();
    if (!text) continue;
    try {
      collect(JSON.parse(text.replace(/^<!\[CDATA\[|\]\]>$/g, '')), 0);
    } catch {
      // a broken block is skipped, as a browser skips it
    }
  }
  const types = (o: Record<string, unknown>) => (Array.isArray(o['@type']) ? o['@type'] : [o['@type']]).map(String);
  const article = objects.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t)));
  const page = objects.find((o) => types(o).some((t) => /^(?:WebPage|ItemPage|AboutPage|MedicalWebPage|CollectionPage)$/i.test(t)));
  const dated = article ?? page;
  if (dated) {
    found.dateFrom = article && str(article.datePublished) ? 'article' : 'page';
    found.datePublished = str(dated.datePublished) ?? (article && page ? str(page.datePublished) : null);
    found.dateCreated = str(dated.dateCreated);
    found.dateModified = str(dated.dateModified) ?? (article && page ? str(page.dateModified) : null);
  }
  if (!article) return found;
  found.headline = str(article.headline) ?? str(article.name);
  found.author = names(article.author ?? article.creator, objects, { people: true });
  found.byOrganisation = !found.author && names(article.author ?? article.creator, objects) !== null;
  const publisher = (Array.isArray(article.publisher) ? article.publisher[0] : article.publisher) as Record<string, unknown> | undefined;
  const publisherRef = publisher && typeof publisher['@id'] === 'string' ? objects.find((x) => x['@id'] === publisher['@id'] && x !== publisher) : undefined;
  found.publisherIsPerson = /Person/.test(String(publisher?.['@type'] ?? publisherRef?.['@type'] ?? ''));
  found.publisher = names(article.publisher, objects, { first: true });
  found.url = str(article.url) ?? (typeof article.mainEntityOfPage === 'string' ? article.mainEntityOfPage : str((article.mainEntityOfPage as Record<string, unknown> | undefined)?.['@id']));
  return found;
}

/** A JSON-LD string value with its HTML entities decoded (CMSs often escape them twice). */
function str(value: unknown): string | null {
  const v = typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : null;
  if (v === null) return null;
  const decoded = decodeHTML(v).trim();
  return decoded && decoded !== 'undefined' && decoded !== 'null' ? decoded : null;
}

/**
 * The names of JSON-LD people or organisations (`{name}`, strings, arrays, `@id` references), joined with
 * ", "; with `people`, organisations are left out (an article "by" its publisher has no author we know).
 */
function names(value: unknown, objects: Array<Record<string, unknown>>, o: { first?: boolean; people?: boolean } = {}): string | null {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  const out: string[] = [];
  for (const v of list) {
    if (typeof v === 'string') out.push(decodeHTML(v));
    else if (v && typeof v === 'object') {
      const entry = v as Record<string, unknown>;
      const ref = !entry.name && typeof entry['@id'] === 'string' ? objects.find((x) => x['@id'] === entry['@id'] && x !== entry) : undefined;
      const type = String(entry['@type'] ?? ref?.['@type'] ?? '');
      if (o.people && /Organi[sz]ation|Corporation|NewsMediaOrganization|WebSite|Brand/i.test(type)) continue;
      const name = str(entry.name) ?? str(ref?.name);
      if (name) out.push(name);
    }
    if (o.first && out.length) break;
  }
  const cleaned = [...new Set(out.map((n) => n.trim()).filter(Boolean))];
  return cleaned.length ? cleaned.join(', ') : null;
}

/** `<time datetime>` of the article's header or marked as the publication time (never a comment's or a related story's). */
function publicationTimes(document: Document): string[] {
  const out: string[] = [];
  for (const el of document.querySelectorAll('time[datetime]')) {
    const marked = /publish|posted|created|date-?line|pubdate|entry-date/i.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('itemprop') ?? ''} ${el.getAttribute('pubdate') !== null ? 'pubdate' : ''}`);
    const inHeader = el.closest('header, .byline, [class*="byline"], [class*="article-meta"], [class*="post-meta"], [class*="entry-meta"]') !== null;
    const inArticle = el.closest('article, main') !== null && el.closest('aside, footer, nav, [class*="comment" i], [id*="comment" i], [class*="related" i]') === null;
    if ((marked || inHeader || inArticle) && !inTeaser(el) && !laterDate(el, clean(el.textContent) ?? '', true)) out.push(el.getAttribute('datetime')!);
    if (out.length) break;
  }
  return out;
}

/**
 * A headline without the site name that `og:title` and `<title>` often append ("Headline | The Outlet",
 * "Headline - Outlet"): the suffix goes only when it names the outlet or the site's domain.
 */
function stripSiteName(title: string, outlet: string | null, pageUrl: string): string {
  const m = /^(.*\S)\s+[|\-–—·•:]\s+([^|\-–—·•]{2,60})$/.exec(title);
  if (!m) return title;
  const suffix = matchLoose(m[2]!);
  let host = '';
  try {
    host = matchLoose(new URL(pageUrl).hostname.replace(/^www\./, '').replace(/\.[a-z]+$/, ''));
  } catch {
    // no host to compare with
  }
  return (outlet && suffix === matchLoose(outlet)) || (host && suffix === host) ? m[1]! : title;
}

const matchLoose = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Whitespace collapsed, entities already decoded by the DOM; null when empty. */
function clean(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = repairText(value.replace(/\s+/g, ' ').trim());
  return text || null;
}

/**
 * An author as people write one: "By Jane Doe" → "Jane Doe"; a profile URL, an e-mail address or a bare
 * social handle is not a name (null).
 */
export function cleanAuthor(value: string | null | undefined): string | null {
  let a = clean(value);
  if (!a) return null;
  a = a.replace(/^(?:by|written by|author:?|von|par|por)(?:\s+|(?=\p{Lu}))/iu, '').replace(/\s*[|,;·•\-–—]\s*$/, '').trim();
  if (/^https?:\/\//i.test(a) || /^www\./i.test(a)) return null;
  // A company's legal form or an "Official" account is an organisation, not a person who wrote the page.
  if (/(?:^|\s)(?:Inc|LLC|L\.L\.C|Ltd|PC|P\.C|Corp|GmbH|PLC|Official)\.?$/iu.test(a)) return null;
  if (a.length > 120 || !/\p{L}/u.test(a) || /[*<>{}]/.test(a) || /^(?:admin|administrator|webmaster|editor|staff|guest|the author|unknown|undefined|null|name|author)$/i.test(a)) return null;
  return a;
}

function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
