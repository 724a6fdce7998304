import type { Answer, AnswerItem, NextStep } from '../answer/types.ts';
import { editorDate } from '../answer/cite.ts';
import { SECTION_TITLES } from '../answer/sections.ts';
import { leftOut, nextStep, slashCommand } from './more.ts';
import { MAX_LIMIT } from '../answer/index.ts';

/** Which terminal door reads the text: the bot's console (commands typed as in Discord) or the shell (`npm run ask`). */
export interface TextDoor {
  door?: 'console' | 'cli';
  /** The shell's `--corpus` given, repeated in the commands it is told to run. */
  corpus?: string;
  /** Characters per line (100). */
  width?: number;
}

/**
 * Renders an Answer as text for a terminal: the heading, numbered items with their labels, remarks
 * and citation ids, then the sources each cited article came from (with the article's own note on its text,
 * when it has one), then the notes, with the commands worth running next typed as `door` types them
 * (the console's `/source 001`, the shell's `npm run ask -- source 001`).
 * Pure: the same Answer always gives the same text.
 */
export function renderText(answer: Answer, options: TextDoor = {}): string {
  const width = options.width ?? 100;
  const out: string[] = [answer.title, '─'.repeat(Math.min(width, Math.max(answer.title.length, 20)))];
  let section: unknown;
  let n = 0;
  let column = 0;
  answer.items.forEach((item, i) => {
    if (i === 0 || item.section !== section) column = labelColumn(answer.items.filter((o) => o.section === item.section));
    if (item.section !== section && typeof item.section === 'string' && item.section !== 'paragraph') {
      out.push('', `${SECTION_TITLES[item.section] ?? item.section}:`);
      n = 0; // each section numbers its own items
    }
    section = item.section;
    out.push(...renderItem(item, ++n, column, width));
  });
  if (answer.sources.length > 0 && answer.items.some((i) => i.citations.length > 0)) {
    out.push('', 'Sources:');
    for (const s of answer.sources) {
      const when = s.published ? `${editorDate(s.published)}${s.publishedInferred ? ' (inferred)' : ''}` : 'date unknown';
      out.push(`  ${s.article.padEnd(6)} ${[s.heading, s.outlet, when, s.url, s.note ? `(${s.note})` : null].filter(Boolean).join(' · ')}`);
    }
  }
  const typed = (step: Pick<NextStep, 'command' | 'query'>) => typedCommand(step, options);
  const notes = [
    ...answer.notes,
    ...(answer.next ?? []).map((step) => nextStep(step, typed(step))),
    ...(answer.more ?? []).map((m) => `${leftOut(m)}; ${limitWay(m.total)}.`),
  ];
  if (notes.length > 0) out.push('', ...notes.map((n) => `Note: ${n}`));
  if (answer.suggestions?.length) out.push(`Try: ${answer.suggestions.join(', ')}`);
  return out.join('\n');
}

/**
 * A command as `door` types it, with `options` (flags such as `--format csv`) after it: the console's
 * `/source 001` (as in Discord), the shell's `` `npm run ask -- source 001` `` with its `--corpus`.
 * @example typedCommand({ command: 'who', query: '' }, { door: 'cli' }, '--format csv') // '`npm run ask -- who --format csv`'
 */
export function typedCommand(step: Pick<NextStep, 'command' | 'query'>, door: TextDoor = {}, options = ''): string {
  const flags = options ? ` ${options}` : '';
  return door.door === 'cli' ? `\`${askCommand(step.command, step.query, door.corpus)}${flags}\`` : `${slashCommand(step)}${flags}`;
}

/**
 * A command as typed at the shell, with the `--corpus` it was given (quoted when the shell would split it).
 * @example askCommand('corpus', '', 'my corpus') // "npm run ask -- corpus --corpus 'my corpus'"
 */
export function askCommand(command: string, query: string, corpus?: string): string {
  const words = ['npm run ask --', command, ...query.split(/\s+/).filter(Boolean).map(shellWord), ...(corpus ? ['--corpus', shellWord(corpus)] : [])];
  return words.join(' ');
}

/** A word the shell keeps whole: as it is when safe, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The terminal's way to see what an answer left out: a larger `--limit` (at most MAX_LIMIT). */
function limitWay(total: number): string {
  return total <= MAX_LIMIT ? `--limit ${total} shows them all` : `--limit ${MAX_LIMIT} shows the first ${MAX_LIMIT}`;
}

/** Labels this long or shorter share a column (dates, ids); longer ones (names) get a line of their own. */
const MAX_LABEL_COLUMN = 16;

/** The width of a section's label column: its longest label when every label fits, else 0 (labels on their own line). */
function labelColumn(items: readonly AnswerItem[]): number {
  const lengths = items.map((i) => i.label?.length ?? 0);
  const longest = Math.max(0, ...lengths);
  return longest <= MAX_LABEL_COLUMN ? longest : 0;
}

/**
 * One numbered item: `NN. label  text` with the text wrapped under itself when labels share a column,
 * or the label on its own line and the text under it when they do not; then its remarks and citation ids.
 */
function renderItem(item: AnswerItem, n: number, column: number, width: number): string[] {
  const number = `${String(n).padStart(2)}. `;
  const inColumn = column > 0 || !item.label;
  const indent = ' '.repeat(number.length + (inColumn && column > 0 ? column + 2 : 0));
  const out: string[] = [];
  const lines = wrap(item.text, width - indent.length);
  if (inColumn) {
    const head = column > 0 ? `${number}${(item.label ?? '').padEnd(column)}  ` : number;
    out.push(`${head}${lines[0] ?? ''}`.trimEnd(), ...lines.slice(1).map((l) => indent + l));
  } else {
    out.push(`${number}${item.label}`, ...lines.map((l) => indent + l));
  }
  const meta = [...(item.tags ?? []), ...(item.citations.length ? [`[${item.citations.map((c) => c.id).join(', ')}]`] : [])];
  if (meta.length) out.push(...wrap(`— ${meta.join(' · ')}`, width - indent.length).map((l) => indent + l));
  return out;
}

/** Wraps text at spaces to lines of at most `width` characters (longer words stay whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}
