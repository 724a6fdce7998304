import type { Library } from '../library.ts';
import type { Article } from '../corpus/types.ts';
import type { Answer, AnswerItem } from './types.ts';
import { citeParagraph, editorDate, makeAnswer } from './cite.ts';
import { terms } from '../text/terms.ts';
import { selectFacts, type BriefFact, type BriefOptions } from '../brief/select.ts';
import { suggestTopics } from '../brief/topics.ts';
import { namesTopic, restNamesTopic, unmatchedWords, withoutWords } from '../brief/words.ts';
import { shownText } from '../brief/candidates.ts';
import { sourcesTag } from '../brief/reports.ts';
import { spellingNotes, topicSearch } from './search.ts';
import { plural } from '../text/plural.ts';

/** Items shown when no `--limit` is given: what one Discord embed holds comfortably. */
export const DEFAULT_BRIEF_ITEMS = 6;

/**
 * A topic briefing without an explicit limit goes past `DEFAULT_BRIEF_ITEMS` up to this many items while
 * facts strongly on the topic are left (each carrying at least `minCoverage` of its weight): a topic with many
 * facts gets them, a thin one stays short (issue 17, point 1). Eight is one page of the Discord answer
 * (`BUDGET.itemsPerPage`), so a scheduled briefing is still one message (ten made it two).
 */
export const TOPIC_MAX_ITEMS = 8;

/** Paragraphs of the index a topic briefing draws its sentences from (watches count sources among them too). */
export const TOPIC_PARAGRAPHS = 60;

/**
 * Whole-corpus briefings read every sentence of a corpus up to this size; beyond it, the first
 * `LARGE_CORPUS_LEAD` sentences of the `LARGE_CORPUS_ARTICLES` most recent articles (the main story of an
 * archive is what its latest articles report; reading every lede of 19,000 Reuters stories took 5 s).
 */
const WHOLE_CORPUS_SENTENCES = 20_000;
const LARGE_CORPUS_ARTICLES = 500;
const LARGE_CORPUS_LEAD = 3;

/**
 * The ranking settings (docs/design/brief.md): each article's centroid weighs the same, a lead prior,
 * relevance to the topic, corroboration as a boost, MMR leaning to novelty (a six-item briefing has no
 * room for two views of the main event), never a repeat. Chosen on the Multi-News benchmark and the seeds.
 */
export const BRIEF_RANKING: Omit<BriefOptions, 'limit'> = {
  centrality: 'article-centroid',
  lead: 0.35,
  leadDecay: 3,
  minWords: 10,
  relevance: 0.5,
  corroborationBoost: 0.5,
  lambda: 0.3,
  dangling: 0.6,
  maxSimilarity: 0.5,
  poolSize: 400,
};

/**
 * What a topic briefing changes (docs/design/brief.md, "Topic briefings"; chosen on Timeline17 and the
 * seeds): relevance weighs as much as centrality, a sentence outside the articles about the topic must
 * carry half the topic's weight that the best sentence carries, and a sentence that points back is read
 * with the one before it ("By September, the US had threatened … That prompted militias to announce a
 * unilateral truce …"), MMR's novelty is measured without the topic's words (sharing them is being on the
 * topic, not repeating a fact), and a sentence of an article about the topic without the topic's words is
 * its context only in a paragraph on the topic or when another article carries the same point.
 */
export const TOPIC_RANKING: Partial<BriefOptions> = { relevance: 1, minCoverage: 0.5, joinDangling: 60, noveltyWithoutTopic: true, strictContext: true };

/** Settings of `npm run bench:brief`: the shipped ranking, items until the 300-word cut. */
export const BENCH_BRIEF_OPTIONS: BriefOptions = { ...BRIEF_RANKING, limit: 40, wordBudget: 300 };

export interface BriefCallOptions {
  /** At most this many items (default `DEFAULT_BRIEF_ITEMS`). */
  limit?: number;
  /** Ranking settings over `BRIEF_RANKING` (the benchmark's variants). */
  ranking?: Partial<BriefOptions>;
}

