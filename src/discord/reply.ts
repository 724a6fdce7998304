/**
 * The one place that decides how to answer an interaction: reply, deferReply, editReply, followUp,
 * update or deferUpdate, from what has already been sent. Every message goes out with
 * `allowed_mentions: { parse: [] }`: quoted text can never ping anyone.
 */
import {
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js';

export type RepliableInteraction = ChatInputCommandInteraction | ButtonInteraction;

/** A file sent with a message (an embed shows it with `attachment://<name>`). */
export interface OutgoingFile {
  name: string;
  data: Buffer;
  description?: string;
}

export interface Outgoing {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIButtonComponent>>;
  /** Files to attach; none given = the message's attachments are left as they are. */
  files?: OutgoingFile[];
  /** Only the user who asked sees it. */
  ephemeral?: boolean;
}

/** No mention in any message the bot sends resolves to a ping. */
export const NO_MENTIONS = { parse: [] as [] };

type State = 'none' | 'deferred-reply' | 'deferred-update' | 'replied' | 'updated';

/**
 * Answers one interaction, remembering what was sent so each call picks the right Discord call.
 * `acknowledgedAt` is set (performance.now()) when the first response goes out, for the logs.
 */
export class Responder {
  #state: State = 'none';
  #ephemeralDefer = false;
  acknowledgedAt: number | undefined;
  /** The callback that acknowledged the interaction, for the logs. */
  ack: State = 'none';

  constructor(readonly interaction: RepliableInteraction) {}

  get acknowledged(): boolean {
    return this.#state !== 'none';
  }

  /** Acknowledges now and answers later: a "thinking…" reply, or (buttons) a silent update. */
  async defer(kind: 'reply' | 'update', ephemeral = false): Promise<void> {
    if (this.#state !== 'none') return;
    if (kind === 'update' && this.interaction.isButton()) {
      await this.interaction.deferUpdate();
      this.#mark('deferred-update');
    } else {
      await this.interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      this.#ephemeralDefer = ephemeral;
      this.#mark('deferred-reply');
    }
  }

  /** Sends a message in answer: the reply, the deferred reply's content, or a follow-up. */
  async send(message: Outgoing): Promise<void> {
    const flags = message.ephemeral ? MessageFlags.Ephemeral : undefined;
    const body = payload(message);
    switch (this.#state) {
      case 'none':
        await this.interaction.reply({ ...body, ...(flags ? { flags } : {}) });
        this.#mark('replied');
        return;
      case 'deferred-reply':
        if (message.ephemeral && !this.#ephemeralDefer) {
          // A public "thinking…" cannot turn private: remove it and say it privately.
          await this.interaction.deleteReply();
          await this.interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
        } else {
          await this.interaction.editReply(body);
        }
        this.#state = 'replied';
        return;
      default:
        await this.interaction.followUp({ ...body, ...(flags ? { flags } : {}) });
    }
  }

  /** Replaces the message a button is on (paging); for a slash command, same as `send`. */
  async update(message: Outgoing): Promise<void> {
    const i = this.interaction;
    if (!i.isButton()) return this.send(message);
    const body = payload(message);
    if (this.#state === 'none') {
      await i.update(body);
      this.#mark('updated');
    } else if (this.#state === 'deferred-update') {
      await i.editReply(body);
      this.#state = 'updated';
    } else {
      await i.followUp({ ...body, flags: MessageFlags.Ephemeral });
    }
  }

  #mark(state: State): void {
    if (this.#state === 'none') {
      this.acknowledgedAt = performance.now();
      this.ack = state;
    }
    this.#state = state;
  }
}

function payload(message: Outgoing) {
  return {
    content: message.content ?? '',
    embeds: message.embeds ?? [],
    components: message.components ?? [],
    allowedMentions: NO_MENTIONS,
    ...(message.files?.length ? { files: message.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })) } : {}),
  };
}
