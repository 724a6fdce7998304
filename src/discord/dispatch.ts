/**
 * The dispatcher: one entry point for every interaction. It checks the guild allow-list, finds the
 * command, applies the per-user cooldown, runs the command or the button, and answers through the
 * Responder. Expected failures become short ephemeral messages; a database that cannot be reached is said
 * as such (src/db/unreachable.ts: which, whether the change was made, what to do); bugs are logged with the
 * interaction's context and answered with an apology; nothing thrown here stops the bot. Each interaction
 * gets one log line (child logger: command, guild, user, latency, outcome).
 */
import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import type { Logger } from 'pino';
import type { Answer, CommandName } from '../answer/types.ts';
import type { AnswerFunction } from '../answer/index.ts';
import { MAX_QUERY_LENGTH, cleanQuery } from '../answer/index.ts';
import type { Library } from '../library.ts';
import type { Command, CommandContext } from './command.ts';
import { Cooldown } from './cooldown.ts';
import { QueryCache, decodeButton, encodeButton, type ButtonState } from './buttons.ts';
import { APOLOGY, UserError } from './errors.ts';
import { DatabaseUnreachableError, unreachableReply } from '../db/unreachable.ts';
import { BUDGET, renderAnswer, renderShort, renderSources, type ButtonAction, type ButtonExtra } from './render.ts';
import { Responder } from './reply.ts';
import { Pace, paceKind, type PaceDecision } from './pace.ts';
import { NO_SERVICES, type Services } from '../services.ts';
import { chartFiles, exportMessage, withExportButton } from './exports.ts';
import { archiveOutage, type CorpusStore } from '../store/types.ts';

export interface DispatcherOptions {
  commands: readonly Command[];
  answers: Readonly<Partial<Record<CommandName, AnswerFunction | null>>>;
  library: () => Library;
  /** Guild ids the bot answers in; empty = any. */
  allowedGuilds: readonly string[];
  cooldownSeconds: number;
  logger: Logger;
  /** Answers expected within this many ms are sent at once, without "thinking…" (see pace.ts). */
  atOnceBudgetMs?: number;
  /** The state database, intake and push (default: none). */
  services?: Services;
  /** Answers from this corpus store (the PostgreSQL one) instead of `library` (default: the library). */
  store?: CorpusStore;
}

export type Outcome =
  | 'answered'
  | 'paged'
  | 'copied'
  | 'sources'
  | 'exported'
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
  | 'database-unreachable'
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

/** Whether `command`'s own hint says its answer to `query` may be slow (then the bot acknowledges first). */
export function shouldDefer(command: Command, query: string, library: Library): boolean {
  return typeof command.defer === 'function' ? command.defer(query, library) : command.defer;
}

/** The answer "Show all" asks for: as many items as Discord pages through (the default limit lifted). */
const ALL_ITEMS = BUDGET.maxItems;

