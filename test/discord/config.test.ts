import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DISCORD_API_URL, describeDatabaseUrl, parseConfig } from '../../src/config.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.config-test-token';

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env, '/srv/bot');
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
}

describe('parseConfig', () => {
  it('an empty environment gives the local console defaults', () => {
    expect(parseConfig({}, '/srv/bot')).toMatchObject({ discord: null, corpusDir: '/srv/bot/corpus', logLevel: 'info', logPretty: false });
  });

  it('a full environment gives the Discord settings', () => {
    const config = parseConfig(
      {
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: '123456789012345678',
        DISCORD_GUILD_ID: '223456789012345678',
        ALLOWED_GUILDS: '223456789012345678, 323456789012345678',
        DISCORD_API_URL: 'http://127.0.0.1:8787/api/',
        COOLDOWN_SECONDS: '0',
        CORPUS_DIR: 'data/articles',
        LOG_LEVEL: 'DEBUG',
        LOG_PRETTY: 'yes',
      },
      '/srv/bot',
    );
    expect(config).toMatchObject({
      discord: {
        token: TOKEN,
        applicationId: '123456789012345678',
        guildId: '223456789012345678',
        allowedGuilds: ['223456789012345678', '323456789012345678'],
        apiUrl: 'http://127.0.0.1:8787/api',
        cooldownSeconds: 0,
      },
      corpusDir: '/srv/bot/data/articles',
      logLevel: 'debug',
      logPretty: true,
    });
  });

  it('state, intake and push settings have defaults', () => {
    expect(parseConfig({}, '/srv/bot')).toMatchObject({
      database: { url: null, dataDir: '/srv/bot/.data' },
      intake: { allowedPrivateNetworks: [], feedPollMinutes: 10, feedFirstPollHours: 24, feedMaxFailures: 10 },
      push: { alertIntervalSeconds: 30, watchDailyCap: 20, scheduleGraceMinutes: 60 },
      corpusStore: 'memory',
      healthPort: null,
      corpusWindowDays: 3,
    });
  });

  it('reads the database URL and the private networks fetching may reach', () => {
    const config = parseConfig({ DATABASE_URL: 'postgres://bot:pw@db:5432/news', ALLOWED_PRIVATE_NETWORKS: '127.0.0.0/8, ::1/128', CORPUS_STORE: 'postgres' });
    expect(config.database.url).toBe('postgres://bot:pw@db:5432/news');
    expect(config.intake.allowedPrivateNetworks.map((n) => n.cidr)).toEqual(['127.0.0.0/8', '::1/128']);
    expect(config.corpusStore).toBe('postgres');
  });

  it('never puts a database password in an error or a description', () => {
    expect(problems({ DATABASE_URL: 'not-a-url-with-s3cret' }).join('\n')).not.toContain('s3cret');
    expect(describeDatabaseUrl('postgres://bot:s3cret@db.example:5432/news?password=x')).toBe('postgres://bot@db.example:5432/news');
  });

  it('the API URL defaults to Discord and the cooldown to 5 s', () => {
    expect(parseConfig({ DISCORD_TOKEN: TOKEN }).discord).toMatchObject({ apiUrl: DEFAULT_DISCORD_API_URL, cooldownSeconds: 5, allowedGuilds: [] });
  });

  it.each([
    ['a token with spaces', { DISCORD_TOKEN: 'not a token' }, /^DISCORD_TOKEN must be a bot token/],
    ['an application id that is not a snowflake', { DISCORD_APPLICATION_ID: 'my-app' }, /^DISCORD_APPLICATION_ID must be a Discord id .* got `my-app`/],
    ['a guild id that is too short', { DISCORD_GUILD_ID: '1234' }, /^DISCORD_GUILD_ID must be a Discord id/],
    ['an allow-list with a bad entry', { ALLOWED_GUILDS: '123456789012345678,oops' }, /^ALLOWED_GUILDS .* got `oops`/],
    ['an unknown log level', { LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got `loud`/],
    ['a database URL of another kind', { DATABASE_URL: 'mysql://u:p@h/db' }, /^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, got `mysql:\/\/…`/],
    ['a database URL that is not a URL', { DATABASE_URL: 'p@ss word' }, /^DATABASE_URL must be a URL .* got something that is not a URL$/],
    ['the postgres corpus store without a database', { CORPUS_STORE: 'postgres' }, /^CORPUS_STORE=postgres needs DATABASE_URL/],
    ['an unknown corpus store', { CORPUS_STORE: 'redis' }, /^CORPUS_STORE must be memory or postgres, got `redis`/],
    ['a private network that is not a range', { ALLOWED_PRIVATE_NETWORKS: '127.0.0.0/8, localhost' }, /^ALLOWED_PRIVATE_NETWORKS .* got `localhost`/],
    ['a poll interval of zero', { FEED_POLL_MINUTES: '0' }, /^FEED_POLL_MINUTES must be a whole number of minutes from 1 to 1440, got `0`/],
    ['a health port out of range', { HEALTH_PORT: '70000' }, /^HEALTH_PORT must be a TCP port/],
    ['a window of no days', { CORPUS_WINDOW_DAYS: '0' }, /^CORPUS_WINDOW_DAYS must be a whole number of days from 1 to 3650, got `0`/],
    ['a pretty flag that is not a boolean', { LOG_PRETTY: 'maybe' }, /^LOG_PRETTY must be true or false, got `maybe`/],
    ['an API URL that is not a URL', { DISCORD_API_URL: 'discord' }, /^DISCORD_API_URL must be a URL/],
    ['plain http to a remote host', { DISCORD_API_URL: 'http://example.com/api' }, /^DISCORD_API_URL must use https/],
    ['an API URL with the version in it', { DISCORD_API_URL: 'https://discord.com/api/v10' }, /must not include the API version/],
    ['a negative cooldown', { COOLDOWN_SECONDS: '-1' }, /^COOLDOWN_SECONDS must be a whole number .* got `-1`/],
    ['a fractional cooldown', { COOLDOWN_SECONDS: '1.5' }, /^COOLDOWN_SECONDS/],
  ])('%s is reported by name', (_name, env, expected) => {
    const found = problems(env as Record<string, string>);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it('every bad key is reported at once, and a bad token is never echoed', () => {
    const secret = 'secret value with spaces';
    const err = (() => {
      try {
        parseConfig({ DISCORD_TOKEN: secret, LOG_LEVEL: 'x', COOLDOWN_SECONDS: 'y', DISCORD_GUILD_ID: 'z' });
      } catch (e) {
        return e as ConfigError;
      }
    })()!;
    expect(err.problems.map((p) => p.split(' ')[0])).toEqual(['LOG_LEVEL', 'DISCORD_TOKEN', 'DISCORD_GUILD_ID', 'COOLDOWN_SECONDS']);
    expect(err.message).toMatch(/^config: 4 problems in \.env/);
    expect(() => parseConfig({ LOG_LEVEL: 'x' })).toThrow(/^config: 1 problem in \.env or the environment:\n  - LOG_LEVEL/);
    expect(err.message).not.toContain(secret);
  });

  it('blank values count as unset (as .env.example leaves them)', () => {
    expect(parseConfig({ DISCORD_TOKEN: '', DISCORD_API_URL: '  ', ALLOWED_GUILDS: '' }).discord).toBeNull();
  });
});
