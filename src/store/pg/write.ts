/**
 * Writing the corpus into PostgreSQL: the files the loader read (new, changed) and the paths that are
 * gone, applied as `updateFiles` applies them to a Library — the old articles of a touched file leave,
 * their paragraphs that do not come back are retired with the reason, the new articles come in (an id
 * another file already uses is reported and skipped) — in one transaction per batch, rows bulk-loaded
 * with COPY. Writers take turns (an advisory lock), so the import command, a bot's write-through and
 * another bot never interleave a batch. A batch made by another analysis version than the archive's recorded
 * one removes the record (src/store/pg/analysis.ts).
 *
 * The work splits in two: `prepareFiles` (CPU: analyses, index terms, COPY text; no database) and
 * `commitFiles` (the transaction), so an import prepares the next batch while the database writes this one.
 *
 * A posting's impact (its BM25 weight without idf) depends on the field's average length: a batch's are
 * computed with the averages of the archive as it will be once the batch is in (the sums it is written on,
 * its own included), and `rescoreImpacts` brings the postings of an import's early batches to the averages
 * the import ended with.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Article, CorpusProblem } from '../../corpus/types.ts';
import { assembleCorpus, type FileResult } from '../../corpus/load.ts';
import { storeAnalyses } from '../../analyse/all.ts';
import { ENTITY_CACHE } from '../../analyse/entities.ts';
import { formKey } from '../../analyse/entities-keys.ts';
import { BM25, fieldTerms, impact, type FieldTerms } from '../terms.ts';
import { copyLine, intArray, sentenceSpans, textArray } from './rows.ts';
import { MAX_RETIRED } from '../../corpus/ids.ts';
import { analysisVersion, forgetOtherAnalysis } from './analysis.ts';

/** The advisory lock writers take for a batch (any constant both sides agree on). */
export const WRITE_LOCK = 0x6e657773; // "news"

/** Field numbers of corpus_article_terms. */
const TITLE = 1;
const OUTLET = 2;

/** Average field lengths, for the postings' impact. */
export interface FieldAverages {
  text: number;
  title: number;
  outlet: number;
}

/** Document-frequency changes of one term: any field, text, title, outlet. */
type TermDelta = [number, number, number, number];

/** Corpus-wide sums kept in corpus_stats. */
export const STAT_KEYS = ['paragraphs', 'articles', 'text_len', 'title_len', 'outlet_len', 'text_tokens', 'dead_postings', 'postings'] as const;
export type StatKey = (typeof STAT_KEYS)[number];
export type Stats = Record<StatKey, number>;

/** One article, ready to copy: its rows as COPY text and what it adds to the statistics. */
interface PreparedArticle {
  article: Article;
  file: string;
  seq: number;
  articleLine: string;
  paragraphLines: string;
  /** Filled once the batch's averages are known (`renderImpacts`). */
  postingLines: string;
  articleTermLines: string;
  /** The text terms of each paragraph and the headline's and outlet's, for the impacts. */
  fields: { paragraphs: Array<{ pid: number; terms: string[]; tf: number[]; len: number }>; title: FieldTerms; outlet: FieldTerms };
  nameLines: string;
  names: Array<[string, string]>;
  terms: Map<string, TermDelta>;
  stats: Partial<Stats>;
}

/** A batch of files, prepared. */
export interface PreparedBatch {
  results: FileResult[];
  removed: string[];
  /**
   * Files whose earlier articles an earlier batch of the same import already wrote (a large export is
   * written in several batches; see `unfinished`).
   */
  continued: Set<string>;
  /** Files read again though their content is unchanged (`--reanalyse`): ids that change retire saying so. */
  reread: Set<string>;
  /**
   * Files whose later articles come in a later batch of the same import. A file split over batches
   * (`continued` or `unfinished`) replaces its old articles one by one as their new versions arrive; the
   * batch that ends it removes the old ones that did not come back and records the file: its readers never
   * miss an article, nor see an id of it retired that the file still has.
   */
  unfinished: Set<string>;
  /** The first article seq of this import: a split file's rows below it are its old versions. */
  since: number;
  /** The analysis version that made the rows (src/store/pg/analysis.ts). */
  analysedBy: string;
  /** The average field lengths the impacts were computed with. */
  averages: FieldAverages;
  /** What the batch's articles add to the statistics. */
  stats: Partial<Stats>;
  /** The paragraph pids and article seqs the batch's articles have (lowest, highest), to rescore. */
  pids: [number, number];
  seqs: [number, number];
  /** The articles that survived the in-batch id check, in corpus order. */
  articles: PreparedArticle[];
  /** Problems of the batch's files, the in-batch duplicate ids included. */
  problems: CorpusProblem[];
  paragraphs: number;
}

