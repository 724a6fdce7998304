/**
 * The Discord side of push (watches and schedules), for the commands in commands/watch*.ts and
 * commands/schedule*.ts and for src/main.ts: which channel a command targets and whether the bot may post
 * there (checked before anything is saved), the lists rendered with channel mentions, and the gateway events
 * push must hear (a deleted channel takes its watches and schedules with it).
 */
import {
  ChannelType,
  Events,
  PermissionFlagsBits,
  type SlashCommandSubcommandsOnlyBuilder,
  type ChatInputCommandInteraction,
  type Client,
  type GuildBasedChannel,
} from 'discord.js';
import type { Logger } from '../log.ts';
import type { CommandContext } from './command.ts';
import { UserError } from './errors.ts';
import { PushError, type Push } from '../push/push.ts';
import { scheduleListAnswer, watchListAnswer } from '../push/answers.ts';

/** What the bot needs in a channel to post there (a thread needs Send Messages in Threads instead). */
export const POSTING_PERMISSIONS: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessages, 'Send Messages'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];
export const THREAD_POSTING_PERMISSIONS: ReadonlyArray<[bigint, string]> = [
  [PermissionFlagsBits.ViewChannel, 'View Channel'],
  [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'],
  [PermissionFlagsBits.EmbedLinks, 'Embed Links'],
];

/** The permissions the README's invite link asks for: what posting anywhere (channels and threads) needs. */
export const INVITE_PERMISSIONS = [...POSTING_PERMISSIONS, ...THREAD_POSTING_PERMISSIONS].reduce((all, [bit]) => all | bit, 0n);

/** Channel types push can post in (chosen with the `channel` option). */
export const POSTABLE_CHANNEL_TYPES = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.PublicThread, ChannelType.PrivateThread, ChannelType.AnnouncementThread] as const;

/** The push service, or a UserError when this process runs without it. */
export function pushOf(ctx: CommandContext): Push {
  const push = ctx.services.push;
  if (!push) throw new UserError('Watches and schedules are not running in this bot: it runs without its state database.');
  return push;
}

/** Runs a push request; what push refuses is said to the person (a UserError), anything else is a bug. */
export async function asked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PushError) throw new UserError(err.message);
    throw err;
  }
}

/**
 * The channel a command targets (`channelId`, else its `channel` option, else where it was typed), checked:
 * a channel of this server the bot can see and post in, with the permissions it lacks named exactly.
 *
 * @example postableChannel(interaction) // { id, name: '#newsroom' } or throws "I can't post in #desk: …"
 */
export function postableChannel(interaction: ChatInputCommandInteraction, channelId?: string): { id: string; name: string } {
  const option = channelId === undefined ? interaction.options.getChannel('channel') : null;
  const id = channelId ?? option?.id ?? interaction.channelId;
  const channel = interaction.client.channels.cache.get(id) as GuildBasedChannel | undefined;
  const name = channel && 'name' in channel ? `#${channel.name}` : 'that channel';
  if (!channel || !('guild' in channel) || channel.guild.id !== interaction.guildId) {
    throw new UserError(`I can't see ${option || channelId ? name : 'this channel'}: pick a text channel or thread of this server that the bot can view.`);
  }
  if (!channel.isTextBased() || !(POSTABLE_CHANNEL_TYPES as readonly ChannelType[]).includes(channel.type)) {
    throw new UserError(`${name} is not a text channel or thread: pick one where messages can be posted.`);
  }
  const problem = missingPermissions(channel);
  if (problem) throw new UserError(problem);
  return { id: channel.id, name };
}

/**
 * What the bot lacks to post in a channel, as a sentence naming each missing permission, or null.
 * @example "I can't post in #desk: the bot is missing Send Messages and Embed Links there. Give it those in the channel's permissions (or pick another channel), then try again."
 */
