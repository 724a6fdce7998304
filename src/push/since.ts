/**
 * What an alert would say about the articles that arrived after a given time: the door behind
 * `npm run ask -- watch <topic> --since <time>`. An article's arrival is when the bot recorded a live round
 * bringing it in (push_arrivals), else its file's modification time.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Library } from '../library.ts';
import type { Answer } from '../answer/types.ts';
import type { ArrivedArticle } from '../live/watch.ts';
import { quotedSentences, RoundIndex, sourceCounter, spellingsWritten } from './match.ts';
import { alertAnswer, type AlertGroup } from './answers.ts';
import type { ArticleReader } from '../store/types.ts';
import { TOPIC_PARAGRAPHS } from '../answer/brief.ts';

/** A file's modification time (ms) for an article's path under the corpus folder `root` (`file.jsonl:LINE` → the file), or null. */
export async function fileTime(root: string, path: string): Promise<number | null> {
  try {
    return (await stat(resolve(root, path.replace(/:\d+$/, '')))).mtimeMs;
  } catch {
    return null;
  }
}

/** The articles that arrived after `since` (ms): recorded arrivals first, else file times. */
export async function arrivedSince(library: Library, since: number, recorded: ReadonlyMap<string, number> = new Map()): Promise<ArrivedArticle[]> {
  const files = new Map<string, number | null>();
  const out: ArrivedArticle[] = [];
  for (const article of library.corpus.articles) {
    let t = recorded.get(article.id);
    if (t === undefined) {
      const file = article.path.replace(/:\d+$/, '');
      if (!files.has(file)) files.set(file, await fileTime(library.corpus.report.root, file));
      t = files.get(file) ?? undefined;
    }
    if (t !== undefined && t > since) out.push({ article, previous: null, paragraphs: article.paragraphs });
  }
  return out;
}

/**
 * The alert a watch on `topic` would post for these articles: each matching article with its best
 * sentences (`quotedSentences`: at most SENTENCES_PER_ARTICLE, each its own point), verbatim, and how many sources carry each (counted in the
 * corpus's own search: the library's, or the archive's on the database store); the other spellings of the
 * topic's names are matched too, and said, as a live round's alert matches and says them.
 */
export async function watchAnswer(corpus: ArticleReader, topic: string, arrived: readonly ArrivedArticle[], since: number, timedBy = 'recorded by the bot, else by file modification time'): Promise<Answer> {
  const watch = { id: 0, topic };
  const spellings = (await corpus.topicSpellings([topic])).get(topic) ?? [];
  const matches = new RoundIndex(arrived).match(topic, spellings);
  const count = matches.length > 0 ? await sourceCounter((await corpus.searchArticles(topic, TOPIC_PARAGRAPHS, spellings)).articles) : () => [];
  const groups: AlertGroup[] = matches.map((m) => {
    const chosen = quotedSentences(m.sentences);
    const carried = count(m.article, chosen.map((s) => s.candidate));
    const sentences = chosen.map((s, i) => ({ paragraph: s.paragraph, text: s.text, carried: carried[i]! }));
    return { watch, article: m.article, sentences, spellings: spellingsWritten(spellings, m.article) };
  });
  const when = new Date(since).toISOString().replace('.000Z', 'Z');
  const notes = [`${arrived.length} article${arrived.length === 1 ? '' : 's'} arrived after ${when} (${timedBy}).`];
  if (groups.length === 0 && arrived.length > 0) notes.push(`None of them matches “${topic}”: a watch on it would have posted nothing.`);
  const heading = `🔔 Watch · ${topic} — ${groups.length} article${groups.length === 1 ? '' : 's'} since ${when}`;
  return alertAnswer(groups, notes, heading);
}
