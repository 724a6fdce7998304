/**
 * What push says, as Answers (the one contract every door renders): an alert (the sentences of new
 * articles that match watches, verbatim with their citations, the other articles that carry each, and
 * "now 3 articles · 1 report (AFP)"), and the lists of watches and schedules. Pure: data in, Answer out; the doors render them as every answer is rendered.
 */
import type { Article, Paragraph } from '../corpus/types.ts';
import type { Library } from '../library.ts';
import type { Answer, AnswerItem } from '../answer/types.ts';
import { articleHeading, citeParagraph, editorDate, makeAnswer, sourceRef } from '../answer/cite.ts';
import { sourcesTag } from '../brief/reports.ts';
import { CARRIED_ALONE, type Carried } from './match.ts';
import { describeDays, describeInstant } from './calendar.ts';
import type { ScheduleRow, WatchRow } from './store.ts';
import { mergeSpellings, otherSpellings, spellingPairs, unwrittenPairs, type TopicSpelling } from '../analyse/entities-spellings.ts';
import { plural } from '../text/plural.ts';

/** One article's matching sentences for one watch, as an alert shows them. */
export interface AlertGroup {
  watch: { id: number; topic: string };
  article: Article;
  /** Each with what carries it (`sourceCounter`), once counted; a sentence not counted is alone. */
  sentences: Array<{ paragraph: Paragraph; text: string; carried?: Carried }>;
  /** The other spellings of the topic's names that the article writes (`spellingsWritten`): said in a note. */
  spellings?: TopicSpelling[];
}

/** An article a watch's daily cap held back on an earlier day, as the next day's alert lists it. */
export interface HeldBackArticle {
  watch: { id: number; topic: string };
  article: Article;
}

/** The section that lists what a watch's daily cap held back. */
export function heldBackSection(watch: { id: number; topic: string }): string {
  return `Held back by the daily cap · Watch #${watch.id} · ${watch.topic}`;
}

/**
 * The notes of an alert on the other spellings its articles were matched by, as /brief's "Also searched: …":
 * "Also matched: “Kataeb” for “Kataib” (another spelling of the name in the corpus)." With several watches in
 * the message, each note names its watch: "Watch #3 (Kataib Hezbollah) also matched “Kataeb” for “Kataib” (…)".
 * A word the corpus never writes, matched by a name it transliterates, as /brief says it: "Nothing says
 * “Kataib”; matched “Kataeb”, as the corpus spells it." ("Watch #3 (Kataib): nothing says …").
 */
export function alertSpellingNotes(groups: readonly AlertGroup[]): string[] {
  const byWatch = new Map<number, { topic: string; spellings: TopicSpelling[] }>();
  for (const g of groups) {
    const w = byWatch.get(g.watch.id) ?? { topic: g.watch.topic, spellings: [] };
    w.spellings.push(...(g.spellings ?? []));
    byWatch.set(g.watch.id, w);
  }
  const several = byWatch.size > 1;
  const notes: string[] = [];
  for (const [id, w] of byWatch) {
    const merged = mergeSpellings(w.spellings);
    const unwritten = unwrittenPairs(merged);
    if (unwritten) {
      const said = `othing says ${unwritten.words}; matched ${unwritten.text}, as the corpus spells ${unwritten.it}.`;
      notes.push(several ? `Watch #${id} (${w.topic}): n${said}` : `N${said}`);
    }
    const { text, n } = spellingPairs(merged);
    if (n === 0) continue;
    notes.push(several ? `Watch #${id} (${w.topic}) also matched ${text} (${otherSpellings(n)}).` : `Also matched: ${text} (${otherSpellings(n)}).`);
  }
  return notes;
}

/**
 * /watch add's line on the other spellings a new watch matches too; null when its topic has none.
 *
 * @example watchSpellingNote([{ word: 'Kataib', also: ['Kataeb'] }])
 *   // 'Articles that write “Kataeb” for “Kataib” match it too (another spelling of the name in the corpus).'
 * @example watchSpellingNote([{ word: 'Kataib', also: ['Kataeb'], unwritten: true }])
 *   // 'Nothing in the corpus says “Kataib”: articles that write “Kataeb”, as the corpus spells it, match it too.'
 */
export function watchSpellingNote(spellings: readonly TopicSpelling[]): string | null {
  const notes: string[] = [];
  const unwritten = unwrittenPairs(spellings);
  if (unwritten) notes.push(`Nothing in the corpus says ${unwritten.words}: articles that write ${unwritten.text}, as the corpus spells ${unwritten.it}, match it too.`);
  const { text, n } = spellingPairs(spellings);
  if (n) notes.push(`Articles that write ${text} match it too (${otherSpellings(n)}).`);
  return notes.length ? notes.join(' ') : null;
}

/**
 * What a door says when a watch is saved (Discord and the console say the same): where its alerts go
 * (`delivered`: "posted to #news", "printed here"), what
 * the corpus already holds on it (`matchesNow`; null when the archive could not be checked), and the other
 * spellings it matches.
 */
