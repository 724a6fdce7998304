/**
 * The dispatcher: one entry point for every interaction. It checks the guild allow-list, finds the
 * command, applies the per-user cooldown, runs the command or the button, and answers through the
 * Responder. Expected failures become short ephemeral messages; bugs are logged with the interaction's
 * context and answered with an apology; nothing thrown here stops the bot. Each interaction gets one
 * log line (child logger: command, guild, user, latency, outcome).
 */
import type { AutocompleteInteraction, ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { Answer, CommandName } from '../answer/types.ts';
import type { AnswerFunction } from '../answer/index.ts';
import { MAX_QUERY_LENGTH, cleanQuery } from '../answer/index.ts';
import type { Library } from '../library.ts';
import type { Command, CommandContext } from './command.ts';
import { Cooldown } from './cooldown.ts';
import { QueryCache, decodeButton, encodeButton } from './buttons.ts';
import { APOLOGY, UserError } from './errors.ts';
import { renderAnswer, renderShort, renderSources } from './render.ts';
import { Responder } from './reply.ts';
import { NO_SERVICES, type Services } from '../services.ts';

export interface DispatcherOptions {
  commands: readonly Command[];
  answers: Readonly<Partial<Record<CommandName, AnswerFunction | null>>>;
  library: () => Library;
  /** Guild ids the bot answers in; empty = any. */
  allowedGuilds: readonly string[];
  cooldownSeconds: number;
  logger: Logger;
  /** The state database, intake and push (default: none). */
  services?: Services;
}

export type Outcome =
  | 'answered'
  | 'paged'
  | 'sources'
  | 'empty'
  | 'bad-option'
  | 'unavailable'
  | 'cooldown'
  | 'refused-guild'
  | 'unknown-command'
  | 'expired-button'
  | 'autocomplete'
  | 'shutting-down'
  | 'ignored'
  | 'error';

/** Messages people see for expected situations. */
export const MESSAGES = {
  guild: 'Sorry, this bot only answers in the newsrooms it was set up for.',
  unknown: (name: string, known: string[]) =>
    `Sorry, I don't know \`/${name}\`. Try ${known.map((n) => `\`/${n}\``).join(', ')}.`,
  cooldown: (s: number) => `You're going a bit fast: try again in ${s} s.`,
  unavailable: (name: string) => `\`/${name}\` is not available yet. \`/source\` lists the articles the bot knows.`,
  expired: (name: string) => `This button has expired: run \`/${name}\` again.`,
  foreign: 'This button is not one of mine any more: run the command again.',
  shuttingDown: 'The bot is restarting: try again in a minute.',
} as const;

export interface Dispatcher {
  handle(interaction: Interaction): Promise<void>;
  /** Refuses new interactions and waits for the ones in flight (at most `timeoutMs`). */
  drain(timeoutMs?: number): Promise<void>;
  readonly inFlight: number;
}

/** Whether to defer before computing `command`'s answer to `query`. */
export function shouldDefer(command: Command, query: string): boolean {
  return typeof command.defer === 'function' ? command.defer(query) : command.defer;
}

