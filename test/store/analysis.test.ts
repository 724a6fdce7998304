import { describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ANALYSIS_PACKAGES, analysisPackages, analysisVersion, isAnalysisSource, reanalyseCommand } from '../../src/store/pg/analysis.ts';
import { hashSources, SRC_DIR } from '../../src/version.ts';
import { codeVersion } from '../../src/library.ts';

/** The src/ files a module loads at run time, transitively (type-only imports left out), stopping at `stop`. */
async function runtimeImports(entries: readonly string[], stop: readonly string[]): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const rel = queue.pop()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    if (stop.includes(rel)) continue;
    const text = await readFile(join(SRC_DIR, rel), 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?\sfrom\s+'(\.[^']+)'/gms)) {
      queue.push(relative(SRC_DIR, resolve(dirname(join(SRC_DIR, rel)), m[1]!)).split('\\').join('/'));
    }
  }
  return seen;
}

describe('the analysis version', () => {
  it('covers every module the write path runs to make the stored rows', async () => {
    // What decides which files are read (not what is stored of them), and the version's own modules.
    const notShaping = ['store/pg/import.ts', 'store/pg/indexes.ts', 'store/pg/analysis.ts', 'version.ts'];
    const used = await runtimeImports(['store/pg/write.ts', 'store/pg/rows.ts', 'store/pg/import.ts'], notShaping);
    expect(used.size).toBeGreaterThan(20);
    const uncovered = [...used].filter((f) => !isAnalysisSource(f) && !notShaping.includes(f));
    expect(uncovered).toEqual([]);
  });

  it('covers every library those modules run, at its installed version', async () => {
    const notShaping = ['store/pg/import.ts', 'store/pg/indexes.ts', 'store/pg/analysis.ts', 'version.ts'];
    const used = await runtimeImports(['store/pg/write.ts', 'store/pg/rows.ts'], notShaping);
    const packages = new Set<string>();
    for (const rel of used) {
      if (notShaping.includes(rel)) continue;
      const text = await readFile(join(SRC_DIR, rel), 'utf8');
      for (const m of text.matchAll(/^import\s+(?!type\s)[^;]*?\sfrom\s+'([^.'][^']*)'/gms)) {
        const name = m[1]!.startsWith('@') ? m[1]!.split('/').slice(0, 2).join('/') : m[1]!.split('/')[0]!;
        // Node's own modules, and the database driver that only carries the rows.
        if (!name.startsWith('node:') && name !== 'pg' && name !== 'pg-copy-streams') packages.add(name);
      }
    }
    expect([...packages].sort()).toEqual([...ANALYSIS_PACKAGES].sort());
    const installed = await analysisPackages();
    for (const name of ANALYSIS_PACKAGES) {
      const { version } = JSON.parse(await readFile(join(SRC_DIR, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      expect(installed).toContain(`${name}@${version}`);
    }
  });

  it('changes with the rules that shape the rows, not with Discord rendering or the answers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'analysis-version-'));
    try {
      await cp(SRC_DIR, dir, { recursive: true });
      const salt = await analysisPackages();
      const before = await hashSources(dir, isAnalysisSource, salt);
      expect(before).toBe(await analysisVersion());
      // An upgrade of a library the analysis runs changes it too.
      expect(await hashSources(dir, isAnalysisSource, salt.map((p) => (p.startsWith('chrono-node@') ? 'chrono-node@99.0.0' : p)))).not.toBe(before);
      await appendFile(join(dir, 'discord', 'render.ts'), '\n// a change to how answers look\n');
      await appendFile(join(dir, 'answer', 'who.ts'), '\n// a change to how /who ranks\n');
      expect(await hashSources(dir, isAnalysisSource, salt)).toBe(before);
      await appendFile(join(dir, 'text', 'outlets.ts'), '\n// a change to which outlet names are names\n');
      const outlets = await hashSources(dir, isAnalysisSource, salt);
      expect(outlets).not.toBe(before);
      await writeFile(join(dir, 'analyse', 'new-rule.ts'), 'export const RULE = 1;\n');
      expect(await hashSources(dir, isAnalysisSource, salt)).not.toBe(outlets);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is computed as the snapshot\'s code version is, over fewer files', async () => {
    expect(await analysisVersion()).toMatch(/^[0-9a-f]{16}$/);
    expect(await analysisVersion()).not.toBe(await codeVersion());
  });

  it.each([
    [join(process.cwd(), 'corpus'), 'npm run import -- corpus --reanalyse'],
    [process.cwd(), 'npm run import -- . --reanalyse'],
    ['/srv/news archive', "npm run import -- '/srv/news archive' --reanalyse"],
  ])('names the folder %s as typed from here: %s', (folder, command) => {
    expect(reanalyseCommand(folder)).toBe(command);
  });

  it('names every folder the last import read, in order', () => {
    expect(reanalyseCommand([join(process.cwd(), 'corpus'), '/srv/news archive'])).toBe("npm run import -- corpus '/srv/news archive' --reanalyse");
  });
});