/** How a batch is written, beyond its files. */
export interface BatchOptions {
  /** Files an earlier batch of the same import began (PreparedBatch.continued). */
  continued?: ReadonlySet<string>;
  /** Files read again though their content is unchanged (PreparedBatch.reread). */
  reread?: ReadonlySet<string>;
  /** Files a later batch of the same import ends (PreparedBatch.unfinished). */
  unfinished?: ReadonlySet<string>;
  /** The first article seq of the import (PreparedBatch.since; needed with `continued` or `unfinished`). */
  since?: number;
  /** The analysis version the rows are made by (default: this code's, `analysisVersion`). */
  analysedBy?: string;
}

/** What a committed batch did. */
export interface WriteReport {
  added: string[];
  changed: string[];
  removed: string[];
  /** The articles written (those whose id no other file holds), as they were read. */
  written: Article[];
  articles: number;
  paragraphs: number;
  retired: number;
  problems: number;
  /** The problems themselves (file, line, what was wrong, what was done), as stored in corpus_problems. */
  reported: CorpusProblem[];
}

/**
 * The CPU half of a write: every article analysed (dates, names: the per-article analyses the library
 * makes), its index terms counted, its rows rendered for COPY with ids from `ids`. Needs no database.
 * `before`: the statistics of the archive the batch is written on (with what an import's batch still being
 * committed adds); the impacts take the averages of those and the batch's own.
 */
export function prepareFiles(results: readonly FileResult[], removed: readonly string[], before: Partial<Stats>, ids: IdBlock, options: BatchOptions & { analysedBy: string }): PreparedBatch {
  const merged = assembleCorpus('', results);
  const now = new Date().toISOString();
  const articles: PreparedArticle[] = [];
  let paragraphs = 0;
  const stats: Partial<Stats> = {};
  for (const result of results) {
    for (const id of merged.files.get(result.path)?.articleIds ?? []) {
      const article = merged.articleById.get(id)!;
      const prepared = prepareArticle(article, result.path, ids, now);
      articles.push(prepared);
      addTo(stats, prepared.stats);
      paragraphs += article.paragraphs.length;
    }
  }
  const averages = averagesOf(sumStats(before, stats));
  for (const a of articles) renderImpacts(a, averages);
  const pids = articles.flatMap((a) => a.fields.paragraphs.map((p) => p.pid));
  const seqs = articles.map((a) => a.seq);
  const range = (xs: number[]): [number, number] => [xs.reduce((m, x) => Math.min(m, x), Infinity), xs.reduce((m, x) => Math.max(m, x), -Infinity)];
  return {
    results: [...results],
    removed: [...removed],
    continued: new Set(options.continued),
    reread: new Set(options.reread),
    unfinished: new Set(options.unfinished),
    since: options.since ?? 0,
    analysedBy: options.analysedBy,
    averages,
    stats,
    pids: range(pids),
    seqs: range(seqs),
    articles,
    problems: merged.report.problems,
    paragraphs,
  };
}

function addTo(into: Partial<Stats>, from: Partial<Stats>, sign = 1): void {
  for (const [k, v] of Object.entries(from) as Array<[StatKey, number]>) into[k] = (into[k] ?? 0) + sign * v;
}

/** The sums of two sets of statistics (a key missing in both is 0). */
export function sumStats(a: Partial<Stats>, b: Partial<Stats>): Stats {
  const sum = Object.fromEntries(STAT_KEYS.map((k) => [k, 0])) as Stats;
  addTo(sum, a);
  addTo(sum, b);
  return sum;
}