/**
 * `/brief [topic]`: the handful of facts that matter, each a verbatim sentence of the corpus with every
 * source that carries it. With a topic, sentences come from the paragraphs the index finds for it; without,
 * from the whole corpus (its main story). Facts are shown most important first (a wire editor's order:
 * the lede, then what supports it), each once, tagged with its articles and the independent reports among
 * them ("3 articles · 1 report (AFP)", "2 independent sources", "single source"). A topic one of whose
 * words no paragraph has is briefed on the others, with a note, unless what is left is a lone common word;
 * a topic nothing matches gets no items, a note, and nearby topics that do match.
 *
 * @example brief(library, 'embassy drawdown').items[0].tags // ['3 articles · 1 report (AFP)']
 */
export function brief(library: Library, query: string, options: BriefCallOptions = {}): Answer {
  const topic = query.trim();
  const limit = options.limit && options.limit > 0 ? Math.floor(options.limit) : DEFAULT_BRIEF_ITEMS;
  const { corpus } = library;

  let articles: readonly Article[] = corpus.articles;
  let settings: BriefOptions = { ...BRIEF_RANKING, ...options.ranking, limit };
  let missing: string[] = [];
  let briefed = topic;
  let spelling: string[] = [];
  if (topic) {
    const found = topicSearch(library, topic, TOPIC_PARAGRAPHS);
    spelling = spellingNotes(found);
    let { hits } = found;
    missing = unmatchedWords(topic, hits, found.spelled);
    if (missing.length) {
      // The hits are those of the words that match: the missing ones added nothing to any score.
      const rest = withoutWords(topic, missing);
      if (restNamesTopic(namesTopic(library.index, rest, hits))) briefed = rest;
      else hits = [];
    }
    const top = Math.max(1e-9, ...hits.map((h) => h.score));
    const relevance = new Map(hits.map((h) => [h.paragraph.id, h.score / top]));
    const articleIds = new Set(hits.map((h) => h.paragraph.articleId));
    articles = [...articleIds].flatMap((id) => corpus.articleById.get(id) ?? []);
    const { paragraphs, mentions } = topicParagraphs(articles, relevance);
    const queryTerms = terms(briefed);
    const about = new Set(articles.filter((a) => isAbout(a, queryTerms, found.spelled)).map((a) => a.id));
    const extendTo = options.limit ? {} : { extendTo: TOPIC_MAX_ITEMS };
    settings = { ...settings, ...TOPIC_RANKING, ...extendTo, ...options.ranking, paragraphs, mentionsOnly: mentions, paragraphRelevance: relevance, about, queryTerms, spelled: found.spelled };
  } else {
    let sentences = 0;
    for (const a of corpus.articles) {
      for (const p of a.paragraphs) sentences += p.sentences.length;
      if (sentences > WHOLE_CORPUS_SENTENCES) break;
    }
    if (sentences > WHOLE_CORPUS_SENTENCES) {
      articles = latest(corpus.articles, LARGE_CORPUS_ARTICLES);
      settings.maxPosition = LARGE_CORPUS_LEAD;
    }
  }

  const facts = articles.length ? selectFacts(articles, settings) : [];
  const heading = `Briefing · ${briefed || 'whole corpus'}`;
  if (facts.length === 0) {
    const suggestions = topic ? suggestTopics(corpus, library.index, topic) : [];
    const rest = missing.length ? withoutWords(topic, missing) : '';
    if (rest && library.index.search(rest, { limit: 1 }).length && !suggestions.includes(rest)) suggestions.unshift(rest);
    const notes = [topic ? `Nothing in the corpus about “${topic}”.` : 'The corpus has no sentences to brief from.'];
    if (missing.length) notes.push(`No paragraph found for the topic mentions ${quoteList(missing)}.`);
    if (suggestions.length) notes.push('Topics the corpus does cover are suggested below.');
    return makeAnswer(library, { command: 'brief', query: topic, title: heading, items: [], notes, ...(topic ? { suggestions } : {}) });
  }

  const items = facts.map(toItem);
  const notes = missing.length ? [`No paragraph mentions ${quoteList(missing)}: this briefing is on “${briefed}”.`] : [];
  notes.push(...spelling);
  const answer = makeAnswer(library, { command: 'brief', query: topic, title: heading, items, notes });
  answer.title = `${heading} — ${describeSources(answer.sources.map((s) => s.published), answer.sources.length, articles.length)}`;
  if (settings.maxPosition !== undefined) {
    answer.notes.push(
      `A large corpus: the first ${settings.maxPosition} sentences of the ${articles.length} most recent of ${corpus.articles.length} articles were read; give a topic for a closer look.`,
    );
  }
  return answer;
}

