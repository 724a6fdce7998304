import type { Answer, AnswerItem } from '../answer/types.ts';
import { editorDate } from '../answer/cite.ts';
import { SECTION_TITLES } from '../answer/sections.ts';

/**
 * Renders an Answer as text for a terminal: the heading, numbered items with their labels, remarks
 * and citation ids, then the sources each cited article came from, then the notes.
 * Pure: the same Answer always gives the same text.
 */
export function renderText(answer: Answer, width = 100): string {
  const out: string[] = [answer.title, '─'.repeat(Math.min(width, Math.max(answer.title.length, 20)))];
  let section: unknown;
  answer.items.forEach((item, i) => {
    if (item.section !== section && typeof item.section === 'string' && item.section !== 'paragraph') {
      out.push('', `${SECTION_TITLES[item.section] ?? item.section}:`);
    }
    section = item.section;
    out.push(...renderItem(item, i + 1, width));
  });
  if (answer.sources.length > 0 && answer.items.some((i) => i.citations.length > 0)) {
    out.push('', 'Sources:');
    for (const s of answer.sources) {
      const when = s.published ? `${editorDate(s.published)}${s.publishedInferred ? ' (inferred)' : ''}` : 'date unknown';
      out.push(`  ${s.article.padEnd(6)} ${[s.title ?? '(untitled)', s.outlet, when, s.url].filter(Boolean).join(' · ')}`);
    }
  }
  if (answer.notes.length > 0) out.push('', ...answer.notes.map((n) => `Note: ${n}`));
  if (answer.suggestions?.length) out.push(`Try: ${answer.suggestions.join(', ')}`);
  return out.join('\n');
}


function renderItem(item: AnswerItem, n: number, width: number): string[] {
  const head = `${String(n).padStart(2)}. ${item.label ? `${item.label} ` : ''}`;
  const indent = ' '.repeat(Math.min(head.length, 16));
  const lines = wrap(item.text, width - indent.length);
  const out = [`${head}${lines[0] ?? ''}`.trimEnd()];
  if (head.length > indent.length) {
    out[0] = head.trimEnd();
    out.push(...lines.map((l) => indent + l));
  } else out.push(...lines.slice(1).map((l) => indent + l));
  const meta = [...(item.tags ?? []), ...(item.citations.length ? [`[${item.citations.map((c) => c.id).join(', ')}]`] : [])];
  if (meta.length) out.push(`${indent}— ${meta.join(' · ')}`);
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
