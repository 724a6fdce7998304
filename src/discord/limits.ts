/**
 * Discord's message and embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits),
 * and a checker that lists every limit a payload breaks. Lengths are counted in UTF-16 code units
 * (JavaScript's `length`), never fewer than Discord's own count, so staying under them is safe.
 */
import type { APIEmbed } from 'discord.js';

export const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Characters that count towards an embed's 6000 total. */
export function embedSize(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** A message body as discord.js sends it (snake_case, as the server sees it). */
export interface MessageBody {
  content?: string | null;
  embeds?: APIEmbed[];
  components?: ReadonlyArray<{ components?: ReadonlyArray<object> }>;
}

/**
 * Every Discord limit `body` breaks, in words; [] when it respects them all.
 * @example checkLimits({ content: 'x'.repeat(2001) }) // ['content is 2001 characters (max 2000)']
 */
export function checkLimits(body: MessageBody): string[] {
  const bad: string[] = [];
  const over = (what: string, n: number, max: number) => {
    if (n > max) bad.push(`${what} is ${n} characters (max ${max})`);
  };
  over('content', body.content?.length ?? 0, LIMITS.content);
  if (!body.content?.trim() && !(body.embeds ?? []).length && !(body.components ?? []).length) bad.push('message is empty');
  const embeds = body.embeds ?? [];
  if (embeds.length > LIMITS.embeds) bad.push(`${embeds.length} embeds (max ${LIMITS.embeds})`);
  let total = 0;
  embeds.forEach((e, i) => {
    over(`embed ${i} title`, e.title?.length ?? 0, LIMITS.title);
    if (e.title !== undefined && e.title.trim() === '') bad.push(`embed ${i} title is empty`);
    if (e.description !== undefined && e.description.trim() === '') bad.push(`embed ${i} description is empty`);
    over(`embed ${i} description`, e.description?.length ?? 0, LIMITS.description);
    over(`embed ${i} footer`, e.footer?.text.length ?? 0, LIMITS.footer);
    over(`embed ${i} author`, e.author?.name.length ?? 0, LIMITS.author);
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.fields) bad.push(`embed ${i} has ${fields.length} fields (max ${LIMITS.fields})`);
    fields.forEach((f, j) => {
      over(`embed ${i} field ${j} name`, f.name.length, LIMITS.fieldName);
      over(`embed ${i} field ${j} value`, f.value.length, LIMITS.fieldValue);
      if (f.name.trim() === '' || f.value.trim() === '') bad.push(`embed ${i} field ${j} is empty`);
    });
    total += embedSize(e);
  });
  over('embeds in total', total, LIMITS.embedTotal);
  const rows = body.components ?? [];
  if (rows.length > LIMITS.actionRows) bad.push(`${rows.length} action rows (max ${LIMITS.actionRows})`);
  const ids = new Set<string>();
  for (const row of rows) {
    if ((row.components?.length ?? 0) > LIMITS.buttonsPerRow) bad.push(`a row has ${row.components?.length} buttons (max ${LIMITS.buttonsPerRow})`);
    for (const c of (row.components ?? []) as ReadonlyArray<{ custom_id?: string; label?: string }>) {
      over('button label', c.label?.length ?? 0, LIMITS.buttonLabel);
      if (c.custom_id !== undefined) {
        over('custom id', c.custom_id.length, LIMITS.customId);
        if (ids.has(c.custom_id)) bad.push(`custom id ${c.custom_id} is used twice`);
        ids.add(c.custom_id);
      }
    }
  }
  return bad;
}
