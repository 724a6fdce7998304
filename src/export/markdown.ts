/**
 * Answer → Markdown, as a reporter pastes it into a draft: the title, each finding as a block quote
 * followed by its citation ids and sources (headline, outlet, date, URL when known), then the sources and
 * the bot's notes. Pure.
 *
 * Quoted text is verbatim: only the characters Markdown would read as markup are escaped with a
 * backslash (`unescapeMarkdown` gives the text back), so the rendered quote reads exactly as the source
 * wrote it.
 */
import type { Answer, AnswerItem, Citation, NextStep, SourceRef } from '../answer/types.ts';
import { editorDate } from '../answer/cite.ts';
import { SECTION_TITLES } from '../answer/sections.ts';
import { nextStep, slashCommand } from '../render/more.ts';
import { typedCommand, type TextDoor } from '../render/text.ts';

/**
 * Escapes what Markdown would read as markup: `\ ` * _ [ ] < > |` anywhere, an `&` that starts an entity,
 * and a `#`, `+`, `-`, `=` or `1.` that starts a line.
 * @example escapeMarkdown('*Breaking*: 2. the <b>') // '\\*Breaking\\*: 2. the \\<b\\>'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^(\s*)([#+=-])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/** The text an escaped string stands for: a backslash before ASCII punctuation is dropped. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * "Headline", Outlet, 3 Dec 2020 (date inferred), <url>; headline linked when a URL is known; then the
 * article's note on its text, when it has one ("from the feed's own text, not the page; …").
 */
export function sourceText(source: SourceRef | undefined, article: string): string {
  if (!source) return `article ${escapeMarkdown(article)}`;
  const headline = escapeMarkdown(source.title ?? source.heading);
  const url = safeUrl(source.url);
  const parts = [url ? `[${headline}](<${url}>)` : `*${headline}*`];
  if (source.outlet) parts.push(escapeMarkdown(source.outlet));
  if (source.published) parts.push(`${editorDate(source.published)}${source.publishedInferred ? ' (date inferred)' : ''}`);
  if (source.note) parts.push(`*(${escapeMarkdown(source.note)})*`);
  return parts.join(', ');
}

/** An http(s) URL with nothing that would break `<…>` link syntax, or null. */
function safeUrl(url: string | null): string | null {
  if (!url || /[\s<>]/.test(url)) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** One finding: its label and remarks, the quote, then one line per cited source. */
function findingBlock(item: AnswerItem, sources: Map<string, SourceRef>): string {
  const head = [item.label ? `**${escapeMarkdown(item.label)}**` : '', item.tags?.length ? `*${escapeMarkdown(item.tags.join(' · '))}*` : '']
    .filter(Boolean)
    .join(' · ');
  const quote = item.text.split('\n').map((line) => `> ${escapeMarkdown(line)}`.trimEnd());
  const cites = item.citations.map((c: Citation, i) => `> — ${i === 0 ? '' : 'also '}[${escapeMarkdown(c.id)}] ${sourceText(sources.get(c.article), c.article)}`);
  return [...(head ? [head, ''] : []), ...quote, '>', ...cites].join('\n');
}

/**
 * An answer as Markdown (see the module comment). Items without citations (listings) are list lines. The
 * notes end with the commands worth running next, typed as `door` types them, as code (`/source 001` from
 * Discord and the console, `npm run ask -- source 001` from the shell).
 * @example toMarkdown(answer).split('\n')[0] // '# Briefing · embassy drawdown'
 */
export function toMarkdown(answer: Answer, door: TextDoor = {}): string {
  const sources = new Map(answer.sources.map((s) => [s.article, s]));
  const blocks: string[] = [`# ${escapeMarkdown(answer.title)}`];
  let section: unknown;
  for (const item of answer.items) {
    if (typeof item.section === 'string' && item.section !== section && item.section !== 'paragraph') {
      blocks.push(`## ${escapeMarkdown(SECTION_TITLES[item.section] ?? item.section)}`);
    }
    section = item.section;
    blocks.push(item.citations.length ? findingBlock(item, sources) : `- ${item.label ? `**${escapeMarkdown(item.label)}** · ` : ''}${escapeMarkdown(item.text)}`);
  }
  if (answer.sources.length) {
    blocks.push('## Sources', answer.sources.map((s) => `- **${escapeMarkdown(s.article)}** · ${sourceText(s, s.article)}`).join('\n'));
  }
  const notes = [
    ...answer.notes.map(escapeMarkdown),
    ...(answer.next ?? []).map((step) => nextStep({ ...step, does: escapeMarkdown(step.does) }, typedCode(step, door))),
  ];
  if (notes.length) blocks.push('## Notes', notes.map((n) => `- ${n}`).join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

/** A command as `door` types it, as a Markdown code span (the shell's form already is one). */
function typedCode(step: Pick<NextStep, 'command' | 'query'>, door: TextDoor): string {
  return door.door === 'cli' ? typedCommand(step, door) : `\`${slashCommand(step)}\``;
}
