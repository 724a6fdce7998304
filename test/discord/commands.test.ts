import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ApplicationCommandOptionType, ContextMenuCommandBuilder, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { INVITE_PERMISSIONS } from '../../src/discord/push.ts';
import { commands } from '../../commands/index.ts';
import { shouldDefer } from '../../src/discord/dispatch.ts';
import { sourceChoices, nameChoices, knownNames } from '../../src/discord/choices.ts';
import { seedLibrary } from '../support/seeds.ts';
import { smallAnswer } from './fixtures.ts';
import type { Library } from '../../src/library.ts';

describe('command definitions', () => {
  it('the list holds exactly brief, timeline, who, source, add, feed, watch, watches, schedule and schedules, each once', () => {
    expect(commands.map((c) => c.data.name)).toEqual(['brief', 'timeline', 'who', 'source', 'add', 'feed', 'watch', 'watches', 'schedule', 'schedules']);
  });

  it('/add is for Manage Messages by default; /feed is open (list) and checks Manage Channels itself for changes', () => {
    const json = (name: string) => commands.find((c) => c.data.name === name)!.data.toJSON();
    expect(json('add').default_member_permissions).toBe(String(PermissionFlagsBits.ManageMessages));
    expect(json('add').options!.map((o) => [o.name, o.type, o.required ?? false])).toEqual([
      ['url', ApplicationCommandOptionType.String, false],
      ['file', ApplicationCommandOptionType.Attachment, false],
    ]);
    expect(json('feed').default_member_permissions ?? null).toBeNull();
    expect(json('feed').options!.map((o) => [o.name, o.type])).toEqual(['add', 'list', 'remove', 'pause', 'resume'].map((n) => [n, ApplicationCommandOptionType.Subcommand]));
    for (const name of ['add', 'feed']) {
      expect(json(name).contexts).toEqual([0]);
      expect(json(name).description.length).toBeLessThanOrEqual(100);
    }
  });

  it.each([
    ['brief', 'topic', false, false],
    ['timeline', 'topic', false, false],
    ['who', 'name', true, false],
    ['source', 'id', true, false],
  ])('/%s validates with discord.js builders: one optional string option `%s` (autocomplete %s), defers a query %s', async (name, option, autocomplete, defers) => {
    const command = commands.find((c) => c.data.name === name)!;
    expect(command.data).toBeInstanceOf(SlashCommandBuilder);
    expect(command.data).not.toBeInstanceOf(ContextMenuCommandBuilder);
    const json = command.data.toJSON();
    expect(json.description.length).toBeGreaterThan(0);
    expect(json.description.length).toBeLessThanOrEqual(100);
    expect(json.contexts).toEqual([0]);
    expect(json.options).toHaveLength(1);
    const opt = json.options![0]!;
    expect(opt).toMatchObject({ name: option, type: ApplicationCommandOptionType.String, required: false, max_length: 100 });
    expect(Boolean((opt as { autocomplete?: boolean }).autocomplete)).toBe(autocomplete);
    expect(Boolean(command.autocomplete)).toBe(autocomplete);
    expect(shouldDefer(command, '000-p4', await seedLibrary())).toBe(defers);
  });
});

describe('which answers say they may be slow (acknowledged first; the rest are answered at once)', () => {
  it.each<[string, string, string, (l: Library) => Library, boolean]>([
    ['/source lists the whole corpus at once', 'source', '', (l) => l, false],
    ['/brief on the whole corpus is answered at once', 'brief', '', (l) => l, false],
    ['/timeline on the whole corpus may be slow', 'timeline', '', (l) => l, true],
    ['/timeline on a topic before the event table is built may be slow', 'timeline', 'embassy', (l) => ({ ...l, events: undefined }), true],
    ['/who before the people table is built may be slow', 'who', 'Soleimani', (l) => ({ ...l, entities: undefined }), true],
  ])('%s', async (_name, name, query, shape, slow) => {
    const command = commands.find((c) => c.data.name === name)!;
    expect(shouldDefer(command, query, shape(await seedLibrary()))).toBe(slow);
  });
});

describe('watch and schedule commands', () => {
  const json = (name: string) => commands.find((c) => c.data.name === name)!.data.toJSON();
  const sub = (name: string, subcommand: string) => json(name).options!.find((o) => o.name === subcommand) as { type: number; options?: Array<{ name: string; type: number; required?: boolean }> };

  it.each(['watch', 'schedule'])('/%s manages with add, list, remove, pause and resume, by default for members who can Manage Channels', (name) => {
    const command = json(name);
    expect(command.default_member_permissions).toBe('16'); // Manage Channels
    expect(command.contexts).toEqual([0]);
    expect(command.options!.map((o) => [o.name, o.type])).toEqual(['add', 'list', 'remove', 'pause', 'resume'].map((n) => [n, ApplicationCommandOptionType.Subcommand]));
    for (const s of ['remove', 'pause', 'resume']) {
      expect(sub(name, s).options).toEqual([expect.objectContaining({ name: 'id', type: ApplicationCommandOptionType.Integer, required: true })]);
    }
  });

  it('/watch add takes a required topic and an optional channel (text channels and threads)', () => {
    expect(sub('watch', 'add').options!.map((o) => [o.name, o.type, Boolean(o.required)])).toEqual([
      ['topic', ApplicationCommandOptionType.String, true],
      ['channel', ApplicationCommandOptionType.Channel, false],
    ]);
  });

  it('/schedule add takes command, time and timezone, then optional topic, days and channel', () => {
    const options = sub('schedule', 'add').options!;
    expect(options.map((o) => [o.name, Boolean(o.required)])).toEqual([
      ['command', true],
      ['time', true],
      ['timezone', true],
      ['topic', false],
      ['days', false],
      ['channel', false],
    ]);
    expect((options[0] as { choices?: Array<{ value: string }> }).choices!.map((c) => c.value)).toEqual(['brief', 'timeline', 'who']);
  });

  it('the README invite link asks for exactly the permissions posting needs (channels and threads)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect([...readme.matchAll(/permissions=(\d+)/g)].map((m) => m[1])).toEqual([String(INVITE_PERMISSIONS)]);
    expect(INVITE_PERMISSIONS).toBe(PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.SendMessagesInThreads);
  });

  it.each(['watches', 'schedules'])('/%s lists for everyone (no default permission)', (name) => {
    const command = json(name);
    expect(command.default_member_permissions ?? null).toBeNull();
    expect(command.options!.map((o) => o.name)).toEqual(['page']);
  });
});

