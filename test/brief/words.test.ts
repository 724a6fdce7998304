import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brief } from '../../src/answer/brief.ts';
import { namesTopic, restNamesTopic, unmatchedWords, withoutWords, writtenAsName } from '../../src/brief/words.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { buildLibrary, type Library } from '../../src/library.ts';
import { seedLibrary } from '../support/seeds.ts';
import { verbatimViolations } from '../support/verbatim.ts';

let seeds: Library;
let wire: Library;
let dir: string;

/**
 * A wire archive of 120 stories (240 paragraphs): "market" in every story, "cocoa" in two paragraphs,
 * "Bundesbank" written as a name in three.
 */
async function wireLibrary(): Promise<Library> {
  dir = await mkdtemp(join(tmpdir(), 'words-'));
  const commodities = ['copper', 'zinc', 'nickel', 'lead', 'tin', 'silver', 'platinum', 'rubber', 'cotton', 'wool', 'jute', 'palm oil'];
  const lines = Array.from({ length: 120 }, (_, i) => {
    const c = commodities[i % commodities.length]!;
    const extra = i === 7 ? 'Ivory Coast cocoa arrivals rose to 12,000 tonnes in the week, traders said.' : i === 8 ? 'The cocoa buffer stock manager bought 3,000 tonnes on Tuesday.' : i < 3 ? `The Bundesbank left its discount rate at ${3 + i} pct, a Bundesbank spokesman said.` : `Dealers said ${c} stocks were ${i} tonnes.`;
    return JSON.stringify({ id: `w${i}`, title: `${c} report ${i}`, body: `The ${c} market was quiet in week ${i}, dealers said.\n\n${extra}` });
  });
  await writeFile(join(dir, 'wire.jsonl'), `${lines.join('\n')}\n`);
  return buildLibrary(await loadCorpus(join(dir, 'wire.jsonl')));
}

beforeAll(async () => {
  seeds = await seedLibrary();
  wire = await wireLibrary();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a topic with a word the corpus lacks (issue 17, point 12)', () => {
  it.each([
    // corpus, topic, the word no paragraph has, what is briefed ('' = refused), why
    ['seeds', 'embassy drawdown evacuation', 'evacuation', 'embassy drawdown', 'several words'],
    ['seeds', 'Soleimani funeral', 'funeral', 'Soleimani', 'a name'],
    ['seeds', 'Tueller resignation', 'resignation', 'Tueller', 'a name'],
    ['seeds', 'cocoa futures', 'cocoa', '', 'a word used once'],
    ['seeds', 'US evacuation', 'evacuation', '', 'a name used everywhere'],
    ['seeds', 'militia evacuation', 'evacuation', '', 'a common word'],
    ['wire', 'cocoa bitcoin', 'bitcoin', 'cocoa', 'a specific word'],
    ['wire', 'Bundesbank bitcoin', 'bitcoin', 'Bundesbank', 'a name'],
    ['wire', 'market bitcoin', 'bitcoin', '', 'a common word'],
  ] as const)('%s: "%s" lacks "%s" → briefed on "%s" (%s)', (corpus, topic, lacking, briefed, verdict) => {
    const library = corpus === 'seeds' ? seeds : wire;
    const hits = library.index.search(topic, { limit: 60 });
    const missing = unmatchedWords(topic, hits);
    expect(missing).toEqual([lacking]);
    expect(namesTopic(library.index, withoutWords(topic, missing), hits)).toBe(verdict);
    const answer = brief(library, topic);
    if (briefed) {
      expect(restNamesTopic(verdict)).toBe(true);
      expect(answer.items.length).toBeGreaterThan(0);
      expect(answer.title).toMatch(new RegExp(`^Briefing · ${briefed} —`));
      expect(answer.notes).toContain(`No paragraph mentions “${lacking}”: this briefing is on “${briefed}”.`);
      expect(verbatimViolations(library, answer)).toEqual([]);
    } else {
      expect(answer.items).toEqual([]);
      expect(answer.notes[0]).toBe(`Nothing in the corpus about “${topic}”.`);
      expect(answer.notes).toContain(`No paragraph found for the topic mentions “${lacking}”.`);
    }
  });

  it('briefs on the words that match as it would on them alone', () => {
    expect(brief(seeds, 'embassy drawdown evacuation').items).toEqual(brief(seeds, 'embassy drawdown').items);
  });

  it('suggests what is left when it refuses and what is left finds something', () => {
    expect(brief(wire, 'market bitcoin').suggestions?.[0]).toBe('market');
  });
});

describe('SearchIndex.paragraphFrequency', () => {
  it('counts the paragraphs that have a term, in the text or the headline', () => {
    expect(wire.index.paragraphFrequency('cocoa')).toBe(2);
    expect(wire.index.paragraphFrequency('market')).toBe(120);
    expect(wire.index.paragraphFrequency('report')).toBe(240);
    expect(wire.index.paragraphFrequency('bitcoin')).toBe(0);
  });
});

describe('writtenAsName', () => {
  const paragraph = (text: string) => ({ id: 'p', articleId: 'a', n: 1, text, sentences: [] });
  it.each([
    ['capitalised inside sentences', ['The Bundesbank left rates alone.', 'Analysts expect the Bundesbank to wait.'], 'bundesbank', true],
    ['lower case inside sentences', ['Cocoa prices rose.', 'Traders sold cocoa on Monday.'], 'cocoa', false],
    ['capitalised only where a sentence opens', ['Markets fell. Markets rose.'], 'market', false],
  ])('%s', (_what, texts, term, expected) => {
    expect(writtenAsName(term, texts.map(paragraph))).toBe(expected);
  });
});
