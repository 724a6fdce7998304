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
  // With a topic, the dated events of the paragraphs found: answered at once. The whole corpus (1.3 s at
  // 100k paragraphs) and a table still being built after a start may be slow: acknowledged first.
  defer: (topic, library) => topic.trim() === '' || !library.events,
  execute: (interaction, ctx) => ctx.answer('timeline', readText(interaction, 'topic')),
} satisfies Command;
