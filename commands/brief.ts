import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { readText } from '../src/discord/options.ts';
import { MAX_OPTION_LENGTH } from '../src/discord/text.ts';

/** `/brief [topic]`: a multi-source briefing in which every line is a cited sentence. */
export const brief = {
  data: new SlashCommandBuilder()
    .setName('brief')
    .setDescription('A briefing on a topic: the key sentences from the newsroom’s articles, each cited')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o.setName('topic').setDescription('What to brief on, e.g. embassy drawdown').setMaxLength(MAX_OPTION_LENGTH),
    ),
  // A search and a selection among the paragraphs found: tens of ms at 100k paragraphs, answered at once.
  defer: false,
  execute: (interaction, ctx) => ctx.answer('brief', readText(interaction, 'topic')),
} satisfies Command;
