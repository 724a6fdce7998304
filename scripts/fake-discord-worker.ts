/**
 * The Discord-compatible test server in a worker thread, for scripts/bench-discord.ts and bench-soak.ts:
 * with its own event loop it stamps requests when they arrive, not when the bot's thread lets it run (a
 * synchronous answer in the bot would otherwise delay the stamps and inflate the measured acknowledgement
 * times). Times: this thread's clock.
 * Messages in: {type:'send', n, options} (a slash command or autocomplete) | {type:'button', n, token,
 * customId, user} (a press on the message answering interaction `token`) | {type:'calls', n, token} |
 * {type:'original', n, token} | {type:'forget', token} | {type:'close'}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startFakeDiscord } from '../test/support/fake-discord/server.ts';

const port = parentPort!;
const fake = await startFakeDiscord({ token: (workerData as { token: string }).token });
port.postMessage({ type: 'ready', apiUrl: fake.apiUrl });
port.on('message', async (m: { type: string; n: number; options?: any; token?: string; customId?: string; user?: any }) => {
  if (m.type === 'send') {
    const sentAt = performance.now();
    const base = fake.sendCommand(m.options);
    port.postMessage({ type: 'sent', n: m.n, id: base.id, token: base.token, sentAt });
  } else if (m.type === 'button') {
    const message = fake.originalMessage(m.token!);
    if (!message) return port.postMessage({ type: 'sent', n: m.n, id: null });
    const sentAt = performance.now();
    const base = fake.sendButton({ customId: m.customId!, message, user: m.user });
    port.postMessage({ type: 'sent', n: m.n, id: base.id, token: base.token, sentAt });
  } else if (m.type === 'calls') {
    port.postMessage({ type: 'calls', n: m.n, calls: fake.callsFor(m.token!).map((c) => ({ at: c.at, path: c.path, status: c.status, method: c.method })) });
  } else if (m.type === 'original') {
    port.postMessage({ type: 'original', n: m.n, message: fake.originalMessage(m.token!) });
  } else if (m.type === 'forget') {
    fake.forget(m.token!);
  } else if (m.type === 'close') {
    await fake.close();
    port.close();
  }
});
