/**
 * What the CLI doors print for an answer (text, `--json`, or an export with `--format`) and the chart
 * `--chart` writes. Shared by `ask` and the console.
 */
import { access, constants, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Answer } from '../answer/types.ts';
import { exportAnswer } from '../export/index.ts';
import { renderText } from '../render/text.ts';
import type { Request } from './args.ts';

/**
 * The text to print: the export asked for, the JSON answer, or the text rendering for `door` (the console
 * by default; the shell's names its commands as `npm run ask -- …` with the request's `--corpus`). Throws ExportError.
 */
export function printable(answer: Answer, request: Pick<Request, 'json' | 'format' | 'corpus'>, door: 'console' | 'cli' = 'console'): string {
  const typed = { door, ...(request.corpus ? { corpus: request.corpus } : {}) };
  if (request.format) return exportAnswer(answer, request.format, typed).text.replace(/\n$/, '');
  return request.json ? JSON.stringify(answer, null, 2) : renderText(answer, typed);
}

/**
 * Draws a timeline answer's chart into `path` (PNG) and says what was written; throws with a message
 * when the answer has no dated event to draw.
 */
export async function writeChart(answer: Answer, path: string): Promise<string> {
  // Loaded on use: the renderer is a native module that plain answers do not need.
  const { timelineChart } = await import('../chart/png.ts');
  const chart = await timelineChart(answer);
  if (chart.events.length === 0) throw new Error(`no dated events to draw, so ${path} was not written`);
  await writeFile(path, chart.png);
  const hidden = chart.hidden ? ` (${chart.hidden} more not drawn)` : '';
  return `chart: ${chart.events.length} event${chart.events.length === 1 ? '' : 's'}${hidden} → ${path} (${chart.pixels.width}×${chart.pixels.height} px)`;
}

/**
 * Why the chart cannot be written to `path`, or null when it can: its folder must exist and be writable, and
 * the path must not be a folder (or a file that cannot be written). Asked before answering, so a bad path
 * is said at once rather than after the whole answer.
 * @example await chartPathProblem('/tmp/nodir/x.png') // '--chart: the folder /tmp/nodir does not exist, so /tmp/nodir/x.png cannot be written'
 */
export async function chartPathProblem(path: string): Promise<string | null> {
  const folder = dirname(resolve(path));
  const cannot = `so ${path} cannot be written`;
  const info = await stat(folder).catch(() => null);
  if (!info) return `--chart: the folder ${folder} does not exist, ${cannot}`;
  if (!info.isDirectory()) return `--chart: ${folder} is not a folder, ${cannot}`;
  if (!(await access(folder, constants.W_OK).then(() => true, () => false))) return `--chart: the folder ${folder} is not writable, ${cannot}`;
  const target = await stat(path).catch(() => null);
  if (target?.isDirectory()) return `--chart: ${path} is a folder; give the path of a .png file`;
  if (target && !(await access(path, constants.W_OK).then(() => true, () => false))) return `--chart: ${path} exists and is not writable`;
  return null;
}
