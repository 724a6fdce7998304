import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { readText } from '../src/discord/options.ts';
import { MAX_OPTION_LENGTH } from '../src/discord/text.ts';
import { knownNames, nameChoices } from '../src/discord/choices.ts';

/** `/who [name]`: a person or organisation in the news, with what the sources say about them. */
export const who = {
  data: new SlashCommandBuilder()
    .setName('who')
    .setDescription('Who someone is, per the sources: names, descriptions and mentions, each cited')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('name')
        .setDescription('A person or organisation, e.g. Soleimani')
        .setMaxLength(MAX_OPTION_LENGTH)
        .setAutocomplete(true),
    ),
  // A look-up in the people-and-organisations table, answered at once; until the table is built (in the
  // background after a start from the snapshot; about a second at 100k paragraphs) acknowledged first.
  defer: (_name, library) => !library.entities,
  execute: (interaction, ctx) => ctx.answer('who', readText(interaction, 'name')),
  autocomplete: (interaction, ctx) =>
    ctx.store
      ? ctx.store.choices('who', interaction.options.getFocused())
      : nameChoices(knownNames(ctx.library(), ctx.answerFunction('who')), interaction.options.getFocused()),
} satisfies Command;
