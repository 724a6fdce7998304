/**
 * What the CLI doors print for an answer (text, `--json`, or an export with `--format`) and the chart
 * `--chart` writes. Shared by `ask` and the console.
 */
import { writeFile } from 'node:fs/promises';
import type { Answer } from '../answer/types.ts';
import { exportAnswer } from '../export/index.ts';
import { renderText } from '../render/text.ts';
import type { Request } from './args.ts';

/** The text to print: the export asked for, the JSON answer, or the text rendering. Throws ExportError. */
export function printable(answer: Answer, request: Pick<Request, 'json' | 'format'>): string {
  if (request.format) return exportAnswer(answer, request.format).text.replace(/\n$/, '');
  return request.json ? JSON.stringify(answer, null, 2) : renderText(answer);
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
