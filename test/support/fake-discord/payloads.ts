/**
 * Gateway and REST payloads shaped as Discord sends them (API v10), just complete enough for
 * discord.js v14 to build its structures from them.
 */
import { snowflake } from './snowflake.ts';

export interface FakeUser {
  id: string;
  username: string;
  bot?: boolean;
}

export function userPayload(user: FakeUser) {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.bot ? null : user.username,
    avatar: null,
    bot: user.bot ?? false,
    flags: 0,
  };
}

/** Discord permission bits the bot and the tests use (https://discord.com/developers/docs/topics/permissions). */
export const PERMISSIONS = {
  ManageChannels: 1n << 4n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  SendMessagesInThreads: 1n << 38n,
} as const;

/** What a member of the newsroom may do by default (no Manage Channels, no Manage Messages). */
export const MEMBER_PERMISSIONS = PERMISSIONS.ViewChannel | PERMISSIONS.SendMessages | PERMISSIONS.EmbedLinks | PERMISSIONS.AttachFiles | PERMISSIONS.ReadMessageHistory | PERMISSIONS.SendMessagesInThreads;

/** A channel of a fake guild: text (0), announcement (5) or public thread (11, with a parent). */
export interface FakeChannel {
  id: string;
  name: string;
  type: 0 | 5 | 11;
  parentId?: string;
  /** Permissions denied to the bot in this channel (a member overwrite). */
  botDeny?: bigint;
}

export interface FakeGuild {
  id: string;
  name: string;
  /** The first text channel: where interactions come from by default. */
  channelId: string;
  channels: FakeChannel[];
  /** The bot's role permissions in this guild. */
  botPermissions: bigint;
  botRoleId: string;
}

export function channelPayload(guildId: string, c: FakeChannel, botUserId: string) {
  const overwrites = c.botDeny ? [{ id: botUserId, type: 1, allow: '0', deny: String(c.botDeny) }] : [];
  if (c.type === 11) {
    return {
      id: c.id, type: 11, guild_id: guildId, name: c.name, parent_id: c.parentId ?? null, owner_id: botUserId, last_message_id: null, rate_limit_per_user: 0,
      message_count: 0, member_count: 1, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false }, flags: 0,
    };
  }
  return { id: c.id, type: c.type, guild_id: guildId, name: c.name, position: 0, permission_overwrites: overwrites, nsfw: false, topic: null, parent_id: null, last_message_id: null, rate_limit_per_user: 0 };
}

export function guildPayload(guild: FakeGuild & { ownerId: string }, bot: FakeUser) {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      { id: guild.id, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: String(MEMBER_PERMISSIONS), managed: false, mentionable: false, flags: 0 },
      { id: guild.botRoleId, name: 'newsroom-bot', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 1, permissions: String(guild.botPermissions), managed: true, mentionable: false, flags: 0, tags: { bot_id: bot.id } },
    ],
    emojis: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    stickers: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [{ user: userPayload(bot), roles: [guild.botRoleId], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, premium_since: null, communication_disabled_until: null }],
    channels: guild.channels.filter((c) => c.type !== 11).map((c) => channelPayload(guild.id, c, bot.id)),
    threads: guild.channels.filter((c) => c.type === 11).map((c) => channelPayload(guild.id, c, bot.id)),
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** The interaction a message answers, as Discord records it on the message (`interaction_metadata`). */
export interface MessageInteraction {
  id: string;
  /** 2: a slash command; 3: a component (button). */
  type: number;
  user: FakeUser;
  guildId: string | null;
}

/**
 * A message object as the REST API returns it for a webhook/interaction message. A new message carries the
 * `interaction_metadata` of the interaction it answers (who asked); an edited one keeps the one it had.
 */
export function messagePayload(
  body: Record<string, unknown>,
  o: { channelId: string; author: FakeUser; applicationId: string; id?: string; interaction?: MessageInteraction },
) {
  const metadata = o.interaction
    ? {
        id: o.interaction.id,
        type: o.interaction.type,
        user: userPayload(o.interaction.user),
        authorizing_integration_owners: o.interaction.guildId ? { '0': o.interaction.guildId } : { '1': o.interaction.user.id },
      }
    : body.interaction_metadata;
  return {
    ...(metadata ? { interaction_metadata: metadata } : {}),
    id: o.id ?? snowflake(),
    type: 20,
    channel_id: o.channelId,
    author: userPayload(o.author),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: Array.isArray(body.attachments) ? body.attachments : [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    flags: typeof body.flags === 'number' ? body.flags : 0,
    application_id: o.applicationId,
    webhook_id: o.applicationId,
  };
}

export interface InteractionBase {
  id: string;
  token: string;
  applicationId: string;
  guildId: string | null;
  channelId: string;
  user: FakeUser;
  /** The member's permissions in the channel (default: an ordinary member's). */
  memberPermissions?: bigint;
  /** The bot's permissions in the channel (Discord's `app_permissions`). */
  appPermissions?: bigint;
}

function common(b: InteractionBase) {
  const user = userPayload(b.user);
  return {
    id: b.id,
    application_id: b.applicationId,
    token: b.token,
    version: 1,
    channel_id: b.channelId,
    channel: { id: b.channelId, type: 0, guild_id: b.guildId ?? undefined, name: 'newsroom', permissions: String(b.memberPermissions ?? MEMBER_PERMISSIONS) },
    app_permissions: String(b.appPermissions ?? 1071698660929n),
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 8388608,
    ...(b.guildId
      ? {
          guild_id: b.guildId,
          guild_locale: 'en-US',
          guild: { id: b.guildId, locale: 'en-US', features: [] },
          member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, permissions: String(b.memberPermissions ?? MEMBER_PERMISSIONS), premium_since: null, communication_disabled_until: null },
          authorizing_integration_owners: { '0': b.guildId },
          context: 0,
        }
      : { user, authorizing_integration_owners: { '1': b.user.id }, context: 1 }),
  };
}

/**
 * A command option as Discord sends it: a value (string 3, integer 4, boolean 5, channel 7 — the channel's
 * id, attachment 11 — the attachment's id), or a subcommand (type 1) holding its own options.
 */
export interface OptionValue {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: OptionValue[];
}

/** The objects option values refer to (`data.resolved`). */
export interface Resolved {
  channels?: Record<string, unknown>;
  attachments?: Record<string, unknown>;
}

/** INTERACTION_CREATE for a slash command (type 2) or its autocomplete (type 4). */
export function commandInteraction(b: InteractionBase, command: { id: string; name: string; options: OptionValue[]; resolved?: Resolved }, autocomplete = false) {
  return {
    ...common(b),
    type: autocomplete ? 4 : 2,
    data: {
      id: command.id,
      name: command.name,
      type: 1,
      options: command.options,
      ...(command.resolved ? { resolved: command.resolved } : {}),
      ...(b.guildId ? { guild_id: b.guildId } : {}),
    },
  };
}

/** INTERACTION_CREATE for a button press (type 3) on `message`. */
export function buttonInteraction(b: InteractionBase, customId: string, message: Record<string, unknown>) {
  return { ...common(b), type: 3, data: { custom_id: customId, component_type: 2 }, message };
}
