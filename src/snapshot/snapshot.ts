import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { Article, Corpus, CorpusProblem, Paragraph, Sentence } from '../corpus/types.ts';
import type { SavedIndex, SavedIndexHeader, TermRow } from '../index/minisearch.ts';

/**
 * Snapshots: the loaded corpus and its index saved to one file, so a restart on an unchanged corpus skips
 * reading, cleaning, splitting and indexing. A snapshot is only a cache: any doubt (other format, other
 * version of the bot, unreadable, corrupt) means "rebuild", never an error.
 */

/** Bump when anything that shapes the saved data changes (loader, cleaning, ids, index settings). */
export const SNAPSHOT_FORMAT = 4;

/** A paragraph as saved: the text and its sentence boundaries as [start, end, start, end, …]. */
interface SavedParagraph {
  id: string;
  text: string;
  s: number[];
}

/** An article as saved, with its per-article analyses (dates, entities) as plain JSON by analysis name. */
type SavedArticle = Omit<Article, 'paragraphs'> & { paragraphs: SavedParagraph[]; analyses?: Record<string, unknown> };

/** The first line of a snapshot: which code wrote it, and the corpus files it holds. */
export interface SnapshotHeader {
  format: number;
  /** Identifies the code that wrote it (package version plus a hash of settings). */
  version: string;
  root: string;
  /** Every file of the corpus at save time: path → content hash and the ids of the articles it gave. */
  files: Array<[string, { hash: string; articleIds: string[] }]>;
  problems: CorpusProblem[];
}

/**
 * What `writeSnapshot` takes: the header, then the articles and the index's term slices, made one at a
 * time as they are written (a 1M-paragraph corpus is never held twice).
 */
export interface SnapshotSource extends SnapshotHeader {
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

/** An article of a snapshot as the loader would have made it (sentences rebuilt from their spans). */
function articleOf({ analyses: _analyses, ...a }: SavedArticle): Article {
  if (typeof a.id !== 'string' || !Array.isArray(a.paragraphs)) throw new Error('an article line without id or paragraphs');
  return {
    ...a,
    paragraphs: a.paragraphs.map((p, i): Paragraph => {
      if (typeof p?.text !== 'string' || typeof p.id !== 'string' || !Array.isArray(p.s)) throw new Error(`article ${a.id}: paragraph ${i + 1} is damaged`);
      // Sized once: an array grown by `push` keeps room for 17 (about 13 MB over Reuters' 105k paragraphs).
      const sentences = new Array<Sentence>(p.s.length >> 1);
      for (let k = 0; k < sentences.length; k++) {
        const start = p.s[2 * k]!;
        const end = p.s[2 * k + 1]!;
        sentences[k] = { text: p.text.slice(start, end), start, end };
      }
      return { id: p.id, articleId: a.id, n: i + 1, text: p.text, sentences };
    }),
  };
}

/**
 * Writes a snapshot atomically (a temporary file renamed into place), so a crash never leaves half a file.
 * The file is JSON lines: a header, then one line per article, then the index's header and its postings a
 * slice of terms per line. No line is large, so a 1M-paragraph corpus never has to become one string (V8
 * caps strings at about 512 MB), and nothing is held twice in memory while writing.
 */
export async function writeSnapshot(file: string, data: SnapshotSource, written?: (articles: number, total: number) => void): Promise<void> {
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
    let count = 0;
    for (const a of articles) {
      await write(a);
      count++;
      written?.(count, data.articleCount);
    }
    if (count !== data.articleCount) throw new Error(`snapshot: ${count} articles written, ${data.articleCount} announced`);
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
 * What reading a snapshot hands over as it goes, so nothing is held twice: each article as soon as its
 * line is parsed (with its stored analyses), then the index header, which returns where its term rows go.
 * A visitor that throws marks the snapshot corrupt.
 */
export interface SnapshotVisitor {
  article(article: Article, analyses: Record<string, unknown> | undefined): void;
  index(header: SavedIndexHeader): (rows: TermRow[]) => void;
}

/**
 * Reads a snapshot written by this version of the bot into `visit`, or says why it cannot be used
 * (missing, unreadable, corrupt, another format or version). The parsed lines become garbage as soon as
 * the visitor has taken them: a start from the snapshot never holds the saved form and the live form of
 * the corpus at once.
 */
export async function readSnapshot(
  file: string,
  version: string,
  visit: SnapshotVisitor,
  read?: (bytes: number, total: number) => void,
): Promise<{ ok: true; header: SnapshotHeader } | { ok: false; reason: string }> {
  let lines: AsyncGenerator<string>;
  try {
    const { size } = await stat(file);
    lines = readLines(file, read && ((bytes) => read(bytes, size)));
  } catch {
    return { ok: false, reason: 'no snapshot yet' };
  }
  const next = async (what: string): Promise<unknown> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`ends before ${what}`);
    return JSON.parse(value);
  };
  try {
    const header = (await next('the header')) as SnapshotHeader & { articleCount: number };
    if (typeof header !== 'object' || header === null || header.format !== SNAPSHOT_FORMAT) {
      return { ok: false, reason: `snapshot has another format (${String((header as { format?: unknown } | null)?.format)}, expected ${SNAPSHOT_FORMAT})` };
    }
    if (header.version !== version) return { ok: false, reason: `snapshot was written by another version of the bot (${header.version})` };
    const { articleCount, ...rest } = header;
    if (!Array.isArray(rest.files) || !Array.isArray(rest.problems) || typeof articleCount !== 'number') throw new Error('missing parts');
    for (let i = 0; i < articleCount; i++) {
      const saved = (await next(`article ${i + 1}`)) as SavedArticle;
      visit.article(articleOf(saved), saved.analyses);
    }
    const indexHeader = (await next('the index')) as SavedIndexHeader;
    if (typeof indexHeader?.terms !== 'number') throw new Error('the index has no header');
    const rows = visit.index(indexHeader);
    for (let n = 0; n < indexHeader.terms; ) {
      const slice = (await next(`index term ${n + 1}`)) as TermRow[];
      if (!Array.isArray(slice) || slice.length === 0) throw new Error(`index term ${n + 1} is damaged`);
      rows(slice);
      n += slice.length;
    }
    return { ok: true, header: rest };
  } catch (err) {
    return { ok: false, reason: `snapshot is corrupt (${(err as Error).message})` };
  } finally {
    await lines.return(undefined);
  }
}

/**
 * The lines of a file, read in large blocks: node:readline reads 64 KB at a time and spent a third of a
 * start from the snapshot waiting for them. Lines are cut on bytes and decoded whole, so a character split
 * across two blocks is never broken.
 */
async function* readLines(file: string, read?: (bytes: number) => void): AsyncGenerator<string> {
  let pending: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 8 * 2 ** 20 }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    read?.(bytes);
    let from = 0;
    for (let nl = chunk.indexOf(10, from); nl !== -1; nl = chunk.indexOf(10, from)) {
      const piece = chunk.subarray(from, nl);
      const line = decode(pending.length ? Buffer.concat([...pending, piece]) : piece);
      pending = [];
      from = nl + 1;
      if (line) yield line;
    }
    if (from < chunk.length) pending.push(chunk.subarray(from));
  }
  if (pending.length) {
    const line = decode(Buffer.concat(pending));
    if (line) yield line;
  }
}

/** A line's text: most lines are ASCII, copied as they are (a third faster than decoding them as UTF-8). */
function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