describe('autocomplete choices', () => {
  it.each([
    ['nothing typed lists the articles', '', ['000', '001', '002', '003', '004']],
    ['an id prefix narrows the articles', '00', ['000', '001', '002', '003', '004']],
    ['an outlet is not a headline: no choice', 'straits', []],
    ['words of a headline find its article (case and accents folded)', 'EMBASSY SHUTDOWN', ['004']],
    ['nothing matching gives no choice', 'zzzz', []],
  ])('/source: %s', async (_name, typed, expected) => {
    const choices = sourceChoices(await seedLibrary(), typed);
    expect(choices.map((c) => c.value)).toEqual(expected);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('/source: an article id and a dash lists its paragraphs with their citation ids', async () => {
    const library = await seedLibrary();
    const choices = sourceChoices(library, '000-');
    const article = library.corpus.articleById.get('000')!;
    expect(choices.map((c) => c.value)).toEqual(article.paragraphs.slice(0, 25).map((p) => p.id));
    expect(choices[0]!.name.startsWith(`${article.paragraphs[0]!.id} · `)).toBe(true);
  });

  it.each([
    ['a prefix of a later word matches', 'sol', ['Qassem Soleimani']],
    ['a prefix of the first word matches', 'abu', ['Abu Mahdi al-Muhandis']],
    ['nothing typed offers every name', '', ['Qassem Soleimani', 'Abu Mahdi al-Muhandis']],
    ['an inner fragment matches after prefixes', 'mahd', ['Abu Mahdi al-Muhandis']],
  ])('/who: %s', (_name, typed, expected) => {
    expect(nameChoices(['Qassem Soleimani', 'Abu Mahdi al-Muhandis'], typed).map((c) => c.value)).toEqual(expected);
  });

  it('/who: names that start with the typed text come first, then those that contain it, 25 at most', () => {
    const names = [...Array.from({ length: 30 }, (_, i) => `Xa Inner ${i}`), ...Array.from({ length: 30 }, (_, i) => `Bank ${i}`)];
    // "inner" starts a word of the first 30: they fill the choices before any name that only contains it.
    expect(nameChoices(names, 'inner').map((c) => c.value)).toEqual(names.slice(0, 25));
    // "an" starts no word; it is inside "Bank …": those come in list order.
    expect(nameChoices(names, 'an').map((c) => c.value)).toEqual(names.slice(30, 55));
    // Both groups: starts (in list order) before contains, whatever their places in the list.
    expect(nameChoices(['Ebank', 'Banco', 'Ebanco', 'Bank'], 'BAN').map((c) => c.value)).toEqual(['Banco', 'Bank', 'Ebank', 'Ebanco']);
    // A typed space spans words of the name only from its start, as typed.
    expect(nameChoices(['Bank of England', 'Central Bank of Oman'], 'bank of').map((c) => c.value)).toEqual(['Bank of England', 'Central Bank of Oman']);
  });

  it('/who: the keys of a name list are kept per list, and a list that grows is keyed again', () => {
    const names = ['Qassem Soleimani'];
    expect(nameChoices(names, 'sol').map((c) => c.value)).toEqual(['Qassem Soleimani']);
    expect(nameChoices(names, 'kad')).toEqual([]);
    names.push('Mustafa al-Kadhimi');
    expect(nameChoices(names, 'kad').map((c) => c.value)).toEqual(['Mustafa al-Kadhimi']);
    // Accents and case fold in the names as in what is typed.
    expect(nameChoices(['Kádhimi'], 'KADH').map((c) => c.value)).toEqual(['Kádhimi']);
  });

  it('/who: known names come from the who answer with no name, once per corpus version', async () => {
    const library = await seedLibrary();
    let calls = 0;
    const who = () => {
      calls++;
      return { ...smallAnswer('who', ''), items: [{ text: 'Qassem Soleimani', label: 'Qassem Soleimani', citations: [] }] };
    };
    expect(knownNames(library, who)).toEqual(['Qassem Soleimani']);
    expect(knownNames(library, who)).toEqual(['Qassem Soleimani']);
    expect(calls).toBe(1);
    expect(knownNames(library, null)).toEqual([]);
    // A live update replaces the article array: the names are computed again.
    const updated = { ...library, corpus: { ...library.corpus, articles: [...library.corpus.articles] } };
    knownNames(updated, who);
    expect(calls).toBe(2);
  });
});
