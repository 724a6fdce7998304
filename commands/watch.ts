import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { readText } from '../src/discord/options.ts';
import { MAX_OPTION_LENGTH } from '../src/discord/text.ts';
import { UserError } from '../src/discord/errors.ts';
import { asked, POSTABLE_CHANNEL_TYPES, postableChannel, pushOf, readInteger, respondWatchList, withManagement } from '../src/discord/push.ts';
import { noticeAnswer, watchAddedNotes } from '../src/push/answers.ts';

/**
 * `/watch add|list|remove|pause|resume`: topics whose new articles the bot posts to a channel as they
 * arrive. Managing watches defaults to members who can Manage Channels (server admins can change that under
 * Integrations); `/watches` lists them for everyone.
 */
export const watch = {
  data: withManagement(
    new SlashCommandBuilder()
      .setName('watch')
      .setDescription('Post new articles on a topic to a channel as they arrive')
      .setContexts(InteractionContextType.Guild)
      .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
      .addSubcommand((s) =>
        s
          .setName('add')
          .setDescription('Watch a topic: matching sentences of new articles are posted to the channel')
          .addStringOption((o) => o.setName('topic').setDescription('What to watch, e.g. militia rocket attacks').setMaxLength(MAX_OPTION_LENGTH).setRequired(true))
          .addChannelOption((o) => o.setName('channel').setDescription('Where to post (default: this channel)').addChannelTypes(...POSTABLE_CHANNEL_TYPES)),
      ),
    'watch',
    { list: "This server's watches: topic, channel, state, last alert", pause: 'Pause a watch (what waits is dropped)', resume: 'Resume a paused watch' },
  ),
  defer: false,
  async execute(interaction, ctx) {
    const push = pushOf(ctx);
    const guildId = interaction.guildId;
    if (!guildId) throw new UserError('Watches belong to a server: use /watch in a server channel.');
    const library = ctx.library();
    const say = (...notes: string[]) => ctx.respond(noticeAnswer(library, 'watch', 'Watch', notes), { ephemeral: true });
    switch (interaction.options.getSubcommand()) {
      case 'add': {
        const topic = readText(interaction, 'topic');
        const channel = postableChannel(interaction);
        const { watch: w, matchesNow, spellings } = await asked(() => push.addWatch({ guildId, channelId: channel.id, topic, createdBy: interaction.user.id }));
        return say(...watchAddedNotes(w, `posted to ${channel.name}`, matchesNow, spellings));
      }
      case 'list':
        return respondWatchList(interaction, ctx);
      case 'remove': {
        const w = await asked(() => push.removeWatch(guildId, readInteger(interaction, 'id', true)));
        return say(`Watch #${w.id} (“${w.topic}”) removed.`);
      }
      case 'pause': {
        const w = await asked(() => push.pauseWatch(guildId, readInteger(interaction, 'id', true)));
        return say(`Watch #${w.id} (“${w.topic}”) paused: nothing is posted for it until /watch resume id:${w.id}.`);
      }
      case 'resume': {
        // Check the channel again first: a watch paused because Discord refused a post must not post into the refusal.
        let channel = { name: '' };
        const w = await asked(() => push.resumeWatch(guildId, readInteger(interaction, 'id', true), (found) => void (channel = postableChannel(interaction, found.channel_id))));
        return say(`Watch #${w.id} (“${w.topic}”) resumed: new articles on it will be posted to ${channel.name}.`);
      }
      default:
        throw new UserError('Use /watch add, list, remove, pause or resume.');
    }
  },
} satisfies Command;
