/**
 * Registers the slash commands with Discord: in one guild (instant, for testing) or globally (all
 * guilds the bot is in; Discord may take a while to show them). Uses the same command list as the
 * dispatcher, so what is registered is what is answered.
 */
import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { DiscordConfig } from '../config.ts';
import type { Command } from './command.ts';
import { commands as defaultCommands } from '../../commands/index.ts';

export interface DeployResult {
  scope: 'global' | { guild: string };
  names: string[];
}

/**
 * PUTs the command definitions (replacing what was registered before in that scope).
 * Throws an Error naming the missing key when the configuration lacks what the scope needs.
 */
export async function deployCommands(
  config: DiscordConfig,
  options: { global?: boolean; commands?: readonly Command[] } = {},
): Promise<DeployResult> {
  const list = options.commands ?? defaultCommands;
  if (!config.applicationId) throw new Error('deploy: DISCORD_APPLICATION_ID is not set (Developer Portal → General Information → Application ID)');
  if (!options.global && !config.guildId) throw new Error('deploy: DISCORD_GUILD_ID is not set: set your test server id, or pass --global');
  const rest = new REST({ api: config.apiUrl }).setToken(config.token);
  const route = options.global
    ? Routes.applicationCommands(config.applicationId)
    : Routes.applicationGuildCommands(config.applicationId, config.guildId!);
  const result = (await rest.put(route, { body: list.map((c) => c.data.toJSON()) })) as RESTPutAPIApplicationCommandsResult;
  return { scope: options.global ? 'global' : { guild: config.guildId! }, names: result.map((c) => c.name) };
}
