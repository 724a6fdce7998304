/**
 * The CPU-heavy steps of intake behind one small interface: extracting an article from a page, reading a
 * feed, turning an HTML fragment into paragraphs. `inlineParser` runs them in this thread (the CLI, tests);
 * `threadParser` runs them in a worker thread (the bot), so a page that takes 100 ms to extract never
 * holds up an answer.
 */
import { Worker } from 'node:worker_threads';
import type { ExtractedArticle } from './extract.ts';
import type { FeedResult } from './feed-parse.ts';
import type { ParseJob } from './parse-jobs.ts';

export type { ParseJob } from './parse-jobs.ts';

export interface Parser {
  extract(html: string, url: string): Promise<ExtractedArticle | null>;
  feed(bytes: Uint8Array, url: string, contentType: string | null): Promise<FeedResult>;
  /** The paragraphs of an HTML fragment or document (a feed item's content, a document converted to HTML). */
  paragraphs(html: string): Promise<string[]>;
  close(): Promise<void>;
}

/** Runs one job here and now; the parsing libraries are loaded on the first job (the bot's main thread never needs them). */
async function runHere(job: ParseJob): Promise<unknown> {
  const { runJob } = await import('./parse-jobs.ts');
  return runJob(job);
}

/** The parser that runs in the calling thread. */
export const inlineParser: Parser = {
  extract: async (html, url) => (await runHere({ kind: 'extract', html, url })) as ExtractedArticle | null,
  feed: async (bytes, url, contentType) => (await runHere({ kind: 'feed', bytes, url, contentType })) as FeedResult,
  paragraphs: async (html) => (await runHere({ kind: 'paragraphs', html })) as string[],
  close: async () => {},
};

/**
 * A parser backed by one worker thread, started on first use and started again if it dies. A job that runs
 * longer than `timeoutMs` ends the thread (a pathological page must not wedge intake) and fails.
 */
export function threadParser(options: { timeoutMs?: number } = {}): Parser {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  const failAll = (err: Error) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(err);
      pending.delete(id);
    }
    worker = null;
  };
  const start = (): Worker => {
    const w = new Worker(new URL('./parse-worker-boot.mjs', import.meta.url));
    w.unref();
    w.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`the parsing thread stopped (exit code ${code})`));
    });
    return w;
  };
  const run = (job: ParseJob): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker ??= start();
      const id = ++nextId;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`parsing took longer than ${Math.round(timeoutMs / 1000)} s`));
        const w = worker;
        worker = null;
        void w?.terminate();
      }, timeoutMs);
      timer.unref();
      pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, job });
    });
  return {
    extract: (html, url) => run({ kind: 'extract', html, url }) as Promise<ExtractedArticle | null>,
    feed: (bytes, url, contentType) => run({ kind: 'feed', bytes, url, contentType }) as Promise<FeedResult>,
    paragraphs: (html) => run({ kind: 'paragraphs', html }) as Promise<string[]>,
    close: async () => {
      const w = worker;
      worker = null;
      failAll(new Error('the parser was closed'));
      await w?.terminate();
    },
  };
}
