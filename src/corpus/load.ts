import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { basename, extname, join, relative } from 'node:path';
import type { Article, Corpus, CorpusProblem, Paragraph, Published } from './types.ts';
import { decode } from './decode.ts';
import { clip, parseFrontMatter } from './frontmatter.ts';
import { cleanBody } from './clean.ts';
import { paragraphIds, slugify } from './ids.ts';
import { splitSentences } from '../text/sentences.ts';
import type { ProgressReporter } from '../progress.ts';

/** File kinds the loader reads; anything else in the folder is reported and skipped. */
export const CORPUS_EXTENSIONS = ['.md', '.txt', '.jsonl'] as const;

/** Files in a corpus folder that are not articles: docs and the editors' alias file. */
const NOT_ARTICLES = /^(readme|license|changelog|aliases)(\.[a-z]+)?$/i;

export interface LoadOptions {
  /** A .md/.txt article larger than this is skipped with a report (default 2 MiB: no article is that long). */
  maxArticleBytes?: number;
  /** A .jsonl export larger than this is skipped with a report (default 512 MiB). */
  maxExportBytes?: number;
  /** Told how far `loadCorpus` is: files, articles and paragraphs read, share of the bytes (src/progress.ts). */
  progress?: ProgressReporter;
}

/** Called as each article of a file is built: the article (null: skipped), how many so far of how many. */
type ArticleBuilt = (article: Article | null, done: number, total: number) => void;

/** An article as read from a file, before ids are checked and paragraphs numbered. */
interface ArticleDraft {
  id: string;
  idFromFile: boolean;
  title: string | null;
  outlet: string | null;
  published: Published | null;
  url: string | null;
  note: string | null;
  path: string;
  line?: number;
  body: string;
  bodyLine: number;
  findTitle: boolean;
}

/** What one file gave: its articles (not yet checked against other files' ids) and its problems. */
export interface FileResult {
  /** Path relative to the corpus root. */
  path: string;
  /** SHA-256 of the file's bytes: what snapshots and the live watcher compare. */
  hash: string;
  articles: Article[];
  problems: CorpusProblem[];
}

/**
 * Loads a corpus from a folder (recursively) or a single file. Never throws for bad input: every file
 * or line that cannot be used is reported in `corpus.report.problems` and the rest loads.
 *
 * @example const corpus = await loadCorpus('corpus'); corpus.report.articles // 5
 */
export async function loadCorpus(path: string, options: LoadOptions = {}): Promise<Corpus> {
  const { root, files } = await corpusFiles(path);
  const results: FileResult[] = [];
  const progress = options.progress?.active ? options.progress : undefined;
  // With someone to tell, the share done is counted in bytes: a folder of small files and one large export
  // (most of a wire archive's load is its one .jsonl) then both move steadily.
  const sizes = progress ? await Promise.all(files.map((f) => stat(f).then((s) => s.size, () => 0))) : [];
  const totalBytes = Math.max(1, sizes.reduce((a, b) => a + b, 0));
  let bytesBefore = 0;
  let articles = 0;
  let paragraphs = 0;
  progress?.tick({ filesDone: 0, filesTotal: files.length, articles, paragraphs });
  for (const [k, file] of files.entries()) {
    const size = sizes[k] ?? 0;
    const built: ArticleBuilt | undefined = progress
      ? (article, done, total) => {
          if (article) {
            articles++;
            paragraphs += article.paragraphs.length;
          }
          progress.tick({ fraction: (bytesBefore + (size * done) / total) / totalBytes, articles, paragraphs });
        }
      : undefined;
    const result = await readCorpusFile(root, file, options, built);
    if (result) results.push(result);
    bytesBefore += size;
    progress?.tick({ filesDone: k + 1, fraction: bytesBefore / totalBytes });
  }
  return assembleCorpus(root, results);
}

