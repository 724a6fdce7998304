import { describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { runConsole } from '../../src/cli/console.ts';
import { seedLibrary } from '../support/seeds.ts';
import { ask } from '../../src/answer/index.ts';
import { renderText } from '../../src/render/text.ts';

async function session(lines: string[]): Promise<string> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c) => chunks.push(String(c)));
  await runConsole(await seedLibrary(), Readable.from(lines.map((l) => `${l}\n`)), output);
  return chunks.join('');
}

describe('the local console', () => {
  it('answers a typed command with the same text the renderer gives for that Answer', async () => {
    const out = await session(['/source 001-p4']);
    expect(out).toContain(renderText(ask(await seedLibrary(), 'source', '001-p4')));
  });

  it('accepts commands with or without the slash, and options', async () => {
    const out = await session(['search security blip --limit 1']);
    expect(out).toContain('Search · security blip');
    expect(out.match(/^ {0,2}\d+\. /gm)).toHaveLength(1);
  });

  it('explains an unknown command and keeps going', async () => {
    const out = await session(['/breif embassy', '/source 004-p1']);
    expect(out).toContain('unknown command `/breif`');
    expect(out).toMatch(/Source · 004-p1 → 004-[0-9a-z]{4}/);
  });

  it('stops at /quit', async () => {
    const out = await session(['/quit', '/source']);
    expect(out).not.toContain('Sources · 5 articles');
  });
});
