/**
 * CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line break quoted with
 * quotes doubled) and the /who table as CSV. Pure.
 *
 * A cell that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading `'`, which Google Sheets and Excel hide and read as "this is text":
 * quoted articles are untrusted, and `=IMPORTXML(…)` in a sentence must stay a sentence.
 */
import type { Answer } from '../answer/types.ts';
import { ExportError } from './errors.ts';
import { typedCommand, type TextDoor } from '../render/text.ts';

/** One CSV field. */
export function csvField(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text, each row ended by CRLF. */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** The columns of the /who table. */
export const WHO_COLUMNS = ['name', 'kind', 'aliases', 'articles', 'mentions', 'descriptor', 'citation ids'] as const;

/**
 * The /who list (asked without a name) as CSV: one row per person or organisation, aliases joined by
 * "; ", the descriptor as /who shows it (else the words around the first mention), citation ids joined
 * by spaces. A profile (/who with a name) is not a table: ExportError, whose message types the command that
 * makes the table as `door` types it (the console's `/who --format csv`, the shell's `npm run ask -- who --format csv`).
 */
export function whoCsv(answer: Answer, door: TextDoor = {}): string {
  if (answer.command !== 'who') throw new ExportError(`the CSV table is for /who (and /timeline, as a TimelineJS sheet), not /${answer.command}`);
  if (answer.items.some((i) => typeof i.section === 'string')) {
    throw new ExportError(`the who CSV is the table of names, not one profile: ${typedCommand({ command: 'who', query: '' }, door, '--format csv')} makes it`);
  }
  const rows = answer.items
    .filter((i) => typeof i.name === 'string')
    .map((i) => [
      i.name as string,
      typeof i.kind === 'string' ? i.kind : '',
      Array.isArray(i.aliases) ? i.aliases.join('; ') : '',
      typeof i.articles === 'number' ? i.articles : '',
      typeof i.mentions === 'number' ? i.mentions : '',
      i.citations.length ? i.text : '',
      i.citations.map((c) => c.id).join(' '),
    ]);
  return toCsv([[...WHO_COLUMNS], ...rows]);
}
