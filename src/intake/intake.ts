/**
 * Intake: links, attached files and feed items become ordinary corpus files. One service for every door:
 * the Discord commands (/add, /feed), the CLI (`ask add`, `ask feed`), the local console and the feed poller.
 *
 *   link ─► fetcher (guarded) ─► decode ─► parser (Readability, metadata) ─┐
 *   file ─► fetcher (size checked, capped) ─► decode / docx → HTML ─────────┼─► .md with front matter in
 *   feed item ─► its page as a link; the feed's own text when that fails ──┘    corpus/added/ or corpus/feeds/<feed>/
 *                                                                           ─► live corpus applies the file now
 *
 * Expected failures (not a URL, a private address, a 404, no article, too big, wrong type) are IntakeErrors
 * whose message says what was wrong and what to try; nothing is written then.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Answer, AnswerItem } from '../answer/types.ts';
import { articleHeading, citeParagraph, editorDate, excerptOf, sourceRef } from '../answer/cite.ts';
import type { Article } from '../corpus/types.ts';
import { decode, decodeText } from '../corpus/decode.ts';
import { parseFrontMatter } from '../corpus/frontmatter.ts';
import { readCorpusFile, type FileResult } from '../corpus/load.ts';
import { slugify } from '../corpus/ids.ts';
import { FetchError, type Fetcher } from '../fetch/fetch.ts';
import type { Library } from '../library.ts';
import type { FeedEntry, ParsedFeed } from './feed-parse.ts';
import type { Parser } from './parser.ts';
import { textParagraphs } from './text.ts';
import { articleFileName, articleFilesById, articleId, articleMarkdown, textHash, urlKey, writeCorpusFile, type IntakeArticle, type Written } from './article-file.ts';
import { plural } from '../text/plural.ts';

/** A failure the person who asked can act on; the message says what was wrong and what to try. */
export class IntakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntakeError';
  }
}

/** Folder (under the corpus root) for links and attached files. */
export const ADDED_FOLDER = 'added';
/** Where feed items are written, a folder per feed. */
export const FEEDS_FOLDER = 'feeds';

/** Attached files the bot reads, and the most it downloads of each. */
export const ATTACHMENT_TYPES: Record<string, { maxBytes: number; what: string }> = {
  '.txt': { maxBytes: 2 * 1024 * 1024, what: 'a text file' },
  '.md': { maxBytes: 2 * 1024 * 1024, what: 'a Markdown file' },
  '.html': { maxBytes: 10 * 1024 * 1024, what: 'a web page' },
  '.htm': { maxBytes: 10 * 1024 * 1024, what: 'a web page' },
  '.jsonl': { maxBytes: 10 * 1024 * 1024, what: 'a JSON Lines export' },
  '.docx': { maxBytes: 10 * 1024 * 1024, what: 'a Word document' },
};

/** Where an added article came from, as the reply words it ("No publication date on the page"). */
export type SourceKind = 'page' | 'file' | 'feed item';
const WHERE: Record<SourceKind, string> = { page: 'on the page', file: 'in the file', 'feed item': 'in the feed item' };

/** What `commit` did: the file as written (or left), read back; its text before and now. */
interface Committed {
  written: Written;
  result: FileResult | null;
  /** The file's text before this add; null when it is new. */
  before: string | null;
  /** The text this add gave (written, or found already there). */
  after: string;
  /** The file as it was read before it was replaced; null when it was new or left alone. */
  previous: FileResult | null;
}

export interface IntakeDeps {
  corpusDir: string;
  fetcher: Fetcher;
  parser: Parser;
  /** Makes written files live now (the bot's live corpus); absent in the CLI, where nothing is live. */
  apply?: (paths: string[]) => Promise<unknown>;
  /** The library being served, to answer from what is live; absent in the CLI. */
  library?: () => Library;
  now?: () => Date;
}

