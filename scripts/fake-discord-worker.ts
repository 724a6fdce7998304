/**
 * The Discord-compatible test server in a worker thread, for scripts/bench-discord.ts: with its own event
 * loop it stamps requests when they arrive, not when the bot's thread lets it run (a synchronous answer
 * in the bot would otherwise delay the stamps and inflate the measured acknowledgement times).
 * Messages in: {type:'send', n, options} | {type:'calls', n, token} | {type:'close'}. Times: this thread's clock.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeDiscord } from '../test/support/fake-discord/server.ts';

const port = parentPort!;
const fake = await startFakeDiscord({ token: (workerData as { token: string }).token });
port.postMessage({ type: 'ready', apiUrl: fake.apiUrl });
port.on('message', async (m: { type: string; n: number; options?: any; token?: string }) => {
  if (m.type === 'send') {
    const sentAt = performance.now();
    const base = fake.sendCommand(m.options);
    port.postMessage({ type: 'sent', n: m.n, id: base.id, token: base.token, sentAt });
  } else if (m.type === 'calls') {
    port.postMessage({ type: 'calls', n: m.n, calls: fake.callsFor(m.token!).map((c) => ({ at: c.at, path: c.path, status: c.status })) });
  } else if (m.type === 'close') {
    await fake.close();
    port.close();
  }
});
