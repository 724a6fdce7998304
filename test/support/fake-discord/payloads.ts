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

export function guildPayload(guild: { id: string; name: string; channelId: string; ownerId: string }) {
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
      { id: guild.id, name: '@everyone', color: 0, hoist: false, icon: null, unicode_emoji: null, position: 0, permissions: '1071698660929', managed: false, mentionable: false, flags: 0 },
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
    members: [],
    channels: [
      { id: guild.channelId, type: 0, guild_id: guild.id, name: 'newsroom', position: 0, permission_overwrites: [], nsfw: false, topic: null, parent_id: null, last_message_id: null, rate_limit_per_user: 0 },
    ],
    threads: [],
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
    attachments: [],
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
}

function common(b: InteractionBase) {
  const user = userPayload(b.user);
  return {
    id: b.id,
    application_id: b.applicationId,
    token: b.token,
    version: 1,
    channel_id: b.channelId,
    channel: { id: b.channelId, type: 0, guild_id: b.guildId ?? undefined, name: 'newsroom', permissions: '1071698660929' },
    app_permissions: '1071698660929',
    locale: 'en-US',
    entitlements: [],
    attachment_size_limit: 8388608,
    ...(b.guildId
      ? {
          guild_id: b.guildId,
          guild_locale: 'en-US',
          guild: { id: b.guildId, locale: 'en-US', features: [] },
          member: { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, pending: false, nick: null, avatar: null, permissions: '1071698660929', premium_since: null, communication_disabled_until: null },
          authorizing_integration_owners: { '0': b.guildId },
          context: 0,
        }
      : { user, authorizing_integration_owners: { '1': b.user.id }, context: 1 }),
  };
}

export interface OptionValue {
  name: string;
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

/** INTERACTION_CREATE for a slash command (type 2) or its autocomplete (type 4). */
export function commandInteraction(b: InteractionBase, command: { id: string; name: string; options: OptionValue[] }, autocomplete = false) {
  return {
    ...common(b),
    type: autocomplete ? 4 : 2,
    data: { id: command.id, name: command.name, type: 1, options: command.options, ...(b.guildId ? { guild_id: b.guildId } : {}) },
  };
}

/** INTERACTION_CREATE for a button press (type 3) on `message`. */
export function buttonInteraction(b: InteractionBase, customId: string, message: Record<string, unknown>) {
  return { ...common(b), type: 3, data: { custom_id: customId, component_type: 2 }, message };
}
