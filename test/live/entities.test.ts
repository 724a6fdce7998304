/**
 * People and organisations under a live corpus: the entity table merges names across the whole corpus, so
 * a round of live updates rebuilds it once, in slices, at the end (library.rebuildEntities); until then
 * /who must keep answering from the table it has, without citing paragraphs that are gone.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openLibrary, openLibraryWithReport, updateFiles, type Library } from '../../src/library.ts';
import { LiveCorpus } from '../../src/live/watch.ts';
import { ask } from '../../src/answer/index.ts';
import { seedCopy } from '../support/seeds.ts';
import { verbatimViolations } from '../support/verbatim.ts';

let dir: string;
let library: Library;
let live: LiveCorpus;

beforeEach(async () => {
  dir = await seedCopy('live-who-');
  library = await openLibrary(dir);
  live = new LiveCorpus(library, { debounceMs: 20 });
});
afterEach(async () => {
  await live.close();
  await rm(dir, { recursive: true, force: true });
});

const whoNames = () => ask(library, 'who', '', { limit: 100 }).items.map((i) => i.label);

describe('/who on a live corpus', () => {
  it('knows a person named only in a file added while serving, after the round', async () => {
    expect(whoNames()).not.toContain('Jeanine Hennis-Plasschaert');
    await writeFile(
      join(dir, 'un.md'),
      'UN envoy urges calm\n\nUN envoy Jeanine Hennis-Plasschaert urged restraint in Baghdad on Thursday, her office said.\n',
    );
    const update = await live.rescan();
    expect(update.added).toEqual(['un.md']);
    expect(update.entitiesMs).toBeTypeOf('number');
    expect(whoNames()).toContain('Jeanine Hennis-Plasschaert');
    const profile = ask(library, 'who', 'Hennis-Plasschaert');
    expect(profile.items[0]!.citations[0]!.article).toBe('un');
  });

  it('forgets the mentions of a removed file once the round is over', async () => {
    const before = ask(library, 'who', 'Pompeo');
    expect(before.sources.map((s) => s.article)).toContain('004');
    await rm(join(dir, '004_0ea427f8fc71280e.txt'));
    await live.rescan();
    const after = ask(library, 'who', 'Pompeo');
    expect(after.sources.map((s) => s.article)).not.toContain('004');
    expect(after.items.length).toBeGreaterThan(0);
  });

  it('answers from the table it has while a round is still applying files, citing only paragraphs that exist', () => {
    // What a round does file by file before it rebuilds the table: the corpus moves on, the table waits.
    const stale = library.entities;
    updateFiles(library, [], ['004_0ea427f8fc71280e.txt', '003_f1395bb943e01d03.txt'], { deferEntities: true });
    expect(library.entities).toBe(stale);
    for (const query of ['', 'Pompeo', 'Tueller', 'Soleimani', 'Milley', 'Kadhimi']) {
      const answer = ask(library, 'who', query);
      expect(verbatimViolations(library, answer), query).toEqual([]);
      for (const item of answer.items) {
        for (const c of item.citations) expect(library.corpus.paragraphById.has(c.id), `${query}: ${c.id}`).toBe(true);
      }
    }
  });

  it('rebuilds the table when only the alias file changes', async () => {
    expect(whoNames()).toContain('Mike Pompeo');
    await writeFile(join(dir, 'aliases.txt'), 'Mike Pompeo : not a name\n');
    const update = await live.rescan();
    expect(update.aliases).toBe(true);
    expect(whoNames()).not.toContain('Mike Pompeo');
  });
});

describe('/who after a restart from the snapshot', () => {
  it('merges names after the start, in the background, and answers the same meanwhile and after', async () => {
    const cacheDir = join(dir, '.cache');
    const first = await openLibraryWithReport(dir, { cacheDir });
    const expected = ask(first.library, 'who', 'Soleimani');
    const second = await openLibraryWithReport(dir, { cacheDir });
    expect(second.report.snapshot).toBe('used');
    const restarted = second.library;
    // Asked before the background merge is done, /who computes the table on the spot.
    expect(ask(restarted, 'who', 'Soleimani').items.map((i) => i.text)).toEqual(expected.items.map((i) => i.text));
    await vi.waitFor(() => expect(restarted.entities).toBeDefined(), { timeout: 5000 });
    expect(ask(restarted, 'who', 'Soleimani').items.map((i) => i.text)).toEqual(expected.items.map((i) => i.text));
  });
});
