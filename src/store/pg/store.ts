/**
 * The PostgreSQL corpus store: answers from the corpus in the database, holding no copy of it (a bounded
 * cache of recently loaded articles). Each question loads its working set — the articles its search hits
 * are in, the articles naming a person, the article behind a citation — into a small Library and asks the
 * same answer functions the in-memory store asks (src/answer). Questions about the whole corpus (/brief,
 * /timeline, /who with no topic) read the most recent articles, in a window the answer states ("the last
 * 3 days: 412 of 180,773 articles"), never the whole archive; a corpus of at most `wholeCorpusUpTo`
 * articles is read whole, as in memory.
 */
import type pg from 'pg';
import { ANSWERS, cleanQuery, MAX_QUERY_LENGTH, type AskOptions } from '../../answer/index.ts';
import type { Answer, CommandName } from '../../answer/types.ts';
import type { Article, CorpusProblem, ReportTotals } from '../../corpus/types.ts';
import { articleHeading, editorDate } from '../../answer/cite.ts';
import { analyseEntities } from '../../analyse/entities.ts';
import { emptyAliases, parseAliases, type AliasRules } from '../../analyse/entities-aliases.ts';
import { formKey, transliterated } from '../../analyse/entities-keys.ts';
import {
  initialLetters, mergeSpellings, nameRuns, spelledQuery, spellingsAmong, UNWRITTEN_NAME_PARAGRAPHS, unwrittenSpellings,
  unwrittenWords, writtenWords, type NameRun, type TopicSpelling, type UnwrittenWord,
} from '../../analyse/entities-spellings.ts';
import { capitalisedUses } from '../../brief/words.ts';
import { STOP_WORDS, termOf, tokenize } from '../../text/terms.ts';
import { flattenTyped, matchKey } from '../../text/normalize.ts';
import { choice } from '../../discord/choices.ts';
import { LIMITS } from '../../discord/limits.ts';
import { isUnreachable } from '../../db/unreachable.ts';
import { onDatabase } from '../../db/unreachable.ts';
import { unreachableAnswer, type AnalysisStatus, type CorpusStore, type StoreAnswer, type StoreChoice, type StoreCounts } from '../types.ts';
import { readAnalysis } from './analysis.ts';
import { anyMatch, searchDatabase, termFrequencies } from './search.ts';
import { queryTerms } from '../terms.ts';
import { ArticleCache, loadArticles, workingLibrary, type ArchiveFrequencies, type Prefetched } from './working.ts';

export interface PostgresStoreOptions {
  /** The corpus folder shown as the root (and where a live watcher writes from). */
  root: string;
  /** For logs: the database without its password. */
  where: string;
  /** Whole-corpus answers read the articles of the last this many days of the archive (default 3). */
  windowDays?: number;
  /** …and at most this many of them, the most recent (default 500). */
  windowArticles?: number;
  /** A corpus of at most this many articles is one working set, as in memory (default 500). */
  wholeCorpusUpTo?: number;
  /** Articles kept loaded between questions (default 1,000). */
  cacheArticles?: number;
  /** The analysis version the archive is checked against (default: this code's, src/store/pg/analysis.ts). */
  analysisVersion?: string;
}

/** Paragraphs a topic's search asks for: what /brief and /timeline ask the index for (src/answer). */
const SEARCH_LIMITS: Partial<Record<CommandName, number>> = { brief: 60, timeline: 300 };
/** Articles loaded for /who with a name at most (the most recent of those naming it). */
const NAME_ARTICLES = 100;
/** Headlines /source autocomplete looks through for the typed words: the most recent (a bounded scan per keystroke). */
const TITLE_SCAN = 5_000;
/** Name keys /who autocomplete looks at per keystroke at most. */
const NAME_CHOICE_KEYS = 500;
/** Recent articles a question that found nothing draws its suggestions from, on an archive. */
const SUGGESTION_ARTICLES = 100;
/** Names sharing a word with a topic's name looked at for its other spellings, per word at most. */
const SPELLING_NAMES = 500;
/** How long counts and aliases are reused before they are read again (ms). */
const FRESH_MS = 5_000;

