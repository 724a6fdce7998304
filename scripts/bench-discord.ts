/**
 * How fast the bot acknowledges and finishes interactions, measured end to end: the real bot (discord.js
 * Client) against the Discord-compatible test server on 127.0.0.1, on a real corpus.
 *
 *   nice npx tsx scripts/bench-discord.ts [--corpus DIR|FILE] [--rounds 20] [--burst 20]
 *
 * For each command: `rounds` interactions one after another, then `burst` sent at once. "ack" is the time
 * from sending INTERACTION_CREATE to the bot's first callback arriving (Discord's 3 s rule applies to it);
 * "done" is until its last REST call. Bounded in count and time; talks only to 127.0.0.1.
 */
import { ANSWERS } from '../src/answer/index.ts';
import { openLibrary } from '../src/library.ts';
import { createLogger } from '../src/log.ts';
import { startBot } from '../src/discord/bot.ts';
import { DEFAULT_CORPUS } from '../src/cli/paths.ts';
import { startFakeDiscordThread } from './bench/fake-discord-thread.ts';
import type { OptionValue } from '../test/support/fake-discord/payloads.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const corpus = arg('corpus', DEFAULT_CORPUS);
const rounds = Math.min(200, Number(arg('rounds', '20')));
const burst = Math.min(100, Number(arg('burst', '20')));

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.bench-token';
const loadStart = performance.now();
const library = await openLibrary(corpus);
const loadMs = performance.now() - loadStart;
// The fake Discord runs in its own thread so its timestamps are not held up by the bot's work.
const { apiUrl, rpc, post } = await startFakeDiscordThread(TOKEN);
/** Outcome of each finished interaction, by id, read from the bot's one log line per interaction. */
const outcomes = new Map<string, string>();
const logger = createLogger({ level: 'info', secrets: [TOKEN] }, {
  write: (l) => {
    const rec = JSON.parse(l) as { msg?: string; interaction?: string; outcome?: string };
    if (rec.msg === 'interaction' && rec.interaction && rec.outcome) outcomes.set(rec.interaction, rec.outcome);
  },
});
const bot = await startBot(
  { token: TOKEN, applicationId: null, guildId: null, allowedGuilds: [], apiUrl, cooldownSeconds: 0 },
  library,
  logger,
);

const cases: Array<{ name: string; options: OptionValue[]; autocomplete?: boolean }> = [
  { name: 'brief', options: [{ name: 'topic', type: 3, value: 'embassy drawdown' }] },
  { name: 'timeline', options: [{ name: 'topic', type: 3, value: 'embassy' }] },
  { name: 'who', options: [{ name: 'name', type: 3, value: 'Soleimani' }] },
  { name: 'who', options: [{ name: 'name', type: 3, value: 'so', focused: true }], autocomplete: true },
  { name: 'source', options: [{ name: 'id', type: 3, value: library.corpus.paragraphById.keys().next().value ?? '000' }] },
  { name: 'source', options: [{ name: 'id', type: 3, value: 'oil prices', focused: true }], autocomplete: true },
  { name: 'source', options: [] },
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} · p95 ${pct(xs, 95).toFixed(1)} · max ${Math.max(...xs).toFixed(1)}`;
let user = 0n;

async function waitUntil(check: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function one(c: (typeof cases)[number]): Promise<{ ack: number; total: number; outcome: string }> {
  const options = { name: c.name, options: c.options, autocomplete: c.autocomplete, user: { id: String(300000000000000000n + ++user), username: 'bench' } };
  const base = (await rpc({ type: 'send', options })) as { id: string; token: string; sentAt: number };
  await waitUntil(() => outcomes.has(base.id), `interaction ${base.id}`);
  const calls = ((await rpc({ type: 'calls', token: base.token })) as { calls: Array<{ at: number }> }).calls.map((x) => ({ at: x.at - base.sentAt }));
  const sent = 0;
  const outcome = outcomes.get(base.id)!;
  return { ack: calls[0]!.at - sent, total: calls.at(-1)!.at - sent, outcome };
}

process.stdout.write(`corpus ${corpus}: ${library.corpus.articles.length} articles, ${library.corpus.paragraphById.size} paragraphs, loaded in ${loadMs.toFixed(0)} ms\n`);
process.stdout.write(`${rounds} sequential + a burst of ${burst} concurrent per command; times in ms\n\n`);
for (const c of cases) {
  const label = `/${c.name}${c.autocomplete ? ' (autocomplete)' : ''} ${c.options[0]?.value ?? ''}`.slice(0, 40);
  const seq = [];
  for (let i = 0; i < rounds; i++) seq.push(await one(c));
  const par = await Promise.all(Array.from({ length: burst }, () => one(c)));
  const outcomes = [...new Set([...seq, ...par].map((r) => r.outcome))].join(',');
  process.stdout.write(`${label.padEnd(40)} [${outcomes}]\n  sequential ack ${fmt(seq.map((r) => r.ack))} | done ${fmt(seq.map((r) => r.total))}\n  burst      ack ${fmt(par.map((r) => r.ack))} | done ${fmt(par.map((r) => r.total))}\n`);
}
await bot.stop();
post({ type: 'close' });
process.stdout.write(`\nanswer functions available: ${Object.entries(ANSWERS).filter(([, f]) => f).map(([n]) => n).join(', ')}\n`);
