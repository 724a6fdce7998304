/**
 * The one pino logger, made at start-up. JSON lines on stderr (stdout may carry the CLI's output);
 * one human-readable line per record when `pretty` is asked for. Secrets never reach the stream:
 * known keys are redacted by path, and every configured secret (the bot token) and every
 * interaction/webhook token inside a URL is replaced in the final line, wherever it appears.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.ts';
import { PHASE_WORDS, progressGate, type ProgressListener } from './progress.ts';

export type { Logger };

/** Where log lines go: anything with a `write(line)` (stderr by default; an array in tests). */
export interface LogSink {
  write(line: string): unknown;
}

export interface LoggerOptions {
  level: LogLevel;
  pretty?: boolean;
  /** Values that must never appear in a log line (e.g. the bot token). */
  secrets?: readonly string[];
}

export const REDACTED = '[redacted]';

/** Paths pino redacts structurally, at any of the first two depths. */
const REDACT_PATHS = ['token', 'password', 'secret', 'authorization', 'DISCORD_TOKEN', 'headers.authorization']
  .flatMap((k) => [k, `*.${k}`]);

/** Interaction and webhook tokens ride in URL paths; they are secrets for 15 minutes. */
const URL_TOKENS = /(\/(?:interactions|webhooks)\/\d+\/)[\w.-]{20,}/g;

/** Replaces every secret in a log line. Exported for tests. */
export function scrub(line: string, secrets: readonly string[]): string {
  let out = line.replace(URL_TOKENS, `$1${REDACTED}`);
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join(REDACTED);
  return out;
}

/**
 * Makes the application's logger.
 * @example createLogger({ level: 'info', secrets: [token] }).child({ command: 'brief' }).info('answered')
 */
export function createLogger(options: LoggerOptions, sink: LogSink = process.stderr): Logger {
  const secrets = (options.secrets ?? []).filter(Boolean);
  const out: LogSink = options.pretty ? prettySink(sink) : sink;
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      hooks: { streamWrite: (line: string) => scrub(line, secrets) },
    },
    { write: (line: string) => void out.write(line) },
  );
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/** One line per record: `HH:MM:SS LEVEL message key=value …` (the JSON record reformatted). */
function prettySink(sink: LogSink): LogSink {
  return {
    write(line: string) {
      let rec: Record<string, unknown>;
      try {
        rec = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return sink.write(line);
      }
      const { time, level, msg, err, ...rest } = rec;
      const when = new Date(typeof time === 'number' ? time : Date.now()).toISOString().slice(11, 19);
      const extra = Object.entries(rest).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
      const stack = err && typeof err === 'object' && 'stack' in err ? `\n${String((err as { stack: unknown }).stack)}` : '';
      return sink.write(`${when} ${(LEVEL_NAMES[level as number] ?? String(level)).padEnd(5)} ${msg ?? ''} ${extra.join(' ')}`.trimEnd() + `${stack}\n`);
    },
  };
}

/**
 * Load progress as log lines, for the bot (a cold start at archive scale takes minutes): once the load has
 * taken 2 s, a line per phase and one every `everyMs`, each with the phase, how far, files, articles,
 * paragraphs and the time left in the phase. The end is the caller's own "corpus loaded" line.
 */
export function logProgress(logger: Logger, everyMs = 10_000): ProgressListener {
  const show = progressGate(2000, everyMs);
  return (p) => {
    if (p.done || !show(p)) return;
    logger.info(
      {
        phase: p.phase,
        step: p.step,
        steps: p.steps,
        percent: p.fraction === null ? null : Math.floor(p.fraction * 100),
        files: p.files.done,
        filesTotal: p.files.total,
        articles: p.articles,
        paragraphs: p.paragraphs,
        elapsedMs: p.elapsedMs,
        etaMs: p.etaMs,
      },
      `loading the corpus: ${PHASE_WORDS[p.phase]}`,
    );
  };
}
