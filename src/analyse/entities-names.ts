import { foldCase, foldPunctuation } from '../text/normalize.ts';
import {
  CALENDAR, COMPANY_SUFFIXES, DEMONYMS, DESCRIPTOR_MODIFIERS, FUNCTION_WORDS, GIVEN_NAMES, KNOWN_ORGS, NOT_NAMES, ORG_APPOSITIVE_NOUNS,
  ORG_HEADS, ORG_NOUNS, OUTLETS, PARTICLES, PLACE_HEADS, PLACES, PORTFOLIOS, PREFIX_PARTICLES, ROLE_NOUNS, SPEECH_VERBS, TITLES,
  AMBIGUOUS_TITLES, NAME_OPENERS,
  TITLE_TAILS,
} from './entities-words.ts';

/**
 * A name found in a sentence: a span of the paragraph's verbatim text (titles and possessive "'s" left
 * out) with the evidence the words around it give. Whether it is a person or an organisation is decided
 * corpus-wide from these cues (entities.ts), not from one sentence.
 */
export interface FoundName {
  /** Offsets in the paragraph text: `text.slice(start, end)` is the name as written. */
  start: number;
  end: number;
  /** Evidence that it is a person: titles, role nouns, appositives, a given name (points; 0 = none). */
  person: number;
  /** Evidence that it is an organisation: cue words in the name, "militia" after it, "a group" appositive. */
  org: number;
  /** The first word of a sentence or quote, with no cue: its capital may be the sentence's, not a name's. */
  initial: boolean;
  /** After "in", "near", "outside"…: where things happen, a sign of a place. */
  locative: boolean;
  /** The speaker of a speech verb in the sentence ("X said", "said X"). */
  speaker: boolean;
  /** Verbatim descriptors around the name (title, role, appositive), as paragraph offsets [start, end). */
  descriptors: Array<[number, number]>;
  /** Index (in this sentence's list) of the name this acronym abbreviates: "Popular Mobilization Force (PMF)". */
  acronymOf?: number;
}

interface Token {
  raw: string;
  /** Folded lower case, without a trailing period or possessive. */
  low: string;
  start: number;
  end: number;
  word: boolean;
  /** The token ends with a possessive "'s" (already cut from `end`). */
  possessive: boolean;
  /** First word of the sentence or of a quotation. */
  opening: boolean;
  /** Written in capitals only (no lower-case letter). */
  upper: boolean;
  /** Can be part of a name (see `namey`); computed once. */
  name: boolean;
}

