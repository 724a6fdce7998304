/**
 * Attributive dates: a date that belongs to something the sentence only mentions, not to the sentence's own
 * event. "Soleimani was killed alongside …, a group of … militias formed in 2014 to fight ISIS": 2014 is when
 * the militias were formed, not when Soleimani was killed. Two shapes, read at word level (no parser):
 *
 * - a date used as a noun modifier after a determiner or possessive: "the 2011 attack", "the 2015 JCPOA
 *   nuclear agreement", "Iran's 2009 election", "the September 11 attacks";
 * - a date governed by a past participle outside a verb group (a reduced relative or appositive clause):
 *   "militias formed in 2014", "the group, founded in 1982,", "the quota set last December". Not "the unit
 *   was formed in 2014" (a verb group: the sentence's own event), not "militias formed in 2014 to fight ISIS."
 *   as a sentence of its own (the participle is then the main verb), not "in an interview published
 *   Wednesday" (what the sentence tells happened in the interview, so its date dates the sentence).
 *
 * For a participle it also gives, when it can, a *clause*: the verbatim span from the noun phrase to the end
 * of the sentence when that span is only about the dated thing ("a group of … militias formed in 2014 to
 * fight ISIS."), so a timeline can show it instead of the sentence: a clause whose verb the date dates. A
 * modifier never gives one: "the 2011 attack in Benghazi, Libya, that killed four Americans" is a noun
 * phrase, which names an event without telling it, so it is no timeline line.
 */

/** What `attributiveAt` says about a date that is not the sentence's own. */
export interface Attribution {
  /** The self-contained span [start, end) of the sentence about the dated thing, when there is one. */
  clause?: { start: number; end: number };
}

