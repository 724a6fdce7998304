import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/discord/deploy.ts';
import { commands } from '../../commands/index.ts';
import type { DiscordConfig } from '../../src/config.ts';
import { startFakeDiscord, type FakeDiscord } from '../support/fake-discord/server.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.deploy-test-token';
let fake: FakeDiscord;
let config: DiscordConfig;

beforeAll(async () => {
  fake = await startFakeDiscord({ token: TOKEN });
  config = { token: TOKEN, applicationId: fake.applicationId, guildId: fake.guilds[0]!.id, allowedGuilds: [], apiUrl: fake.apiUrl, cooldownSeconds: 5 };
});
afterAll(() => fake.close());

describe('deployCommands', () => {
  it('registers the same command list the dispatcher uses, in the test guild, authorised as the bot', async () => {
    const result = await deployCommands(config);
    expect(result).toEqual({ scope: { guild: fake.guilds[0]!.id }, names: ['brief', 'timeline', 'who', 'source', 'add', 'feed', 'watch', 'watches', 'schedule', 'schedules'] });
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/applications/${fake.applicationId}/guilds/${fake.guilds[0]!.id}/commands`);
    expect(put.authorized).toBe(true);
    expect(put.body).toEqual(commands.map((c) => JSON.parse(JSON.stringify(c.data.toJSON()))));
  });

  it('with global, registers for every guild', async () => {
    const result = await deployCommands(config, { global: true });
    expect(result.scope).toBe('global');
    expect(fake.registered.get('global')).toHaveLength(commands.length);
  });

  it.each([
    ['no application id', { applicationId: null }, {}, /DISCORD_APPLICATION_ID is not set/],
    ['no test guild and no --global', { guildId: null }, {}, /DISCORD_GUILD_ID is not set.*--global/],
  ])('%s is refused with the key to set', async (_name, over, options, expected) => {
    await expect(deployCommands({ ...config, ...over }, options)).rejects.toThrow(expected);
  });
});
