import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { UserError } from '../src/discord/errors.ts';
import { MAX_URL_LENGTH, intakeOf, privately, readUrl } from '../src/discord/intake.ts';

/**
 * `/feed add|list|remove|pause|resume`: the feeds the bot follows. Discord sets permissions per command,
 * not per subcommand, so /feed is open to everyone (for `list`) and the bot itself asks for Manage Channels
 * before any change.
 */
export const feed = {
  data: new SlashCommandBuilder()
    .setName('feed')
    .setDescription('The news feeds the bot follows: new items become articles in the corpus')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Follow a feed (RSS, Atom or JSON Feed); needs Manage Channels')
        .addStringOption((o) => o.setName('url').setDescription('The feed’s address').setRequired(true).setMaxLength(MAX_URL_LENGTH))
        .addIntegerOption((o) => o.setName('interval').setDescription('Minutes between polls (default 10)').setMinValue(1).setMaxValue(24 * 60)),
    )
    .addSubcommand((s) => s.setName('list').setDescription('The feeds followed, how each is doing, and why one stopped'))
    .addSubcommand((s) => s.setName('remove').setDescription('Stop following a feed (its articles stay); needs Manage Channels').addStringOption(feedOption))
    .addSubcommand((s) => s.setName('pause').setDescription('Pause a feed; needs Manage Channels').addStringOption(feedOption))
    .addSubcommand((s) => s.setName('resume').setDescription('Resume a paused or disabled feed; needs Manage Channels').addStringOption(feedOption)),
  defer: false,
  execute: async (interaction, ctx) => {
    const intake = intakeOf(ctx);
    const sub = interaction.options.getSubcommand(true);
    const me = { guildId: interaction.guildId, userId: interaction.user.id };
    if (sub === 'list') return privately(ctx, () => intake.list(me));
    if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)) {
      throw new UserError('Changing the feeds needs the Manage Channels permission; /feed list is open to everyone.');
    }
    if (sub === 'add') {
      const url = readUrl(interaction, 'url');
      if (!url) throw new UserError('Give the feed’s address with `url:`.');
      const interval = interaction.options.getInteger('interval');
      return privately(ctx, () => intake.subscribe(url, { ...me, intervalMinutes: interval }));
    }
    const ref = interaction.options.getString('feed', true).trim();
    if (sub === 'remove') return privately(ctx, () => intake.remove(ref, me));
    if (sub === 'pause') return privately(ctx, () => intake.pause(ref, me));
    return privately(ctx, () => intake.resume(ref, me));
  },
} satisfies Command;

function feedOption(o: import('discord.js').SlashCommandStringOption) {
  return o.setName('feed').setDescription('The feed’s number in /feed list (e.g. 3), or its address').setRequired(true).setMaxLength(MAX_URL_LENGTH);
}