function prepareArticle(article: Article, file: string, ids: IdBlock, now: string): PreparedArticle {
  const seq = ids.article();
  const analyses = storeAnalyses(article);
  const title = fieldTerms(article.title ?? '');
  const outlet = fieldTerms(article.outlet ?? '');
  const n = article.paragraphs.length;
  const terms = new Map<string, TermDelta>();
  const bump = (term: string, field: number, by: number) => {
    let d = terms.get(term);
    if (!d) terms.set(term, (d = [0, 0, 0, 0]));
    d[field]! += by;
  };
  for (const t of title.terms) bump(t, 2, n);
  for (const t of outlet.terms) bump(t, 3, n);

  let paragraphLines = '';
  let textLen = 0;
  let textTokens = 0;
  let postings = 0;
  const fieldOnly = new Set([...title.terms, ...outlet.terms]);
  const fieldParagraphs: PreparedArticle['fields']['paragraphs'] = [];
  for (const p of article.paragraphs) {
    const pid = ids.paragraph();
    const text = fieldTerms(p.text);
    paragraphLines += copyLine([pid, p.id, seq, p.n, p.text, intArray(sentenceSpans(p)), textArray(text.terms), intArray(text.tf), text.len, text.count]);
    fieldParagraphs.push({ pid, terms: text.terms, tf: text.tf, len: text.len });
    for (const term of text.terms) {
      bump(term, 1, 1);
      // Paragraphs with the term in any field: the text's terms, then the headline's and outlet's not in it.
      bump(term, 0, 1);
    }
    postings += text.terms.length;
    for (const t of fieldOnly) if (!text.terms.includes(t)) bump(t, 0, 1);
    textLen += text.len;
    textTokens += text.count;
  }
  // Names: each spelling's form key and its words, with the spelling (for /who lookups and autocomplete).
  const names = new Map<string, string>();
  for (const m of ENTITY_CACHE.get(article).mentions) {
    const key = formKey(m.text);
    if (!key) continue;
    if (!names.has(`${key}\u0000${m.text}`)) names.set(`${key}\u0000${m.text}`, m.text);
    for (const w of key.split(' ')) if (w.length >= 2 && w !== key) names.set(`${w}\u0000${m.text}`, m.text);
  }
  const namePairs: Array<[string, string]> = [...names.keys()].map((k) => k.split('\u0000') as [string, string]);
  let nameLines = '';
  for (const [key, name] of namePairs) nameLines += copyLine([key, name, seq]);

  const articleLine = copyLine([
    seq, article.id, file, article.path, article.title, article.outlet, article.published?.date ?? null,
    article.published ? JSON.stringify(article.published) : null, article.url, article.note ?? null, JSON.stringify(article.dropped), n,
    textArray(title.terms), intArray(title.tf), title.len, textArray(outlet.terms), intArray(outlet.tf), outlet.len,
    JSON.stringify(analyses), now,
  ]);
  return {
    article,
    file,
    seq,
    articleLine,
    paragraphLines,
    postingLines: '',
    articleTermLines: '',
    fields: { paragraphs: fieldParagraphs, title, outlet },
    nameLines,
    names: namePairs,
    terms,
    stats: { paragraphs: n, articles: 1, text_len: textLen, title_len: title.len * n, outlet_len: outlet.len * n, text_tokens: textTokens, postings },
  };
}

/** The article's postings and headline and outlet terms as COPY text, their impacts with `averages`. */
function renderImpacts(a: PreparedArticle, averages: FieldAverages): void {
  let postingLines = '';
  for (const p of a.fields.paragraphs) {
    for (let i = 0; i < p.terms.length; i++) postingLines += `${p.terms[i]!}\t${impact(p.tf[i]!, p.len, averages.text).toPrecision(6)}\t${p.pid}\n`;
  }
  const { title, outlet } = a.fields;
  let articleTermLines = '';
  title.terms.forEach((t, i) => (articleTermLines += `${t}\t${TITLE}\t${(BM25.boost.title * impact(title.tf[i]!, title.len, averages.title)).toPrecision(6)}\t${a.seq}\n`));
  outlet.terms.forEach((t, i) => (articleTermLines += `${t}\t${OUTLET}\t${(BM25.boost.outlet * impact(outlet.tf[i]!, outlet.len, averages.outlet)).toPrecision(6)}\t${a.seq}\n`));
  a.postingLines = postingLines;
  a.articleTermLines = articleTermLines;
}