const TOKEN = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const ABBREVIATIONS = new Set(['gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'brig', 'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'rev', 'st', 'jr', 'sr', 'co', 'corp', 'inc', 'ltd', 'cmdr', 'cpl', 'messrs']);
const QUOTE_MARKS = /["“”„«»]/;
/** Endings of English nouns that are not names ("Agreement", "Commission", "Assets"). */
const NOUN_ENDING = /(?:ment|tion|sion|ness|ity|ship|ism|ets)$/;
const LOCATIVES = new Set(['in', 'near', 'outside', 'across', 'throughout', 'around', 'into', 'inside', 'northern', 'southern', 'eastern', 'western', 'central']);
const CONNECTORS = new Set(['of', 'for', 'and', '&', 'on']);
const PRONOUN_QUOTE = /(?:\b(?:he|she)\s+(?:said|says|added|told|concluded|explained|insisted|declared|warned|wrote)\b)|(?:\b(?:said|says|added|concluded)\s+(?:he|she)\b)/i;

const fold = (s: string) => (/^[A-Za-z0-9.'-]*$/.test(s) ? s.toLowerCase() : foldCase(foldPunctuation(s)));

/** A place of the gazetteer ("Baghdad", "the Green Zone", "U.S.")? */
function isPlace(low: string): boolean {
  const bare = low.replace(/^the /, '');
  return PLACES.has(bare) || PLACES.has(bare.replace(/\./g, ''));
}

function tokenize(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = from;
  let opening = true;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    let raw = m[0];
    let end = m.index + raw.length;
    if (end > to) break;
    const c = raw.charCodeAt(0);
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && /[\p{L}\p{N}]/u.test(raw[0]!));
    if (!word) {
      tokens.push({ raw, low: raw, start: m.index, end, word: false, possessive: false, opening: false, upper: false, name: false });
      if (/["“„«:—–-]/.test(raw)) opening = true;
      continue;
    }
    let possessive = false;
    if (/['’]s$/i.test(raw) && raw.length > 2) {
      raw = raw.slice(0, -2);
      end -= 2;
      possessive = true;
    }
    let low = fold(raw);
    if (text[end] === '.' && !possessive && ABBREVIATIONS.has(low)) TOKEN.lastIndex = ++end;
    if (low.includes('.')) low = low.replace(/\.$/, '');
    const upper = !(ASCII.test(raw) ? /[a-z]/.test(raw) : /\p{Ll}/u.test(raw)) && /\p{L}/u.test(raw);
    const token: Token = { raw, low, start: m.index, end, word: true, possessive, opening, upper, name: false };
    token.name = namey(token);
    tokens.push(token);
    opening = false;
  }
  return tokens;
}

const ASCII = /^[\x00-\x7f]*$/;
const isUpperInitial = (s: string) => {
  const c = s.charCodeAt(0);
  return c < 128 ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(s);
};
/** "al-Haq", "el-Sisi": a lower-case particle joined to a capitalised name. */
const isParticleName = (s: string) => {
  const m = /^(\p{Ll}+)['’\-](\p{Lu})/u.exec(s);
  return !!m && PREFIX_PARTICLES.has(m[1]!);
};
const isAcronym = (t: Token) => /^(?:\p{Lu}{2,6}|(?:\p{Lu}\.){2,})$/u.test(t.raw);

/** Can this word be part of a name (capitalised, not a month, not a shouted headline word)? */
function namey(t: Token): boolean {
  if (!t.word) return false;
  if (!isUpperInitial(t.raw) && !(t.raw.length > 3 && /['’-]/.test(t.raw) && isParticleName(t.raw))) return false;
  if (/^\p{Lu}{7,}$/u.test(t.raw)) return false; // shouting, not a name
  if (CALENDAR.has(t.low)) return false;
  if (/^\p{N}/u.test(t.raw)) return false;
  // "They're", "It'll": a capitalised function word with a contraction.
  if (/['’]/.test(t.low) && NOT_NAMES.has(t.low.split(/['’]/)[0]!)) return false;
  // The first word of a sentence that reads as an ordinary word: "Following", "Shortly", "Reported".
  if (t.opening && /(?:ing|ly|ed)$/.test(t.low) && !GIVEN_NAMES.has(t.low) && !NAME_OPENERS.has(t.low)) return false;
  // "Iran-backed", "US-led": an adjective made from a name. ("President-elect" is a title.)
  if (/-\p{Ll}+$/u.test(t.raw) && !TITLES.has(t.low) && !isParticleName(t.raw)) return false;
  return true;
}

/** A word that cannot open a name: a function word anywhere, an ordinary word at a sentence's start. */
const notFirst = (t: Token) => FUNCTION_WORDS.has(t.low) || (t.opening && NOT_NAMES.has(t.low));

/**
 * Finds the person and organisation names of one sentence (`text.slice(from, to)` of a paragraph), with
 * the cues around each. Places, outlets, credits, calendar words and lone capitalised function words
 * are left out here; what is left is weighed corpus-wide.
 *
 * @example findNames('The spokesperson said US ambassador Matthew Tueller was still in Iraq.', 0, 71)
 * // [{ start: 38, end: 53 (Matthew Tueller), person: 2, … }]
 */
export function findNames(text: string, from = 0, to = text.length): FoundName[] {
  const tokens = tokenize(text, from, to);
  const words = tokens.filter((t) => t.word);
  // A sentence mostly in capitals is a headline or a table: capitals tell nothing there.
  let shouting = 0;
  for (const t of words) if (t.upper) shouting++;
  if (words.length > 3 && shouting > words.length / 2) return [];
  const found: FoundName[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.name) {
      i++;
      continue;
    }
    // A run of name words, with particles and connectors inside.
    let j = i + 1;
    if (!tokens[i]!.possessive || (!isPlace(tokens[i]!.low) && organisationFollows(tokens, j))) {
      while (j < tokens.length) {
        const t = tokens[j]!;
        if (t.name) {
          j++;
          if (t.possessive && (isPlace(t.low) || COMPANY_SUFFIXES.has(t.low) || !organisationFollows(tokens, j))) break;
          // "T.K. International Inc. It will …": a company suffix with its period ends the name.
          if (COMPANY_SUFFIXES.has(t.low) && text[t.end - 1] === '.') break;
          continue;
        }
        if (t.word && PARTICLES.has(t.raw) && tokens[j + 1]?.name) {
          j++;
          continue;
        }
        if (t.word && CONNECTORS.has(t.low) && connectorJoins(tokens, i, j)) {
          j += tokens[j + 1]?.low === 'the' && t.low === 'of' ? 2 : 1;
          continue;
        }
        break;
      }
    }
    // Don't end on a connector or particle.
    while (j > i + 1 && (!tokens[j - 1]!.name || CONNECTORS.has(tokens[j - 1]!.low))) j--;
    processRun(text, tokens, i, j, found);
    i = j;
  }
  markQuotes(text, from, to, tokens, found);
  return found;
}

/** After a possessive, does an organisation's name go on ("Moody's Investors Service Inc")? */
function organisationFollows(tokens: Token[], j: number): boolean {
  for (let m = j; m < tokens.length && m < j + 4; m++) {
    const t = tokens[m]!;
    if (!t.name) return false;
    if (COMPANY_SUFFIXES.has(t.low) || (ORG_HEADS.has(t.low) && m > j)) return true;
    if (t.possessive) return false;
  }
  return false;
}

/** May the connector at `j` ("of", "and", "for") continue the run that started at `i`? */
function connectorJoins(tokens: Token[], i: number, j: number): boolean {
  const c = tokens[j]!.low;
  let k = j + 1;
  if (c === 'of' && tokens[k]?.low === 'the') k++;
  if (!tokens[k]?.name) return false;
  const before = tokens.slice(i, j);
  const last = before[before.length - 1]!;
  if (c === 'of' || c === 'for' || c === 'on') {
    // "Ministry of Defence", "Secretary of State", "Bank of Japan", "Organisation for Economic Cooperation".
    return ORG_HEADS.has(last.low) || TITLES.has(last.low) || (c === 'on' && last.low === 'agreement');
  }
  // "and": inside an "of"/"for" organisation name, or before the rest of one whose head is still to come
  // ("Securities and Exchange Commission"); never between two complete names ("Hudson and Morello").
  if (ORG_HEADS.has(last.low) && before.length > 1) return false;
  if (before.some((t) => t.low === 'of' || t.low === 'for' || t.low === 'on')) return true;
  for (let m = k; m < tokens.length && m < k + 4; m++) {
    const t = tokens[m]!;
    if (!t.name) return false;
    if (ORG_HEADS.has(t.low)) return true;
  }
  return false;
}

function processRun(text: string, tokens: Token[], i: number, j: number, found: FoundName[]): void {
  let run = tokens.slice(i, j);
  const runStart = run[0]!.start;
  const lowRun = run.map((t) => t.low).join(' ');
  if (OUTLETS.has(lowRun) || OUTLETS.has(lowRun.replace(/^the /, ''))) return;
  if (isPlace(lowRun)) return;
  // Function words that open the run ("The", "But") are not part of a name.
  while (run.length > 0 && notFirst(run[0]!) && !TITLES.has(run[0]!.low)) run = run.slice(1);
  if (run.length === 0) return;

  // The last title: a person's name follows it ("U.S. Treasury Secretary James Baker").
  let title = -1;
  for (let k = run.length - 2; k >= 0; k--) {
    const t = run[k]!;
    const core = TITLES.has(t.low) && (!PORTFOLIOS.has(t.low) || TITLES.has(run[k + 1]?.low ?? ''));
    // "Secretary of State", "Chancellor of the Exchequer": a tail after "of" continues a title before it.
    const of = run[k - 1]?.low === 'of' ? k - 1 : run[k - 1]?.low === 'the' && run[k - 2]?.low === 'of' ? k - 2 : -1;
    const tail = of > 0 && TITLE_TAILS.has(t.low) && TITLES.has(run[of - 1]!.low) && !PORTFOLIOS.has(run[of - 1]!.low);
    if (core || tail) {
      title = k;
      break;
    }
  }
  if (title >= 0) {
    const name = run.slice(title + 1);
    if (name[0] && CONNECTORS.has(name[0].low)) {
      // "President of the Bundesbank": the title belongs to the organisation that follows.
      const org = name.filter((t, k) => !(k < 2 && (CONNECTORS.has(t.low) || t.low === 'the')));
      if (org.length > 0 && !org.every((t) => TITLE_TAILS.has(t.low))) classifyChunk(text, tokens, org, found, null, 2);
      return;
    }
    // "General Agreement", "General Mills": an ambiguous title wants a full name after it.
    const ambiguous = AMBIGUOUS_TITLES.has(run[title]!.low) && !/\.$/.test(text.slice(run[title]!.start, run[title]!.end)) && name.length < 2;
    const nameOk =
      !ambiguous &&
      name.every((t) => !NOUN_ENDING.test(t.low) && !/^\p{Lu}{2,6}$/u.test(t.raw)) && name.length > 0 && name.every((t) => !ORG_HEADS.has(t.low) && !TITLES.has(t.low)) && !name.every((t) => NOT_NAMES.has(t.low) || DEMONYMS.has(t.low));
    if (nameOk) {
      let block = title;
      while (block > 0) {
        const t = run[block - 1]!;
        if (TITLES.has(t.low) || TITLE_TAILS.has(t.low) || t.low === 'of' || t.low === 'the' || DEMONYMS.has(t.low)) block--;
        else break;
      }
      const prefix = run.slice(0, block);
      if (prefix.length > 0) classifyChunk(text, tokens, prefix, found, null);
      const onlyCourtesy = run.slice(block, title + 1).every((t) => ['mr', 'mrs', 'ms', 'miss', 'dr'].includes(t.low));
      const descriptorStart = onlyCourtesy ? undefined : extendBack(tokens, tokens.indexOf(run[0]!), runStart);
      classifyChunk(text, tokens, name, found, { person: 3, descriptorStart });
      return;
    }
    if (name.length === 0) return; // a title alone ("President", "Prime Minister")
  }
  classifyChunk(text, tokens, run, found, null);
}

/** Extends a descriptor start back over lower-case modifiers and roles ("top Iranian general …"). */
function extendBack(tokens: Token[], index: number, start: number): number {
  let k = index - 1;
  let at = start;
  while (k >= 0) {
    const t = tokens[k]!;
    // "… Guard Corps (IRGC) Commander Qassem Soleimani": an acronym in brackets continues the descriptor.
    if (t.raw === ')' && tokens[k - 1] && isAcronym(tokens[k - 1]!) && tokens[k - 2]?.raw === '(' && tokens[k - 3]?.name) {
      k -= 3;
      continue;
    }
    if (!t.word || t.low === 'the' || t.low === 'a' || t.low === 'an') break;
    const organisationWord = t.name && !notFirst(t) && !t.possessive;
    if (ROLE_NOUNS.has(t.low) || DESCRIPTOR_MODIFIERS.has(t.low) || DEMONYMS.has(t.low) || PLACES.has(t.low) || (TITLES.has(t.low) && isUpperInitial(t.raw)) || organisationWord) {
      at = t.start;
      k--;
    } else break;
  }
  return at;
}

function classifyChunk(
  text: string,
  tokens: Token[],
  chunk: Token[],
  found: FoundName[],
  titled: { person: number; descriptorStart: number | undefined } | null,
  orgCue = 0,
): void {
  let run = chunk;
  const hasOrgHead = run.some((t) => ORG_HEADS.has(t.low) && isUpperInitial(t.raw));
  let low = run.map((t) => t.low).join(' ');
  const known = KNOWN_ORGS.has(low) || KNOWN_ORGS.has(low.replace(/^the /, ''));
  // Nationalities open "Iraqi Prime Minister …", but belong to "Islamic Revolutionary Guard Corps".
  if (!titled) while (run.length > 0 && (notFirst(run[0]!) || (!hasOrgHead && !known && DEMONYMS.has(run[0]!.low)))) run = run.slice(1);
  // "US State Department", "U.S. Agriculture Department": the country is not part of the name (but
  // "Washington Post Co" and "Turkey Point Unit" keep theirs).
  while (hasOrgHead && run.length > 2 && isPlace(run[0]!.low) && /^(?:\p{Lu}{2,3}|(?:\p{Lu}\.){2,3})$/u.test(run[0]!.raw)) run = run.slice(1);
  if (run.length === 0) return;
  low = run.map((t) => t.low).join(' ');
  if (OUTLETS.has(low) || OUTLETS.has(low.replace(/^the /, ''))) return;
  if (run.every((t) => NOT_NAMES.has(t.low) || DEMONYMS.has(t.low) || TITLES.has(t.low) || CALENDAR.has(t.low))) return;
  if (!hasOrgHead && !known && !titled) {
    if (isPlace(low)) return;
    if (PLACE_HEADS.has(run[run.length - 1]!.low)) return;
    if (run.length > 1 && PLACES.has(run.slice(0, -1).map((t) => t.low).join(' ')) && PLACE_HEADS.has(run[run.length - 1]!.low)) return;
  }
  if (run.length === 1 && run[0]!.raw.length < 2) return;
  if (/^\p{Lu}$/u.test(run[run.length - 1]!.raw)) return; // "Class A", "Group B": a label, not a name
  // A lone "Government", "Commission", "Ministry": which one is not said.
  if (run.length === 1 && ORG_HEADS.has(run[0]!.low) && !known) return;

  const first = run[0]!;
  const last = run[run.length - 1]!;
  const at = tokens.indexOf(first);
  const after = tokens.indexOf(last) + 1;
  const prev = tokens[at - 1];
  const prev2 = tokens[at - 2];
  const next = tokens[after];
  const name: FoundName = { start: first.start, end: last.end, person: 0, org: 0, initial: false, locative: false, speaker: false, descriptors: [] };

  if (titled) {
    name.person += titled.person;
    if (titled.descriptorStart !== undefined) name.descriptors.push([titled.descriptorStart, last.end]);
  }
  if (hasOrgHead) name.org += 3;
  name.org += orgCue;
  if (run.some((t) => /.(?:bank|bankverein|zentrale|kasse)$/.test(t.low))) name.org += 3; // "Bundesbank", "Landesbank"
  if (COMPANY_SUFFIXES.has(last.low)) name.org += 3;
  if (known) name.org += 3;
  // A role noun right before: "ambassador Matthew Tueller", "militia leader Abu Mahdi al-Muhandis".
  // ("lead manager Credit Lyonnais" of a bond issue is a bank.)
  if (prev?.word && !isUpperInitial(prev.raw) && ROLE_NOUNS.has(prev.low) && !(prev.low === 'manager' && /lead$/.test(prev2?.low ?? ''))) {
    name.person += 2;
    if (name.descriptors.length === 0) name.descriptors.push([extendBack(tokens, at, first.start), last.end]);
  }
  // "…militia", "…group" right after: an organisation.
  if (next?.word && !isUpperInitial(next.raw) && ORG_NOUNS.has(next.low) && !last.possessive && !(first.opening && run.length === 1)) name.org += 2;
  if (run.length >= 2 && GIVEN_NAMES.has(first.low) && !hasOrgHead) name.person += 1;

  appositive(text, tokens, after, name, last);
  commaBefore(text, tokens, at, name, last);

  if (run.length === 1 && isAcronym(first)) name.person = 0; // people are not written in capitals
  if (prev?.word && LOCATIVES.has(prev.low)) name.locative = true;
  if (first.opening && run.length === 1 && name.person === 0 && name.org === 0) name.initial = true;
  if (notFirst(first)) return;

  // Speaker: "X said", "said X", "said spokesman X".
  const nextWord = next?.word ? next : undefined;
  // "said X" only as an attribution: the sentence ends or an appositive follows ("said Sanam Vakil, the …").
  const attribution = !next || (!next.word && next.raw !== '(');
  const saidBefore = attribution && ((prev?.word && SPEECH_VERBS.has(prev.low)) || (prev2?.word && SPEECH_VERBS.has(prev2.low) && prev?.word && ROLE_NOUNS.has(prev.low)));
  if ((nextWord && SPEECH_VERBS.has(nextWord.low) && !last.possessive) || saidBefore) {
    name.speaker = true;
  }

  // An acronym right after a name in brackets abbreviates it: "Popular Mobilization Force (PMF)".
  if (run.length === 1 && isAcronym(first) && prev?.raw === '(' && found.length > 0) {
    const before = found[found.length - 1]!;
    if (initialsMatch(text.slice(before.start, before.end), first.raw) && tokens[at - 2] && tokens[at - 2]!.end <= before.end + 1) {
      name.acronymOf = found.length - 1;
    }
  }
  found.push(name);
}

/**
 * ", the deputy head of …" / ", a militia seen as …" after a name, or after its acronym in brackets
 * ("Popular Mobilization Force (PMF), a group of … militias"): a descriptor, and a cue.
 */
function appositive(text: string, tokens: Token[], after: number, name: FoundName, last: Token): void {
  if (tokens[after]?.raw === '(' && tokens[after + 1] && isAcronym(tokens[after + 1]!) && tokens[after + 2]?.raw === ')') after += 3;
  if (last.possessive || tokens[after]?.raw !== ',') return;
  const det = tokens[after + 1];
  if (!det?.word || !['the', 'a', 'an'].includes(det.low)) return;
  let end = -1;
  let kind: 'person' | 'org' | null = null;
  let k = after + 2;
  for (; k < tokens.length && k < after + 30; k++) {
    const t = tokens[k]!;
    if (!t.word) {
      if (t.raw === '(' || t.raw === ')' || t.raw === '-' || t.raw === '’' || t.raw === "'") continue;
      break;
    }
    if (kind === null && k < after + 8) {
      if (ROLE_NOUNS.has(t.low) && !isUpperInitial(t.raw)) kind = 'person';
      else if (ORG_APPOSITIVE_NOUNS.has(t.low) && !isUpperInitial(t.raw)) kind = 'org';
    }
    if (kind === null && SPEECH_VERBS.has(t.low)) return;
    end = t.end;
  }
  if (!kind || end < 0) return;
  // Balance a bracket left open at the cut: "(PMF" → "(PMF)".
  const span = text.slice(name.start, end);
  if ((span.match(/\(/g) ?? []).length > (span.match(/\)/g) ?? []).length && text[end] === ')') end++;
  if (kind === 'person') name.person += 2;
  else name.org += 2;
  // "Mark Milley, the chairman of the Joint Chiefs of Staff, said …": the appositive's name speaks.
  if (tokens[k]?.raw === ',' && tokens[k + 1]?.word && SPEECH_VERBS.has(tokens[k + 1]!.low)) name.speaker = true;
  name.descriptors.push([name.start, end]);
}

/** "a prominent Iranian nuclear scientist, Mohsen Fakhrizadeh": a role before the name, then a comma. */
function commaBefore(text: string, tokens: Token[], at: number, name: FoundName, last: Token): void {
  if (tokens[at - 1]?.raw !== ',') return;
  const role = tokens[at - 2];
  if (!role?.word || isUpperInitial(role.raw)) return;
  const person = ROLE_NOUNS.has(role.low);
  const org = ORG_NOUNS.has(role.low);
  if (!person && !org) return;
  let k = at - 3;
  let start = role.start;
  let determiner = false;
  while (k >= 0 && k > at - 9) {
    const t = tokens[k]!;
    if (!t.word) break;
    if (['a', 'an', 'the', 'its', 'his', 'her', 'their'].includes(t.low)) {
      start = t.start;
      determiner = true;
      break;
    }
    if (DESCRIPTOR_MODIFIERS.has(t.low) || DEMONYMS.has(t.low) || ROLE_NOUNS.has(t.low) || /^\p{Ll}+$/u.test(t.raw) === false) {
      start = t.start;
      k--;
      continue;
    }
    break;
  }
  if (!determiner) return; // "… 1.5 mln head, USDA said": no appositive without its article
  if (person) name.person += 2;
  else name.org += 1;
  if (person) name.descriptors.push([start, last.end]);
}

/** Do the capitals of `acronym` spell the name's initials ("Popular Mobilization Force" → PMF)? */
export function initialsMatch(name: string, acronym: string): boolean {
  const letters = acronym.replace(/\./g, '').toLowerCase();
  const initials = (fold(name).match(/[\p{L}\p{N}]+/gu) ?? [])
    .filter((w) => !['of', 'the', 'and', 'for', 'on', 'al', 'el', 'in', 'de', 'du', 'la', '&'].includes(w))
    .map((w) => w[0]!)
    .join('');
  if (initials === letters) return true;
  // Letters in order, the first one first: "Islamic Revolutionary Guard Corps" → IRGC; "ISIS" ⊄ "Islamic State".
  if (initials[0] !== letters[0] || letters.length < 2) return false;
  const words = fold(name).match(/[\p{L}\p{N}]+/gu) ?? [];
  let w = 0;
  for (const ch of letters) {
    while (w < words.length && words[w]![0] !== ch) w++;
    if (w >= words.length) return false;
    w++;
  }
  return letters.length >= initials.length - 1;
}

/** Quotations: a sentence with a quotation mark whose speaker is a name of it (or "he said" → resolved later). */
function markQuotes(text: string, from: number, to: number, tokens: Token[], found: FoundName[]): void {
  void tokens;
  const sentence = text.slice(from, to);
  if (!QUOTE_MARKS.test(sentence)) {
    for (const n of found) n.speaker = false;
  }
}

/** Is this sentence a quotation spoken by "he" or "she" (to be given to the last person named)? */
export function pronounQuote(sentence: string): boolean {
  return QUOTE_MARKS.test(sentence) && PRONOUN_QUOTE.test(sentence);
}

/** Does this sentence carry a quotation (a quotation mark)? */
export function hasQuote(sentence: string): boolean {
  return QUOTE_MARKS.test(sentence);
}
