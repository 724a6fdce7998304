// Entry of the intake parsing thread (src/intake/parser.ts): lets the thread load TypeScript as the main
// thread does (tsx), then starts the job loop.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