/** The corpus root and the candidate files under it (sorted, hidden files and folders left out). */
export async function corpusFiles(path: string): Promise<{ root: string; files: string[] }> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new Error(`corpus: ${path} does not exist (expected a folder of .md/.txt/.jsonl files or one such file)`);
  return info.isDirectory() ? { root: path, files: await listFiles(path) } : { root: join(path, '..'), files: [path] };
}

/** Is this file name one the loader ignores without a word (docs and the editors' alias file)? */
export function isIgnoredFile(file: string): boolean {
  return NOT_ARTICLES.test(basename(file)) || basename(file).startsWith('.');
}

/**
 * Reads one file of the corpus into articles, reporting what is wrong with it. Returns null for files the
 * loader ignores (README, aliases) and for files that vanished while being read.
 */
export async function readCorpusFile(root: string, file: string, options: LoadOptions = {}, built?: ArticleBuilt): Promise<FileResult | null> {
  const rel = relative(root, file) || basename(file);
  const ext = extname(file).toLowerCase();
  if (isIgnoredFile(file)) return null;
  const size = await stat(file).then((s) => s.size, () => null);
  if (size === null) return null; // vanished while we looked
  const result: FileResult = { path: rel, hash: `size:${size}`, articles: [], problems: [] };
  const problems = result.problems;
  if (!isCorpusExtension(ext)) {
    problems.push({ path: rel, action: 'skipped', message: `not a corpus file (expected ${CORPUS_EXTENSIONS.join(', ')})` });
    return result;
  }
  const limit = sizeLimit(ext, options);
  if (size > limit) {
    const advice = ext === '.jsonl' ? 'split the export into smaller files' : 'one article should be far smaller; is this the right file?';
    problems.push({ path: rel, action: 'skipped', message: `file is ${mib(size)}, over the ${mib(limit)} limit for a ${ext} file; ${advice}` });
    return result;
  }
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return null;
  result.hash = contentHash(bytes);
  const decoded = decode(bytes);
  if (!decoded.ok) {
    problems.push({ path: rel, action: 'skipped', message: decoded.reason });
    return result;
  }
  if (decoded.encoding === 'windows-1252') {
    problems.push({ path: rel, action: 'loaded', message: 'not valid UTF-8; decoded as Windows-1252 (Latin-1); check accented letters' });
  } else if (decoded.encoding !== 'utf-8') {
    problems.push({ path: rel, action: 'loaded', message: `decoded as ${decoded.encoding.toUpperCase()} (its byte-order mark says so)` });
  }
  const drafts: ArticleDraft[] = [];
  if (ext === '.jsonl') drafts.push(...readJsonLines(decoded.text, rel, problems));
  else {
    const draft = readTextArticle(decoded.text, rel, problems);
    if (draft) drafts.push(draft);
  }
  const seen = new Set<string>();
  for (const [k, draft] of drafts.entries()) {
    const article = buildArticle(draft, problems);
    if (article && seen.has(article.id)) {
      problems.push({ path: rel, ...(draft.line ? { line: draft.line } : {}), action: 'skipped', message: `duplicate id \`${article.id}\` within this file` });
      built?.(null, k + 1, drafts.length);
      continue;
    }
    built?.(article, k + 1, drafts.length);
    if (!article) continue;
    seen.add(article.id);
    result.articles.push(article);
  }
  return result;
}

/**
 * Puts file results together into a corpus, in the order given. An article whose id is already taken by
 * an earlier file is reported and skipped.
 */
