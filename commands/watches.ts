import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { respondWatchList } from '../src/discord/push.ts';

/** `/watches`: the server's watches, for everyone (managing them is `/watch`, for those who manage channels). */
export const watches = {
  data: new SlashCommandBuilder()
    .setName('watches')
    .setDescription("This server's watches: the topics whose new articles the bot posts, and where")
    .setContexts(InteractionContextType.Guild)
    .addIntegerOption((o) => o.setName('page').setDescription('Page of the list').setMinValue(1)),
  defer: false,
  execute: (interaction, ctx) => respondWatchList(interaction, ctx),
} satisfies Command;