/** What became of one feed item. */
export interface EntryOutcome {
  status: 'added' | 'updated' | 'unchanged' | 'duplicate' | 'failed';
  reason?: string;
  article?: IntakeArticle;
  /** The corpus file, relative to the root. */
  path?: string;
  contentHash?: string;
}

export interface Intake {
  /** Fetches a page, extracts its article, writes it to corpus/added/ and makes it live. */
  addLink(url: string, source?: string): Promise<Answer>;
  /** Downloads an attached file (its declared size checked first) and adds it as an article. */
  addAttachment(file: { name: string; url: string; size: number; contentType: string | null }, source?: string): Promise<Answer>;
  /** Reads a feed once and adds every item it holds now (no first-poll window): `ask feed <url>`. */
  addFeedOnce(url: string): Promise<Answer>;
  /**
   * Fetches and parses a feed (no validators: the whole document); IntakeError, saying why, when it cannot
   * be fetched or is not a feed. What `addFeedOnce` and a new subscription read first.
   */
  readFeedAt(url: string): Promise<{ url: string; feed: ParsedFeed }>;
  /**
   * One feed item into `folder`: its page extracted, or the feed's own text when the page cannot be used.
   * The file is written but not applied (the poller applies a round's files together).
   */
  ingestEntry(entry: FeedEntry, o: { folder: string; feedTitle: string | null; previousPath?: string | null }): Promise<EntryOutcome>;
  /** Makes written files live now (no-op without a live corpus). */
  apply(paths: string[]): Promise<void>;
  readonly corpusDir: string;
}