export function assembleCorpus(root: string, results: readonly FileResult[]): Corpus {
  const articles: Article[] = [];
  const articleById = new Map<string, Article>();
  const paragraphById = new Map<string, Paragraph>();
  const problems: CorpusProblem[] = [];
  const files = new Map<string, { hash: string; articleIds: string[] }>();
  for (const result of results) {
    problems.push(...result.problems);
    const ids: string[] = [];
    for (const article of result.articles) {
      const clash = articleById.get(article.id);
      if (clash) {
        const m = /:(\d+)$/.exec(article.path);
        problems.push({ path: result.path, ...(m ? { line: Number(m[1]) } : {}), action: 'skipped', message: `duplicate id \`${article.id}\`, already used by ${clash.path}` });
        continue;
      }
      articles.push(article);
      articleById.set(article.id, article);
      for (const p of article.paragraphs) paragraphById.set(p.id, p);
      ids.push(article.id);
    }
    files.set(result.path, { hash: result.hash, articleIds: ids });
  }
  return {
    articles,
    articleById,
    paragraphById,
    files,
    report: { root, files: files.size, articles: articles.length, paragraphs: paragraphById.size, problems },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

function readTextArticle(text: string, rel: string, problems: CorpusProblem[]): ArticleDraft | null {
  const fm = parseFrontMatter(text);
  if (!fm.ok) {
    problems.push({ path: rel, line: fm.line, action: 'skipped', message: fm.message });
    return null;
  }
  const fields = fm.fields;
  const stem = basename(rel, extname(rel));
  return {
    ...metadata(fields, rel, undefined, problems),
    id: fields.id ? slugify(fields.id) : slugify(stem),
    idFromFile: Boolean(fields.id),
    path: rel,
    body: fm.body,
    bodyLine: fm.bodyLine,
    findTitle: !fields.title,
  };
}

function readJsonLines(text: string, rel: string, problems: CorpusProblem[]): ArticleDraft[] {
  const drafts: ArticleDraft[] = [];
  const stem = slugify(basename(rel, extname(rel)));
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (err) {
      problems.push({ path: rel, line, action: 'skipped', message: `not valid JSON (${(err as Error).message})` });
      return;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problems.push({ path: rel, line, action: 'skipped', message: 'expected a JSON object with `title` and `body`' });
      return;
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string' || typeof value === 'number') fields[key.toLowerCase()] = String(value);
    }
    if (!fields.body || fields.body.trim() === '') {
      problems.push({ path: rel, line, action: 'skipped', message: 'record has no `body` text' });
      return;
    }
    drafts.push({
      ...metadata(fields, rel, line, problems),
      id: fields.id ? slugify(fields.id) : `${stem}-${line}`,
      idFromFile: Boolean(fields.id),
      path: `${rel}:${line}`,
      line,
      body: fields.body.replace(/\r\n?/g, '\n'),
      bodyLine: line,
      findTitle: false,
    });
  });
  return drafts;
}

/** Reads and checks title, outlet, published, url and note; a bad value is reported and left out. */
function metadata(fields: Record<string, string>, rel: string, line: number | undefined, problems: CorpusProblem[]) {
  let published: Published | null = null;
  if (fields.published) {
    published = parsePublished(fields.published);
    if (!published) {
      problems.push({
        path: rel,
        ...(line ? { line } : {}),
        action: 'loaded',
        message: `\`published\` must be YYYY-MM-DD or an ISO date-time, got \`${clip(fields.published)}\`; loaded without a date`,
      });
    }
  }
  let url: string | null = fields.url ?? null;
  if (url && !/^https?:\/\/\S+$/.test(url)) {
    problems.push({ path: rel, ...(line ? { line } : {}), action: 'loaded', message: `\`url\` must start with http:// or https://, got \`${clip(url)}\`; loaded without it` });
    url = null;
  }
  return {
    title: fields.title?.trim() || null,
    outlet: fields.outlet?.trim() || null,
    published,
    url,
    note: fields.note?.replace(/\s+/g, ' ').trim() || null,
  };
}

