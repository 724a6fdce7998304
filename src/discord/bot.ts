/**
 * The Discord door: a discord.js v14 gateway client with only the Guilds intent, answering the slash
 * commands of `commands/index.ts` through the dispatcher. `startBot` resolves once the client is ready;
 * `stop()` refuses new interactions, lets in-flight answers finish, then destroys the client.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import { Agent } from 'undici';
import type { Logger } from 'pino';
import type { CommandName } from '../answer/types.ts';
import { ANSWERS, type AnswerFunction } from '../answer/index.ts';
import type { Library } from '../library.ts';
import type { DiscordConfig } from '../config.ts';
import type { Command } from './command.ts';
import { commands as defaultCommands } from '../../commands/index.ts';
import { createDispatcher } from './dispatch.ts';
import { NO_MENTIONS } from './reply.ts';
import type { Services } from '../services.ts';
import type { CorpusStore } from '../store/types.ts';

export interface BotOptions {
  /** Answer functions by command (default: the engine's `ANSWERS`); tests pass fixtures. */
  answers?: Readonly<Partial<Record<CommandName, AnswerFunction | null>>>;
  /** The slash commands (default: `commands/index.ts`). */
  commands?: readonly Command[];
  /** How long `stop()` waits for answers in flight (default 10 s). */
  drainTimeoutMs?: number;
  /** The state database, intake and push, for the commands that manage them. */
  services?: Services;
  /** Answer from this corpus store (PostgreSQL) instead of the library. */
  store?: CorpusStore;
}

export interface BotHandle {
  client: Client<true>;
  /** Interactions being answered right now. */
  readonly inFlight: number;
  /** Finishes in-flight answers (refusing new ones politely), then disconnects. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Connects to Discord (or to the Discord-compatible server at `config.apiUrl`) and answers commands.
 * `library` may be a function, so a reloaded corpus is picked up by the next interaction.
 *
 * @example const bot = await startBot(config.discord, library, logger); process.once('SIGTERM', () => bot.stop());
 */
export async function startBot(
  config: DiscordConfig,
  library: Library | (() => Library),
  logger: Logger,
  options: BotOptions = {},
): Promise<BotHandle> {
  const log = logger.child({ component: 'discord' });
  // discord.js's REST sends through its own HTTP client (undici 6), which by default uses the
  // process-wide dispatcher: whichever undici set it first (ours, or Node's own behind fetch/FormData),
  // and one of another major cannot send its multipart bodies ("action is not a function": every chart
  // and export failed). Its own Agent makes that independent of what loaded first; package.json keeps
  // our undici on discord.js's major so this Agent is of its copy.
  const agent = new Agent();
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.apiUrl, agent },
    allowedMentions: NO_MENTIONS,
  });
  const dispatcher = createDispatcher({
    commands: options.commands ?? defaultCommands,
    answers: options.answers ?? ANSWERS,
    library: typeof library === 'function' ? library : () => library,
    allowedGuilds: config.allowedGuilds,
    cooldownSeconds: config.cooldownSeconds,
    logger: log,
    ...(options.services ? { services: options.services } : {}),
    ...(options.store ? { store: options.store } : {}),
  });

  client.on(Events.InteractionCreate, (interaction) => void dispatcher.handle(interaction));
  client.on(Events.Error, (err) => log.error({ err }, 'client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'client warning'));
  client.on(Events.Debug, (message) => log.trace({ message }, 'discord.js'));
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ code: event.code, shard }, 'gateway disconnected'));
  client.on(Events.ShardReconnecting, (shard) => log.debug({ shard }, 'gateway reconnecting'));

  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login(config.token);
  } catch (err) {
    await client.destroy();
    await agent.close();
    throw err;
  }
  const readyClient = await ready;
  log.info(
    { user: readyClient.user.id, application: readyClient.application.id, guilds: readyClient.guilds.cache.size },
    'connected to Discord',
  );

  let stopping: Promise<void> | undefined;
  return {
    client: readyClient,
    get inFlight() {
      return dispatcher.inFlight;
    },
    stop() {
      stopping ??= (async () => {
        log.info({ inFlight: dispatcher.inFlight }, 'shutting down: finishing answers in flight');
        await dispatcher.drain(options.drainTimeoutMs);
        await client.destroy();
        await agent.close();
        log.info('disconnected');
      })();
      return stopping;
    },
  };
}

/**
 * Stops the bot gracefully on SIGINT or SIGTERM, then exits. Returns a function that removes the handlers.
 */
export function stopOnSignals(bot: BotHandle, logger: Logger, exit: (code: number) => void = (c) => process.exit(c)): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'signal received');
    bot.stop().then(
      () => exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