/** “a”, “b”: words quoted for a note. */
function quoteList(words: readonly string[]): string {
  return words.map((w) => `“${w}”`).join(', ');
}

/** The index terms of each article's headline and first paragraph (articles are immutable). */
const OPENINGS = new WeakMap<Article, Set<string>>();

/**
 * Whether an article is about a topic: its headline and first paragraph carry at least half of the topic's
 * words ("embassy drawdown": the five seed articles, each headed or opening on the embassy; "militia rocket
 * attacks": only 004, whose opening is about the militias' rocket attacks).
 */
function isAbout(article: Article, queryTerms: readonly string[], spelled: ReadonlyMap<string, string>): boolean {
  const topic = new Set(queryTerms);
  if (topic.size === 0) return false;
  let opening = OPENINGS.get(article);
  if (!opening) OPENINGS.set(article, (opening = new Set([...terms(article.title ?? ''), ...terms(article.paragraphs[0]?.text ?? '')])));
  const carries = spelled.size ? new Set([...opening].map((t) => spelled.get(t) ?? t)) : opening;
  let carried = 0;
  for (const t of topic) if (carries.has(t)) carried++;
  return carried >= topic.size / 2;
}

/** The `n` most recently published articles (undated ones last, then in corpus order). */
function latest(articles: readonly Article[], n: number): Article[] {
  const dated = articles.map((a, i) => ({ a, i, d: a.published?.date ?? '' }));
  dated.sort((x, y) => (x.d === y.d ? x.i - y.i : x.d < y.d ? 1 : -1));
  return dated.slice(0, n).map((x) => x.a);
}

/**
 * The paragraphs a topic briefing reads: those the index found, and every paragraph of an article whose
 * first paragraph was found (an article about the topic: its context, "Tensions spiked … after …", is part
 * of the story even where the search words are not repeated). The neighbours of a passing mention are not
 * read, and in a paragraph that only mentions the topic, only the sentences with a topic word count: a
 * briefing on "Tueller" is about Tueller, not about the sentences next to his name.
 */
function topicParagraphs(articles: readonly Article[], found: ReadonlyMap<string, number>): { paragraphs: Set<string>; mentions: Set<string> } {
  const paragraphs = new Set<string>();
  const mentions = new Set<string>();
  for (const article of articles) {
    const ps = article.paragraphs;
    const about = ps.slice(0, 1).some((p) => found.has(p.id));
    for (const p of ps) {
      if (about || found.has(p.id)) paragraphs.add(p.id);
      if (!about && found.has(p.id)) mentions.add(p.id);
    }
  }
  return { paragraphs, mentions };
}

function toItem(fact: BriefFact): AnswerItem {
  const n = fact.members.length;
  return {
    text: shownText(fact.shown),
    citations: fact.members.map((m) => citeParagraph(m.paragraph, m.sentence)),
    tags: [sourcesTag(n, fact.reports)],
    sources: n,
    reports: fact.reports.length,
  };
}

/** "4 of 5 articles, 2–3 Dec 2020": how many articles the items cite, of those that matched, and when. */
function describeSources(dates: readonly (string | null)[], cited: number, matched: number): string {
  const count = cited === matched ? plural(cited, 'article') : `${cited.toLocaleString('en-US')} of ${plural(matched, 'article')}`;
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
