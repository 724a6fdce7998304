/**
 * The corpus as the rest of the engine sees it: articles made of paragraphs made of sentences.
 * Every string here that is shown to a person as a finding is verbatim from the source file.
 */

/** A sentence, as a span of its paragraph's verbatim text. `text === paragraph.text.slice(start, end)`. */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

/** One paragraph of an article; the unit the index stores and answers cite. */
export interface Paragraph {
  /**
   * Citation id: `<article id>-<code>`, e.g. `001-k3f9`; the code comes from the paragraph's own words, so
   * the id stays the same across restarts and when other paragraphs or files change (see corpus/ids.ts).
   */
  id: string;
  articleId: string;
  /** 1-based position among the article's kept paragraphs. */
  n: number;
  /** Verbatim text as written in the file (never rewritten). */
  text: string;
  sentences: Sentence[];
}

/** Something the loader removed from an article body, kept so a person can see it. */
export interface Dropped {
  /** 1-based line number in the file (for .jsonl: the line of the record). */
  line: number;
  text: string;
  /** Why it was dropped, in words: "markup remnant", "newsletter plug", "duplicate caption", ... */
  reason: string;
}

/** Publication date of an article: as given in the file, or inferred from its text (then `inferred: true`). */
export interface Published {
  /** YYYY-MM-DD */
  date: string;
  /** The ISO date-time when the file gave one. */
  dateTime?: string;
  inferred: boolean;
  /** For inferred dates: the verbatim evidence, e.g. "September 29, 2020". */
  evidence?: string;
}

export interface Article {
  /** Short id, unique in the corpus: front matter / JSON `id`, else a slug of the file name. */
  id: string;
  /** Headline, or null when unknown (e.g. a file that opens with its lede). */
  title: string | null;
  outlet: string | null;
  published: Published | null;
  url: string | null;
  /**
   * The file's own remark on where its text came from, when that is not the plain reading of `url`
   * (front matter / JSON `note`), e.g. "from the feed's own text, not the page; the page could not be
   * read: …". Shown wherever the article is cited; absent when the file has none.
   */
  note?: string;
  /** Path of the file, relative to the corpus root; for .jsonl `file.jsonl:LINE`. */
  path: string;
  paragraphs: Paragraph[];
  dropped: Dropped[];
}

/** A problem with one input file (or one line of it). */
export interface CorpusProblem {
  path: string;
  line?: number;
  /** What happened to it: skipped entirely, or loaded with a caveat. */
  action: 'skipped' | 'loaded';
  message: string;
}

export interface CorpusReport {
  root: string;
  files: number;
  articles: number;
  paragraphs: number;
  problems: CorpusProblem[];
  /** Where the corpus is served from when it is not `root`'s files: an archive's database (no password). */
  where?: string;
  /**
   * Counts of the whole corpus the report's own articles and problems may be only part of (an archive's
   * `corpus` lists its recent articles): absent, they are counted from them.
   */
  totals?: ReportTotals;
}

/** Whole-corpus counts beside `CorpusReport`'s articles, paragraphs and files. */
export interface ReportTotals {
  dated: number;
  droppedLines: number;
  problems: number;
  skipped: number;
}

/** The loaded corpus: articles plus lookups. Built once by `loadCorpus`, read by everything else. */
export interface Corpus {
  articles: Article[];
  articleById: Map<string, Article>;
  paragraphById: Map<string, Paragraph>;
  /** Each file read (path relative to the root) with its content hash ('' if unread) and the articles it gave. */
  files: Map<string, { hash: string; articleIds: string[] }>;
  report: CorpusReport;
}
