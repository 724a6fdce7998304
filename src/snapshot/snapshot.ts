import { access, mkdir, rename, rm } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { Article, Corpus, CorpusProblem, Paragraph } from '../corpus/types.ts';
import type { SavedIndex, SavedIndexHeader, TermRow } from '../index/minisearch.ts';

/**
 * Snapshots: the loaded corpus and its index saved to one file, so a restart on an unchanged corpus skips
 * reading, cleaning, splitting and indexing. A snapshot is only a cache: any doubt (other format, other
 * version of the bot, unreadable, corrupt) means "rebuild", never an error.
 */

/** Bump when anything that shapes the saved data changes (loader, cleaning, ids, index settings). */
export const SNAPSHOT_FORMAT = 3;

/** A paragraph as saved: the text and its sentence boundaries as [start, end, start, end, …]. */
interface SavedParagraph {
  id: string;
  text: string;
  s: number[];
}

/** An article as saved, with its per-article analyses (dates, entities) as plain JSON by analysis name. */
type SavedArticle = Omit<Article, 'paragraphs'> & { paragraphs: SavedParagraph[]; analyses?: Record<string, unknown> };

export interface SnapshotData {
  format: number;
  /** Identifies the code that wrote it (package version plus a hash of settings). */
  version: string;
  root: string;
  /** Every file of the corpus at save time: path → content hash and the ids of the articles it gave. */
  files: Array<[string, { hash: string; articleIds: string[] }]>;
  problems: CorpusProblem[];
  articles: SavedArticle[];
  index: { header: SavedIndexHeader; slices: TermRow[][] };
}

/**
 * What `writeSnapshot` takes: the same as `SnapshotData`, with the articles and the index's term slices
 * made one at a time as they are written (a 1M-paragraph corpus is never held twice).
 */
export interface SnapshotSource extends Omit<SnapshotData, 'articles' | 'index'> {
  articleCount: number;
  articles: Iterable<SavedArticle>;
  index: SavedIndex;
}

/** Where the snapshot of a corpus lives: one file per corpus path inside the cache folder. */
export function snapshotPath(cacheDir: string, corpusRoot: string): string {
  const key = createHash('sha256').update(resolve(corpusRoot)).digest('hex').slice(0, 16);
  return join(cacheDir, `snapshot-${key}.json`);
}

/** Turns a corpus and its saved index into what `writeSnapshot` writes (articles made lazily). */
export function toSnapshot(
  corpus: Corpus,
  index: SavedIndex,
  version: string,
  analysesOf: (article: Article) => Record<string, unknown> = () => ({}),
): SnapshotSource {
  function* articles(): Generator<SavedArticle> {
    for (const a of corpus.articles) {
      yield {
        ...a,
        paragraphs: a.paragraphs.map((p) => ({ id: p.id, text: p.text, s: p.sentences.flatMap((x) => [x.start, x.end]) })),
        analyses: analysesOf(a),
      };
    }
  }
  return {
    format: SNAPSHOT_FORMAT,
    version,
    root: corpus.report.root,
    files: [...corpus.files],
    problems: corpus.report.problems,
    articleCount: corpus.articles.length,
    articles: articles(),
    index,
  };
}

/** The articles of a snapshot as the loader would have made them (sentences rebuilt from their spans). */
export function articlesOf(data: SnapshotData): Article[] {
  return data.articles.map(({ analyses: _analyses, ...a }) => ({
    ...a,
    paragraphs: a.paragraphs.map((p, i): Paragraph => {
      const sentences = [];
      for (let k = 0; k + 1 < p.s.length; k += 2) {
        const start = p.s[k]!;
        const end = p.s[k + 1]!;
        sentences.push({ text: p.text.slice(start, end), start, end });
      }
      return { id: p.id, articleId: a.id, n: i + 1, text: p.text, sentences };
    }),
  }));
}

/** The stored analyses of the snapshot's articles, in the order of `articlesOf`. */
export function analysesOf(data: SnapshotData): Array<Record<string, unknown> | undefined> {
  return data.articles.map((a) => a.analyses);
}

/**
 * Writes a snapshot atomically (a temporary file renamed into place), so a crash never leaves half a file.
 * The file is JSON lines: a header, then one line per article, then the index's header and its postings a
 * slice of terms per line. No line is large, so a 1M-paragraph corpus never has to become one string (V8
 * caps strings at about 512 MB), and nothing is held twice in memory while writing.
 */
export async function writeSnapshot(file: string, data: SnapshotSource): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(tmp);
  let failed: Error | null = null;
  out.on('error', (err) => (failed = err));
  const write = (value: unknown) =>
    new Promise<void>((resolve, reject) => {
      if (failed) return reject(failed);
      if (out.write(`${JSON.stringify(value)}\n`)) resolve();
      else {
        const done = () => (out.off('error', fail), resolve());
        const fail = (err: Error) => (out.off('drain', done), reject(err));
        out.once('drain', done).once('error', fail);
      }
    });
  try {
    const { articles, index, ...header } = data;
    await write(header);
    let written = 0;
    for (const a of articles) {
      await write(a);
      written++;
    }
    if (written !== data.articleCount) throw new Error(`snapshot: ${written} articles written, ${data.articleCount} announced`);
    await write(index.header);
    for (const slice of index.slices) await write(slice);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (failed) throw failed;
    await rename(tmp, file);
  } catch (err) {
    out.destroy();
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Reads a snapshot written by this version of the bot, or says why it cannot be used
 * (missing, unreadable, corrupt, another format or version).
 */
export async function readSnapshot(file: string, version: string): Promise<{ ok: true; data: SnapshotData } | { ok: false; reason: string }> {
  let lines: AsyncIterator<string>;
  try {
    await access(file);
    lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  } catch {
    return { ok: false, reason: 'no snapshot yet' };
  }
  const next = async (what: string): Promise<unknown> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`ends before ${what}`);
    return JSON.parse(value as string);
  };
  try {
    const header = (await next('the header')) as Omit<SnapshotData, 'articles' | 'index'> & { articleCount: number };
    if (typeof header !== 'object' || header === null || header.format !== SNAPSHOT_FORMAT) {
      return { ok: false, reason: `snapshot has another format (${String((header as { format?: unknown } | null)?.format)}, expected ${SNAPSHOT_FORMAT})` };
    }
    if (header.version !== version) return { ok: false, reason: `snapshot was written by another version of the bot (${header.version})` };
    const { articleCount, ...rest } = header;
    if (!Array.isArray(rest.files) || !Array.isArray(rest.problems) || typeof articleCount !== 'number') throw new Error('missing parts');
    const articles: SavedArticle[] = [];
    for (let i = 0; i < articleCount; i++) articles.push((await next(`article ${i + 1}`)) as SavedArticle);
    const indexHeader = (await next('the index')) as SavedIndexHeader;
    if (typeof indexHeader?.terms !== 'number') throw new Error('the index has no header');
    const slices: TermRow[][] = [];
    for (let rows = 0; rows < indexHeader.terms; ) {
      const slice = (await next(`index term ${rows + 1}`)) as TermRow[];
      if (!Array.isArray(slice) || slice.length === 0) throw new Error(`index term ${rows + 1} is damaged`);
      slices.push(slice);
      rows += slice.length;
    }
    return { ok: true, data: { ...rest, articles, index: { header: indexHeader, slices } } };
  } catch (err) {
    return { ok: false, reason: `snapshot is corrupt (${(err as Error).message})` };
  } finally {
    await lines.return?.();
  }
}
