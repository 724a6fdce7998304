import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import type { Article, Corpus, CorpusProblem, Paragraph } from '../corpus/types.ts';
import type { SavedIndex } from '../index/minisearch.ts';

/**
 * Snapshots: the loaded corpus and its index saved to one file, so a restart on an unchanged corpus skips
 * reading, cleaning, splitting and indexing. A snapshot is only a cache: any doubt (other format, other
 * version of the bot, unreadable, corrupt) means "rebuild", never an error.
 */

/** Bump when anything that shapes the saved data changes (loader, cleaning, ids, index settings). */
export const SNAPSHOT_FORMAT = 1;

/** A paragraph as saved: the text and its sentence boundaries as [start, end, start, end, …]. */
interface SavedParagraph {
  id: string;
  text: string;
  s: number[];
}

type SavedArticle = Omit<Article, 'paragraphs'> & { paragraphs: SavedParagraph[] };

export interface SnapshotData {
  format: number;
  /** Identifies the code that wrote it (package version plus a hash of settings). */
  version: string;
  root: string;
  /** Every file of the corpus at save time: path → content hash and the ids of the articles it gave. */
  files: Array<[string, { hash: string; articleIds: string[] }]>;
  problems: CorpusProblem[];
  articles: SavedArticle[];
  index: SavedIndex;
  /** Analyses saved by name (plain JSON), restored by the code that made them. */
  analyses: Record<string, unknown>;
}

/** Where the snapshot of a corpus lives: one file per corpus path inside the cache folder. */
export function snapshotPath(cacheDir: string, corpusRoot: string): string {
  const key = createHash('sha256').update(resolve(corpusRoot)).digest('hex').slice(0, 16);
  return join(cacheDir, `snapshot-${key}.json`);
}

/** Turns a corpus and its saved index into snapshot data. */
export function toSnapshot(corpus: Corpus, index: SavedIndex, version: string, analyses: Record<string, unknown> = {}): SnapshotData {
  return {
    format: SNAPSHOT_FORMAT,
    version,
    root: corpus.report.root,
    files: [...corpus.files],
    problems: corpus.report.problems,
    articles: corpus.articles.map((a) => ({
      ...a,
      paragraphs: a.paragraphs.map((p) => ({ id: p.id, text: p.text, s: p.sentences.flatMap((x) => [x.start, x.end]) })),
    })),
    index,
    analyses,
  };
}

/** The articles of a snapshot as the loader would have made them (sentences rebuilt from their spans). */
export function articlesOf(data: SnapshotData): Article[] {
  return data.articles.map((a) => ({
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

/** Writes a snapshot atomically (a temporary file renamed into place), so a crash never leaves half a file. */
export async function writeSnapshot(file: string, data: SnapshotData): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(data));
  await rename(tmp, file);
}

/**
 * Reads a snapshot written by this version of the bot, or says why it cannot be used
 * (missing, unreadable, corrupt, another format or version).
 */
export async function readSnapshot(file: string, version: string): Promise<{ ok: true; data: SnapshotData } | { ok: false; reason: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { ok: false, reason: 'no snapshot yet' };
  }
  let data: SnapshotData;
  try {
    data = JSON.parse(text) as SnapshotData;
  } catch (err) {
    return { ok: false, reason: `snapshot is corrupt (${(err as Error).message})` };
  }
  if (typeof data !== 'object' || data === null || data.format !== SNAPSHOT_FORMAT) {
    return { ok: false, reason: `snapshot has another format (${String((data as { format?: unknown } | null)?.format)}, expected ${SNAPSHOT_FORMAT})` };
  }
  if (data.version !== version) return { ok: false, reason: `snapshot was written by another version of the bot (${data.version})` };
  if (!Array.isArray(data.articles) || !Array.isArray(data.files) || typeof data.index !== 'object' || data.index === null) {
    return { ok: false, reason: 'snapshot is corrupt (missing parts)' };
  }
  return { ok: true, data };
}
