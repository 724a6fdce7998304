import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { readText } from '../src/discord/options.ts';
import { MAX_OPTION_LENGTH } from '../src/discord/text.ts';
import { sourceChoices } from '../src/discord/choices.ts';

/** `/source [id]`: what stands behind a citation (an article or a paragraph), or the list of articles. */
export const source = {
  data: new SlashCommandBuilder()
    .setName('source')
    .setDescription('What stands behind a citation: an article or a paragraph, verbatim; no id lists the articles')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('id')
        .setDescription('An article id (000) or a citation id (000-p4)')
        .setMaxLength(MAX_OPTION_LENGTH)
        .setAutocomplete(true),
    ),
  // A lookup by id is a map read; the listing builds a line per article (tens of ms for 19,000) and shows
  // the first 200: both are answered at once (src/discord/pace.ts still defers a listing that proves slow).
  defer: false,
  execute: (interaction, ctx) => ctx.answer('source', readText(interaction, 'id')),
  autocomplete: (interaction, ctx) =>
    ctx.store ? ctx.store.choices('source', interaction.options.getFocused()) : sourceChoices(ctx.library(), interaction.options.getFocused()),
} satisfies Command;
