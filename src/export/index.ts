/**
 * Exports: an Answer → a file a reporter takes elsewhere (pure, like the renderers).
 * - `md`: Markdown for a draft (any answer; see markdown.ts);
 * - `timelinejs`: TimelineJS3's JSON (/timeline);
 * - `csv`: /timeline as TimelineJS's Google Sheets template, /who as a table of names.
 * The CLI prints one (`--format`); Discord's Export button sends `exportFiles(answer)` privately.
 */
import type { Answer, CommandName } from '../answer/types.ts';
import { slugify } from '../corpus/ids.ts';
import { whoCsv } from './csv.ts';
import { ExportError } from './errors.ts';
import { toMarkdown } from './markdown.ts';
import { toTimelineJs, toTimelineJsCsv } from './timelinejs.ts';
import type { TextDoor } from '../render/text.ts';

export { ExportError } from './errors.ts';

export const EXPORT_FORMATS = ['md', 'timelinejs', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  name: string;
  contentType: string;
  text: string;
}

/** A file name for an answer: `<command>-<query slug, or all><suffix>`. */
function fileName(answer: Answer, suffix: string): string {
  return `${answer.command}-${slugify(answer.query).slice(0, 60).replace(/-+$/, '') || 'all'}${suffix}`;
}

/**
 * One export of an answer. Throws ExportError (its message says what fits, a command typed as `door`
 * types it) when the format does not apply to the answer's command.
 * @example exportAnswer(timelineAnswer, 'timelinejs').name // 'timeline-embassy.timelinejs.json'
 */
export function exportAnswer(answer: Answer, format: ExportFormat, door: TextDoor = {}): ExportFile {
  switch (format) {
    case 'md':
      return { name: fileName(answer, '.md'), contentType: 'text/markdown; charset=utf-8', text: toMarkdown(answer, door) };
    case 'timelinejs':
      return { name: fileName(answer, '.timelinejs.json'), contentType: 'application/json; charset=utf-8', text: `${JSON.stringify(toTimelineJs(answer), null, 2)}\n` };
    case 'csv':
      if (answer.command === 'timeline') return { name: fileName(answer, '.timelinejs.csv'), contentType: 'text/csv; charset=utf-8', text: toTimelineJsCsv(answer) };
      return { name: fileName(answer, '.csv'), contentType: 'text/csv; charset=utf-8', text: whoCsv(answer, door) };
    default:
      throw new ExportError(`unknown format \`${String(format)}\`; expected ${EXPORT_FORMATS.join(', ')}`);
  }
}

/** The commands whose Discord answers carry an Export button, and the files it sends. */
export const EXPORTS_BY_COMMAND: Partial<Record<Answer['command'], readonly ExportFormat[]>> = {
  brief: ['md'],
  timeline: ['md', 'timelinejs', 'csv'],
};

/** The files Discord's Export button sends for an answer ([] for commands without one). */
export function exportFiles(answer: Answer): ExportFile[] {
  return (EXPORTS_BY_COMMAND[answer.command] ?? []).map((format) => exportAnswer(answer, format));
}
