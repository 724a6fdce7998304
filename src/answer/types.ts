/**
 * The `Answer`: plain data, the one contract between the engine and every door (Discord, CLI, tests).
 *
 * Rule of the house: a *finding* is verbatim corpus text. An item that has citations shows as its `text`
 * a verbatim span of the paragraph its first citation points at (an ellipsis "…" may mark a cut);
 * everything else (`title`, `label`, `tags`, `notes`) is the bot's own wording and never a claim about
 * the news. `test/answer/verbatim.test.ts` checks this on every answer of every command.
 */

/** What an Answer answers: an engine command, or what push says (a watch's alert, the lists of watches and schedules). */
export type CommandName = 'brief' | 'timeline' | 'who' | 'source' | 'search' | 'corpus' | 'watch' | 'schedule';

/** Commands that bring articles in (src/intake): their Answers say what was added, made by the intake service. */
export type IntakeCommandName = 'add' | 'feed';

export interface Citation {
  /** Citation id of the paragraph, e.g. `000-p4`. */
  id: string;
  /** Article id, e.g. `000`. */
  article: string;
  /** 1-based paragraph number within the article. */
  paragraph: number;
  /** Verbatim excerpt of the paragraph (the cited sentence, or the paragraph cut at a word with "…"). */
  excerpt: string;
}

export interface AnswerItem {
  /** The finding (verbatim, see above) or, for an item with no citations, a label such as a headline. */
  text: string;
  citations: Citation[];
  /** The bot's short label for the item: a date, a name, an id. Never a finding. */
  label?: string;
  /** The bot's remarks on the item: "3 sources", "single source", "planned". */
  tags?: string[];
  /** Per-command fields (e.g. `date` for timeline, `kind`/`aliases` for who). Plain JSON values only. */
  [field: string]: unknown;
}

export interface SourceRef {
  article: string;
  title: string | null;
  /**
   * What to call the article in a list or a footnote: its title, else its first words in quotes
   * (“BAGHDAD – The U.S. government has…”). Never empty, never "(untitled)".
   */
  heading: string;
  outlet: string | null;
  /** YYYY-MM-DD, or null when unknown. */
  published: string | null;
  /** True when the date was inferred from the text rather than given by the file. */
  publishedInferred: boolean;
  url: string | null;
  /** The article file's own remark on where its text came from (its `note`), shown beside the URL; absent when none. */
  note?: string;
  path: string;
}

export interface Answer {
  command: CommandName | IntakeCommandName;
  /** The query as understood (cleaned), '' for none. */
  query: string;
  /** A heading in the bot's words, e.g. "Briefing · embassy drawdown". */
  title: string;
  items: AnswerItem[];
  /** Every article the items cite (and, for listings, the articles listed), in first-cited order. */
  sources: SourceRef[];
  /** The bot's remarks: what was not found, what was inferred, what to try next. */
  notes: string[];
  /** Things the user could type next (nearest ids, topics that do match). */
  suggestions?: string[];
  /**
   * What the answer left out for length, and could show: each door words its own way to see it ("More" in
   * Discord, `--limit N` at the terminal). Absent when nothing was left out.
   */
  more?: MoreHint[];
  /**
   * Commands worth running next, each with what it does: each door words how to type it as it words `more`
   * (`/source 001` in Discord and at the console, `npm run ask -- source 001` at the shell). A note that
   * would name an engine command puts it here instead. Absent when there is none.
   */
  next?: NextStep[];
}

/** A command worth running next (the bot's wording of it is the renderer's: each door types commands its own way). */
export interface NextStep {
  command: CommandName;
  /** What to give it: a topic, an id; '' for none. */
  query: string;
  /** What it does, in the bot's words, as a verb phrase: "lists the articles". */
  does: string;
}

/** Items of one kind left out of an answer by its limit (the bot's wording is the renderer's). */
export interface MoreHint {
  /** How many are shown, and how many there are. */
  shown: number;
  total: number;
  /** What they are, plural: "dates", "names", "quotes". */
  unit: string;
  /** How the shown ones were chosen, in the bot's words: "the ones most sources point at". */
  chosen?: string;
}
