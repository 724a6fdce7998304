/**
 * The operators' health endpoint (`HEALTH_PORT`), plain node:http on 127.0.0.1:
 * - `GET /livez`: 200 while the process runs (its event loop answers);
 * - `GET /readyz`: 200 when this process serves Discord (active, or the only one) and its corpus answers;
 *   503 with the reason otherwise (a standby, the database unreachable);
 * - `GET /status`: JSON: role, store, corpus counts, the last live round, memory, and (PostgreSQL store)
 *   whether the archive was analysed by this code's rules, with the command that reads it again if not;
 * - `GET /metrics`: the same as Prometheus text metrics.
 */
import { createServer, type Server } from 'node:http';
import type { AnalysisStatus, StoreCounts } from './store/types.ts';

export interface LiveRound {
  at: string;
  added: number;
  changed: number;
  removed: number;
}

export interface HealthSource {
  /** 'single' when no other process competes (memory store, or the console). */
  role(): 'single' | 'active' | 'standby' | 'starting';
  store: 'memory' | 'postgres';
  /** The corpus counts; throws when the corpus cannot be read (database unreachable). */
  counts(): Promise<StoreCounts>;
  lastLiveRound(): LiveRound | null;
  liveRounds(): number;
  /** When this process became active (ISO), if it did. */
  activeSince?(): string | null;
  /** Which rules analysed the stored corpus (the PostgreSQL store); a stale one leaves the process ready. */
  analysis?(): Promise<AnalysisStatus>;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

interface Status {
  ok: boolean;
  reason: string | null;
  role: string;
  store: string;
  counts: StoreCounts | null;
  /**
   * Null for the memory store (its snapshot is rebuilt when the code changes), or when unreadable. Its
   * warning is in `warnings`, once.
   */
  analysis: Omit<AnalysisStatus, 'warning'> | null;
  /** What an operator should do, in words (the stale analysis's warning). */
  warnings: string[];
  lastLiveRound: LiveRound | null;
  liveRounds: number;
  activeSince: string | null;
  uptimeSeconds: number;
  rssBytes: number;
}

async function status(source: HealthSource): Promise<Status> {
  let counts: StoreCounts | null = null;
  let reason: string | null = null;
  try {
    counts = await source.counts();
  } catch (err) {
    reason = `the corpus cannot be read: ${(err as Error).message}`;
  }
  // Never a reason not to be ready: the old analysis still answers.
  const analysis = counts && source.analysis ? await source.analysis().catch(() => null) : null;
  const role = source.role();
  if (!reason && (role === 'standby' || role === 'starting')) reason = `this process is ${role === 'standby' ? 'a standby' : 'starting'}`;
  return {
    ok: reason === null,
    reason,
    role,
    store: source.store,
    counts,
    analysis: analysis && { code: analysis.code, recorded: analysis.recorded, stale: analysis.stale },
    warnings: analysis?.warning ? [analysis.warning] : [],
    lastLiveRound: source.lastLiveRound(),
    liveRounds: source.liveRounds(),
    activeSince: source.activeSince?.() ?? null,
    uptimeSeconds: Math.round(process.uptime()),
    rssBytes: process.memoryUsage.rss(),
  };
}

function metrics(s: Status): string {
  const lines: string[] = [];
  const metric = (name: string, help: string, value: number, type = 'gauge') => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${value}`);
  metric('newsroom_ready', 'Whether this process serves Discord and its corpus answers (1) or not (0).', s.ok ? 1 : 0);
  metric('newsroom_active', 'Whether this process is the active one (1; also when it runs alone) or a standby (0).', s.role === 'active' || s.role === 'single' ? 1 : 0);
  metric('newsroom_corpus_up', 'Whether the corpus could be read (1) or not (0).', s.counts ? 1 : 0);
  if (s.counts) {
    metric('newsroom_corpus_articles', 'Articles in the corpus.', s.counts.articles);
    metric('newsroom_corpus_paragraphs', 'Paragraphs in the corpus.', s.counts.paragraphs);
    metric('newsroom_corpus_files', 'Corpus files read.', s.counts.files);
    metric('newsroom_corpus_problems', 'Corpus files or lines skipped or loaded with a warning.', s.counts.problems);
  }
  if (s.analysis) metric('newsroom_corpus_analysis_stale', 'Whether the stored corpus was analysed by other rules than this code\'s (1: run the import with --reanalyse) or not (0).', s.analysis.stale ? 1 : 0);
  metric('newsroom_live_rounds_total', 'Rounds of corpus changes applied while running.', s.liveRounds, 'counter');
  if (s.lastLiveRound) metric('newsroom_live_last_round_timestamp_seconds', 'When the last round of corpus changes was applied.', Date.parse(s.lastLiveRound.at) / 1000);
  metric('process_resident_memory_bytes', 'Resident memory of the process.', s.rssBytes);
  metric('process_uptime_seconds', 'Seconds since the process started.', s.uptimeSeconds);
  return `${lines.join('\n')}\n`;
}

/** Starts the endpoint on 127.0.0.1:`port` (0: any free port, see `port`). */
export async function startHealthServer(port: number, source: HealthSource, host = '127.0.0.1'): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'only GET\n');
    if (path === '/livez') return send(200, 'text/plain', 'ok\n');
    void status(source).then(
      (s) => {
        if (path === '/readyz') return send(s.ok ? 200 : 503, 'text/plain', s.ok ? 'ready\n' : `not ready: ${s.reason}\n`);
        if (path === '/status') return send(200, 'application/json', `${JSON.stringify(s, null, 2)}\n`);
        if (path === '/metrics') return send(200, 'text/plain; version=0.0.4', metrics(s));
        send(404, 'text/plain', 'try /livez, /readyz, /status or /metrics\n');
      },
      (err: Error) => send(500, 'text/plain', `${err.message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