export function createIntake(deps: IntakeDeps): Intake {
  const now = deps.now ?? (() => new Date());
  const root = deps.corpusDir;

  /** Fetches a page and extracts its article; IntakeError when either fails. */
  async function fromPage(url: string, source: string): Promise<IntakeArticle> {
    let result;
    try {
      result = await deps.fetcher.fetch({ url, kind: 'page' });
    } catch (err) {
      throw asIntakeError(err);
    }
    if (result.status !== 'ok') throw new IntakeError(`${url} answered "not modified" to a request that asked for the page`);
    const fetched = now().toISOString();
    const { text } = decodeText(result.bytes, { contentType: result.contentType, markup: true });
    if (/^text\/plain/i.test(result.contentType ?? '')) {
      const paragraphs = textParagraphs(text);
      if (paragraphs.length === 0) throw new IntakeError(`${result.url} is an empty text file`);
      return { id: articleId(urlKey(result.url)), title: null, outlet: null, author: null, published: null, url: result.url, fetched, source, paragraphs };
    }
    const extracted = await deps.parser.extract(text, result.url);
    if (!extracted || extracted.paragraphs.length === 0) {
      throw new IntakeError(`no article text found at ${result.url}: it may be a home page, a list of stories, a video, or a page that needs JavaScript or a login. Try the article's own address.`);
    }
    return {
      id: articleId(urlKey(extracted.url)),
      title: extracted.title,
      outlet: extracted.outlet,
      author: extracted.author,
      published: extracted.published,
      url: extracted.url,
      fetched,
      source,
      paragraphs: extracted.paragraphs,
    };
  }

  /** Files written but not yet applied to the live library (a poll applies its round's files together). */
  const unapplied = new Map<string, string>();
  /**
   * Without a library (the CLI): the corpus folder's files by the article id their names end with, from
   * one walk of the folder on first use, then kept up to date with what this intake writes.
   */
  let onDisk: Promise<Map<string, string>> | null = null;

  /**
   * Where an article with this id is in the corpus now, or null: the live library and the files written
   * since it was last updated (the bot), else the folder itself (the CLI, which has no library).
   */
  async function existingPath(id: string): Promise<string | null> {
    const library = deps.library?.();
    if (library) {
      const live = library.corpus.articleById.get(id);
      return live ? live.path.replace(/:\d+$/, '') : (unapplied.get(id) ?? null);
    }
    onDisk ??= articleFilesById(root);
    return (await onDisk).get(id) ?? null;
  }

  /** Notes a file just written, for the look-ups that follow before it is live (or, in the CLI, at all). */
  async function remember(id: string, path: string): Promise<void> {
    if (deps.library) {
      if (deps.apply) unapplied.set(id, path);
    } else if (onDisk) (await onDisk).set(id, path);
  }

  async function apply(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    await deps.apply?.(paths);
    const done = new Set(paths);
    for (const [id, path] of unapplied) if (done.has(path)) unapplied.delete(id);
  }

  /**
   * Writes an article (replacing its earlier version, wherever it is) and makes it live. The same article
   * added again is left as it is (a new fetch time alone is no change): nothing is written then, and
   * `before` is the file's text; when it changed, `previous` is what the file held, to say what changed.
   */
  async function commit(article: IntakeArticle, folder: string, text = articleMarkdown(article), ext = '.md'): Promise<Committed> {
    const existing = await existingPath(article.id);
    // Only a file intake wrote, of the same kind, is replaced: never a newsroom's own file or an export
    // that holds other articles (an attached file's front matter may name any id).
    if (existing && !(isIntakeFile(existing) && extname(existing) === ext)) {
      throw new IntakeError(`the id \`${article.id}\` is already used by ${existing}, a corpus file the bot did not add; nothing was written. Give the file another \`id:\` in its front matter, or none and the bot picks one.`);
    }
    const before = existing ? await readCorpusFileText(join(root, existing)) : null;
    if (existing && before !== null && sameArticle(before, text)) {
      // Written earlier but not live yet (a feed round in progress): made live now, so its ids answer.
      if (unapplied.get(article.id) === existing) await apply([existing]);
      const result = await readCorpusFile(root, join(root, existing));
      return { written: { path: existing, change: 'unchanged' }, result, before, after: text, previous: null };
    }
    const previous = existing && before !== null ? await readCorpusFile(root, join(root, existing)) : null;
    const path = existing ?? join(folder, articleFileName(article, ext));
    const written = await writeCorpusFile(root, path, text);
    await remember(article.id, written.path);
    await apply([written.path]);
    const result = await readCorpusFile(root, join(root, written.path));
    return { written, result, before, after: text, previous };
  }

  /**
   * The reply to /add: what was added (or that it was already there, unchanged, or what changed), its first
   * paragraphs' citation ids, what the cleaner dropped. `kind` words the notes for where it came from.
   */
  function addedAnswer(query: string, committed: Committed, kind: SourceKind): Answer {
    const { written, result } = committed;
    const fromFile = result?.articles ?? [];
    // Prefer the articles as the live library holds them (what /source will answer).
    const live = deps.library?.();
    const articles: Article[] = fromFile.map((a) => live?.corpus.articleById.get(a.id) ?? a);
    const problems = result?.problems ?? [];
    const first = articles[0];
    if (!first) {
      const why = problems.map((p) => p.message).join('; ') || 'nothing was left after cleaning';
      throw new IntakeError(`the file was saved as ${written.path} but holds no article the bot can use (${why})`);
    }
    const verb = written.change === 'new' ? 'Added' : written.change === 'changed' ? 'Updated' : 'Already in the corpus';
    const items: AnswerItem[] = first.paragraphs.slice(0, 3).map((p) => ({ text: excerptOf(p.text, 300), citations: [citeParagraph(p)], label: p.id }));
    const notes: string[] = [];
    if (written.change === 'unchanged') {
      const since = committed.before ? fetchedOf(committed.before) : null;
      notes.push(`Article ${first.id} is already in the corpus, unchanged${since ? ` since it was added ${since}` : ''}: nothing was written.`);
    } else if (written.change === 'changed') {
      notes.push(changesSince(committed, first));
    }
    const dropped = first.dropped;
    const reasons = [...new Set(dropped.map((d) => d.reason))];
    notes.push(
      plural(first.paragraphs.length, 'paragraph') +
        (dropped.length ? ` (${plural(dropped.length, 'line')} dropped as debris: ${reasons.join(', ')})` : ', nothing dropped as debris') +
        `. First paragraphs: ${first.paragraphs.slice(0, 3).map((p) => p.id).join(' · ')}.`,
    );
    if (!first.published) notes.push(`No publication date ${WHERE[kind]}: left unknown (the time it was ${kind === 'file' ? 'added' : 'fetched'} is kept in the corpus file).`);
    else if (first.published.inferred) notes.push(`Publication date inferred from the text ("${first.published.evidence}").`);
    if (articles.length > 1) notes.push(`${plural(articles.length, 'article')} in this file; the first is shown.`);
    for (const p of problems) notes.push(`${p.line ? `line ${p.line}: ` : ''}${p.message}${p.action === 'skipped' ? ' (skipped)' : ''}`);
    notes.push(written.change === 'unchanged' ? `It is in ${written.path}.` : `Saved as ${written.path}.`);
    return {
      command: 'add',
      query,
      title: `${verb} · ${first.title ?? '(untitled)'}`,
      items,
      sources: articles.map(sourceRef),
      notes,
      next: [
        { command: 'source', query: first.paragraphs[0]!.id, does: 'reads a paragraph with its neighbours' },
        { command: 'source', query: first.id, does: 'shows the whole article' },
      ],
    };
  }

  async function addLink(url: string, source = 'link'): Promise<Answer> {
    const article = await fromPage(url.trim(), source);
    return addedAnswer(url.trim(), await commit(article, ADDED_FOLDER), 'page');
  }

  async function addAttachment(file: { name: string; url: string; size: number; contentType: string | null }, source = 'attachment'): Promise<Answer> {
    const name = basename(file.name);
    const ext = extname(name).toLowerCase();
    const kind = ATTACHMENT_TYPES[ext];
    if (!kind) {
      throw new IntakeError(`${name}: the bot reads ${Object.keys(ATTACHMENT_TYPES).filter((e) => e !== '.htm').join(', ')} files, not ${ext || 'files without an extension'}. Save it as one of those, or paste the article's link with url:.`);
    }
    if (file.size > kind.maxBytes) {
      throw new IntakeError(`${name} is ${megabytes(file.size)}, over the ${megabytes(kind.maxBytes)} limit for ${kind.what}; is it the right file?`);
    }
    let result;
    try {
      result = await deps.fetcher.fetch({ url: file.url, kind: 'attachment', maxBytes: Math.min(kind.maxBytes, Math.max(1, file.size)) });
    } catch (err) {
      if (err instanceof FetchError && err.kind === 'too-big' && file.size < kind.maxBytes) {
        throw new IntakeError(`${name} is larger than the ${file.size} bytes it was announced with; nothing was kept. Attach it again.`);
      }
      throw new IntakeError(`${name} could not be downloaded: ${asIntakeError(err).message}`);
    }
    if (result.status !== 'ok') throw new IntakeError(`${name} could not be downloaded`);
    const bytes = result.bytes;
    const fetched = now().toISOString();
    const stem = basename(name, extname(name));
    if (ext === '.jsonl') {
      const decoded = decode(bytes);
      if (!decoded.ok) throw new IntakeError(`${name}: ${decoded.reason}`);
      const id = articleId(`file:${textHash([decoded.text])}`);
      return addedAnswer(name, await commit({ id, title: stem, outlet: null, author: null, published: null, url: null, fetched, source, paragraphs: [] }, ADDED_FOLDER, decoded.text, '.jsonl'), 'file');
    }
    if (ext === '.md' || ext === '.txt') {
      const decoded = decode(bytes);
      if (!decoded.ok) throw new IntakeError(`${name}: ${decoded.reason}`);
      const fm = parseFrontMatter(decoded.text);
      if (!fm.ok) throw new IntakeError(`${name}, line ${fm.line}: ${fm.message}`);
      const id = fm.fields.id ? slugify(fm.fields.id) : articleId(`file:${textHash([fm.body])}`);
      const header = ['---', `id: "${id}"`];
      for (const key of ['title', 'outlet', 'author', 'published', 'url', 'note']) {
        const v = fm.fields[key];
        if (v) header.push(`${key}: ${key === 'published' || key === 'url' ? v : `"${v.replace(/\s+/g, ' ')}"`}`);
      }
      header.push(`fetched: ${fetched}`, `source: "${source}: ${name.replace(/"/g, '')}"`, '---', '');
      const title = fm.fields.title ?? stem;
      return addedAnswer(name, await commit({ id, title, outlet: null, author: null, published: null, url: null, fetched, source, paragraphs: [] }, ADDED_FOLDER, `${header.join('\n')}${fm.body.replace(/^\n+/, '')}`), 'file');
    }
    let paragraphs: string[];
    let title: string | null = null;
    let meta: Partial<IntakeArticle> = {};
    if (ext === '.docx') {
      let html: string;
      try {
        const { default: mammoth } = await import('mammoth'); // loaded for Word files only
        html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
      } catch (err) {
        throw new IntakeError(`${name} is not a Word document the bot can read (${(err as Error).message.split('\n')[0]}); save it again as .docx, or as .txt`);
      }
      paragraphs = await deps.parser.paragraphs(html);
    } else {
      const { text } = decodeText(bytes, { contentType: null, markup: true });
      const extracted = await deps.parser.extract(text, `https://attachment.invalid/${encodeURIComponent(name)}`);
      paragraphs = extracted?.paragraphs ?? [];
      if (extracted) {
        title = extracted.title;
        meta = { outlet: extracted.outlet, author: extracted.author, published: extracted.published, url: extracted.url.startsWith('https://attachment.invalid/') ? null : extracted.url };
      }
    }
    if (paragraphs.length === 0) throw new IntakeError(`${name} holds no text the bot could find`);
    const id = articleId(`file:${textHash(paragraphs)}`);
    const article: IntakeArticle = { id, title, outlet: null, author: null, published: null, url: null, fetched, source: `${source}: ${name}`, paragraphs, ...meta };
    return addedAnswer(name, await commit(article, ADDED_FOLDER), 'file');
  }

  async function ingestEntry(entry: FeedEntry, o: { folder: string; feedTitle: string | null; previousPath?: string | null }): Promise<EntryOutcome> {
    let article: IntakeArticle | null = null;
    let failure: string | undefined;
    if (entry.link) {
      try {
        article = await fromPage(entry.link, `feed: ${o.feedTitle ?? 'a feed'}`);
      } catch (err) {
        failure = `the page could not be read: ${firstClause((err as Error).message)}`;
      }
    }
    if (!article && entry.content) {
      // Said in the file (and so wherever the article is cited): this text is the feed's, not the page's.
      const note = failure ? `from the feed's own text, not the page; ${failure}` : "from the feed's own text; the item links to no page";
      const paragraphs = entry.contentType === 'text' ? textParagraphs(entry.content) : await deps.parser.paragraphs(entry.content);
      if (paragraphs.length > 0) {
        const key = entry.link ? urlKey(entry.link) : entry.guid ? `guid:${entry.guid}` : `text:${textHash(paragraphs)}`;
        article = { id: articleId(key), title: entry.title, outlet: o.feedTitle, author: entry.author, published: entry.published, url: entry.link, fetched: now().toISOString(), source: `feed: ${o.feedTitle ?? 'a feed'}`, paragraphs, note };
      }
    }
    if (!article) {
      return { status: 'failed', reason: entry.link ? `${failure ?? 'the page had no article text'}, and the item has no text of its own` : 'the item has neither a link nor any text' };
    }
    // The feed speaks for its item where the page is silent (the publisher's own date and headline).
    article.title ??= entry.title;
    article.outlet ??= o.feedTitle;
    article.author ??= entry.author;
    article.published ??= entry.published;
    const contentHash = textHash(article.paragraphs);
    const existing = await existingPath(article.id);
    if (existing && existing !== o.previousPath && !existing.startsWith(`${o.folder}/`)) {
      return { status: 'duplicate', reason: `already in the corpus as ${existing}`, article, path: existing, contentHash };
    }
    const path = o.previousPath ?? existing ?? join(o.folder, articleFileName(article));
    // An item seen again is rewritten only when its article changed: `fetched` alone is no change.
    const before = await readCorpusFileText(join(root, path));
    if (before !== null && sameArticle(before, articleMarkdown(article))) return { status: 'unchanged', article, path, contentHash };
    const written = await writeCorpusFile(root, path, articleMarkdown(article));
    await remember(article.id, written.path);
    return { status: written.change === 'new' ? 'added' : written.change === 'changed' ? 'updated' : 'unchanged', article, path: written.path, contentHash, ...(article.note ? { reason: article.note } : {}) };
  }

  async function readFeedAt(url: string): Promise<{ url: string; feed: ParsedFeed }> {
    let result;
    try {
      result = await deps.fetcher.fetch({ url, kind: 'feed' });
    } catch (err) {
      throw asIntakeError(err);
    }
    if (result.status !== 'ok') throw new IntakeError(`${url} answered "not modified" to a request for the whole feed; try again later`);
    const where = result.url === url ? url : `${url} (redirected to ${result.url})`;
    const parsed = await deps.parser.feed(result.bytes, result.url, result.contentType).catch((err: Error) => ({ ok: false as const, reason: `reading it failed (${err.message})` }));
    if (!parsed.ok) throw new IntakeError(`${where} is not a feed the bot can read: ${parsed.reason}`);
    return { url: result.url, feed: parsed.feed };
  }

  async function addFeedOnce(url: string): Promise<Answer> {
    const result = await readFeedAt(url);
    const feed = result.feed;
    const folder = feedFolder(result.url, feed.title);
    const items: AnswerItem[] = [];
    const added: IntakeArticle[] = [];
    const paths: string[] = [];
    const counts: Record<string, number> = {};
    for (const entry of feed.items) {
      const outcome = await ingestEntry(entry, { folder, feedTitle: feed.title });
      counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
      if (outcome.path && (outcome.status === 'added' || outcome.status === 'updated')) {
        paths.push(outcome.path);
        added.push(outcome.article!);
      }
      items.push({
        text: entry.title ?? outcome.article?.title ?? entry.link ?? '(untitled item)',
        citations: [],
        label: outcome.status,
        ...(outcome.article && outcome.path ? { article: outcome.article.id, path: outcome.path } : {}),
        ...(outcome.reason ? { tags: [outcome.reason] } : {}),
      });
    }
    await apply(paths);
    const summary = Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ') || 'no items';
    return {
      command: 'feed',
      query: url,
      title: `Feed · ${feed.title ?? result.url} — ${summary}`,
      items,
      sources: added.map((a, i) => ({
        article: a.id,
        title: a.title,
        heading: articleHeading({ id: a.id, title: a.title, outlet: a.outlet, published: a.published as never, paragraphs: a.paragraphs.slice(0, 1).map((text) => ({ text })) as never }),
        outlet: a.outlet,
        published: a.published?.date ?? null,
        publishedInferred: false,
        url: a.url,
        ...(a.note ? { note: a.note } : {}),
        path: paths[i]!,
      })),
      notes: [
        `${feed.items.length} item${feed.items.length === 1 ? '' : 's'} in the ${feed.format.toUpperCase()} feed; written to ${folder}/.`,
        ...(feed.repaired ? [`The feed document needed mending: ${feed.repaired}.`] : []),
      ],
    };
  }

  return {
    addLink,
    addAttachment,
    addFeedOnce,
    readFeedAt,
    ingestEntry,
    apply,
    corpusDir: root,
  };
}