/** Makes the dispatcher for a set of commands and answer functions. */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const byName = new Map(options.commands.map((c) => [c.data.name, c]));
  const names = [...byName.keys()];
  const allowed = new Set(options.allowedGuilds);
  const cooldown = new Cooldown(options.cooldownSeconds);
  const buttonCooldown = new Cooldown(Math.min(1, options.cooldownSeconds));
  const cache = new QueryCache();
  const pace = new Pace(options.atOnceBudgetMs);
  const inFlight = new Set<Promise<void>>();
  let closing = false;

  const answerFunction = (name: CommandName): AnswerFunction | null => options.answers[name] ?? null;

  /** Computes an answer (timed, for the pace of its kind); `all` lifts the default limit ("Show all"). */
  async function compute(command: CommandName, query: string, all = false): Promise<Answer | null> {
    const fn = options.answers[command];
    if (!fn) return null;
    const { query: q, cut } = cleanQuery(query);
    const started = performance.now();
    const limit = all ? { limit: ALL_ITEMS } : {};
    // The PostgreSQL store answers each question from the database (the same answer functions on its working set).
    const answer = options.store ? await options.store.ask(command, q, limit) : fn(options.library(), q, limit);
    pace.record(paceKind(command, q), performance.now() - started);
    // The archive could not be reached: answered (and logged, with where it is) as every database outage is.
    const down = archiveOutage(answer);
    if (down) throw down;
    if (cut) answer.notes.push(`The query was cut to ${MAX_QUERY_LENGTH} characters.`);
    return answer;
  }

  /** Answer at once, or acknowledge first? (pace.ts) Recorded for the interaction's log line. */
  function decide(i: ChatInputCommandInteraction | ButtonInteraction, name: CommandName, query: string, noted: (d: PaceDecision) => void): boolean {
    const command = byName.get(name);
    const hint = command ? shouldDefer(command, query, options.library()) : true;
    const decision = pace.decide(paceKind(name, cleanQuery(query).query), hint, i.createdTimestamp);
    noted(decision);
    return decision.atOnce;
  }

  /** Button ids carry the query as the user gave it (cleaned), so a press recomputes the same answer. */
  const idsFor = (command: CommandName, query: string) => (action: ButtonAction, page: number, extra?: ButtonExtra) =>
    encodeButton({ action, command, page, query: cleanQuery(query).query, ...extra }, cache);

  /** One page of an answer, with the Export button where the command has exports. */
  const renderPage = (command: CommandName, query: string, answer: Answer, page: number, all = false) => {
    const ids = idsFor(command, query);
    return withExportButton(renderAnswer(answer, { page, ids, all }), answer, ids('export', page, all ? { all } : undefined));
  };

  async function onCommand(i: ChatInputCommandInteraction, r: Responder, set: (o: Outcome) => void, noted: (d: PaceDecision) => void): Promise<void> {
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
      ...(options.store ? { store: options.store } : {}),
      answerFunction,
      services: options.services ?? NO_SERVICES,
      defer: (o) => r.defer('reply', o?.ephemeral ?? false),
      respond: async (answer, o) => {
        const ephemeral = o?.ephemeral ?? false;
        set(answer.items.length === 0 ? 'empty' : 'answered');
        if (answer.items.length === 0 && answer.sources.length === 0) return r.send({ content: renderShort(answer), ephemeral });
        // A command's own answer (a listing, what was added) is not recomputed by a button: no buttons.
        const { embeds } = renderAnswer(answer, { page: 0, ids: idsFor(answer.command as CommandName, answer.query) });
        return r.send({ embeds, components: [], ephemeral });
      },
      answer: async (name, query) => {
        if (!options.answers[name]) {
          set('unavailable');
          return r.send({ content: MESSAGES.unavailable(name), ephemeral: true });
        }
        // Decide first: an answer ready in time goes out in one reply, public or (nothing found) private,
        // so nothing flashes in the channel. Only a possibly slow one shows "thinking…" first.
        if (!decide(i, name, query, noted)) await r.defer('reply');
        const answer = (await compute(name, query))!;
        if (answer.items.length === 0) {
          set('empty');
          return r.send({ content: renderShort(answer), ephemeral: true });
        }
        const { embeds, components } = renderPage(name, query, answer, 0);
        const files = await chartFiles(answer, embeds, (err) => options.logger.warn({ err, command: name }, 'timeline chart not drawn'));
        set('answered');
        return r.send({ embeds, components, files });
      },
    };
    await command.execute(i, ctx);
  }

  async function onButton(i: ButtonInteraction, r: Responder, set: (o: Outcome) => void, noted: (d: PaceDecision) => void): Promise<void> {
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
    const atOnce = decide(i, state.command, state.query, noted);
    if (state.action === 'export') return onExport(r, state, atOnce, set);
    return state.action === 'page' ? onPage(i, r, state, atOnce, set) : onSources(i, r, state, atOnce, set);
  }

  /** Export: the answer as files (Markdown; a timeline also as TimelineJS JSON and CSV), sent privately. */
  async function onExport(r: Responder, state: ButtonState, atOnce: boolean, set: (o: Outcome) => void): Promise<void> {
    if (!atOnce) await r.defer('reply', true);
    const answer = await compute(state.command, state.query, state.all);
    if (!answer || answer.items.length === 0) {
      set('expired-button');
      return r.send({ content: MESSAGES.expired(state.command), ephemeral: true });
    }
    set('exported');
    return r.send({ ...exportMessage(answer), ephemeral: true });
  }

  /**
   * More / Back / Show all. The person who asked pages their public answer in place; anyone else gets a
   * private copy at the page they asked for, which they then page in place (a private message is theirs).
   */
  async function onPage(i: ButtonInteraction, r: Responder, state: ButtonState, atOnce: boolean, set: (o: Outcome) => void): Promise<void> {
    const inPlace = ownsMessage(i);
    if (!atOnce) await r.defer(inPlace ? 'update' : 'reply', !inPlace);
    const answer = await compute(state.command, state.query, state.all);
    if (!answer || answer.items.length === 0) {
      set('expired-button');
      return r.send({ content: MESSAGES.expired(state.command), ephemeral: true });
    }
    const { embeds, components } = renderPage(state.command, state.query, answer, state.page, state.all === true);
    if (!inPlace) {
      set('copied');
      return r.send({ embeds, components, ephemeral: true });
    }
    set('paged');
    return r.update({ embeds, components });
  }

  /**
   * Sources: the cited paragraphs of an answer's page, always private. The Sources button sends a new
   * private message; the Previous / Next of that view (they carry its page, `sub`) turn its pages in place.
   */
  async function onSources(i: ButtonInteraction, r: Responder, state: ButtonState, atOnce: boolean, set: (o: Outcome) => void): Promise<void> {
    const inPlace = state.sub !== undefined && isEphemeral(i);
    if (!atOnce) await r.defer(inPlace ? 'update' : 'reply', !inPlace);
    const answer = await compute(state.command, state.query, state.all);
    if (!answer) return r.send({ content: MESSAGES.unavailable(state.command), ephemeral: true });
    set('sources');
    const texts = options.store ? await options.store.paragraphTexts(answer.items.flatMap((i) => i.citations.map((c) => c.id))) : null;
    const paragraphs = options.library().corpus.paragraphById;
    const view = renderSources(answer, state.page, (id) => (texts ? texts.get(id) : paragraphs.get(id)?.text), {
      ...(state.sub !== undefined ? { sub: state.sub } : {}),
      ids: idsFor(state.command, state.query),
      all: state.all === true,
    });
    return inPlace ? r.update({ embeds: view.embeds, components: view.components }) : r.send({ embeds: view.embeds, components: view.components, ephemeral: true });
  }

  async function onAutocomplete(i: AutocompleteInteraction, set: (o: Outcome) => void, guildOk: boolean): Promise<void> {
    set('autocomplete');
    const command = byName.get(i.commandName);
    const ctx: CommandContext = {
      library: options.library,
      ...(options.store ? { store: options.store } : {}),
      answerFunction,
      services: options.services ?? NO_SERVICES,
      answer: async () => {},
      respond: async () => {},
      defer: async () => {},
    };
    const choices = guildOk && !closing && command?.autocomplete ? await command.autocomplete(i, ctx) : [];
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
    let pacing: PaceDecision | undefined;
    const noted = (d: PaceDecision) => {
      pacing = d;
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
        await onCommand(interaction, r, set, noted);
      } else if (interaction.isButton()) {
        await onButton(interaction, r, set, noted);
      }
    } catch (err) {
      const down = unreachableReply(err, 'discord');
      if (err instanceof UserError && r) {
        set('bad-option');
        await r.send({ content: err.message, ephemeral: true }).catch((e: unknown) => log.warn({ err: e }, 'could not send the error message'));
      } else if (down !== null) {
        // Not a bug: a database is down. Say what happened and what to do; the next command reconnects. Where
        // it is goes to this log line only: the reply names the database by its role (unreachableReply).
        set('database-unreachable');
        const facts = err instanceof DatabaseUnreachableError ? { database: err.database, where: err.where, made: err.made } : {};
        log.warn({ err, ...facts }, 'a database is unreachable');
        if (r) await r.send({ content: down, ephemeral: true }).catch((e: unknown) => log.warn({ err: e }, 'could not send the error message'));
      } else {
        set('error');
        log.error({ err }, 'interaction failed');
        if (r) await r.send({ content: APOLOGY, ephemeral: true }).catch((e: unknown) => log.warn({ err: e }, 'could not send the apology'));
      }
    } finally {
      const latencyMs = Math.round(performance.now() - started);
      const ackMs = r?.acknowledgedAt !== undefined ? Math.round(r.acknowledgedAt - started) : undefined;
      log.info({ outcome, latencyMs, ackMs, ack: r?.ack, ...(pacing ? { waitedMs: pacing.waitedMs, ...(pacing.reason ? { deferred: pacing.reason } : {}) } : {}) }, 'interaction');
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

/** Whether the message a button is on is private (ephemeral): only the person who sees it can press it. */
function isEphemeral(i: ButtonInteraction): boolean {
  return i.message.flags.has(MessageFlags.Ephemeral);
}

/**
 * Whether the person pressing may change the message in place: it is private (so theirs), or it answers an
 * interaction of theirs. A message whose asker is unknown is treated as someone else's (a private copy
 * never disturbs a shared answer).
 */
function ownsMessage(i: ButtonInteraction): boolean {
  return isEphemeral(i) || i.message.interactionMetadata?.user.id === i.user.id;
}