/** Ids for new rows, reserved from the tables' sequences ahead of use. */
export interface IdBlock {
  article(): number;
  paragraph(): number;
}

/** Reserves `articles` article seqs and `paragraphs` paragraph pids (one round trip). */
export async function reserveIds(pool: pg.Pool | pg.PoolClient, articles: number, paragraphs: number): Promise<IdBlock> {
  const { rows } = await pool.query<{ a: number[]; p: number[] }>(
    `select (select array_agg(nextval('corpus_articles_seq_seq')) from generate_series(1, $1::int)) as a,
            (select array_agg(nextval('corpus_paragraphs_pid_seq')) from generate_series(1, $2::int)) as p`,
    [Math.max(1, articles), Math.max(1, paragraphs)],
  );
  const a = (rows[0]!.a ?? []).map(Number);
  const p = (rows[0]!.p ?? []).map(Number);
  let ai = 0;
  let pi = 0;
  return {
    article: () => {
      if (ai >= a.length) throw new Error('store: ran out of reserved article ids');
      return a[ai++]!;
    },
    paragraph: () => {
      if (pi >= p.length) throw new Error('store: ran out of reserved paragraph ids');
      return p[pi++]!;
    },
  };
}

/** Reads results' articles and reserves their ids, then prepares them (`before`: as `prepareFiles`). */
export async function prepareWithIds(
  pool: pg.Pool,
  results: readonly FileResult[],
  removed: readonly string[],
  before: Partial<Stats>,
  options: BatchOptions = {},
): Promise<PreparedBatch> {
  const articles = results.reduce((n, r) => n + r.articles.length, 0);
  const paragraphs = results.reduce((n, r) => n + r.articles.reduce((m, a) => m + a.paragraphs.length, 0), 0);
  const ids = await reserveIds(pool, articles, paragraphs);
  return prepareFiles(results, removed, before, ids, { ...options, analysedBy: options.analysedBy ?? (await analysisVersion()) });
}

/**
 * Commits a prepared batch in one transaction: out with the old articles of every touched file (their
 * paragraphs retired unless they come back), in with the new ones (ids another file already uses are
 * reported and skipped), the files, problems and statistics updated. Readers see the batch all or nothing.
 */
export async function commitFiles(pool: pg.Pool, batch: PreparedBatch): Promise<WriteReport> {
  return inWriteTransaction(pool, (client) => commitIn(client, batch));
}

/** Runs `work` in one transaction holding the archive's write lock: all of it is committed, or none. */
async function inWriteTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock($1)', [WRITE_LOCK]);
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