/** Whether a corpus path is in a folder intake writes to (`added/`, `feeds/<feed>/`). */
function isIntakeFile(path: string): boolean {
  const top = path.split(/[\\/]/)[0];
  return top === ADDED_FOLDER || top === FEEDS_FOLDER;
}

/** The folder a feed's articles go to: `feeds/<site>-<4 characters of its URL's hash>`. */
export function feedFolder(url: string, title: string | null): string {
  let host = '';
  try {
    host = new URL(url).hostname.replace(/^www\./, '');
  } catch {
    host = 'feed';
  }
  const name = slugify(title ?? host).slice(0, 40).replace(/-+$/, '') || slugify(host) || 'feed';
  return join(FEEDS_FOLDER, `${name}-${articleId(url).slice(1, 5)}`);
}

/**
 * What changed in an article added again: the paragraphs added (with their new citation ids) and removed,
 * else the front matter fields that changed (the fetch time aside).
 * @example changesSince(…) // 'Changed since it was last added: 1 paragraph added (k3m9xqa-7hq2), 1 removed.'
 */
function changesSince(committed: Committed, now: Article): string {
  const old = committed.previous?.articles[0]?.paragraphs.map((p) => p.text) ?? [];
  const oldTexts = new Set(old);
  const newTexts = new Set(now.paragraphs.map((p) => p.text));
  const added = now.paragraphs.filter((p) => !oldTexts.has(p.text));
  const removed = old.filter((t) => !newTexts.has(t)).length;
  const parts: string[] = [];
  if (added.length) {
    const ids = added.slice(0, 3).map((p) => p.id).join(', ') + (added.length > 3 ? ', …' : '');
    parts.push(`${plural(added.length, 'paragraph')} added (${ids})`);
  }
  if (removed) parts.push(`${parts.length ? removed.toLocaleString('en-US') : plural(removed, 'paragraph')} removed`);
  if (parts.length === 0 && old.length > 0 && old.join('\n') !== now.paragraphs.map((p) => p.text).join('\n')) parts.push('the paragraphs reordered');
  if (parts.length === 0) {
    const fields = changedFields(committed.before ?? '', committed.after);
    parts.push(`the same text${fields.length ? `; changed: ${fields.join(', ')}` : ''}`);
  }
  return `Changed since it was last added: ${parts.join(', ')}.`;
}

