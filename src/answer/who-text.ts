import type { Paragraph } from '../corpus/types.ts';
import type { EntityMention } from '../analyse/entities.ts';
import { hasPastCue } from '../analyse/dates/tense.ts';

/** Mentions looked at for a sentence about an entity (a wire archive names some companies thousands of times). */
const LOOKED_AT = 50;

/**
 * The words a `/who` list shows under a name that has no descriptor of its own. Never another entity's
 * description: the first sentence *about* the entity — it is the subject of the sentence or of a clause ("The
 * State Department provided no official confirmation …", "Since Asaib Ahl al-Haq is a Shia militia, …",
 * "During the embassy siege, the Pentagon deployed …"), or a relative clause tells of it ("… like ISIS, who
 * celebrated the US assassination of Soleimani.") — else the clause that names it at its first mention ("…
 * the deputy head of the Middle East and North Africa Programme at Chatham House in London."), cut with "…".
 */
export function aboutText(mentions: readonly EntityMention[], paragraphById: ReadonlyMap<string, Paragraph>, max: number): { text: string; mention: EntityMention } | null {
  let first: { paragraph: Paragraph; mention: EntityMention } | undefined;
  for (const m of mentions.slice(0, LOOKED_AT)) {
    const paragraph = paragraphById.get(m.paragraphId);
    const sentence = paragraph?.sentences[m.sentenceIndex];
    if (!paragraph || !sentence) continue; // gone in a live update the table has not caught up with yet
    first ??= { paragraph, mention: m };
    if (isAbout(paragraph.text, sentence, m)) return { text: cut(paragraph.text, sentence, m.start, m.end, max), mention: m };
  }
  if (!first) return null;
  const { paragraph, mention } = first;
  const sentence = paragraph.sentences[mention.sentenceIndex]!;
  const [from, to] = clauseAround(paragraph.text, sentence, mention);
  return { text: cut(paragraph.text, { start: from, end: to }, mention.start, mention.end, max, sentence), mention };
}

const DETERMINER = /(?:^|\s)(?:the|a|an)\s*$/i;
const SUBORDINATOR = /^(?:since|because|although|though|while|when|whereas|after|before|if|as|once|unless|until)$/i;
/** Verbs beyond doubt: auxiliaries, modals, forms of "be" and "have". */
const AUXILIARY = /^(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|shall|does|did|do|says|remains|remained|continues|continued)$/;
const OBJECT_OPENER = /^(?:the|a|an|its|their|his|her|our|this|that|these|those|to|no|all|some|any|every|more|new)$/i;

/** Is the entity at `m` the subject of its sentence or of a clause, or told of by a relative clause after it? */
function isAbout(text: string, sentence: { start: number; end: number }, m: EntityMention): boolean {
  const after = text.slice(m.end, sentence.end);
  // "…, like ISIS, who celebrated …": a relative clause after the name, unless the name is inside an "of"
  // phrase (", the deputy head of Chatham House, who said" tells of the head).
  const relative = /^\s*,\s*(?:who|which)\s+([a-z]+)\s+([a-z]+)?/.exec(after);
  const inOf = /\bof\s+(?:the\s+)?$/i.test(text.slice(sentence.start, m.start));
  if (relative && !inOf && isVerb(relative[1]!, relative[2], false)) return true;
  // Before the name: nothing, a subordinator, or an opening phrase closed by a comma ("During the siege,"),
  // each with a determiner ("The State Department …").
  const before = text.slice(sentence.start, m.start).replace(/^[\s"“‘'(]+/, '').replace(DETERMINER, '').trim();
  if (before !== '' && !SUBORDINATOR.test(before) && !/,$/.test(before)) return false;
  // After the name: its acronym in brackets, an appositive (", a militia seen as …,"), adverbs, then a verb.
  const rest = /^(?:\s*\([^()]{1,12}\))?(?:\s*,\s*(?:the|a|an)\s[^,;:]{1,100},)?((?:\s+[a-z]+ly)*)\s+([a-z]+)(?:\s+([a-z]+))?/.exec(after);
  return !!rest && isVerb(rest[2]!, rest[3], rest[1]!.length > 0);
}

/**
 * Is `word` a verb, given the word after it? An auxiliary or a past form surely; a present form in -s only
 * after an adverb ("continually adjusts") or before its object ("adjusts its", "wants to"): "officials",
 * "forces" after a name are nouns.
 */
function isVerb(word: string, next: string | undefined, afterAdverb: boolean): boolean {
  if (AUXILIARY.test(word) || hasPastCue(word)) return true;
  return /^[a-z]{3,}s$/.test(word) && !/ss$/.test(word) && (afterAdverb || (next !== undefined && OBJECT_OPENER.test(next)));
}

/** A clause break inside a sentence. */
const BREAK = /[,;:—–]/;

/**
 * The span of the clause that names the entity: from the break before the mention to the break after it,
 * taking in the next stretch while it is shorter than a few words ("but also “the Government of Iraq,
 * neighboring diplomatic missions").
 */
function clauseAround(text: string, sentence: { start: number; end: number }, m: EntityMention): [number, number] {
  let from = sentence.start;
  for (let k = m.start - 1; k >= sentence.start; k--) {
    if (BREAK.test(text[k]!)) {
      from = k + 1;
      break;
    }
  }
  let to = m.end;
  for (;;) {
    const next = BREAK.exec(text.slice(to, sentence.end));
    to = next ? to + next.index : sentence.end;
    if (to >= sentence.end || to - from >= 40) return [from, to];
    to++;
  }
}

/**
 * `text.slice(span)` trimmed, cut at words to about `max` characters around [start, end), with "…" where it
 * was cut from its sentence (`whole`, the span itself by default).
 */
function cut(text: string, span: { start: number; end: number }, start: number, end: number, max: number, whole = span): string {
  let from = span.start;
  let to = span.end;
  if (to - from > max) {
    from = Math.max(span.start, start - Math.floor((max - (end - start)) / 3));
    to = Math.min(span.end, from + max);
    if (from > span.start) from = text.indexOf(' ', from) + 1 || from;
    if (to < span.end) {
      const space = text.lastIndexOf(' ', to);
      if (space > end) to = space;
    }
    if (from > start) from = start;
  }
  const shown = text.slice(from, to).trim();
  return `${from > whole.start ? '… ' : ''}${shown}${to < whole.end ? ' …' : ''}`;
}