async function commitIn(client: pg.PoolClient, batch: PreparedBatch): Promise<WriteReport> {
  const now = new Date().toISOString();
  const touched = [...new Set([...batch.results.map((r) => r.path), ...batch.removed])].filter((p) => !batch.continued.has(p));
  const report: WriteReport = { added: [], changed: [], removed: [], written: [], articles: 0, paragraphs: 0, retired: 0, problems: 0, reported: [] };
  const terms = new Map<string, TermDelta>();
  const stats: Partial<Stats> = {};
  const addStats = (s: Partial<Stats>, sign: number) => addTo(stats, s, sign);
  const addTerms = (from: Map<string, TermDelta>, sign: number) => {
    for (const [term, d] of from) {
      let t = terms.get(term);
      if (!t) terms.set(term, (t = [0, 0, 0, 0]));
      for (let i = 0; i < 4; i++) t[i]! += sign * d[i]!;
    }
  };

  // Out with the old versions of the touched files: every article of a file written whole or removed; of
  // a file split over batches, the articles this batch brings again, and at its last batch the rest.
  const { rows: oldFiles } = await client.query<{ path: string }>('select path from corpus_files where path = any($1)', [touched]);
  const known = new Set(oldFiles.map((f) => f.path));
  const split = (path: string) => batch.continued.has(path) || batch.unfinished.has(path);
  const whole = touched.filter((p) => !split(p));
  const ending = [...new Set(batch.results.map((r) => r.path))].filter((p) => batch.continued.has(p) && !batch.unfinished.has(p));
  const again = batch.articles.filter((a) => split(a.file));
  const incoming = new Map<string, Set<string>>();
  for (const a of batch.articles) incoming.set(a.article.id, new Set(a.article.paragraphs.map((p) => p.id)));
  const { rows: oldArticles } = await client.query<{ seq: number; id: string; file: string; path: string; paragraphs: number; title_terms: string[]; outlet_terms: string[]; title_len: number; outlet_len: number }>(
    `select seq, id, file, path, paragraphs, title_terms, outlet_terms, title_len, outlet_len from corpus_articles where file = any($1)
     union all
     (select seq, id, file, path, paragraphs, title_terms, outlet_terms, title_len, outlet_len from corpus_articles
       where seq < $2 and file = any($3)
      union
      select a.seq, a.id, a.file, a.path, a.paragraphs, a.title_terms, a.outlet_terms, a.title_len, a.outlet_len
        from unnest($4::text[], $5::text[]) as r(file, id) join corpus_articles a on a.id = r.id and a.file = r.file
       where a.seq < $2)`,
    [whole, batch.since, ending, again.map((a) => a.file), again.map((a) => a.article.id)],
  );
  if (oldArticles.length > 0) {
    const seqs = oldArticles.map((a) => a.seq);
    const { rows: oldParagraphs } = await client.query<{ id: string; article_seq: number; terms: string[]; len: number; term_count: number }>(
      'select id, article_seq, terms, len, term_count from corpus_paragraphs where article_seq = any($1)',
      [seqs],
    );
    const bySeq = new Map(oldArticles.map((a) => [a.seq, a]));
    const retiredIds: string[] = [];
    const reasons: string[] = [];
    const old = new Map<string, TermDelta>();
    const bump = (term: string, field: number, by: number) => {
      let d = old.get(term);
      if (!d) old.set(term, (d = [0, 0, 0, 0]));
      d[field]! += by;
    };
    let postings = 0;
    for (const a of oldArticles) {
      for (const t of a.title_terms) bump(t, 2, a.paragraphs);
      for (const t of a.outlet_terms) bump(t, 3, a.paragraphs);
      addStats({ articles: 1, paragraphs: a.paragraphs, title_len: a.title_len * a.paragraphs, outlet_len: a.outlet_len * a.paragraphs }, -1);
    }
    for (const p of oldParagraphs) {
      const a = bySeq.get(p.article_seq)!;
      const fieldOnly = new Set([...a.title_terms, ...a.outlet_terms]);
      for (const t of p.terms) {
        bump(t, 0, 1);
        bump(t, 1, 1);
      }
      for (const t of fieldOnly) if (!p.terms.includes(t)) bump(t, 0, 1);
      addStats({ text_len: p.len, text_tokens: p.term_count }, -1);
      postings += p.terms.length;
      const stays = incoming.get(a.id);
      if (stays?.has(p.id)) continue;
      retiredIds.push(p.id);
      reasons.push(
        batch.reread.has(a.file)
          ? `${stays ? 'changed or removed' : 'removed'} when ${a.path} was read again by an updated version of the bot`
          : stays ? `changed or removed when ${a.path} was edited` : `removed with ${a.path}`,
      );
    }
    addTerms(old, -1);
    // The old postings stay until the next vacuum (searches skip them: their paragraphs are gone).
    addStats({ postings, dead_postings: -postings }, -1);
    const { rows: oldNames } = await client.query<{ key: string; name: string; n: number }>(
      'select key, name, count(*)::int as n from corpus_names where article_seq = any($1) group by key, name',
      [seqs],
    );
    await updateNameCounts(client, oldNames.map((r) => [r.key, r.name, -r.n]));
    await client.query('delete from corpus_names where article_seq = any($1)', [seqs]);
    await client.query('delete from corpus_article_terms where article_seq = any($1)', [seqs]);
    await client.query('delete from corpus_paragraphs where article_seq = any($1)', [seqs]);
    await client.query('delete from corpus_articles where seq = any($1)', [seqs]);
    if (retiredIds.length > 0) {
      await client.query(
        `insert into corpus_retired (id, reason, retired_at) select id, reason, $3 from unnest($1::text[], $2::text[]) as r(id, reason)
         on conflict (id) do update set reason = excluded.reason, retired_at = excluded.retired_at`,
        [retiredIds, reasons, now],
      );
      report.retired = retiredIds.length;
      // An archive that follows feeds for months keeps the reasons of the most recent retirements only.
      await client.query(
        'delete from corpus_retired where id in (select id from corpus_retired order by retired_at desc, id desc offset $1)',
        [MAX_RETIRED],
      );
    }
  }
  // A split file keeps its old record (hash, articles) until its last batch: an import cut short reads it again.
  await client.query('delete from corpus_files where path = any($1)', [whole]);
  await client.query('delete from corpus_problems where path = any($1)', [touched]);

  // In with the new ones, checked against the ids of every other file.
  const problems = [...batch.problems];
  const incomingIds = batch.articles.map((a) => a.article.id);
  const { rows: clashes } = incomingIds.length
    ? await client.query<{ id: string; path: string }>('select id, path from corpus_articles where id = any($1)', [incomingIds])
    : { rows: [] };
  const taken = new Map(clashes.map((c) => [c.id, c.path]));
  const kept: PreparedArticle[] = [];
  for (const a of batch.articles) {
    const clash = taken.get(a.article.id);
    if (clash !== undefined) {
      problems.push({ path: a.file, action: 'skipped', message: `duplicate id \`${a.article.id}\`, already used by ${clash}` });
      continue;
    }
    kept.push(a);
  }
  if (kept.length > 0) {
    await copy(client, 'corpus_articles (seq, id, file, path, title, outlet, published, published_info, url, note, dropped, paragraphs, title_terms, title_tf, title_len, outlet_terms, outlet_tf, outlet_len, analyses, imported_at)', kept.map((a) => a.articleLine));
    await copy(client, 'corpus_paragraphs (pid, id, article_seq, n, text, sentences, terms, tf, len, term_count)', kept.map((a) => a.paragraphLines));
    await copy(client, 'corpus_postings (term, impact, pid)', kept.map((a) => a.postingLines));
    await copy(client, 'corpus_article_terms (term, field, impact, article_seq)', kept.map((a) => a.articleTermLines));
    await copy(client, 'corpus_names (key, name, article_seq)', kept.map((a) => a.nameLines));
    const counts = new Map<string, [string, string, number]>();
    for (const a of kept) {
      addTerms(a.terms, 1);
      addStats(a.stats, 1);
      for (const [key, name] of a.names) {
        const k = `${key}\u0000${name}`;
        const c = counts.get(k);
        if (c) c[2]++;
        else counts.set(k, [key, name, 1]);
      }
      report.paragraphs += a.article.paragraphs.length;
    }
    await updateNameCounts(client, [...counts.values()]);
    await client.query('delete from corpus_retired where id = any($1)', [kept.flatMap((a) => a.article.paragraphs.map((p) => p.id))]);
    report.articles = kept.length;
    report.written = kept.map((a) => a.article);
  }
  const keptByFile = new Map<string, string[]>();
  for (const a of kept) keptByFile.set(a.file, [...(keptByFile.get(a.file) ?? []), a.article.id]);
  const recorded = batch.results.filter((r) => !batch.unfinished.has(r.path));
  if (recorded.length > 0) {
    // A file written whole has this batch's articles; one split over batches, every article it now has.
    await client.query(
      `insert into corpus_files (path, hash, article_ids, imported_at)
       select path, hash, string_to_array(ids, E'\\x1f'), $4 from unnest($1::text[], $2::text[], $3::text[]) as f(path, hash, ids)
       on conflict (path) do update set hash = excluded.hash, article_ids = excluded.article_ids, imported_at = excluded.imported_at`,
      [recorded.map((r) => r.path), recorded.map((r) => r.hash), recorded.map((r) => (keptByFile.get(r.path) ?? []).join('\u001f')), now],
    );
    if (ending.length > 0) {
      await client.query(
        `update corpus_files f set article_ids = coalesce((select array_agg(a.id order by a.seq) from corpus_articles a where a.file = f.path), '{}')
         where f.path = any($1)`,
        [ending],
      );
    }
  }
  if (problems.length > 0) {
    await client.query(
      'insert into corpus_problems (path, line, action, message) select * from unnest($1::text[], $2::int[], $3::text[], $4::text[])',
      [problems.map((p) => p.path), problems.map((p) => p.line ?? null), problems.map((p) => p.action), problems.map((p) => p.message)],
    );
  }
  report.problems = problems.length;
  report.reported = problems;
  if (batch.results.length > 0) await forgetOtherAnalysis(client, batch.analysedBy);
  await applyTermDeltas(client, terms);
  await applyStats(client, stats);
  for (const r of batch.results) if (!batch.continued.has(r.path)) (known.has(r.path) ? report.changed : report.added).push(r.path);
  report.removed = batch.removed.filter((p) => known.has(p));
  return report;
}

