import type { Library } from '../library.ts';
import type { Article } from '../corpus/types.ts';
import { ANSWERS, ask } from '../answer/index.ts';
import { topicSearch, topicSpellings } from '../answer/search.ts';
import { TOPIC_PARAGRAPHS } from '../answer/brief.ts';
import type { TopicSpelling } from '../analyse/entities-spellings.ts';
import { knownNames, nameChoices, sourceChoices } from '../discord/choices.ts';
import type { CorpusStore } from './types.ts';
import { queryTerms } from './terms.ts';
import { Slices } from '../slices.ts';

/** The longest stretch of work in one call before answers get a turn, in ms. */
const SLICE_MS = 10;

/**
 * The in-memory store: the library this process loaded (and keeps current), answered as it always was.
 * `library` is a function so a reloaded library is picked up by the next question.
 */
export function memoryStore(library: () => Library): CorpusStore {
  return {
    kind: 'memory',
    get where() {
      return library().corpus.report.root;
    },
    get root() {
      return library().corpus.report.root;
    },
    ask: async (command, query, options) => ask(library(), command, query, options),
    choices: async (kind, typed) => (kind === 'source' ? sourceChoices(library(), typed) : nameChoices(knownNames(library(), ANSWERS.who), typed)),
    paragraphTexts: async (ids) => {
      const { paragraphById } = library().corpus;
      const out = new Map<string, string>();
      for (const id of ids) {
        const p = paragraphById.get(id);
        if (p) out.set(id, p.text);
      }
      return out;
    },
    articles: async (ids) => {
      const { articleById } = library().corpus;
      const out = new Map<string, Article>();
      for (const id of ids) {
        const article = articleById.get(id);
        if (article) out.set(id, article);
      }
      return out;
    },
    searchArticles: async (query, paragraphs) => {
      // One library for the search and its articles (a live round may swap it between two calls).
      const current = library();
      const { hits } = topicSearch(current, query, paragraphs);
      const { corpus } = current;
      const ids = new Set(hits.map((h) => h.paragraph.articleId));
      return { found: hits.length, articles: [...ids].flatMap((id) => corpus.articleById.get(id) ?? []) };
    },
    anyMatch: async (query) => {
      const { index } = library();
      return queryTerms(query).some((term) => index.paragraphFrequency(term) > 0);
    },
    topicSpellings: async (topics) => {
      // Cheap with the entity table (a few look-ups a topic); without it (the first seconds after a start
      // from the snapshot) a topic may cost a search: answers get a turn every SLICE_MS.
      const out = new Map<string, TopicSpelling[]>();
      const slices = new Slices(SLICE_MS);
      for (const topic of topics) {
        await slices.maybeYield();
        out.set(topic, topicSpellings(library(), topic, TOPIC_PARAGRAPHS));
      }
      return out;
    },
    counts: async () => {
      const { report } = library().corpus;
      return { articles: report.articles, paragraphs: report.paragraphs, files: report.files, problems: report.problems.length };
    },
  };
}
