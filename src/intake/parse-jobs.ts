/**
 * The parsing jobs themselves (HTML parsing, Readability, feed parsing): run by the parsing thread, or in
 * the calling thread by `inlineParser`. Kept apart from parser.ts so that loading the parser (the bot's
 * main thread) does not load linkedom, Readability and feedsmith.
 */
import { parseHTML } from 'linkedom';
import { extractArticle, paragraphsOf } from './extract.ts';
import { readFeed } from './feed-parse.ts';

export type ParseJob =
  | { kind: 'extract'; html: string; url: string }
  | { kind: 'feed'; bytes: Uint8Array; url: string; contentType: string | null }
  | { kind: 'paragraphs'; html: string };

/** Runs one job here and now. */
export function runJob(job: ParseJob): unknown {
  if (job.kind === 'extract') return extractArticle(job.html, job.url);
  if (job.kind === 'feed') return readFeed(job.bytes, job.url, job.contentType);
  const { document } = parseHTML(`<!doctype html><html><body>${job.html}</body></html>`) as unknown as { document: { querySelector(s: string): unknown } };
  return paragraphsOf(document.querySelector('body') as never, { furniture: false });
}
