import type { Library } from '../library.ts';
import type { Article } from '../corpus/types.ts';
import type { Answer, AnswerItem } from './types.ts';
import { citeParagraph, editorDate, makeAnswer } from './cite.ts';
import { terms } from '../text/terms.ts';
import { selectFacts, type BriefFact, type BriefOptions } from '../brief/select.ts';
import { suggestTopics } from '../brief/topics.ts';

/** Items shown when no `--limit` is given: what one Discord embed holds comfortably. */
export const DEFAULT_BRIEF_ITEMS = 6;

/** Paragraphs of the index a topic briefing draws its sentences from. */
const TOPIC_PARAGRAPHS = 60;

/** Whole-corpus briefings read at most about this many sentences (the leads of each article beyond it). */
const WHOLE_CORPUS_SENTENCES = 20_000;

/**
 * The ranking settings, chosen on the Multi-News benchmark (docs/design/brief.md): each article's
 * centroid weighs the same, a lead prior, corroboration as a boost, MMR without repeats.
 */
export const BRIEF_RANKING: Omit<BriefOptions, 'limit'> = {
  centrality: 'article-centroid',
  lead: 0.35,
  leadDecay: 3,
  minWords: 10,
  relevance: 1,
  corroborationBoost: 0.1,
  lambda: 0.7,
  maxSimilarity: 0.5,
  poolSize: 400,
};

/** Settings of `npm run bench:brief`: the shipped ranking, items until the 300-word cut. */
export const BENCH_BRIEF_OPTIONS: BriefOptions = { ...BRIEF_RANKING, limit: 40, wordBudget: 300 };

/**
 * `/brief [topic]`: the handful of facts that matter, each a verbatim sentence of the corpus with every
 * source that carries it. With a topic, sentences come from the paragraphs the index finds for it; without,
 * from the whole corpus (its main story). Facts are shown most important first (a wire editor's order:
 * the lede, then what supports it), each once, tagged "N sources" or "single source".
 * A topic nothing matches gets no items, a note, and nearby topics that do match.
 *
 * @example brief(library, 'embassy drawdown').items[0].tags // ['3 sources']
 */
export function brief(library: Library, query: string, options: { limit?: number } = {}): Answer {
  const topic = query.trim();
  const limit = options.limit && options.limit > 0 ? Math.floor(options.limit) : DEFAULT_BRIEF_ITEMS;
  const { corpus } = library;

  let articles: readonly Article[] = corpus.articles;
  let settings: BriefOptions = { ...BRIEF_RANKING, limit };
  if (topic) {
    const hits = library.index.search(topic, { limit: TOPIC_PARAGRAPHS });
    const top = Math.max(1e-9, ...hits.map((h) => h.score));
    const relevance = new Map(hits.map((h) => [h.paragraph.id, h.score / top]));
    const articleIds = new Set(hits.map((h) => h.paragraph.articleId));
    articles = corpus.articles.filter((a) => articleIds.has(a.id));
    settings = { ...settings, paragraphs: topicParagraphs(articles, relevance), paragraphRelevance: relevance, queryTerms: terms(topic) };
  } else {
    const sentences = corpus.articles.reduce((n, a) => n + a.paragraphs.reduce((m, p) => m + p.sentences.length, 0), 0);
    if (sentences > WHOLE_CORPUS_SENTENCES) {
      settings.maxPosition = Math.max(3, Math.floor(WHOLE_CORPUS_SENTENCES / Math.max(1, corpus.articles.length)));
    }
  }

  const facts = articles.length ? selectFacts(articles, settings) : [];
  const heading = `Briefing · ${topic || 'whole corpus'}`;
  if (facts.length === 0) {
    const suggestions = topic ? suggestTopics(corpus, library.index, topic) : [];
    const notes = [topic ? `Nothing in the corpus about “${topic}”.` : 'The corpus has no sentences to brief from.'];
    if (suggestions.length) notes.push('Topics the corpus does cover are suggested below.');
    return makeAnswer(library, { command: 'brief', query: topic, title: heading, items: [], notes, ...(topic ? { suggestions } : {}) });
  }

  const items = facts.map(toItem);
  const answer = makeAnswer(library, { command: 'brief', query: topic, title: heading, items, notes: [] });
  answer.title = `${heading} — ${describeSources(answer.sources.map((s) => s.published), answer.sources.length, topic ? articles.length : corpus.articles.length)}`;
  if (settings.maxPosition !== undefined) {
    answer.notes.push(`A large corpus: only the first ${settings.maxPosition} sentences of each article were read; give a topic for a closer look.`);
  }
  return answer;
}

/**
 * The paragraphs a topic briefing reads: those the index found, their neighbours (context the search terms
 * do not repeat: "Tensions spiked … after …"), and every paragraph of an article whose headline or first
 * paragraph was found (an article about the topic).
 */
function topicParagraphs(articles: readonly Article[], found: ReadonlyMap<string, number>): Set<string> {
  const ids = new Set<string>();
  for (const article of articles) {
    const ps = article.paragraphs;
    const about = ps.slice(0, 1).some((p) => found.has(p.id));
    ps.forEach((p, i) => {
      if (about || found.has(p.id) || found.has(ps[i - 1]?.id ?? '') || found.has(ps[i + 1]?.id ?? '')) ids.add(p.id);
    });
  }
  return ids;
}

function toItem(fact: BriefFact): AnswerItem {
  const n = fact.members.length;
  return {
    text: fact.shown.sentence.text,
    citations: fact.members.map((m) => citeParagraph(m.paragraph, m.sentence)),
    tags: [n > 1 ? `${n} sources` : 'single source'],
    sources: n,
  };
}

/** "4 of 5 articles, 2–3 Dec 2020": how many articles the items cite, of those that matched, and when. */
function describeSources(dates: readonly (string | null)[], cited: number, matched: number): string {
  const count = cited === matched ? `${cited} article${cited === 1 ? '' : 's'}` : `${cited} of ${matched} articles`;
  const known = dates.filter((d): d is string => d !== null).sort();
  if (known.length === 0) return count;
  const first = known[0]!;
  const last = known[known.length - 1]!;
  if (first === last) return `${count}, ${editorDate(first)}`;
  const [fy, fm] = first.split('-');
  const [ly, lm] = last.split('-');
  const range = fy === ly && fm === lm ? `${Number(first.slice(8))}–${editorDate(last)}` : `${editorDate(first)} – ${editorDate(last)}`;
  return `${count}, ${range}`;
}