/** COPY FROM STDIN of rows already rendered as COPY text. */
async function copy(client: pg.PoolClient, target: string, chunks: readonly string[]): Promise<void> {
  if (chunks.every((c) => c.length === 0)) return;
  const stream = client.query(copyFrom(`copy ${target} from stdin`));
  await pipeline(Readable.from(chunks.filter((c) => c.length > 0)), stream);
}

async function applyTermDeltas(client: pg.PoolClient, deltas: Map<string, TermDelta>): Promise<void> {
  const rows = [...deltas].filter(([, d]) => d.some((x) => x !== 0));
  if (rows.length === 0) return;
  // In term order, so two writers could never deadlock on these rows (they also take turns).
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  await client.query(
    `insert into corpus_terms (term, df, df_text, df_title, df_outlet)
     select * from unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[])
     on conflict (term) do update set df = corpus_terms.df + excluded.df, df_text = corpus_terms.df_text + excluded.df_text,
       df_title = corpus_terms.df_title + excluded.df_title, df_outlet = corpus_terms.df_outlet + excluded.df_outlet`,
    [rows.map((r) => r[0]), rows.map((r) => r[1][0]), rows.map((r) => r[1][1]), rows.map((r) => r[1][2]), rows.map((r) => r[1][3])],
  );
  await client.query('delete from corpus_terms where term = any($1) and df <= 0', [rows.filter((r) => r[1][0] < 0).map((r) => r[0])]);
}