/** The front matter fields two versions of a file disagree on, the fetch time aside. */
function changedFields(before: string, after: string): string[] {
  const a = parseFrontMatter(before);
  const b = parseFrontMatter(after);
  if (!a.ok || !b.ok) return [];
  const keys = [...new Set([...Object.keys(a.fields), ...Object.keys(b.fields)])].filter((k) => k !== 'fetched');
  return keys.filter((k) => a.fields[k] !== b.fields[k]);
}

/** When a file's text says it was fetched, as "on 10 Feb 2026 at 12:00 UTC"; null when it does not say. */
function fetchedOf(text: string): string | null {
  const m = /^fetched: (\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/m.exec(text);
  return m ? `on ${editorDate(m[1]!)} at ${m[2]} UTC` : null;
}

/** Two article files say the same thing when they differ only in when they were fetched. */
function sameArticle(a: string, b: string): boolean {
  const strip = (t: string) => t.replace(/^fetched: .*$/m, '');
  return strip(a) === strip(b);
}

function readCorpusFileText(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

/** A failure's reason without the advice that follows it ("…; check the address"): what a note keeps. */
function firstClause(message: string): string {
  return message.split(/;\s|\.\s+(?=[A-Z])/)[0]!.replace(/[.\s]+$/, '');
}

function asIntakeError(err: unknown): IntakeError {
  if (err instanceof IntakeError) return err;
  if (err instanceof FetchError) return new IntakeError(err.message);
  return new IntakeError(`could not fetch it (${(err as Error).message})`);
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
