/**
 * What intake writes: ordinary corpus files, `.md` with front matter (README: "The corpus"), so the loader,
 * the cleaner, the live watcher and the snapshot read them like any other. Each article's id comes from its
 * address (or, for a file without one, its text): the same story added again lands in the same file.
 * Files are written atomically (a temporary file, then a rename), so the watcher never reads half a file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { slugify } from '../corpus/ids.ts';
import type { ParsedDate } from './dates.ts';

/** An article on its way into the corpus. */
export interface IntakeArticle {
  /** Article id: citation ids are `<id>-<code>`. */
  id: string;
  title: string | null;
  outlet: string | null;
  author: string | null;
  published: ParsedDate | null;
  url: string | null;
  /** When it was fetched (ISO 8601): recorded beside, never instead of, the publication date. */
  fetched: string;
  /** Where it came from: a link, an attached file, a feed. */
  source: string;
  /** How the text was had, when not the usual way (e.g. "the feed's own text: the page could not be fetched"). */
  note?: string;
  paragraphs: string[];
}

/** Crockford base 32, as citation codes use it (no i, l, o, u). */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * A short article id from a stable key (a canonical URL, a feed guid, a file's text): seven base-32
 * characters of its SHA-256, starting with a letter so it never reads as a number.
 *
 * @example articleId('https://example.com/news/1') // 'k3m9xqa' (the same on every run)
 */
export function articleId(key: string): string {
  const digest = createHash('sha256').update(key).digest();
  let id = ALPHABET[10 + (digest[0]! % 22)]!; // a letter
  for (let i = 1; i < 7; i++) id += ALPHABET[digest[i]! & 31];
  return id;
}

/** A key for an address that ignores what does not change the page: the fragment and tracking parameters. */
export function urlKey(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const name of [...u.searchParams.keys()]) {
      if (/^(utm_|fbclid$|gclid$|mc_|at_medium$|at_campaign$|ref$|src$|source$|cmpid$|ito$|srsltid$)/i.test(name)) u.searchParams.delete(name);
    }
    u.hostname = u.hostname.replace(/^www\./, '');
    return u.href;
  } catch {
    return url;
  }
}

/** Hash of an article's text, to tell the same story (or an unchanged one) when it comes again. */
export function textHash(paragraphs: readonly string[]): string {
  return createHash('sha256').update(paragraphs.join('\n\n')).digest('hex').slice(0, 32);
}

/** A front matter value on one line, quoted (the loader strips one pair of outer quotes and keeps the rest). */
function value(text: string): string {
  return `"${text.replace(/\s+/g, ' ').trim()}"`;
}

/** The file's text: front matter, then one paragraph per line, a blank line between paragraphs. */
export function articleMarkdown(a: IntakeArticle): string {
  const lines = ['---', `id: ${value(a.id)}`];
  if (a.title) lines.push(`title: ${value(a.title)}`);
  if (a.outlet) lines.push(`outlet: ${value(a.outlet)}`);
  if (a.author) lines.push(`author: ${value(a.author)}`);
  if (a.published) lines.push(`published: ${a.published.dateTime ?? a.published.date}`);
  if (a.url) lines.push(`url: ${a.url.replace(/\s/g, '%20')}`);
  lines.push(`fetched: ${a.fetched}`, `source: ${value(a.source)}`);
  if (a.note) lines.push(`note: ${value(a.note)}`);
  lines.push('---', '');
  return `${lines.join('\n')}${a.paragraphs.map((p) => p.replace(/\s*\n\s*/g, ' ').trim()).filter(Boolean).join('\n\n')}\n`;
}

/** The file name for an article: a slug of its headline, then its id (`harbour-bridge-closed-k3m9xqa.md`). */
export function articleFileName(a: { id: string; title: string | null }, ext = '.md'): string {
  const slug = slugify(a.title ?? '').slice(0, 60).replace(/-+$/, '');
  return `${slug ? `${slug}-` : ''}${a.id}${ext}`;
}

/**
 * The files under `root` by the article id their names could end with (`…-<id>.<ext>` or `<id>.<ext>`;
 * a name gives every ending after a `-`), paths relative to `root`; the first file found for an id wins.
 * One walk of the folder, for a run that looks up many ids (the CLI, which has no library).
 */
export async function articleFilesById(root: string): Promise<Map<string, string>> {
  const names = await readdir(root, { recursive: true }).catch(() => [] as string[]);
  const byId = new Map<string, string>();
  for (const name of names) {
    const m = /^([^.].*)\.[a-z]+$/.exec(name.split(/[\\/]/).pop()!); // dot files (a write in progress) left out
    if (!m) continue;
    const stem = m[1]!;
    let dash = -1;
    do {
      const id = stem.slice(dash + 1);
      if (id && !byId.has(id)) byId.set(id, name);
      dash = stem.indexOf('-', dash + 1);
    } while (dash >= 0);
  }
  return byId;
}

export interface Written {
  /** Path relative to the corpus root. */
  path: string;
  /** What happened to the file. */
  change: 'new' | 'changed' | 'unchanged';
}

/**
 * Writes `text` as the corpus file `path` (relative to `root`), atomically; an identical file is left alone.
 */
export async function writeCorpusFile(root: string, path: string, text: string): Promise<Written> {
  const file = join(root, path);
  const before = await readFile(file, 'utf8').catch(() => null);
  if (before === text) return { path, change: 'unchanged' };
  await mkdir(dirname(file), { recursive: true });
  // A dot file: the loader and the watcher ignore it until it is renamed into place.
  const temporary = join(dirname(file), `.${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.tmp`);
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, file);
  return { path: relative(root, file), change: before === null ? 'new' : 'changed' };
}
