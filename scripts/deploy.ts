/**
 * `npm run deploy [-- --global]`: registers the slash commands in the test guild (DISCORD_GUILD_ID,
 * instant) or, with --global, for every guild (Discord can take up to an hour to show them).
 */
import { ConfigError, loadConfig } from '../src/config.ts';
import { deployCommands } from '../src/discord/deploy.ts';

async function main(argv: string[]): Promise<number> {
  const unknown = argv.filter((a) => a !== '--global');
  if (unknown.length) {
    process.stderr.write(`deploy: unknown argument ${unknown[0]}; usage: npm run deploy [-- --global]\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 2;
  }
  if (!config.discord) {
    process.stderr.write('deploy: DISCORD_TOKEN is not set: copy .env.example to .env and fill it in\n');
    return 2;
  }
  try {
    const { scope, names } = await deployCommands(config.discord, { global: argv.includes('--global') });
    const where = scope === 'global' ? 'globally (may take up to an hour to appear)' : `in guild ${scope.guild}`;
    process.stderr.write(`deploy: registered ${names.map((n) => `/${n}`).join(', ')} ${where}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`deploy: ${(err as Error).message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
