/**
 * A Discord-compatible server on 127.0.0.1 for trying the real bot by hand, offline:
 *
 *   npx tsx scripts/fake-discord.ts [--port 8787]
 *   # then, in another terminal, the command it prints: DISCORD_TOKEN=… DISCORD_API_URL=… npm start
 *
 * Once the bot connects, it sends /brief, /timeline, /who (and its autocomplete) and /source as a user
 * would, prints what the bot answered, and keeps running until Ctrl-C.
 */
import { startFakeDiscord, type RecordedRequest } from '../test/support/fake-discord/server.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA.GfAkE0.fake-discord-local-token';
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8787;

const fake = await startFakeDiscord({ token: TOKEN, port, applicationId: '123456789012345678' });
process.stderr.write(
  `fake Discord on 127.0.0.1:${port}. Start the bot with:\n\n  DISCORD_TOKEN=${TOKEN} DISCORD_API_URL=${fake.apiUrl} npm start\n\n`,
);
await fake.waitFor(() => fake.connected, 10 * 60_000, 'a bot to connect');
process.stderr.write('bot connected; sending the four commands\n');

const tries: Array<{ name: string; options: Array<{ name: string; type: number; value: string; focused?: boolean }>; autocomplete?: boolean }> = [
  { name: 'brief', options: [{ name: 'topic', type: 3, value: 'embassy drawdown' }] },
  { name: 'timeline', options: [{ name: 'topic', type: 3, value: 'embassy' }] },
  { name: 'who', options: [{ name: 'name', type: 3, value: 'Sol', focused: true }], autocomplete: true },
  { name: 'who', options: [{ name: 'name', type: 3, value: 'Soleimani' }] },
  { name: 'source', options: [{ name: 'id', type: 3, value: '000-p4' }] },
];

function summary(calls: RecordedRequest[]): string {
  return calls
    .map((c) => {
      const kind = c.path.endsWith('/callback') ? `callback type ${c.body.type}` : `${c.method} ${c.path.split('/').slice(4).join('/') || 'follow-up'}`;
      const data = c.path.endsWith('/callback') ? c.body.data : c.body;
      const text = data?.choices
        ? `choices: ${data.choices.map((x: { name: string }) => x.name).join(' | ')}`
        : data?.embeds?.[0]
          ? `${data.embeds[0].title}\n      ${String(data.embeds[0].description ?? '').split('\n').slice(0, 3).join('\n      ')}`
          : (data?.content ?? '');
      return `    ${kind}${data?.flags & 64 ? ' (ephemeral)' : ''}: ${text}`;
    })
    .join('\n');
}

let n = 0;
for (const t of tries) {
  // A different reporter each time, so the per-user cooldown does not apply.
  const user = { id: String(234567890123456780n + BigInt(++n)), username: `reporter${n}` };
  const sent = performance.now();
  const base = fake.sendCommand({ ...t, user });
  await fake.waitFor(() => fake.callsFor(base.token).length > 0, 10_000, `an answer to /${t.name}`);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const calls = fake.callsFor(base.token);
  process.stdout.write(`/${t.name}${t.autocomplete ? ' (autocomplete)' : ''} ${t.options.map((o) => `${o.name}:${o.value}`).join(' ')} — acknowledged in ${Math.round(calls[0]!.at - sent)} ms\n${summary(calls)}\n\n`);
}
process.stderr.write('done; Ctrl-C to stop\n');
