import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { readText } from '../src/discord/options.ts';
import { MAX_OPTION_LENGTH } from '../src/discord/text.ts';

/** `/timeline [topic]`: dated events in order, each resolved against its article and cited. */
export const timeline = {
  data: new SlashCommandBuilder()
    .setName('timeline')
    .setDescription('Dated events on a topic, in order, each with the sentence and article it comes from')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o.setName('topic').setDescription('What the events are about, e.g. embassy; empty for all').setMaxLength(MAX_OPTION_LENGTH),
    ),
  defer: true,
  execute: (interaction, ctx) => ctx.answer('timeline', readText(interaction, 'topic')),
} satisfies Command;
