import { beforeAll, describe, expect, it } from 'vitest';
import { collectCandidates, type Candidate } from '../../src/brief/candidates.ts';
import { DEFAULT_FACT_THRESHOLDS, factIndex, factKey, factKeys, nameTermsOf, sameFact, sameFactIn, SUPPORT_THRESHOLDS } from '../../src/brief/corroborate.ts';
import { inverseFrequencies } from '../../src/brief/vectors.ts';
import { terms } from '../../src/text/terms.ts';
import { seedLibrary } from '../support/seeds.ts';

/** Sentence term lists of the seed corpus: the background that makes story words common and names rare. */
let background: string[][] = [];
beforeAll(async () => {
  background = collectCandidates((await seedLibrary()).corpus.articles).map((c) => c.terms);
  // Wire copy names companies by "Inc" and "Corp": common words there, not names that identify anyone.
  for (const name of ['Acme', 'Borel', 'Cantor', 'Delta', 'Elgin', 'Fuller', 'Garner', 'Hale']) {
    background.push(terms(`${name} Inc said quarterly profit rose.`), terms(`${name} Corp said it sold a unit.`));
  }
});

/** Fact keys of two sentences weighted as a briefing weighs them: inverse sentence frequency over the seeds and the pair. */
function keys(a: string, b: string) {
  const idf = inverseFrequencies([...background, terms(a), terms(b)]);
  return [factKey(terms(a), idf, a), factKey(terms(b), idf, b)] as const;
}

describe('sameFact: when two sentences state the same fact', () => {
  it.each([
    [
      'a short version of a quote inside the long version (seeds 000 and 001)',
      '"They could come back, it\'s just a security blip," the source said, speaking anonymously as they were not authorised to comment publicly.',
      '"It\'s a minor drawdown based on security reservations from the US side. They could come back - it\'s just a security blip," the senior source said, speaking on condition of anonymity in order to talk to the press.',
      true,
    ],
    [
      'two outlets paraphrasing the same statement (seeds 000 and 003)',
      'A US State Department spokesman said ambassador Matthew Tueller remains in Iraq and that the embassy "continues to operate".',
      'The department official said that U.S. Ambassador Matthew Tueller would remain in Iraq and that the embassy would continue to operate.',
      true,
    ],
    [
      'the same subject with another claim (shared story vocabulary only)',
      'The rocket attacks blamed on Iran-backed militias have killed three Americans and a Briton.',
      'Pompeo delivered the message via phone to PM Al-Kadhimi and President Barham Salih and expressed frustrations with Iran-backed Shi’ite militias launching rocket attacks on US diplomatic missions.',
      false,
    ],
    [
      'templated wire copy with different numbers',
      'The Ghana Cocoa Board said it purchased 456 tonnes of cocoa in the 23rd week, ended March 12, of the 1986/87 main crop season.',
      'The Ghana Cocoa Board said it purchased 214 tonnes of cocoa in the 24th week, ended March 19, of the 1986/87 main crop season.',
      false,
    ],
    [
      'one person named in both, saying different things',
      'West German Finance Minister Gerhard Stoltenberg said the Louvre accord was vital to West Germany.',
      'West German Finance Minister Gerhard Stoltenberg declined to comment on whether target zones agreed at the Louvre accord had been changed.',
      false,
    ],
    [
      'the same kind of news about another company',
      'Exovir Inc said its board authorized the purchase of up to one mln dlrs of its common stock.',
      'Bowne and Co Inc said its board authorized the repurchase of up to one mln dlrs of its common stock from time to time.',
      false,
    ],
    [
      'the same figures under other names (seeds 000 and 002)',
      'The outgoing administration of President Trump, eager to end open-ended foreign deployments, has ordered a further drawdown of troops in Iraq from about 3,000 to about 2,500 by January 15.',
      'The same day the US announced a troop drawdown in Iraq from 3,000 to 2,500 in November, rockets were fired at the US embassy in Baghdad.',
      true,
    ],
    [
      'a short sentence whose every word is in a long one',
      'Prices stabilized around 18 dlrs a barrel.',
      'Drillers are optimistic that world oil prices have stabilized around 18 dlrs a barrel.',
      true,
    ],
    [
      'one person named with a title and a particle, doing something else (a new item against seed 003; 004 is alike)',
      'Iraqi Prime Minister Mustafa al-Kadhimi ordered an investigation into the attack on Monday.',
      'In Iraq, Secretary of State Mike Pompeo has used the threat of a full embassy withdrawal in pressuring Iraqi Prime Minister Mustafa al-Kadhimi to escalate his government’s crackdown on Iranian-backed militias in Iraq.',
      false,
    ],
    [
      'the "security blip" quote as 002 and 001 print it: still the same fact',
      '“It’s a minor drawdown based on security reservations from the US side. They could come back — it’s just a security blip,” one source said.',
      '"It\'s a minor drawdown based on security reservations from the US side. They could come back - it\'s just a security blip," the senior source said, speaking on condition of anonymity in order to talk to the press.',
      true,
    ],
  ])('%s → %s', (_situation, a, b, expected) => {
    const [ka, kb] = keys(a, b);
    expect(sameFact(ka, kb) > 0).toBe(expected);
    expect(sameFact(kb, ka) > 0).toBe(expected);
  });

  it('reads a name with its particles and titles: "al-Kadhimi" and "prime minister Kadhimi" are the name, not claim words', () => {
    expect([...nameTermsOf('Iraqi Prime Minister Mustafa al-Kadhimi ordered an investigation.')].sort()).toEqual(['al', 'iraqi', 'kadhimi', 'minist', 'mustafa', 'prime']);
    expect([...nameTermsOf('He met prime minister Kadhimi, Charles de Gaulle and ambassador Matthew Tueller.')].sort()).toEqual(['ambassador', 'charl', 'de', 'gaull', 'kadhimi', 'matthew', 'minist', 'prime', 'tueller']);
    // A lower-case part of a hyphenated word is not a name ("Iran-backed" names Iran), nor a title before no name.
    expect([...nameTermsOf('Rockets were fired by Iran-backed militias, the prime minister said.')]).toEqual(['iran']);
  });

  it('ranking support is looser than citing: the same subject counts as support, not as corroboration', () => {
    const [a, b] = keys(
      'West German Finance Minister Gerhard Stoltenberg said the Louvre accord was vital to West Germany.',
      'West German Finance Minister Gerhard Stoltenberg declined to comment on whether target zones agreed at the Louvre accord had been changed.',
    );
    expect(sameFact(a, b, SUPPORT_THRESHOLDS)).toBeGreaterThan(0);
    expect(sameFact(a, b)).toBe(0);
  });
});

