/**
 * Fixture answers for the Discord tests, including the worst cases a renderer meets: huge excerpts,
 * many items and sources, markdown and mentions in quoted text, emoji and surrogate pairs at cut points.
 * They follow the Answer contract (plain data); the text is invented for the tests, not news.
 */
import type { Answer, AnswerItem, Citation, SourceRef } from '../../src/answer/types.ts';

export function source(article: string, over: Partial<SourceRef> = {}): SourceRef {
  const title = over.title === undefined ? `Headline of article ${article}` : over.title;
  return {
    article,
    title,
    heading: title ?? `“Opening words of article ${article}…”`,
    outlet: 'The Daily Example',
    published: '2020-12-03',
    publishedInferred: false,
    url: null,
    path: `${article}.md`,
    ...over,
  };
}

export function cite(article: string, paragraph: number, excerpt: string): Citation {
  return { id: `${article}-p${paragraph}`, article, paragraph, excerpt };
}

/** A small, ordinary answer: three items, two sources, one note. */
export function smallAnswer(command: Answer['command'] = 'brief', query = 'embassy'): Answer {
  const items: AnswerItem[] = [
    { text: 'The embassy reduced its staff on Wednesday.', citations: [cite('000', 1, 'The embassy reduced its staff on Wednesday.')], tags: ['2 sources'] },
    { text: 'Officials said the move was temporary.', citations: [cite('001', 2, 'Officials said the move was temporary.'), cite('000', 3, 'x')], label: '3 Dec 2020' },
    { text: 'A spokesperson declined to comment.', citations: [cite('001', 4, 'A spokesperson declined to comment.')], tags: ['single source'] },
  ];
  return {
    command,
    query,
    title: `Briefing · ${query}`,
    items,
    sources: [source('000', { url: 'https://example.com/news/000' }), source('001', { outlet: null, publishedInferred: true })],
    notes: ['2 of 2 articles mention this.'],
  };
}

const HOSTILE = '**bold** __under__ ~~strike~~ `code` ||spoiler|| > quote [link](https://evil.example) @everyone @here <@123456789012345678> <@&987654321098765432> <#111> <:emoji:1234> # heading \\ backslash';
const EMOJI = '👨‍👩‍👧‍👦 flags 🇮🇶🇺🇸 astral 𝔘𝔖 😀';

/** Long text made of words, mentions, markdown and emoji, so every cut lands somewhere nasty. */
export function hostileText(length: number, seed = 0): string {
  const parts = [HOSTILE, EMOJI, 'Supercalifragilisticexpialidocious'.repeat(8), 'plain words of an ordinary sentence.'];
  let out = '';
  for (let i = seed; out.length < length; i++) out += `${parts[i % parts.length]} `;
  return out.slice(0, length);
}

/** The worst case: 60 items with excerpts of thousands of characters, 40 sources, long notes. */
export function worstAnswer(command: Answer['command'] = 'brief', query = '@everyone **topic**'): Answer {
  const sources = Array.from({ length: 40 }, (_, k) =>
    source(String(k).padStart(3, '0'), {
      title: k % 3 === 0 ? null : hostileText(400, k),
      outlet: k % 2 ? hostileText(200, k + 1) : null,
      url: k % 4 === 0 ? `https://example.com/${k}?q=(x)` : k % 4 === 1 ? `https://example.com/a/${k}` : k % 4 === 2 ? 'javascript:alert(1)' : null,
      published: k % 5 === 0 ? null : k % 5 === 1 ? '2020-12' : '2020-12-03',
      publishedInferred: k % 2 === 0,
      ...(k % 3 === 1 ? { note: hostileText(500, k + 2) } : {}),
    }),
  );
  const items: AnswerItem[] = Array.from({ length: 60 }, (_, i) => {
    const text = hostileText(i % 7 === 0 ? 9000 : 300 + i * 37, i);
    const citations = Array.from({ length: 1 + (i % 6) }, (_, j) => cite(sources[(i * 3 + j * 7) % 40]!.article, j + 1, text));
    return {
      text,
      citations,
      label: i % 2 ? hostileText(150, i) : undefined,
      tags: i % 3 ? [hostileText(80, i), `${citations.length} sources`] : undefined,
      section: i < 20 ? 'paragraph' : i < 40 ? 'quote' : 'mention',
    };
  });
  return {
    command,
    query,
    title: hostileText(600),
    items,
    sources,
    notes: [hostileText(3000), 'Second note @here.'],
    suggestions: [hostileText(50), '<@123>'],
  };
}
