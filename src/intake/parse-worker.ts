/**
 * The intake parsing thread: runs the CPU-heavy steps (HTML parsing, Readability, feed parsing) off the
 * main thread, so the bot keeps answering while a burst of feed items is extracted. Jobs come in as
 * messages `{ id, job }` and go back as `{ id, ok, value | error }`.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type ParseJob } from './parse-jobs.ts';

parentPort!.on('message', (message: { id: number; job: ParseJob }) => {
  try {
    parentPort!.postMessage({ id: message.id, ok: true, value: runJob(message.job) });
  } catch (err) {
    parentPort!.postMessage({ id: message.id, ok: false, error: (err as Error).message });
  }
});