describe('factIndex and sameFactIn: the sentences of other articles that state the same fact', () => {
  /** Every candidate compared with the anchor, as `sameFactIn` promises: one per other article, best first. */
  function byScan(anchor: Candidate, all: readonly Candidate[], keyOf: (c: Candidate) => ReturnType<typeof factKey>, t = DEFAULT_FACT_THRESHOLDS) {
    const best = new Map<string, { c: Candidate; sim: number }>();
    for (const c of all) {
      if (c.article === anchor.article) continue;
      const sim = sameFact(keyOf(anchor), keyOf(c), t);
      if (sim === 0) continue;
      const prev = best.get(c.article);
      if (!prev || sim > prev.sim || (sim === prev.sim && c.position < prev.c.position)) best.set(c.article, { c, sim });
    }
    return [...best.values()].sort((x, y) => y.sim - x.sim || x.c.article.localeCompare(y.c.article)).map((m) => m.c);
  }

  it('finds through the postings what comparing every candidate finds, under both thresholds', async () => {
    const all = collectCandidates((await seedLibrary()).corpus.articles);
    const keyOf = factKeys<Candidate>(inverseFrequencies(all.map((c) => c.terms)));
    const index = factIndex(all);
    let found = 0;
    for (const anchor of all) {
      for (const t of [DEFAULT_FACT_THRESHOLDS, SUPPORT_THRESHOLDS]) {
        const matches = sameFactIn(anchor, index, keyOf, t);
        expect(matches).toEqual(byScan(anchor, all, keyOf, t));
        found += matches.length;
      }
    }
    expect(found).toBeGreaterThan(0); // the seeds do restate each other
    expect(index.counts?.every((n) => n === 0)).toBe(true); // the scratch counts are left clean
  });

  it('files each candidate once per distinct term, and counts its distinct terms', () => {
    const c = (article: string, terms: string[]) => ({ article, terms }) as unknown as Candidate;
    const index = factIndex([c('a', ['oil', 'price', 'oil', 'rise']), c('b', ['price', 'price']), c('c', [])]);
    expect(Object.fromEntries(index.postings)).toEqual({ oil: [0], price: [0, 1], rise: [0] });
    expect([...index.sizes]).toEqual([3, 1, 0]);
  });

  it('a fact key finds its numbers and names when they are first read', () => {
    const text = 'Exovir Inc said it sold 1,323 tonnes to Acme Corp.';
    const key = factKey(terms(text), undefined, text);
    expect([...key.numbers]).toEqual(['1323']);
    expect(key.names.has('acm')).toBe(true);
    expect(key.names).toBe(key.names); // found once
  });
});

