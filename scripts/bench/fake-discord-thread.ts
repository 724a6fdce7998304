/**
 * The Discord-compatible test server in a worker thread (scripts/fake-discord-worker.ts), as the benchmarks
 * talk to it: `rpc` sends a message and resolves with the worker's answer to it; `post` sends one that has
 * none (forget, close).
 */
import { Worker } from 'node:worker_threads';

export interface FakeDiscordThread {
  apiUrl: string;
  rpc(message: Record<string, unknown>): Promise<any>;
  post(message: Record<string, unknown>): void;
}

export async function startFakeDiscordThread(token: string): Promise<FakeDiscordThread> {
  const workerUrl = new URL('../fake-discord-worker.ts', import.meta.url).href;
  const worker = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); })`, {
    eval: true,
    workerData: { token },
  });
  const pending = new Map<number, (m: any) => void>();
  let seq = 0;
  const apiUrl = await new Promise<string>((resolve) => {
    worker.on('message', (m: any) => (m.type === 'ready' ? resolve(m.apiUrl) : pending.get(m.n)?.(m)));
  });
  return {
    apiUrl,
    rpc(message) {
      const n = ++seq;
      return new Promise((resolve) => {
        pending.set(n, (m) => {
          pending.delete(n);
          resolve(m);
        });
        worker.postMessage({ ...message, n });
      });
    },
    post(message) {
      worker.postMessage(message);
    },
  };
}