interface Window {
  seqs: number[];
  /** "the last 3 days (1–3 Dec 2020): 412 of 180,773 articles", or null when the whole corpus is read. */
  label: string | null;
}

export class PostgresStore implements CorpusStore {
  readonly kind = 'postgres';
  readonly where: string;
  readonly root: string;
  readonly #pool: pg.Pool;
  readonly #options: Required<Omit<PostgresStoreOptions, 'where' | 'analysisVersion'>>;
  readonly #analysisVersion: string | undefined;
  readonly #cache: ArticleCache;
  readonly #counts = new Fresh<StoreCounts>(() => this.#readCounts());
  readonly #aliases = new Fresh<AliasRules>(() => this.#readAliases());
  readonly #analysis = new Fresh<AnalysisStatus>(() => readAnalysis(this.#pool, this.root, this.#analysisVersion));

  constructor(pool: pg.Pool, options: PostgresStoreOptions) {
    this.#pool = pool;
    this.where = options.where;
    this.root = options.root;
    this.#analysisVersion = options.analysisVersion;
    this.#options = {
      root: options.root,
      windowDays: options.windowDays ?? 3,
      windowArticles: options.windowArticles ?? 500,
      wholeCorpusUpTo: options.wholeCorpusUpTo ?? 500,
      cacheArticles: options.cacheArticles ?? 1000,
    };
    this.#cache = new ArticleCache(this.#options.cacheArticles);
  }

  /** Articles held in the cache (for the health endpoint). */
  get cachedArticles(): number {
    return this.#cache.size;
  }

  async ask(command: CommandName, rawQuery: string, options: AskOptions = {}): Promise<StoreAnswer> {
    const { query, cut } = cleanQuery(rawQuery);
    const fn = ANSWERS[command];
    if (!fn) return { command, query, title: command, items: [], sources: [], notes: [`\`${command}\` is not available yet.`] };
    let answer: Answer;
    try {
      answer = await this.#answer(command, query, options);
    } catch (err) {
      if (!isUnreachable(err)) throw err;
      return unreachableAnswer(command, query, this.where, (err as Error).message ?? String(err));
    }
    if (cut) answer.notes.push(`The query was cut to ${MAX_QUERY_LENGTH} characters.`);
    return answer;
  }

  async #answer(command: CommandName, query: string, options: AskOptions): Promise<Answer> {
    const counts = await this.counts();
    const small = counts.articles <= this.#options.wholeCorpusUpTo;
    const fn = ANSWERS[command]!;
    const prefetched: Prefetched[] = [];
    let seqs: number[] = [];
    let window: Window | null = null;
    let retired = new Map<string, string>();
    let problems: CorpusProblem[] = [];
    let whole = small;
    let frequencies: ArchiveFrequencies | undefined;
    let stale: string | null = null;
    let totals: ReportTotals | undefined;

    let spellings: Map<string, TopicSpelling[]> | undefined;
    if ((command === 'search' || command === 'brief' || command === 'timeline') && query) {
      const limit = command === 'search' ? (options.limit ?? 10) : SEARCH_LIMITS[command]!;
      // A topic also searches the other spellings of the names in it, as `topicSearch` does in memory.
      const spelled = command === 'search' ? [] : await this.#spellings(query);
      if (command !== 'search') spellings = new Map([[query, spelled]]);
      const text = spelledQuery(query, spelled);
      const hits = await searchDatabase(this.#pool, text, { limit });
      prefetched.push({ query: text, limit, hits });
      if (command === 'brief' && !small) frequencies = await termFrequencies(this.#pool, queryTerms(query));
      seqs = hits.map((h) => h.articleSeq);
      // Nothing found: the most recent articles give the briefing topics to suggest instead.
      if (hits.length === 0 && command === 'brief' && !small) window = await this.#recent(SUGGESTION_ARTICLES);
    } else if (command === 'who' && query) {
      seqs = small ? [] : await this.#naming(query);
      if (!small && seqs.length === 0) window = await this.#recent(SUGGESTION_ARTICLES);
    } else if (command === 'source' && query) {
      if (!small) seqs = await this.#behind(query);
      retired = await this.#retired(query);
    } else if (command === 'search') {
      // No words to search for: the answer says what to type; nothing to load.
    } else {
      // No topic (or /corpus): the whole corpus when it is small, else its most recent articles.
      window = await this.#recent();
      whole = window.label === null;
      if (command === 'corpus') {
        problems = await this.#problems();
        totals = await this.#totals();
        stale = (await this.analysis()).warning;
      }
    }
    if (small) seqs = (await this.#recent()).seqs;
    else if (window) seqs = [...seqs, ...window.seqs];
    const loaded = await loadArticles(this.#pool, seqs, this.#cache);
    const library = workingLibrary(
      loaded.map((l) => l.article),
      {
        root: this.#options.root,
        prefetched,
        ...(frequencies ? { frequencies } : {}),
        retired,
        problems,
        ...(command === 'corpus' ? { counts, where: this.where, ...(totals ? { totals } : {}) } : {}),
        ...(spellings ? { spellings } : {}),
      },
    );
    if (command === 'who') library.entities = analyseEntities(library.corpus, await this.#aliasRules());
    const answer = fn(library, query, options);
    if (window?.label && command === 'corpus') {
      answer.notes.unshift(`An archive: the articles listed are ${window.label}; the counts are the whole archive's.`);
    } else if (window?.label && !query) {
      answer.title = answer.title.replace('whole corpus', 'recent articles');
      answer.notes.unshift(`An archive: this answer reads ${window.label}. Give a topic for a closer look.`);
    } else if (!whole && command === 'source' && !query) {
      answer.notes.unshift(`An archive: the ${loaded.length} most recent of ${counts.articles.toLocaleString('en-US')} articles are listed.`);
    }
    if (stale) answer.notes.push(stale);
    return answer;
  }

  /**
   * Whether the archive was analysed by this code's rules (read at most every few seconds); when not, the
   * warning says what that means and the command that reads every file again.
   */
  analysis(): Promise<AnalysisStatus> {
    return this.#analysis.get();
  }

  /** The corpus's counts (read at most every few seconds). */
  counts(): Promise<StoreCounts> {
    return this.#counts.get();
  }

  async #readCounts(): Promise<StoreCounts> {
    const { rows } = await this.#pool.query<StoreCounts>(
      `select (select coalesce(max(value) filter (where key = 'articles'), 0) from corpus_stats)::int as articles,
              (select coalesce(max(value) filter (where key = 'paragraphs'), 0) from corpus_stats)::int as paragraphs,
              (select count(*) from corpus_files)::int as files,
              (select count(*) from corpus_problems)::int as problems`,
    );
    return rows[0]!;
  }

  /**
   * Read for every question (a few hundred rows of an index): a cached list could name articles since
   * replaced. `most`: only that many of the most recent (what suggestions are drawn from).
   */
  async #recent(most?: number): Promise<Window> {
    const window = await this.#readWindow();
    return most === undefined ? window : { seqs: window.seqs.slice(0, most), label: null };
  }

  /**
   * The articles whole-corpus answers read: every article of a small corpus (in corpus order); else those
   * of the last `windowDays` days of the archive (by publication date), at most `windowArticles`.
   */
  async #readWindow(): Promise<Window> {
    {
      const counts = await this.counts();
      if (counts.articles <= this.#options.wholeCorpusUpTo) {
        const { rows } = await this.#pool.query<{ seq: number }>('select seq from corpus_articles order by seq');
        return { seqs: rows.map((r) => Number(r.seq)), label: null };
      }
      const { rows } = await this.#pool.query<{ seq: number; published: string | null }>(
        `with newest as (select max(published) as d from corpus_articles)
         select seq, published from corpus_articles, newest
         where newest.d is null or published >= to_char(newest.d::date - ($1::int - 1), 'YYYY-MM-DD')
         order by published desc nulls last, seq desc limit $2`,
        [this.#options.windowDays, this.#options.windowArticles],
      );
      const dates = rows.map((r) => r.published).filter((d): d is string => d !== null).sort();
      const span = dates.length ? (dates[0] === dates.at(-1) ? editorDate(dates[0]!) : `${editorDate(dates[0]!)} – ${editorDate(dates.at(-1)!)}`) : 'undated';
      const days = this.#options.windowDays;
      const label = `${rows.length === this.#options.windowArticles ? `the ${rows.length} most recent articles` : `the last ${days} day${days === 1 ? '' : 's'}`} (${span}): ${rows.length.toLocaleString('en-US')} of ${counts.articles.toLocaleString('en-US')} articles`;
      return { seqs: rows.map((r) => Number(r.seq)), label };
    }
  }

  /**
   * The other spellings of the names in a topic (src/analyse/entities-spellings.ts), from the names of the
   * whole archive (`topicSpellings`).
   */
  async #spellings(topic: string): Promise<TopicSpelling[]> {
    return (await this.topicSpellings([topic])).get(topic) ?? [];
  }

  /**
   * The other spellings of the names in each topic, from the names of the whole archive: the runs of the
   * topics that are a name the corpus writes (one look-up of all their keys; most topics stop here), then
   * the names sharing a word with one (at most `SPELLING_NAMES` per word, one statement for every topic)
   * that are spellings of it, never two the alias file keeps apart. In memory the entity table gives them;
   * here any name found in the articles counts, whatever its kind. A round's watches ask for all their
   * topics at once: two statements whatever their number, and one more for the words the archive never
   * writes, which may be names typed with another spelling (`#unwrittenSpellings`; three more when one is).
   */
  async topicSpellings(topics: readonly string[]): Promise<Map<string, TopicSpelling[]>> {
    const out = await this.#namedSpellings(topics);
    const unwritten = await this.#unwrittenSpellings(topics);
    for (const [topic, list] of unwritten) if (list.length) out.set(topic, mergeSpellings([...(out.get(topic) ?? []), ...list]));
    return out;
  }

  /**
   * The names of the archive that the topics' words it never writes transliterate, as `unwrittenOf` finds
   * them in memory (src/answer/search.ts): the words whose term no paragraph has (one look-up for every
   * topic; most stop here), the name words of the archive with a first letter they may transliterate and
   * close in length, those that do, and of those the ones the paragraphs that use them (their
   * `UNWRITTEN_NAME_PARAGRAPHS` best) always write capitalised. Any name of the archive counts, whatever its
   * kind, as for the other spellings.
   */
  async #unwrittenSpellings(topics: readonly string[]): Promise<Map<string, TopicSpelling[]>> {
    const out = new Map<string, TopicSpelling[]>();
    const asked = new Map(topics.map((t) => [t, unwrittenWords(t, () => false)] as const));
    const terms = [...new Set([...asked.values()].flatMap((words) => words.map((w) => termOf(tokenize(w.word)[0] ?? '') ?? '')))].filter(Boolean);
    if (terms.length === 0) return out;
    const { rows: knownRows } = await this.#pool.query<{ term: string }>('select term from corpus_terms where term = any($1)', [terms]);
    const known = new Set(knownRows.map((r) => r.term));
    const missing = new Map<string, UnwrittenWord[]>();
    for (const topic of topics) {
      const words = unwrittenWords(topic, (term) => known.has(term));
      if (words.length) missing.set(topic, words);
    }
    if (missing.size === 0) return out;
    const wanted = [...new Map([...missing.values()].flat().map((w) => [w.key, w])).values()];
    const letters = [...new Set(wanted.flatMap((w) => initialLetters(w.key)))];
    const shortest = Math.min(...wanted.map((w) => w.key.length)) - 3;
    const longest = Math.max(...wanted.map((w) => w.key.length)) + 3;
    // Name words by first letter (the text_pattern_ops index), one word, about as long.
    const { rows: keyRows } = await this.#pool.query<{ key: string }>(
      `select distinct c.key from unnest($1::text[]) l(letter) cross join lateral (
         select key from corpus_name_counts where key ~>=~ l.letter and key ~<~ chr(ascii(l.letter) + 1)
           and strpos(key, ' ') = 0 and length(key) between $2 and $3) c`,
      [letters, shortest, longest],
    );
    const keys = keyRows.map((r) => r.key);
    const close = keys.filter((k) => wanted.some((w) => transliterated(w.key, k)));
    if (close.length === 0) return out;
    const { rows: nameRows } = await this.#pool.query<{ key: string; name: string }>('select key, name from corpus_name_counts where key = any($1) order by key, name', [close]);
    const forms = new Map<string, Set<string>>();
    for (const r of nameRows) {
      const written = writtenWords(r.name)?.find((w) => w.key === r.key)?.written;
      if (!written) continue;
      const set = forms.get(r.key) ?? new Set<string>();
      set.add(written);
      forms.set(r.key, set);
    }
    const written = [...new Set([...forms.values()].flatMap((set) => [...set]))];
    const termOfForm = (form: string) => termOf(tokenize(form)[0] ?? '') ?? '';
    const formTerms = [...new Set(written.map(termOfForm))].filter(Boolean);
    const { rows: texts } = await this.#pool.query<{ term: string; text: string }>(
      `select t.term, p.text from unnest($1::text[]) t(term) cross join lateral (
         select cp.text from corpus_postings x join corpus_paragraphs cp on cp.pid = x.pid where x.term = t.term order by x.impact desc limit $2) p`,
      [formTerms, UNWRITTEN_NAME_PARAGRAPHS],
    );
    const textsOf = new Map<string, string[]>();
    for (const r of texts) {
      const list = textsOf.get(r.term);
      if (list) list.push(r.text);
      else textsOf.set(r.term, [r.text]);
    }
    const usesOf = (form: string) => capitalisedUses(termOfForm(form), textsOf.get(termOfForm(form)) ?? []);
    for (const [topic, words] of missing) {
      const found = unwrittenSpellings(words, () => written, usesOf);
      if (found.length) out.set(topic, found);
    }
    return out;
  }

  async #namedSpellings(topics: readonly string[]): Promise<Map<string, TopicSpelling[]>> {
    const out = new Map<string, TopicSpelling[]>(topics.map((t) => [t, []]));
    const runsOf = new Map(topics.map((t) => [t, nameRuns(t)] as const));
    const keys = [...new Set([...runsOf.values()].flatMap((runs) => runs.map((r) => r.key)))];
    if (keys.length === 0) return out;
    const { rows } = await this.#pool.query<{ key: string }>('select distinct key from corpus_name_counts where key = any($1)', [keys]);
    const names = new Set(rows.map((r) => r.key));
    const namedOf = new Map<string, NameRun[]>();
    for (const [topic, runs] of runsOf) {
      const named = runs.filter((r) => names.has(r.key));
      if (named.length) namedOf.set(topic, named);
    }
    if (namedOf.size === 0) return out;
    const spellable = (w: string) => w.length >= 2 && !STOP_WORDS.has(w);
    const words = [...new Set([...namedOf.values()].flatMap((named) => named.flatMap((r) => r.words)))].filter(spellable);
    const { rows: sharing } = await this.#pool.query<{ word: string; name: string }>(
      `select w.key as word, x.name from unnest($1::text[]) w(key) cross join lateral (
         select name from corpus_name_counts c where c.key = w.key order by c.key, c.name limit $2) x`,
      [words, SPELLING_NAMES],
    );
    const byWord = new Map<string, string[]>();
    for (const r of sharing) {
      const list = byWord.get(r.word);
      if (list) list.push(r.name);
      else byWord.set(r.word, [r.name]);
    }
    const splits = (await this.#aliasRules()).splits.map(([a, b]) => [formKey(a), formKey(b)] as const);
    for (const [topic, named] of namedOf) {
      const candidates = [...new Set(named.flatMap((r) => r.words.filter(spellable).flatMap((w) => byWord.get(w) ?? [])))];
      out.set(topic, spellingsAmong(named, candidates, splits));
    }
    return out;
  }

  /** The articles that name someone: by the whole name or any of its words, the most recent first. */
  async #naming(name: string): Promise<number[]> {
    const key = formKey(name);
    if (!key) return [];
    const keys = [key, ...key.split(' ').filter((w) => w.length >= 3 && w !== key)];
    let { rows } = await this.#pool.query<{ seq: number }>(
      `select article_seq as seq from corpus_names where key = any($1)
       group by article_seq order by bool_or(key = $2) desc, article_seq desc limit $3`,
      [keys, key, NAME_ARTICLES],
    );
    if (rows.length === 0 && key.length >= 3) {
      ({ rows } = await this.#pool.query<{ seq: number }>(
        `select article_seq as seq from corpus_names where key like $1 group by article_seq order by article_seq desc limit $2`,
        [`${likeEscape(key)}%`, NAME_ARTICLES],
      ));
    }
    if (rows.length === 0) return (await searchDatabase(this.#pool, name, { limit: 100 })).map((h) => h.articleSeq);
    return rows.map((r) => Number(r.seq));
  }

  /**
   * The articles behind a /source id: the paragraph's article, the article of that id (or of `001-p4`), a
   * headline with those words, the article a retired id belonged to, and articles with a similar id (for
   * "nearest ids" when nothing matches).
   */
  async #behind(query: string): Promise<number[]> {
    const id = query.trim().toLowerCase();
    const position = /^(.+?)(?:-p|\s+)(\d+)$/i.exec(id)?.[1] ?? id;
    const prefixes = [...id.matchAll(/-/g)].map((m) => id.slice(0, m.index));
    // By id first (index look-ups); headlines and similar ids only when no id matches, as memory tries them.
    const { rows } = await this.#pool.query<{ seq: number; exact: boolean }>(
      `select seq, lower(id) in ($2, $3) as exact from corpus_articles where id = any($1)
       union select article_seq, true from corpus_paragraphs where id = $2`,
      [[id, position, ...prefixes], id, position],
    );
    if (rows.some((r) => r.exact)) return rows.map((r) => Number(r.seq));
    const key = matchKey(query);
    const { rows: more } = await this.#pool.query<{ seq: number }>(
      `(select seq from (select seq, title from corpus_articles order by seq desc limit ${TITLE_SCAN}) recent where $1::text is not null and title ilike $1 limit 2)
       union (select seq from corpus_articles where lower(id) like $2 order by lower(id) using ~<~ limit 30)`,
      [key.length >= 4 ? `%${likeEscape(key)}%` : null, `${likeEscape(id.slice(0, 3))}%`],
    );
    return [...rows, ...more].map((r) => Number(r.seq));
  }

  async #retired(query: string): Promise<Map<string, string>> {
    const id = query.trim().toLowerCase();
    const { rows } = await this.#pool.query<{ id: string; reason: string }>('select id, reason from corpus_retired where id = $1', [id]);
    return new Map(rows.map((r) => [r.id, r.reason]));
  }

  /** The report's whole-archive counts: articles with a date, lines dropped as debris, problems (one pass over the articles). */
  async #totals(): Promise<ReportTotals> {
    const [articles, problems] = await Promise.all([
      this.#pool.query<{ dated: number; dropped: number }>(
        'select count(published)::int as dated, coalesce(sum(jsonb_array_length(dropped)), 0)::int as dropped from corpus_articles',
      ),
      this.#pool.query<{ problems: number; skipped: number }>(
        `select count(*)::int as problems, count(*) filter (where action = 'skipped')::int as skipped from corpus_problems`,
      ),
    ]);
    return { dated: articles.rows[0]!.dated, droppedLines: articles.rows[0]!.dropped, problems: problems.rows[0]!.problems, skipped: problems.rows[0]!.skipped };
  }

  async #problems(): Promise<CorpusProblem[]> {
    const { rows } = await this.#pool.query<{ path: string; line: number | null; action: 'skipped' | 'loaded'; message: string }>(
      'select path, line, action, message from corpus_problems order by path, line nulls first limit 1000',
    );
    return rows.map((r) => ({ path: r.path, ...(r.line !== null ? { line: r.line } : {}), action: r.action, message: r.message }));
  }

  /** The editors' alias rules, as imported with the corpus (none until an import brings an aliases.txt). */
  #aliasRules(): Promise<AliasRules> {
    return this.#aliases.get();
  }

  async #readAliases(): Promise<AliasRules> {
    const { rows } = await this.#pool.query<{ value: string }>(`select value from corpus_meta where key = 'aliases'`);
    return rows[0] ? parseAliases(rows[0].value) : emptyAliases();
  }

  async choices(kind: 'source' | 'who', typed: string): Promise<StoreChoice[]> {
    try {
      return kind === 'source' ? await this.#sourceChoices(typed) : await this.#nameChoices(typed);
    } catch (err) {
      if (isUnreachable(err)) return [];
      throw err;
    }
  }

  /**
   * As the in-memory `/source` choices: an article's paragraphs once its id and a dash are typed, else ids,
   * then headlines containing what was typed (among the most recent TITLE_SCAN: memory looks through all).
   */
  async #sourceChoices(typed: string): Promise<StoreChoice[]> {
    const q = flattenTyped(typed).toLowerCase();
    const dash = q.lastIndexOf('-');
    if (dash > 0) {
      const { rows } = await this.#pool.query<{ id: string; n: number; text: string; article: string }>(
        `select p.id, p.n, p.text, a.id as article from corpus_articles a join corpus_paragraphs p on p.article_seq = a.seq
         where a.id = $1 order by p.n`,
        [q.slice(0, dash)],
      );
      if (rows.length > 0) {
        return rows
          .filter((p) => p.id.startsWith(q) || `${p.article}-p${p.n}`.startsWith(q))
          .slice(0, LIMITS.choices)
          .map((p) => choice(`${p.id} · ${p.text}`, p.id));
      }
    }
    const key = matchKey(q);
    const { rows } = await this.#pool.query<{ id: string; title: string | null; outlet: string | null; published: string | null; first: string | null }>(
      `select c.id, c.title, c.outlet, c.published,
         case when c.title is null then (select p.text from corpus_paragraphs p where p.article_seq = c.seq and p.n = 1) end as first
       from ((select id, title, outlet, published, true as by_id, seq from corpus_articles where lower(id) like $1 order by lower(id) using ~<~, seq limit $3)
       union all
       (select * from (select id, title, outlet, published, false, seq from (select id, title, outlet, published, seq from corpus_articles order by seq desc limit ${TITLE_SCAN}) recent
         where $2::text is not null and title ilike $2 and lower(id) not like $1 order by seq desc limit $3) t order by seq)) c`,
      [`${likeEscape(q)}%`, key.length >= 2 ? `%${likeEscape(key)}%` : null, LIMITS.choices],
    );
    // Named as the in-memory choices name them: the title, else the article's first words (never "(untitled)").
    const heading = (a: (typeof rows)[number]) =>
      articleHeading({ id: a.id, title: a.title, outlet: a.outlet, published: a.published ? ({ date: a.published } as Article['published']) : null, paragraphs: a.first ? ([{ text: a.first }] as Article['paragraphs']) : [] });
    return rows.slice(0, LIMITS.choices).map((a) => choice(`${a.id} · ${heading(a)}${a.outlet ? ` · ${a.outlet}` : ''}`, a.id));
  }

  /** Names (as written) whose key or a word of it starts with what was typed, the most reported first. */
  async #nameChoices(typed: string): Promise<StoreChoice[]> {
    const key = formKey(typed);
    // A bounded range of the key index (a letter or two match many keys: the first NAME_CHOICE_KEYS of
    // them), then the most reported first.
    const { rows } = await this.#pool.query<{ name: string; articles: number }>(
      `select name, articles from corpus_name_counts where key like $1 order by key using ~<~ limit $2`,
      [`${likeEscape(key)}%`, NAME_CHOICE_KEYS],
    );
    rows.sort((a, b) => b.articles - a.articles || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const names = [...new Set(rows.map((r) => r.name))].filter((n) => n.length <= LIMITS.choiceValue);
    return names.slice(0, LIMITS.choices).map((n) => choice(n, n));
  }

  /** Articles by id, from the cache where it holds them (a few rows of an index otherwise). */
  async articles(ids: readonly string[]): Promise<Map<string, Article>> {
    const out = new Map<string, Article>();
    if (ids.length === 0) return out;
    const { rows } = await this.#pool.query<{ seq: number }>('select seq from corpus_articles where id = any($1)', [[...new Set(ids)]]);
    for (const { article } of await loadArticles(this.#pool, rows.map((r) => Number(r.seq)), this.#cache)) out.set(article.id, article);
    return out;
  }

  /**
   * The articles that arrived after `since` (ms): by the arrival the bot recorded (`recorded`, article id →
   * ms), else by when the article was imported or written through; oldest first.
   */
  async arrivedSince(since: number, recorded: ReadonlyMap<string, number> = new Map()): Promise<Article[]> {
    const after = new Date(since).toISOString();
    const recordedAfter = [...recorded].filter(([, t]) => t > since).map(([id]) => id);
    const { rows } = await this.#pool.query<{ id: string; imported_at: string }>(
      'select id, imported_at from corpus_articles where imported_at > $1 or id = any($2) order by seq',
      [after, recordedAfter],
    );
    const ids = rows.filter((r) => (recorded.get(r.id) ?? Date.parse(r.imported_at)) > since).map((r) => r.id);
    const loaded = await this.articles(ids);
    return ids.map((id) => loaded.get(id)).filter((a): a is Article => a !== undefined);
  }

  /**
   * The articles of a topic search's best paragraphs: the database's BM25 (as the answers search, other
   * spellings of the topic's names included), their articles loaded.
   */
  async searchArticles(query: string, paragraphs: number, spellings?: readonly TopicSpelling[]): Promise<{ found: number; articles: Article[] }> {
    const hits = await searchDatabase(this.#pool, spelledQuery(query, spellings ?? (await this.#spellings(query))), { limit: paragraphs });
    const loaded = await loadArticles(this.#pool, hits.map((h) => h.articleSeq), this.#cache);
    return { found: hits.length, articles: loaded.map((l) => l.article) };
  }

  /** Whether a search for `query` finds anything: its terms' document frequencies (src/store/pg/search.ts); null when unreachable. */
  async anyMatch(query: string): Promise<boolean | null> {
    try {
      return await anyMatch(this.#pool, query);
    } catch (err) {
      if (isUnreachable(err)) return null;
      throw err;
    }
  }

  /** The text of these paragraphs; an unreachable archive is a DatabaseUnreachableError (the doors say so). */
  async paragraphTexts(ids: readonly string[]): Promise<Map<string, string>> {
    const { rows } = await onDatabase(this, 'archive', { read: 'the cited paragraphs' }).read(() =>
      this.#pool.query<{ id: string; text: string }>('select id, text from corpus_paragraphs where id = any($1)', [[...ids]]),
    );
    return new Map(rows.map((r) => [r.id, r.text]));
  }
}

/** A value read at most every FRESH_MS (a failure is not remembered: the next call reads again). */
class Fresh<T> {
  #entry: { at: number; value: Promise<T> } | null = null;
  constructor(private readonly load: () => Promise<T>) {}

  get(): Promise<T> {
    const now = Date.now();
    if (this.#entry && now - this.#entry.at < FRESH_MS) return this.#entry.value;
    const entry = { at: now, value: this.load() };
    this.#entry = entry;
    entry.value.catch(() => {
      if (this.#entry === entry) this.#entry = null;
    });
    return entry.value;
  }
}

/** A LIKE pattern's literal part: % _ and \ escaped. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