export function watchAddedNotes(watch: { id: number; topic: string }, delivered: string, matchesNow: boolean | null, spellings: readonly TopicSpelling[]): string[] {
  const spelling = watchSpellingNote(spellings);
  return [
    `Watch #${watch.id} saved: new articles on “${watch.topic}” will be ${delivered} as they arrive, with the sentences that match, verbatim.`,
    matchesNow === null
      ? `The archive could not be reached just now to check whether articles already in it match; nothing is lost: /brief ${watch.topic} shows them once it is back.`
      : matchesNow
        ? `Articles already in the corpus are not alerted; /brief ${watch.topic} shows what they say.`
        : `Nothing in the corpus matches it yet; the first article that does will be posted.`,
    ...(spelling ? [spelling] : []),
  ];
}

/**
 * How widely a sentence's point is carried so far, as /brief tags a fact (`sourcesTag`: articles and the
 * independent reports among them): "now 3 articles · 1 report (AFP)", "now 2 independent sources",
 * "single source so far".
 */
export function alertSourcesTag(carried: Pick<Carried, 'articles' | 'reports'>): string {
  return carried.articles > 1 ? `now ${sourcesTag(carried.articles, carried.reports)}` : 'single source so far';
}

/**
 * An alert: the sentences of each article (grouped by watch when there are several), verbatim, each citing
 * its paragraph, then the sentences of the other articles that carry the same point (as a /brief item cites
 * every article that carries its fact, so "now 3 articles" can be followed); the headline, outlet and date
 * come with the sources, the new articles first. `notes` are the bot's remarks (a daily cap reached, what
 * was left for the next message), after those on other spellings matched (`alertSpellingNotes`).
 * `heldBack` lists, after the sentences, the articles a daily cap held back on an earlier day: each its
 * headline with its article id (what /source reads), outlet and date, as /source lists articles, so no
 * headline shows without the id that cites it.
 *
 * @example alertAnswer([{ watch: { id: 3, topic: 'militia rocket attacks' }, article, sentences }]).title
 *   // '🔔 Watch · militia rocket attacks — 1 new article'
 */
export function alertAnswer(groups: readonly AlertGroup[], notes: string[] = [], heading?: string, heldBack: readonly HeldBackArticle[] = []): Answer {
  const topics = [...new Map(groups.map((g) => [g.watch.id, g.watch.topic])).values()];
  const articles = new Set(groups.map((g) => g.article.id)).size;
  const several = topics.length > 1;
  const items: AnswerItem[] = [];
  const carriers = new Map<string, Article>();
  for (const g of groups) {
    for (const s of g.sentences) {
      const carried = s.carried ?? CARRIED_ALONE;
      for (const c of carried.others) carriers.set(c.article.id, c.article);
      items.push({
        text: s.text,
        citations: [{ ...citeParagraph(s.paragraph), excerpt: s.text }, ...carried.others.map((c) => citeParagraph(c.paragraph, c.sentence))],
        label: s.paragraph.id,
        tags: [alertSourcesTag(carried)],
        ...(several ? { section: `Watch #${g.watch.id} · ${g.watch.topic}` } : {}),
        watch: g.watch.id,
        article: g.article.id,
        sources: carried.articles,
        reports: Math.max(1, carried.reports.length),
      });
    }
  }
  // What the daily cap held back, listed as /source lists articles: the headline with its id, outlet and date.
  for (const h of heldBack) {
    const a = h.article;
    items.push({
      text: articleHeading(a),
      citations: [],
      label: a.id,
      tags: [a.outlet, a.published ? editorDate(a.published.date) : null].filter((t): t is string => Boolean(t)),
      section: heldBackSection(h.watch),
      watch: h.watch.id,
      article: a.id,
      heldBack: true,
    });
  }
  const title =
    heading ??
    (topics.length === 0
      ? '🔔 Watch'
      : `🔔 ${several ? 'Watches' : 'Watch'} · ${topics.join(' · ')} — ${plural(articles, 'new article')}`);
  const sources = [...new Map([...groups.map((g) => g.article), ...carriers.values(), ...heldBack.map((h) => h.article)].map((a) => [a.id, sourceRef(a)] as const)).values()];
  return { command: 'watch', query: topics.join(' · '), title, items, notes: [...alertSpellingNotes(groups), ...notes], sources };
}

/**
 * The door that shows a list of watches or schedules, which words how to add one: Discord posts to a channel
 * picked in the command; the console prints here, and its help types a topic as `topic: <words>`.
 */
export type PushDoor = 'discord' | 'console';

/** What the empty lists say to add one, as each door types it and delivers what it adds. */
const ADD_ONE: Record<PushDoor, { watch: string; schedule: string }> = {
  discord: {
    watch: 'No watches yet: /watch add topic:… posts new articles on a topic to a channel.',
    schedule: 'No schedules yet: /schedule add command:brief time:07:00 timezone:Europe/London posts a briefing every morning.',
  },
  console: {
    watch: 'No watches yet: /watch add topic: <words> prints new articles on a topic here as they arrive.',
    schedule: 'No schedules yet: /schedule add command:brief time:07:00 timezone:Europe/London prints a briefing here every morning.',
  },
};