/** Makes the dispatcher for a set of commands and answer functions. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const byName = new Map(options.commands.map((c) => [c.data.name, c]));
  const names = [...byName.keys()];
  const allowed = new Set(options.allowedGuilds);
  const cooldown = new Cooldown(options.cooldownSeconds);
  const buttonCooldown = new Cooldown(Math.min(1, options.cooldownSeconds));
  const cache = new QueryCache();
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const answerFunction = (name: CommandName): AnswerFunction | null => options.answers[name] ?? null;

  function compute(command: CommandName, query: string): Answer | null {
    const fn = options.answers[command];
    if (!fn) return null;
    const { query: q, cut } = cleanQuery(query);
    const answer = fn(options.library(), q, {});
    if (cut) answer.notes.push(`The query was cut to ${MAX_QUERY_LENGTH} characters.`);
    return answer;
  }

  /** Button ids carry the query as the user gave it (cleaned), so a press recomputes the same answer. */
  const idsFor = (command: CommandName, query: string) => (action: 'page' | 'sources', page: number) =>
    encodeButton({ action, command, page, query: cleanQuery(query).query }, cache);

  async function onCommand(i: ChatInputCommandInteraction, r: Responder, set: (o: Outcome) => void): Promise<void> {
    const command = byName.get(i.commandName);
    if (!command) {
      set('unknown-command');
      return r.send({ content: MESSAGES.unknown(i.commandName, names), ephemeral: true });
    }
    const wait = cooldown.take(i.user.id);
    if (wait > 0) {
      set('cooldown');
      return r.send({ content: MESSAGES.cooldown(wait), ephemeral: true });
    }
    const ctx: CommandContext = {
      library: options.library,
      answerFunction,
      services: options.services ?? NO_SERVICES,
      defer: (o) => r.defer('reply', o?.ephemeral ?? false),
      respond: async (answer, o) => {
        const ephemeral = o?.ephemeral ?? false;
        set(answer.items.length === 0 ? 'empty' : 'answered');
        if (answer.items.length === 0 && answer.sources.length === 0) return r.send({ content: renderShort(answer), ephemeral });
        // Buttons recompute the answer from its command and query: only for the engine's own commands.
        const replayable = answer.command in options.answers;
        const { embeds, components } = renderAnswer(answer, { page: 0, ids: idsFor(answer.command as CommandName, answer.query) });
        return r.send({ embeds, components: ephemeral || !replayable ? [] : components, ephemeral });
      },
      answer: async (name, query) => {
        if (!options.answers[name]) {
          set('unavailable');
          return r.send({ content: MESSAGES.unavailable(name), ephemeral: true });
        }
        if (shouldDefer(command, query)) await r.defer('reply');
        const answer = compute(name, query)!;
        if (answer.items.length === 0) {
          set('empty');
          return r.send({ content: renderShort(answer), ephemeral: true });
        }
        const { embeds, components } = renderAnswer(answer, { page: 0, ids: idsFor(name, query) });
        set('answered');
        return r.send({ embeds, components });
      },
    };
    await command.execute(i, ctx);
  }

  async function onButton(i: ButtonInteraction, r: Responder, set: (o: Outcome) => void): Promise<void> {
    const state = decodeButton(i.customId, cache, names);
    if (state === null) {
      set('ignored');
      return r.send({ content: MESSAGES.foreign, ephemeral: true });
    }
    if (state === 'expired') {
      set('expired-button');
      const name = i.customId.split('|')[2] ?? 'the command';
      return r.send({ content: MESSAGES.expired(name), ephemeral: true });
    }
    const wait = buttonCooldown.take(i.user.id);
    if (wait > 0) {
      set('cooldown');
      return r.send({ content: MESSAGES.cooldown(wait), ephemeral: true });
    }
    const button = byName.get(state.command);
    const slow = button ? shouldDefer(button, state.query) : true;
    if (state.action === 'page') {
      if (slow) await r.defer('update');
      const answer = compute(state.command, state.query);
      if (!answer || answer.items.length === 0) {
        set('expired-button');
        return r.send({ content: MESSAGES.expired(state.command), ephemeral: true });
      }
      set('paged');
      const { embeds, components } = renderAnswer(answer, { page: state.page, ids: idsFor(state.command, state.query) });
      return r.update({ embeds, components });
    }
    if (slow) await r.defer('reply', true);
    const answer = compute(state.command, state.query);
    if (!answer) return r.send({ content: MESSAGES.unavailable(state.command), ephemeral: true });
    set('sources');
    const paragraphs = options.library().corpus.paragraphById;
    const { embeds } = renderSources(answer, state.page, (id) => paragraphs.get(id)?.text);
    return r.send({ embeds, ephemeral: true });
  }

  async function onAutocomplete(i: AutocompleteInteraction, set: (o: Outcome) => void, guildOk: boolean): Promise<void> {
    set('autocomplete');
    const command = byName.get(i.commandName);
    const ctx: CommandContext = {
      library: options.library,
      answerFunction,
      services: options.services ?? NO_SERVICES,
      answer: async () => {},
      respond: async () => {},
      defer: async () => {},
    };
    const choices = guildOk && !closing && command?.autocomplete ? command.autocomplete(i, ctx) : [];
    await i.respond(choices);
  }

  async function handle(interaction: Interaction): Promise<void> {
    const started = performance.now();
    const command = interaction.isChatInputCommand() || interaction.isAutocomplete()
      ? interaction.commandName
      : interaction.isButton()
        ? interaction.customId.split('|')[2]
        : undefined;
    const log = options.logger.child({
      interaction: interaction.id,
      type: interaction.isAutocomplete() ? 'autocomplete' : interaction.isButton() ? 'button' : interaction.isChatInputCommand() ? 'command' : String(interaction.type),
      command,
      guild: interaction.guildId,
      user: interaction.user.id,
    });
    let outcome: Outcome = 'ignored';
    const set = (o: Outcome) => {
      outcome = o;
    };
    const guildOk = allowed.size === 0 || (interaction.guildId !== null && allowed.has(interaction.guildId));
    const r = interaction.isChatInputCommand() || interaction.isButton() ? new Responder(interaction) : undefined;
    try {
      if (interaction.isAutocomplete()) {
        await onAutocomplete(interaction, set, guildOk);
      } else if (!r) {
        set('ignored');
      } else if (closing) {
        set('shutting-down');
        await r.send({ content: MESSAGES.shuttingDown, ephemeral: true });
      } else if (!guildOk) {
        set('refused-guild');
        await r.send({ content: MESSAGES.guild, ephemeral: true });
      } else if (interaction.isChatInputCommand()) {
        await onCommand(interaction, r, set);
      } else if (interaction.isButton()) {
        await onButton(interaction, r, set);
      }
    } catch (err) {
      if (err instanceof UserError && r) {
        set('bad-option');
        await r.send({ content: err.message, ephemeral: true }).catch((e: unknown) => log.warn({ err: e }, 'could not send the error message'));
      } else {
        set('error');
        log.error({ err }, 'interaction failed');
        if (r) await r.send({ content: APOLOGY, ephemeral: true }).catch((e: unknown) => log.warn({ err: e }, 'could not send the apology'));
      }
    } finally {
      const latencyMs = Math.round(performance.now() - started);
      const ackMs = r?.acknowledgedAt !== undefined ? Math.round(r.acknowledgedAt - started) : undefined;
      log.info({ outcome, latencyMs, ackMs, ack: r?.ack }, 'interaction');
    }
  }

  return {
    handle(interaction) {
      const p = handle(interaction).finally(() => inFlight.delete(p));
      inFlight.add(p);
      return p;
    },
    async drain(timeoutMs = 10_000) {
      closing = true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      await Promise.race([Promise.allSettled([...inFlight]), timeout]);
      clearTimeout(timer);
    },
    get inFlight() {
      return inFlight.size;
    },
  };
}