async function applyStats(client: pg.PoolClient, stats: Partial<Stats>): Promise<void> {
  const keys = Object.keys(stats) as StatKey[];
  if (keys.length === 0) return;
  await client.query(
    `insert into corpus_stats (key, value) select * from unnest($1::text[], $2::float8[])
     on conflict (key) do update set value = corpus_stats.value + excluded.value`,
    [keys, keys.map((k) => stats[k]!)],
  );
}

async function updateNameCounts(client: pg.PoolClient, rows: Array<[string, string, number]>): Promise<void> {
  if (rows.length === 0) return;
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  await client.query(
    `insert into corpus_name_counts (key, name, articles) select * from unnest($1::text[], $2::text[], $3::int[])
     on conflict (key, name) do update set articles = corpus_name_counts.articles + excluded.articles`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
  );
  if (rows.some((r) => r[2] < 0)) await client.query('delete from corpus_name_counts where articles <= 0 and key = any($1)', [rows.map((r) => r[0])]);
}

/** The corpus-wide sums (zero for a key never written). */
export async function readStats(pool: pg.Pool | pg.PoolClient): Promise<Stats> {
  const { rows } = await pool.query<{ key: StatKey; value: number }>('select key, value from corpus_stats');
  const stats = Object.fromEntries(STAT_KEYS.map((k) => [k, 0])) as Stats;
  for (const r of rows) if ((STAT_KEYS as readonly string[]).includes(r.key)) stats[r.key] = Number(r.value);
  return stats;
}