export function missingPermissions(channel: GuildBasedChannel): string | null {
  const me = channel.guild.members.me;
  const name = `#${channel.name}`;
  if (!me) return `I can't check my permissions in ${name} yet: try again in a minute.`;
  const granted = channel.permissionsFor(me);
  const needed = channel.isThread() ? THREAD_POSTING_PERMISSIONS : POSTING_PERMISSIONS;
  const missing = needed.filter(([bit]) => !granted.has(bit)).map(([, label]) => label);
  if (missing.length === 0) return null;
  const list = missing.length === 1 ? missing[0]! : `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}`;
  return `I can't post in ${name}: the bot is missing ${list} there. Give it ${missing.length === 1 ? 'that permission' : 'those permissions'} in the channel's settings (or pick another channel), then try again.`;
}

/**
 * A channel as the lists show it in Discord: its mention `<#id>` (shown as the clickable #name; a channel
 * mention never pings, and every message goes out with `allowed_mentions: { parse: [] }` anyway), or what is
 * known of a channel the bot no longer sees (a mention of it would read "#unknown").
 */
export function channelMention(client: Client, id: string): string {
  const channel = client.channels.cache.get(id);
  return channel && 'name' in channel && channel.name ? `<#${channel.id}>` : `channel ${id} (not visible to the bot)`;
}

/**
 * Adds the `list [page:]`, `remove id:`, `pause id:` and `resume id:` subcommands that /watch and /schedule
 * share, for a `noun` ("watch", "schedule").
 */
export function withManagement<B extends SlashCommandSubcommandsOnlyBuilder>(builder: B, noun: string, o: { list: string; pause: string; resume: string }): B {
  const id = `The ${noun} number (/${noun} list)`;
  builder
    .addSubcommand((s) => s.setName('list').setDescription(o.list).addIntegerOption((x) => x.setName('page').setDescription('Page of the list').setMinValue(1)))
    .addSubcommand((s) => s.setName('remove').setDescription(`Delete a ${noun}`).addIntegerOption((x) => x.setName('id').setDescription(id).setMinValue(1).setRequired(true)))
    .addSubcommand((s) => s.setName('pause').setDescription(o.pause).addIntegerOption((x) => x.setName('id').setDescription(id).setMinValue(1).setRequired(true)))
    .addSubcommand((s) => s.setName('resume').setDescription(o.resume).addIntegerOption((x) => x.setName('id').setDescription(id).setMinValue(1).setRequired(true)));
  return builder;
}

/** Reads a positive whole-number option (`id`, `page`). */
export function readInteger(interaction: ChatInputCommandInteraction, name: string, required: true): number;
export function readInteger(interaction: ChatInputCommandInteraction, name: string, required?: false): number | null;
export function readInteger(interaction: ChatInputCommandInteraction, name: string, required = false): number | null {
  const value = interaction.options.getInteger(name, required);
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 1) throw new UserError(`The \`${name}\` option must be a whole number from 1, got ${value}.`);
  return value;
}

/**
 * Hands push the gateway events it needs: a deleted channel or thread takes its watches and schedules with
 * it. Returns a function that removes the listeners.
 */
export function attachPush(client: Client, push: Push, logger: Logger): () => void {
  const gone = (id: string) => {
    push.channelDeleted(id).catch((err: unknown) => logger.error({ err, channel: id }, 'could not forget a deleted channel'));
  };
  const onChannel = (channel: { id: string }) => gone(channel.id);
  client.on(Events.ChannelDelete, onChannel);
  client.on(Events.ThreadDelete, onChannel);
  return () => {
    client.off(Events.ChannelDelete, onChannel);
    client.off(Events.ThreadDelete, onChannel);
  };
}

/** Replies with the server's watches (a page of them), privately. */
export async function respondWatchList(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const push = pushOf(ctx);
  const page = readInteger(interaction, 'page') ?? 1;
  const { watches, counts } = await push.listWatches(interaction.guildId!);
  const answer = watchListAnswer(ctx.library(), watches, { channelName: (id) => channelMention(interaction.client, id), counts, page });
  await ctx.respond(answer, { ephemeral: true });
}

/** Replies with the server's schedules (a page of them), privately. */
export async function respondScheduleList(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void> {
  const push = pushOf(ctx);
  const page = readInteger(interaction, 'page') ?? 1;
  const schedules = await push.listSchedules(interaction.guildId!);
  const answer = scheduleListAnswer(ctx.library(), schedules, { channelName: (id) => channelMention(interaction.client, id), page });
  await ctx.respond(answer, { ephemeral: true });
}