/** Accepts YYYY-MM-DD or an ISO 8601 date-time; checks that the day exists. */
export function parsePublished(value: string): Published | null {
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  return m[4] ? { date, dateTime: v, inferred: false } : { date, inferred: false };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A publication date pinned by a dropped date line ("September 29, 2020"), as inferred evidence. */
function publishedFromDateLine(text: string): Published | null {
  const t = text.trim();
  let m = /^(?:\w+day,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(t);
  let y: number, mo: number, d: number;
  if (m) [mo, d, y] = [MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase()) + 1, Number(m[2]), Number(m[3])];
  else if ((m = /^(?:\w+day,?\s+)?(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(t))) {
    [d, mo, y] = [Number(m[1]), MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase()) + 1, Number(m[3])];
  } else return parsePublished(t) ? { ...parsePublished(t)!, inferred: true, evidence: t } : null;
  if (mo < 1) return null;
  const iso = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const ok = parsePublished(iso);
  return ok ? { date: iso, inferred: true, evidence: t } : null;
}

function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isCorpusExtension(ext: string): boolean {
  return (CORPUS_EXTENSIONS as readonly string[]).includes(ext);
}

function sizeLimit(ext: string, options: LoadOptions): number {
  return ext === '.jsonl' ? (options.maxExportBytes ?? 512 * 1024 * 1024) : (options.maxArticleBytes ?? 2 * 1024 * 1024);
}

/**
 * What snapshots and the live watcher compare to tell whether a file changed: the SHA-256 of its bytes,
 * or just its size for files the loader never reads (not corpus files, or over the size limit).
 * The same value `readCorpusFile` records as `hash`. Null when the file is gone (or is not a file).
 */
export async function fileFingerprint(file: string, options: LoadOptions = {}): Promise<string | null> {
  const size = await stat(file).then((s) => (s.isFile() ? s.size : null), () => null);
  if (size === null) return null;
  const ext = extname(file).toLowerCase();
  if (!isCorpusExtension(ext) || size > sizeLimit(ext, options)) return `size:${size}`;
  if (size > STREAMED_HASH_BYTES) return streamedHash(file);
  const bytes = await readFile(file).catch(() => null);
  return bytes ? contentHash(bytes) : null;
}

/**
 * Files above this size are hashed a chunk at a time: hashing a 20 MB export in one call holds the event
 * loop (and the bot's answers) for about 60 ms; a 1 MiB chunk takes 2–3 ms. (64 KiB chunks cost a second of
 * reads per GB: 12 s of a 1M-paragraph start went to them.)
 */
const STREAMED_HASH_BYTES = 1024 * 1024;

/** `contentHash` of a file read in chunks (the event loop runs between them); null when it vanished. */
async function streamedHash(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: STREAMED_HASH_BYTES })) hash.update(chunk as Buffer);
  } catch {
    return null;
  }
  return hash.digest('hex');
}

/** Cleans, splits and ids one article; null (reported) when nothing is left of it. */
function buildArticle(draft: ArticleDraft, problems: CorpusProblem[]): Article | null {
  const where = { path: draft.path.replace(/:\d+$/, ''), ...(draft.line ? { line: draft.line } : {}) };
  if (!draft.id) {
    problems.push({ ...where, action: 'skipped', message: 'cannot make an id from the file name; give the article an `id`' });
    return null;
  }
  const cleaned = cleanBody(draft.body, draft.bodyLine, { findTitle: draft.findTitle, title: draft.title });
  if (cleaned.paragraphs.length === 0) {
    problems.push({ ...where, action: 'skipped', message: 'no content left after cleaning (only a headline or debris)' });
    return null;
  }
  let published = draft.published;
  if (!published) {
    for (const d of cleaned.dropped) {
      if (d.reason === 'date line' && (published = publishedFromDateLine(d.text))) break;
    }
  }
  const ids = paragraphIds(draft.id, cleaned.paragraphs.map((p) => p.text));
  const paragraphs: Paragraph[] = cleaned.paragraphs.map((p, i) => ({
    id: ids[i]!,
    articleId: draft.id,
    n: i + 1,
    text: p.text,
    sentences: splitSentences(p.text),
  }));
  return {
    id: draft.id,
    title: cleaned.title,
    outlet: draft.outlet,
    published,
    url: draft.url,
    ...(draft.note ? { note: draft.note } : {}),
    path: draft.path,
    paragraphs,
    dropped: cleaned.dropped,
  };
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
