/**
 * The one module that posts to Discord channels by itself (push: alerts and scheduled answers), through
 * discord.js's REST client (`POST /channels/{id}/messages`). Every message carries
 * `allowed_mentions: { parse: [] }`, is rendered by the same renderer as the answers (src/discord/render.ts)
 * and has no buttons (a posted answer is a snapshot; /source reads any citation id in it). A scheduled
 * timeline's first message carries its chart as /timeline's answer does (src/discord/exports.ts: the PNG
 * attached, shown as the first embed's image), when the bot may attach files in the channel: Attach Files
 * is not among the permissions posting needs, and a post with a file without it is refused (403), which would
 * pause the channel. Without it the timeline is posted without its chart, and a note says why.
 *
 * Failures: 403 (the bot may not post there) and 404 (the channel is gone) are refusals — push pauses what
 * posts there and never retries them (Discord bans bots that keep sending invalid requests); 429s are waited
 * out by discord.js's own queue; anything else (5xx after discord.js's retries, the network) is reported
 * as failed for now, and push tries again later.
 */
import { DiscordAPIError, PermissionFlagsBits, Routes, type Client, type GuildBasedChannel } from 'discord.js';
import type { Answer } from '../answer/types.ts';
import type { Logger } from '../log.ts';
import type { Poster, PostResult } from '../push/push.ts';
import { chartFiles, wantsChart } from './exports.ts';
import { BUDGET, paginate, renderAnswer, renderShort, type RenderedMessage } from './render.ts';
import { NO_MENTIONS } from './reply.ts';
import { escapeAndTruncate } from './text.ts';

/** Posted messages have no buttons: these ids are never used. */
const NO_BUTTONS = () => 'unused';

/** The messages an answer is posted as: one per page (or a short text when it has nothing to list). */
export function postedMessages(answer: Answer): RenderedMessage[] {
  if (answer.items.length === 0) {
    return [{ content: `**${escapeAndTruncate(answer.title, 200)}**\n${renderShort(answer)}`, embeds: [], components: [] }];
  }
  const first = renderAnswer(answer, { page: 0, ids: NO_BUTTONS });
  const pages = [first];
  for (let page = 1; page < first.pages; page++) pages.push(renderAnswer(answer, { page, ids: NO_BUTTONS }));
  return pages.map(({ content, embeds }) => ({ ...(content ? { content } : {}), embeds, components: [] }));
}

/**
 * Whether an answer is posted as one message: `postedMessages(answer).length === 1`, decided without
 * rendering. An answer with more items than a page holds has more pages (paginate starts a new page at
 * BUDGET.itemsPerPage + 1, whatever the items' length); otherwise its few items are paginated, not rendered.
 * Push asks this once per article it adds to an alert, so it must not cost the answer's every page.
 */
export function fitsOneMessage(answer: Answer): boolean {
  if (answer.items.length === 0) return true;
  return answer.items.length <= BUDGET.itemsPerPage && paginate(answer).length === 1;
}

/**
 * Why the bot may not attach a file in a channel (a note for the posted answer), or null when it may: Attach
 * Files, computed by discord.js from the cached roles and overwrites, as the checks before saving are.
 */
export function attachRefusal(client: Client, channelId: string): string | null {
  const channel = client.channels.cache.get(channelId) as GuildBasedChannel | undefined;
  const me = channel && 'guild' in channel ? channel.guild.members.me : null;
  if (!channel || !me) return 'The chart is not attached: the bot could not check that it may attach files here.';
  if (channel.permissionsFor(me).has(PermissionFlagsBits.AttachFiles)) return null;
  return 'The chart is not attached: the bot lacks Attach Files in this channel (give it that permission to get the chart).';
}

export class DiscordPoster implements Poster {
  #client: Client | null = null;
  #logger: Logger | null = null;

  constructor(client?: Client) {
    if (client) this.#client = client;
  }

  /** The client to post with (the bot's, once it has logged in), and where a chart not drawn is logged. */
  attach(client: Client, logger?: Logger): void {
    this.#client = client;
    if (logger) this.#logger = logger.child({ component: 'push' });
  }

  fitsOneMessage(answer: Answer): boolean {
    return fitsOneMessage(answer);
  }

  async post(channelId: string, answer: Answer, options: { paged: boolean }): Promise<PostResult> {
    const client = this.#client;
    if (!client) return { ok: false, refused: false, status: null, reason: 'not connected to Discord yet' };
    // A timeline's chart, as /timeline attaches it, where the bot may attach files; else a note says why not.
    const refusal = wantsChart(answer) ? attachRefusal(client, channelId) : null;
    // First among the notes: the first message shows only the first 600 characters of them.
    const posted = refusal ? { ...answer, notes: [refusal, ...answer.notes] } : answer;
    const messages = postedMessages(posted);
    const first = messages[0]!;
    const files = wantsChart(posted) && !refusal
      ? await chartFiles(posted, first.embeds, (err) => this.#logger?.warn({ err, channel: channelId }, 'timeline chart not drawn: the scheduled timeline is posted without it'))
      : [];
    for (const message of options.paged ? messages : [first]) {
      const attached = message === first ? files : [];
      try {
        await client.rest.post(Routes.channelMessages(channelId), {
          body: {
            content: message.content,
            embeds: message.embeds,
            allowed_mentions: NO_MENTIONS,
            ...(attached.length ? { attachments: attached.map((f, id) => ({ id, filename: f.name, ...(f.description ? { description: f.description } : {}) })) } : {}),
          },
          ...(attached.length ? { files: attached.map((f) => ({ name: f.name, data: f.data })) } : {}),
        });
      } catch (err) {
        return failure(err);
      }
    }
    return { ok: true };
  }
}

/** What a failed post means for push: a refusal (403/404, never retried) or a failure for now. */
export function failure(err: unknown): Extract<PostResult, { ok: false }> {
  if (err instanceof DiscordAPIError && (err.status === 403 || err.status === 404)) {
    const why = err.status === 403 ? 'the bot may not post there' : 'the channel is gone or hidden from the bot';
    return { ok: false, refused: true, status: err.status, reason: `Discord refused the post: ${why} (${err.status} ${err.message})` };
  }
  const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : null;
  return { ok: false, refused: false, status, reason: (err as Error).message ?? String(err) };
}