/** Average field lengths from the sums (1 for a field never seen, so the first batch has a scale). */
export function averagesOf(stats: Stats): FieldAverages {
  const n = Math.max(1, stats.paragraphs);
  return { text: stats.text_len / n || 1, title: stats.title_len / n || 1, outlet: stats.outlet_len / n || 1 };
}

/** How far apart two sets of averages are: the largest relative difference of a field. */
export function averagesDrift(a: FieldAverages, b: FieldAverages): number {
  return Math.max(...(['text', 'title', 'outlet'] as const).map((f) => Math.abs(a[f] - b[f]) / Math.max(b[f], 1e-9)));
}

/**
 * Computes again, with `averages`, the impacts of the postings and headline and outlet terms of the
 * paragraphs and articles in the given ranges (pids, seqs: lowest and highest), in one transaction.
 * Returns how many postings changed.
 */
export async function rescoreImpacts(pool: pg.Pool, ranges: ReadonlyArray<{ pids: [number, number]; seqs: [number, number] }>, averages: FieldAverages): Promise<number> {
  if (ranges.length === 0) return 0;
  const { k, b } = BM25;
  const weight = (tf: string, len: string, avg: string) => `(${tf} * (${k}::float8 + 1) / (${tf} + ${k}::float8 * (1 - ${b}::float8 + ${b}::float8 * ${len} / ${avg})))`;
  return inWriteTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `with f as (
         select p.pid, p.len, t.term, t.tf from corpus_paragraphs p
           join unnest($1::bigint[], $2::bigint[]) as r(lo, hi) on p.pid between r.lo and r.hi
           cross join lateral unnest(p.terms, p.tf) as t(term, tf))
       update corpus_postings x set impact = ${weight('f.tf', 'f.len', '$3::float8')} from f where x.pid = f.pid and x.term = f.term`,
      [ranges.map((r) => r.pids[0]), ranges.map((r) => r.pids[1]), Math.max(averages.text, 1e-9)],
    );
    await client.query(
      `with f as (
         select a.seq, ${TITLE} as field, t.term, ${BM25.boost.title}::float8 * ${weight('t.tf', 'a.title_len', '$3::float8')} as impact
           from corpus_articles a join unnest($1::bigint[], $2::bigint[]) as r(lo, hi) on a.seq between r.lo and r.hi
           cross join lateral unnest(a.title_terms, a.title_tf) as t(term, tf)
         union all
         select a.seq, ${OUTLET}, t.term, ${BM25.boost.outlet}::float8 * ${weight('t.tf', 'a.outlet_len', '$4::float8')}
           from corpus_articles a join unnest($1::bigint[], $2::bigint[]) as r(lo, hi) on a.seq between r.lo and r.hi
           cross join lateral unnest(a.outlet_terms, a.outlet_tf) as t(term, tf))
       update corpus_article_terms x set impact = f.impact from f where x.article_seq = f.seq and x.field = f.field and x.term = f.term`,
      [ranges.map((r) => r.seqs[0]), ranges.map((r) => r.seqs[1]), Math.max(averages.title, 1e-9), Math.max(averages.outlet, 1e-9)],
    );
    return rowCount ?? 0;
  });
}

/**
 * Removes the postings of paragraphs that were replaced or removed (searches skip them meanwhile) when
 * they are more than `share` of all postings. Returns how many went.
 */
export async function vacuumPostings(pool: pg.Pool, share = 0.2): Promise<number> {
  const stats = await readStats(pool);
  if (stats.dead_postings <= share * Math.max(1, stats.postings + stats.dead_postings)) return 0;
  return inWriteTransaction(pool, async (client) => {
    const { rowCount } = await client.query('delete from corpus_postings x where not exists (select 1 from corpus_paragraphs p where p.pid = x.pid)');
    await client.query(`update corpus_stats set value = 0 where key = 'dead_postings'`);
    return rowCount ?? 0;
  });
}