const DETERMINER = /(?:^|[\s(])(?:the|a|an|this|that|these|those|its|their|his|her|our|my|your|whose)\s+$/i;
const POSSESSIVE = /(?:^|[\s(])(?!(?:it|that|there|here|what|who|he|she|let|where|how)['’]s\b)[\p{L}.\d-]+(?:['’]s|s['’]|S['’])\s+$/iu;

/** Words that never head or modify a noun phrase (after a date they mean the date is not a modifier). */
const FUNCTION_WORDS = new Set(
  (
    'and or but nor yet so to in on at of for with by from into onto upon as when while after before since until till than that which who ' +
    'whom whose where why how if though although because is was were are am be been being has had have will would could should may might ' +
    'can must shall did does do not no also only just then there here it he she they we you i me him them us this these those what ' +
    'up down out off over under again about around through throughout during against between among amid across per via towards toward ' +
    'his her its their our my your a an the'
  ).split(' '),
);

/** A date written as a number: "2015", "mid-2011", "May 2019", "March 11", "11 March", "Sept. 11, 2001". */
const DATE_SHAPE =
  /^(?:(?:early|mid|late)[- ]?)?(?:(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?(?:1[6-9]|20)\d\d|[A-Z][a-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\s+[A-Z][a-z]+)$/;
/** Words that may stand between a determiner and a date used as a modifier ("the failed 2011 coup"). */
const ADJECTIVE = /^(?:[a-z]+(?:ed|ing|al|ic|ous|ful|ive|ian|ary|ent|ant|ist)|landmark|historic|bloody|landslide|key|major|new|old|big|deadly|final|first|second|last|so-called|twin|much-[a-z]+|[a-z]+-[a-z]+)$/;

const MONTH_WORD = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;

const AUXILIARY = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', "'s", '’s', "'re", '’re', 'has', 'have', 'had', "'ve", '’ve', "'d", '’d',
  'get', 'gets', 'got', 'gotten', 'getting', 'become', 'becomes', 'became', 'remain', 'remains', 'remained',
]);
/** Words between an auxiliary and its participle: "was quickly formed", "has since been formed". */
const ADVERB = /^(?:\p{L}+ly|not|never|n['’]t|also|only|just|first|later|then|since|already|again|once|still|soon|eventually|reportedly|allegedly)$/iu;
/** A finite verb (or a subject pronoun) before the participle makes it a verb of its own clause. */
const CLAUSE_SUBJECT = new Set(['what', 'that', 'which', 'who', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'and', 'or', 'but', 'nor']);

/** Verbs that report (their "date" is the report's): "Politico reported on Wednesday". */
const REPORTING = new Set(
  'recommended concluded showed indicated found predicted forecast said reported announced confirmed added stated told wrote noted explained claimed insisted warned revealed disclosed denied acknowledged admitted argued suggested estimated quoted tweeted posted commented replied responded asked urged'.split(' '),
);
/** Past participles that do not end in -ed. */
const IRREGULAR = new Set(
  'held built born made found fought won sent struck set put cut hit shot taken given written drawn chosen broken stolen seen known shown begun done led paid sold brought bought caught kept left lost met spent laid signed imposed sworn torn thrown grown overthrown withdrawn forgotten hidden ridden risen fallen spoken worn woven frozen shaken sunk stuck swept'.split(' '),
);
const NOT_PARTICIPLE = new Set(['need', 'feed', 'seed', 'speed', 'breed', 'bleed', 'indeed', 'proceed', 'succeed', 'exceed', 'hundred', 'red', 'bed', 'shed', 'wed', 'creed', 'greed', 'weed', 'deed', 'reed', 'steed', 'tweed', 'embed', 'sacred', 'kindred', 'naked', 'wicked', 'rugged', 'ragged', 'beloved']);
/** What may follow a reduced-relative participle before its date: a preposition or an adverb. */
const AFTER_PARTICIPLE = /^(?:in|on|at|during|since|from|by|between|around|after|before|until|till|through|throughout|outside|inside|near|across|over|under|against|with|into|for|as|back|again|only|just|first|originally|initially|\p{L}+ly)$/iu;
/** Medium or occasion nouns: "in an interview published Wednesday" — the sentence's event happened in it. */
const OCCASION = /^(?:interviews?|proposals?|plans?|documents?|data|figures|surveys?|polls?|accounts?|footage|stor(?:y|ies)|reports?|articles?|statements?|speech(?:es)?|address|meetings?|talks|summits?|conferences?|sessions?|briefings?|broadcasts?|videos?|posts?|tweets?|letters?|messages?|ceremon(?:y|ies)|remarks|editions?|issues?|op-eds?|columns?|podcasts?|programmes?|programs?|shows?|hearings?|testimony)$/i;

/** How a medium comes out. */
const PUBLISHED = /^(?:published|released|issued|unveiled|posted|aired|broadcast|obtained|given|delivered|made|presented|sent|dated|filed)$/;

/** Participles of what is still to come: their date is not an event that happened. */
const EXPECTED = /^(?:expected|planned|scheduled|proposed|forecast|projected|anticipated|estimated|budgeted|slated|due|set)$/;
const PREPOSITION = /^(?:in|on|at|of|for|with|by|from|into|onto|to|over|under|between|among|against|about|after|before|since|during|through|across|near|than|like)$/i;
/** Heads whose "of" phrase is what they are made of: "a group of … militias formed in 2014" is the group. */
const COLLECTIVE = /^(?:group|number|series|coalition|alliance|network|collection|set|pair|couple|handful|bloc|union|federation|umbrella|array|range|batch|wave|string|band|team|body|council|committee|front)s?$/i;

/** Finite verbs and verb-like cues (past forms, auxiliaries, modals). */
const FINITE = /^(?:is|are|was|were|am|has|have|had|will|would|can|could|may|might|shall|should|must|does|do|did|says|remains|seems|appears)$/i;
const IRREGULAR_PAST = new Set('was were had did said told began took met came went left won lost fled fell rose led held made gave struck saw shot fought became broke sent spoke ran stood brought built caught chose drew drove flew got grew hit kept knew laid meant paid quit sold shook shut sank sat spent spread stole stuck swore swept taught tore thought threw understood wrote sought bought felt found heard beat dealt fed withdrew underwent overthrew'.split(' '));
/** Words that open a new clause: what comes after them has its own verb. */
const CLAUSE_BREAK = new Set(['what', 'how', 'why', 'whom', 'whose', 'that', 'which', 'who', 'when', 'where', 'while', 'after', 'before', 'because', 'since', 'if', 'although', 'though', 'whereas', 'until', 'once', 'as', 'and', 'but', 'or', 'yet', 'so', 'unless', 'whether']);

interface Token {
  word: string;
  lower: string;
  start: number;
  end: number;
}

function tokens(text: string, offset = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*|[^\s\p{L}\p{N}]/gu)) {
    // "U.S." keeps its dots; a sentence's last word loses its full stop.
    let word = m[0];
    if (/\.$/.test(word) && !/\.\p{L}\.$/u.test(word) && word.length > 1) word = word.slice(0, -1);
    out.push({ word, lower: word.toLowerCase(), start: offset + m.index, end: offset + m.index + word.length });
  }
  return out;
}

const isPunct = (t: Token) => /^[^\p{L}\p{N}]$/u.test(t.word);

/** Is the word a finite verb or a past form ("killed" not after a determiner)? */
function finiteAt(list: readonly Token[], i: number): boolean {
  const t = list[i]!;
  if (FINITE.test(t.lower) || IRREGULAR_PAST.has(t.word)) return true;
  if (!/^[a-z]{2,}ed$/.test(t.word) || NOT_PARTICIPLE.has(t.word)) return false;
  const before = list[i - 1]?.lower ?? '';
  return !/^(?:the|a|an|of|its|their|his|her|our|be|been|being|is|are|was|were|newly|well|-)$/.test(before);
}

/** A finite verb beyond doubt: an auxiliary, a modal or an irregular past form. */
function strictFinite(t: Token): boolean {
  return FINITE.test(t.lower) || IRREGULAR_PAST.has(t.word) || /^(?:set|put|cut|hit)$/.test(t.word);
}

function isParticiple(t: Token): boolean {
  if (REPORTING.has(t.word)) return false;
  if (IRREGULAR.has(t.word)) return true;
  return /^[a-z]{3,}ed$/.test(t.word) && !NOT_PARTICIPLE.has(t.word) && !/^un[a-z]+ed$/.test(t.word);
}

/**
 * Is the date at [start, end) of `sentence` attributive (see the module comment)? Null when it is the
 * sentence's own date; otherwise the attribution, with the self-contained clause when there is one.
 *
 * `otherDates` are the spans of the sentence's other dates (a clause holding another date is not shown).
 *
 * @example
 * attributiveAt('He praised the 2011 attack.', 15, 19)          // { clause: { start: 11, end: 27 } }
 * attributiveAt('The PMF was formed in 2014 to fight ISIS.', 19, 26) // null: the sentence's own event
 */
export function attributiveAt(sentence: string, start: number, end: number, otherDates: ReadonlyArray<[number, number]> = []): Attribution | null {
  return modifierDate(sentence, start, end) ?? participleDate(sentence, start, end, otherDates);
}

/**
 * "the 2015 nuclear deal", "Iran's 2009 election", "the disputed 2009 election", "the May 2019 attacks".
 * Never with a clause: what such a date opens is a noun phrase ("…the 2011 attack in Benghazi, Libya, that
 * killed four Americans"), which names an event but does not tell it, so a timeline leaves the date out.
 */
function modifierDate(sentence: string, start: number, end: number): Attribution | null {
  // Only dates written with a number: "the Sunday Times", "Friday prayers", "his departure on Tuesday" are not.
  if (!DATE_SHAPE.test(sentence.slice(start, end))) return null;
  const after = sentence.slice(end);
  // "the 2011 and 2012 elections": coordinated years modify the same noun.
  const next = /^(?:\s*(?:,|and|or|to|-|–)\s*(?:1[6-9]|20)\d\d)*\s+([\p{L}][\p{L}'’-]*)/u.exec(after);
  if (!next) return null;
  const noun = next[1]!;
  if (FUNCTION_WORDS.has(noun.toLowerCase()) || MONTH_WORD.test(noun) || /^[a-z]+(?:ed|ly)$/.test(noun) || /^anniversary$/i.test(noun)) return null;
  // The determiner, with at most two adjectives between it and the date ("the failed 2011 coup").
  const before = sentence.slice(0, start);
  let npStart = -1;
  for (let skip = 0; skip <= 2 && npStart < 0; skip++) {
    const adjectives = new RegExp(`((?:[\\p{L}][\\p{L}-]*\\s+){${skip}})$`, 'u').exec(before);
    if (!adjectives) break;
    if (adjectives[1]!.split(/\s+/).filter(Boolean).some((w) => !ADJECTIVE.test(w))) break;
    const head = before.slice(0, before.length - adjectives[1]!.length);
    const det = DETERMINER.exec(head) ?? POSSESSIVE.exec(head);
    if (det) npStart = det.index + (det[0].length - det[0].trimStart().length);
  }
  if (npStart < 0) return null;
  // "said in its August 1 edition", "in an April 19 report that …": what the sentence says came out in it.
  if (OCCASION.test(noun) && /\b(?:in|at|during)\s+$/i.test(sentence.slice(0, npStart))) return null;
  return {};
}

/** "militias formed in 2014", "the group, founded in 1982,", "the quota set last December". */
function participleDate(sentence: string, start: number, end: number, otherDates: ReadonlyArray<[number, number]>): Attribution | null {
  const before = tokens(sentence.slice(0, start));
  // The nearest verb-like word before the date, at most six words back, within the same stretch.
  let p = -1;
  for (let i = before.length - 1; i >= 0 && i >= before.length - 7; i--) {
    const t = before[i]!;
    if (isPunct(t) || t.lower === 'to' || CLAUSE_BREAK.has(t.lower)) return null;
    if (isParticiple(t)) {
      p = i;
      break;
    }
    if (finiteAt(before, i) || REPORTING.has(t.word)) return null;
  }
  if (p < 0) return null;
  // A reduced relative's participle is followed by a preposition or adverb (or the date), not an object.
  const first = before[p + 1];
  if (first && !AFTER_PARTICIPLE.test(first.word)) return null;
  // Inside a verb group ("was formed", "had been quickly formed", "formed and funded") it is the clause's own.
  let k = p - 1;
  while (k >= 0 && ADVERB.test(before[k]!.word)) k--;
  const prev = before[k];
  if (prev && (AUXILIARY.has(prev.lower) || CLAUSE_SUBJECT.has(prev.lower))) return null;
  // "a report released on Monday said", "in an interview published Wednesday": the medium's date is the
  // date of what the sentence says it says or what happened in it.
  if (prev && OCCASION.test(prev.word) && PUBLISHED.test(before[p]!.word)) return null;
  if (prev && OCCASION.test(prev.word)) {
    for (let j = k - 1; j >= 0 && j >= k - 6; j--) {
      const t = before[j]!;
      if (isPunct(t)) break;
      if (/^(?:in|at|during)$/i.test(t.word)) return null;
    }
  }
  const rest = tokens(sentence.slice(end), end);
  // The words after the date up to the next clause ("to fight", "when", a comma, a subject pronoun, or a
  // capitalised article where a sentence break was lost), at most four.
  const stop = rest.findIndex((t) => isPunct(t) || CLAUSE_BREAK.has(t.lower) || /^(?:to|it|he|she|they|we|i|you)$/.test(t.lower) || /^(?:A|An|The)$/.test(t.word));
  const restStretch = (stop < 0 ? rest : rest.slice(0, stop)).slice(0, 4);
  // "militias formed in 2014 have grown", "those killed Friday took place", "a law passed in 2019 requires".
  const head = restStretch[0];
  // "Others sworn in on Monday were …", "the Iraqis killed on Wednesday were poor labourers": a copula
  // makes the participle's event what the sentence is about.
  const firstFinite = restStretch.findIndex(strictFinite);
  const copulaAfter =
    firstFinite >= 0 && /^(?:is|are|was|were)$/i.test(restStretch[firstFinite]!.lower) && !isParticiple(rest[rest.indexOf(restStretch[firstFinite]!) + 1] ?? restStretch[firstFinite]!);
  if (copulaAfter) return null;
  const finiteAfter =
    firstFinite >= 0 ||
    (head !== undefined && finiteAt(restStretch, 0)) ||
    (head !== undefined && /\d$/.test(sentence.slice(start, end)) && /^[a-z]+s$/.test(head.word) && !FUNCTION_WORDS.has(head.lower));
  let reduced: boolean;
  if (!prev) {
    // "Founded in 1982, Hezbollah has grown …": a participial phrase before the main clause.
    reduced = rest.some((t) => t.word === ',') && rest.some(strictFinite);
  } else if (prev.word === ',' || prev.word === '(') {
    // "the group, founded in 1982, has grown", "… claimed by Kataib Hezbollah, formed in 2007.": an
    // appositive participle, when the clause has its own verb before or after it (not "Obama, backed by the
    // EU, called on Thursday …", where "called" is the main verb).
    let closing = rest.findIndex((t) => t.word === ',' || t.word === ')' || CLAUSE_BREAK.has(t.lower));
    if (closing >= 0 && CLAUSE_BREAK.has(rest[closing]!.lower)) closing = -1;
    const afterClosing = closing < 0 ? [] : rest.slice(closing + 1);
    const nextStop = afterClosing.findIndex((t) => isPunct(t) || CLAUSE_BREAK.has(t.lower));
    const opened = before.slice(0, k);
    reduced =
      (closing >= 0 && (afterClosing.slice(0, nextStop < 0 ? undefined : nextStop).some(strictFinite) || (afterClosing[0] !== undefined && finiteAt(afterClosing, 0)))) ||
      (opened.some(strictFinite) && !opened.some((t) => /^(?:which|who|that)$/.test(t.lower)));
  } else {
    // After the main verb of the clause ("the quota set last December" after "would address"), in an
    // appositive noun phrase ("…, a group of … militias formed in 2014"), or before the main verb
    // ("militias formed in 2014 have grown"); otherwise the participle is the main verb ("Militias formed
    // in 2014."). A copula makes the noun phrase what the sentence says ("Kuwait was among 15 nations
    // elected on Friday").
    let finiteBefore = false;
    let appositive = false;
    for (let b = k; b >= 0; b--) {
      const t = before[b]!;
      if (t.word === ',' || t.word === '(' || t.word === '—') {
        // "…, a group of … militias formed in 2014": an indefinite or "of" noun phrase after a comma is an
        // appositive; "Inside Syria, the violence continued on Thursday" is the main clause.
        const np = before.slice(b + 1, k + 1);
        appositive = np.length > 0 && (/^(?:a|an)$/i.test(np[0]!.word) || (/^the$/i.test(np[0]!.word) && np.some((w) => w.lower === 'of')));
        break;
      }
      if (isPunct(t) || CLAUSE_BREAK.has(t.lower) || REPORTING.has(t.word)) break;
      if (strictFinite(t) || finiteAt(before, b)) {
        const copula = /^(?:is|are|was|were|am|be|been|being|remains|remained|seems|seemed)$/i.test(t.lower) && !isParticiple(before[b + 1] ?? t);
        finiteBefore = !copula && !(isParticiple(t) && AUXILIARY.has(before[b - 1]?.lower ?? '') && b === k);
        break;
      }
    }
    reduced = finiteBefore || appositive || finiteAfter;
  }
  if (!reduced) return null;
  return participleClause(sentence, before, p, k, end, rest, otherDates);
}

/**
 * The self-contained span of a reduced relative at the end of a sentence: from the determiner that opens
 * its noun phrase (after a comma or bracket) to the sentence's end, with no verb of another clause inside
 * ("a group of mostly Shia Iraqi state-sponsored militias formed in 2014 to fight ISIS."). The participle
 * must carry the date itself ("formed in 2014", "created last month"; not "triggered by entry into the
 * Community last year"), be no expectation ("loan losses expected this year"), and modify the phrase's own
 * noun (not "an increase from 65 mln dlrs spent last year"; "a group of … militias" is the group).
 */
function participleClause(sentence: string, before: readonly Token[], p: number, k: number, end: number, rest: readonly Token[], otherDates: ReadonlyArray<[number, number]>): Attribution {
  if (before.length - 1 - p > 1 || EXPECTED.test(before[p]!.word)) return {};
  let b = k;
  while (b >= 0 && before[b]!.word !== ',' && before[b]!.word !== '(' && before[b]!.word !== '—') {
    const t = before[b]!;
    if (finiteAt(before, b) || CLAUSE_BREAK.has(t.lower) || t.lower === 'to') return {};
    if (PREPOSITION.test(t.word) && !(t.lower === 'of' && COLLECTIVE.test(before[b - 1]?.word ?? ''))) return {};
    b--;
  }
  const opener = before[b + 1];
  if (b < 0 || !opener || !/^(?:the|a|an)$/i.test(opener.word)) return {};
  if (otherDates.some(([s]) => s >= end)) return {};
  if (rest.some((t, i) => finiteAt(rest, i) || isParticiple(t) || (CLAUSE_BREAK.has(t.lower) && t.lower !== 'and') || /^[“";:,(]$/.test(t.word))) return {};
  return { clause: { start: opener.start, end: sentence.trimEnd().length } };
}
