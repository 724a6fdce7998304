import type { CommandName } from '../answer/types.ts';
import { COMMAND_NAMES, MAX_LIMIT } from '../answer/index.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../export/index.ts';

/** A command line, parsed: what to answer and how to print it. */
export interface Request {
  command: CommandName;
  query: string;
  limit?: number;
  json: boolean;
  corpus?: string;
  /** Print this export instead of the text (md, timelinejs, csv). */
  format?: ExportFormat;
  /** Write the timeline chart (PNG) to this path. */
  chart?: string;
  /** Build from the files, neither reading nor writing the snapshot (CACHE_DIR). */
  noCache?: boolean;
  /** `watch` only: articles that arrived after this time (ISO 8601). */
  since?: string;
}

export type Parsed = { ok: true; request: Request } | { ok: false; message: string };

export const USAGE =
  'usage: ask <brief|timeline|who|source|search|corpus|watch> [query words...] [--corpus DIR|FILE] [--limit N] [--since TIME (watch)] [--json | --format md|timelinejs|csv] [--chart FILE.png] [--no-cache]';

/**
 * Parses the words of a command (CLI arguments, or a line typed in the console split on spaces).
 * A leading "/" is accepted, as in Discord: `/brief embassy` and `brief embassy` are the same.
 */
export function parseArgs(words: readonly string[]): Parsed {
  const [first, ...rest] = words;
  if (!first) return { ok: false, message: `no command given; ${USAGE}` };
  const name = first.replace(/^\//, '').toLowerCase();
  if (!(COMMAND_NAMES as string[]).includes(name)) {
    return { ok: false, message: `unknown command \`${first}\`; expected one of ${COMMAND_NAMES.join(', ')}` };
  }
  const request: Request = { command: name as CommandName, query: '', json: false };
  const query: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i]!;
    if (word === '--json') request.json = true;
    else if (word === '--no-cache') request.noCache = true;
    else if (word === '--limit') {
      const value = rest[++i];
      const n = Number(value);
      if (!value || !Number.isInteger(n) || n < 1 || n > MAX_LIMIT) {
        return { ok: false, message: `--limit must be a whole number from 1 to ${MAX_LIMIT}, got \`${value ?? ''}\`` };
      }
      request.limit = n;
    } else if (word === '--corpus') {
      const value = rest[++i];
      if (!value) return { ok: false, message: '--corpus needs a folder or file path' };
      request.corpus = value;
    } else if (word === '--format') {
      const value = rest[++i];
      if (!(EXPORT_FORMATS as readonly string[]).includes(value ?? '')) {
        return { ok: false, message: `--format must be one of ${EXPORT_FORMATS.join(', ')}, got \`${value ?? ''}\`` };
      }
      request.format = value as ExportFormat;
    } else if (word === '--chart') {
      const value = rest[++i];
      if (!value || value.startsWith('--')) return { ok: false, message: '--chart needs the path of the PNG file to write' };
      if (!/\.png$/i.test(value)) return { ok: false, message: `--chart writes a PNG image: give a path ending in .png, got \`${value}\`` };
      request.chart = value;
    } else if (word === '--since') {
      const value = rest[++i];
      if (!value || Number.isNaN(Date.parse(value))) {
        return { ok: false, message: `--since must be a time such as 2026-12-03T07:00:00Z, got \`${value ?? ''}\`` };
      }
      request.since = new Date(Date.parse(value)).toISOString();
    } else if (word.startsWith('--')) {
      return { ok: false, message: `unknown option \`${word}\`; options are --corpus, --limit, --json, --format, --chart, --no-cache (and --since for watch)` };
    } else query.push(word);
  }
  request.query = query.join(' ');
  if (request.json && request.format) return { ok: false, message: '--json and --format both choose what is printed: give one' };
  if (request.chart && request.command !== 'timeline') return { ok: false, message: `--chart draws /timeline answers, not ${request.command}` };
  if (request.command === 'schedule') return { ok: false, message: 'schedules are run by the bot: /schedule in Discord or at the console (npm start)' };
  if (request.command === 'watch' && !request.since) {
    return { ok: false, message: 'watch needs --since <time>: it shows what an alert would say about the articles that arrived after it' };
  }
  if (request.since && request.command !== 'watch') return { ok: false, message: '--since is for `watch` only' };
  return { ok: true, request };
}
