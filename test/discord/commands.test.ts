import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, ContextMenuCommandBuilder, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { commands } from '../../commands/index.ts';
import { shouldDefer } from '../../src/discord/dispatch.ts';
import { sourceChoices, nameChoices, knownNames } from '../../src/discord/choices.ts';
import { seedLibrary } from '../support/seeds.ts';
import { smallAnswer } from './fixtures.ts';

describe('command definitions', () => {
  it('the list holds exactly brief, timeline, who, source, add and feed, each once', () => {
    expect(commands.map((c) => c.data.name)).toEqual(['brief', 'timeline', 'who', 'source', 'add', 'feed']);
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
    ['brief', 'topic', false, true],
    ['timeline', 'topic', false, true],
    ['who', 'name', true, true],
    ['source', 'id', true, false],
  ])('/%s validates with discord.js builders: one optional string option `%s` (autocomplete %s), defers a query %s', (name, option, autocomplete, defers) => {
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
    expect(shouldDefer(command, '000-p4')).toBe(defers);
  });
});

it('/source defers only when it lists the whole corpus (no id)', () => {
  const source = commands.find((c) => c.data.name === 'source')!;
  expect([shouldDefer(source, ''), shouldDefer(source, '000')]).toEqual([true, false]);
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
