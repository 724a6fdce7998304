import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.ts';
import { UserError } from '../src/discord/errors.ts';
import { MAX_URL_LENGTH, intakeOf, privately, readUrl } from '../src/discord/intake.ts';

/**
 * `/add url:<link>` or `/add file:<attachment>`: the article becomes a corpus file everyone can query.
 * By default for members who can Manage Messages (server admins can change that under Integrations).
 */
export const add = {
  data: new SlashCommandBuilder()
    .setName('add')
    .setDescription('Add an article to the corpus: a link, or an attached .txt .md .html .jsonl or .docx file')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
    .addStringOption((o) => o.setName('url').setDescription('The article’s address, e.g. https://example.com/news/story').setMaxLength(MAX_URL_LENGTH))
    .addAttachmentOption((o) => o.setName('file').setDescription('An article file: .txt, .md, .html, .jsonl or .docx')),
  defer: false,
  execute: async (interaction, ctx) => {
    const intake = intakeOf(ctx);
    const url = readUrl(interaction, 'url');
    const file = interaction.options.getAttachment('file');
    if (!url && !file) throw new UserError('Give a link with `url:` or attach a file with `file:` (.txt, .md, .html, .jsonl or .docx).');
    if (url && file) throw new UserError('Give either a link or a file, not both: run /add once for each.');
    await privately(ctx, () =>
      file ? intake.addAttachment({ name: file.name, url: file.url, size: file.size, contentType: file.contentType }) : intake.addLink(url),
    );
  },
} satisfies Command;
