/**
 * Pictures and files on Discord answers: the /timeline chart attached to the answer (shown as its embed
 * image), the Export button on /brief and /timeline answers, and the private message an Export press
 * sends (the files of src/export). Plain functions over rendered messages; the dispatcher calls them.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Answer } from '../answer/types.ts';
import { EXPORTS_BY_COMMAND, exportFiles } from '../export/index.ts';
import { chartEvents, MIN_CHART_EVENTS } from '../chart/timeline.ts';
import type { RenderedMessage } from './render.ts';
import type { OutgoingFile } from './reply.ts';
import { escapeAndTruncate } from './text.ts';

/** The chart's file name; the embed shows it through `attachment://`. */
export const CHART_FILE = 'timeline.png';

/**
 * The message with an Export button, on a row of its own under the paging buttons, for commands that
 * have exports (unchanged otherwise).
 */
export function withExportButton(message: RenderedMessage, answer: Answer, customId: string): RenderedMessage {
  if (!EXPORTS_BY_COMMAND[answer.command] || !answer.items.some((i) => i.citations.length > 0)) return message;
  const row: APIActionRowComponent<APIButtonComponent> = { type: 1, components: [{ type: 2, style: 2, label: 'Export', custom_id: customId }] };
  return { ...message, components: [...message.components, row] };
}

/** Whether an answer gets a chart: a timeline with at least MIN_CHART_EVENTS dated, cited events. */
export function wantsChart(answer: Answer): boolean {
  return answer.command === 'timeline' && chartEvents(answer).length >= MIN_CHART_EVENTS;
}

/**
 * The chart of a timeline answer as a file to attach, with the first embed set to show it; [] when the
 * answer gets none or drawing fails (`onError` hears why: the answer goes out without its picture).
 */
export async function chartFiles(answer: Answer, embeds: APIEmbed[], onError: (err: unknown) => void): Promise<OutgoingFile[]> {
  if (!wantsChart(answer) || embeds.length === 0) return [];
  try {
    const { timelineChart } = await import('../chart/png.ts');
    const chart = await timelineChart(answer);
    embeds[0] = { ...embeds[0], image: { url: `attachment://${CHART_FILE}` } };
    return [{ name: CHART_FILE, data: chart.png, description: `Timeline chart: ${chart.events.length} dated events` }];
  } catch (err) {
    onError(err);
    return [];
  }
}

/** The private message an Export press sends: one line saying what the files are, and the files. */
export function exportMessage(answer: Answer): { content: string; files: OutgoingFile[] } {
  const files = exportFiles(answer).map((f) => ({ name: f.name, data: Buffer.from(f.text, 'utf8') }));
  const what = answer.command === 'timeline'
    ? 'Markdown for a draft, and TimelineJS: the JSON and the Google Sheets template (CSV)'
    : 'Markdown for a draft';
  return { content: `${escapeAndTruncate(answer.title, 200)}: ${what}. Quotes are verbatim, with their citation ids.`, files };
}