/**
 * The list of watches for `/watch list` (`door`: Discord unless said). `channelName` words a channel as the
 * door shows it (Discord: its mention `<#id>`; the console: "the console"); each item carries its channel's id
 * as `channel`, so the Discord renderer keeps that one mention as markup (src/discord/render.ts, `tagsText`).
 */
export function watchListAnswer(
  library: Library,
  watches: readonly WatchRow[],
  o: { channelName: (id: string) => string; counts: ReadonlyMap<number, { posted: number; waiting: number }>; page?: number; perPage?: number; door?: PushDoor },
): Answer {
  const perPage = o.perPage ?? 8;
  const pages = Math.max(1, Math.ceil(watches.length / perPage));
  const page = Math.min(Math.max(1, o.page ?? 1), pages);
  const active = watches.filter((w) => !w.paused).length;
  const items: AnswerItem[] = watches.slice((page - 1) * perPage, page * perPage).map((w) => {
    const c = o.counts.get(w.id);
    const tags = [
      o.channelName(w.channel_id),
      w.paused ? `⚠ paused${w.paused_reason ? `: ${w.paused_reason}` : ''}` : 'active',
      w.last_alert_at ? `last alert ${describeUtc(w.last_alert_at)}` : 'no alert yet',
    ];
    if (c?.posted) tags.push(`${plural(c.posted, 'article')} alerted`);
    if (c?.waiting) tags.push(`${c.waiting} waiting`);
    return { text: w.topic, citations: [], label: `#${w.id}`, tags, channel: w.channel_id };
  });
  const notes: string[] = [];
  if (watches.length === 0) notes.push(ADD_ONE[o.door ?? 'discord'].watch);
  if (pages > 1) notes.push(`Page ${page} of ${pages}: add page:${page < pages ? page + 1 : 1} for ${page < pages ? 'the next' : 'the first'}.`);
  if (watches.some((w) => w.paused_reason)) notes.push('A watch Discord refused to post for stays paused: fix the channel, then /watch resume id:….');
  const title = `Watches · ${watches.length}${watches.length ? ` (${active} active)` : ''}`;
  return makeAnswer(library, { command: 'watch', query: '', title, items, notes, sources: [] });
}

/**
 * The list of schedules for `/schedule list`: when, where, next and last runs, runs missed, failures
 * (`door`: Discord unless said; `channelName` and each item's `channel` as for watchListAnswer).
 */
export function scheduleListAnswer(
  library: Library,
  schedules: readonly ScheduleRow[],
  o: { channelName: (id: string) => string; page?: number; perPage?: number; door?: PushDoor },
): Answer {
  const perPage = o.perPage ?? 8;
  const pages = Math.max(1, Math.ceil(schedules.length / perPage));
  const page = Math.min(Math.max(1, o.page ?? 1), pages);
  const items: AnswerItem[] = schedules.slice((page - 1) * perPage, page * perPage).map((s) => {
    const tags = [`${s.time} ${s.timezone}, ${describeDays(s.days)}`, o.channelName(s.channel_id)];
    if (s.paused) tags.push(`⚠ paused${s.paused_reason ? `: ${s.paused_reason}` : ''}`);
    else tags.push(`next ${describeInstant(Date.parse(s.next_run_at), s.timezone)}`);
    if (s.last_run_at) {
      const when = describeInstant(Date.parse(s.last_run_at), s.timezone);
      tags.push(s.last_status === 'failed' ? `last run ${when} failed: ${s.last_error ?? 'unknown error'}` : `last run ${when}${s.last_status === 'late' ? ' (posted late)' : ''}`);
    }
    if (s.missed_count > 0) {
      tags.push(`${plural(s.missed_count, 'run')} missed while the bot was down (last ${describeInstant(Date.parse(s.last_missed_at!), s.timezone)})`);
    }
    return { text: `/${s.command}${s.topic ? ` ${s.topic}` : ''}`, citations: [], label: `#${s.id}`, tags, channel: s.channel_id };
  });
  const notes: string[] = [];
  if (schedules.length === 0) notes.push(ADD_ONE[o.door ?? 'discord'].schedule);
  if (pages > 1) notes.push(`Page ${page} of ${pages}: add page:${page < pages ? page + 1 : 1} for ${page < pages ? 'the next' : 'the first'}.`);
  const active = schedules.filter((s) => !s.paused).length;
  const title = `Schedules · ${schedules.length}${schedules.length ? ` (${active} active)` : ''}`;
  return makeAnswer(library, { command: 'schedule', query: '', title, items, notes, sources: [] });
}

/** A short confirmation as an Answer with no items (the doors show its notes). */
export function noticeAnswer(library: Library, command: 'watch' | 'schedule', title: string, notes: string[]): Answer {
  return makeAnswer(library, { command, query: '', title, items: [], notes, sources: [] });
}

/** "3 Dec 08:14 UTC" for a stored time. */
export function describeUtc(isoTime: string): string {
  return `${describeInstant(Date.parse(isoTime), 'UTC').replace(/^\w+ /, '')} UTC`;
}
