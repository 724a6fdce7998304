/**
 * A Discord-compatible server for tests, on 127.0.0.1 (random port): the REST routes the bot uses and a
 * WebSocket gateway (plain JSON, no compression). It records every REST request and gateway frame so
 * tests can assert what the real discord.js client sent, and it enforces Discord's interaction rules
 * (one acknowledgement per interaction; webhooks only after it; authorised routes need `Bot <token>`).
 *
 * Start: `const fake = await startFakeDiscord({ token })`; point the bot at `fake.apiUrl`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventEmitter } from 'node:events';
import { WebSocketServer, type WebSocket } from 'ws';
import { snowflake } from './snowflake.ts';
import { readUpload, type UploadedFile } from './multipart.ts';
import {
  buttonInteraction,
  channelPayload,
  commandInteraction,
  guildPayload,
  messagePayload,
  userPayload,
  type FakeChannel,
  type FakeGuild,
  type FakeUser,
  type InteractionBase,
  type MessageInteraction,
  type OptionValue,
  type Resolved,
} from './payloads.ts';

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: Record<string, string>;
  body: any;
  /** Whether the Authorization header was `Bot <the expected token>`. */
  authorized: boolean;
  status: number;
  /** The interaction token the request is about, if any. */
  interactionToken?: string;
  /** Files uploaded with the request (multipart/form-data); `body` is then its `payload_json`. */
  files?: UploadedFile[];
  at: number;
}

export interface GatewayFrame {
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  d: unknown;
}

interface InteractionRecord {
  id: string;
  token: string;
  acknowledged: boolean;
  original: Record<string, unknown> | null;
  channelId: string;
  /** Who the interaction is from and what kind it is, recorded on the messages that answer it. */
  interaction: MessageInteraction;
}

/** A message the bot posted to a channel (`POST /channels/{id}/messages`), whatever the answer was. */
export interface ChannelMessage {
  channelId: string;
  body: any;
  /** Files uploaded with it (multipart/form-data); absent when none. */
  files?: UploadedFile[];
  status: number;
  at: number;
}

/** The bot's permissions in a guild unless a test says otherwise: what the README's invite asks for. */
export const DEFAULT_BOT_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 38n);

export interface FakeDiscordOptions {
  token: string;
  applicationId?: string;
  /**
   * Guilds the bot is in (GUILD_CREATE is sent for each). Default: one, with one text channel. Channels
   * get ids if they have none; `botPermissions` are the bot role's (default DEFAULT_BOT_PERMISSIONS).
   */
  guilds?: Array<{ id: string; name: string; channels?: Array<Omit<FakeChannel, 'id'> & { id?: string }>; botPermissions?: bigint }>;
  heartbeatIntervalMs?: number;
  /** Port on 127.0.0.1 (default: a random free one). */
  port?: number;
}

export class FakeDiscord extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  readonly frames: GatewayFrame[] = [];
  readonly applicationId: string;
  readonly botUser: FakeUser;
  readonly guilds: FakeGuild[];
  /** Every message the bot posted to a channel, in order (failed ones too, with their status). */
  readonly channelMessages: ChannelMessage[] = [];
  /** Channels whose message posts fail with this HTTP status (403 Missing Permissions, 404 Unknown Channel). */
  readonly channelFailures = new Map<string, number>();
  /** Files served at `/attachments/…` (Discord's CDN), by path. */
  readonly #files = new Map<string, { bytes: Uint8Array; contentType: string }>();
  /** Commands registered with PUT, by scope (`global` or a guild id). */
  readonly registered = new Map<string, unknown[]>();
  /** Query strings the gateway was connected with. */
  readonly gatewayQueries: string[] = [];
  /** Delay before answering interaction callbacks (to hold an answer in flight), in ms. */
  callbackDelayMs = 0;
  /** Callback requests received (counted before any delay). */
  callbacksReceived = 0;
  readonly #interactions = new Map<string, InteractionRecord>();
  readonly #sockets = new Set<WebSocket>();
  readonly #http = createServer((req, res) => void this.#onRequest(req, res));
  readonly #wss = new WebSocketServer({ noServer: true });
  #seq = 0;
  #port = 0;

  constructor(readonly options: FakeDiscordOptions) {
    super();
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = { id: this.applicationId, username: 'newsroom-bot', bot: true };
    this.guilds = (options.guilds ?? [{ id: snowflake(), name: 'Newsroom' }]).map((g) => {
      const channels: FakeChannel[] = (g.channels ?? [{ name: 'newsroom', type: 0 as const }]).map((c) => ({ ...c, id: c.id ?? snowflake() }));
      return {
        id: g.id,
        name: g.name,
        channels,
        channelId: channels.find((c) => c.type !== 11)!.id,
        botPermissions: g.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
        botRoleId: snowflake(),
      };
    });
    this.#http.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) return socket.destroy();
      this.gatewayQueries.push(req.url.slice('/gateway'.length));
      this.#wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
  }

  /** REST base for `DISCORD_API_URL` (discord.js adds `/v10`). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.#port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.#port}/gateway`;
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.#http.listen(this.options.port ?? 0, '127.0.0.1', resolve));
    this.#port = (this.#http.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const ws of this.#sockets) ws.terminate();
    this.#wss.close();
    this.#http.closeAllConnections();
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  /** Requests about one interaction (by its token), in order. */
  callsFor(token: string): RecordedRequest[] {
    return this.requests.filter((r) => r.interactionToken === token);
  }

  /**
   * Drops everything recorded about an interaction (its requests, its INTERACTION_CREATE frame, its state):
   * a long run (the soak benchmark) forgets interactions once it has read them, so this server's memory stays flat.
   */
  forget(token: string): void {
    this.#interactions.delete(token);
    removeWhere(this.requests, (r) => r.interactionToken === token);
    removeWhere(this.frames, (f) => (f.d as { token?: unknown } | null)?.token === token);
  }

  /** The message currently shown as the interaction's original response (for pressing its buttons). */
  originalMessage(token: string): Record<string, unknown> | null {
    return this.#interactions.get(token)?.original ?? null;
  }

  /** Resolves when `check()` is true (checked every few milliseconds), or rejects after `timeoutMs`. */
  async waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!check()) {
      if (performance.now() > deadline) throw new Error(`fake-discord: timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Whether a bot has identified on the gateway and is connected now. */
  get connected(): boolean {
    return this.#sockets.size > 0 && this.frames.some((f) => f.direction === 'out' && f.t === 'READY');
  }

  /**
   * Sends INTERACTION_CREATE for a slash command; returns the interaction's id and token. Channel options
   * are resolved from the guild's channels; attachment options from `attachment()`.
   */
  sendCommand(o: {
    name: string;
    options?: OptionValue[];
    user: FakeUser;
    guildId?: string | null;
    channelId?: string;
    autocomplete?: boolean;
    memberPermissions?: bigint;
    resolved?: Resolved;
  }): InteractionBase {
    const base = this.#newInteraction(o.user, o.guildId, 2, o.channelId);
    if (o.memberPermissions !== undefined) base.memberPermissions = o.memberPermissions;
    const resolved = o.resolved ?? this.#resolve(o.options ?? [], base.guildId);
    this.#dispatch('INTERACTION_CREATE', commandInteraction(base, { id: snowflake(), name: o.name, options: o.options ?? [], ...(resolved ? { resolved } : {}) }, o.autocomplete));
    return base;
  }

  /** Messages the bot posted to `channelId` and that Discord accepted, in order. */
  messagesIn(channelId: string): any[] {
    return this.channelMessages.filter((m) => m.channelId === channelId && m.status === 200).map((m) => m.body);
  }

  /** A channel of a guild by name. */
  channel(name: string, guildId = this.guilds[0]!.id): FakeChannel {
    const c = this.guilds.find((g) => g.id === guildId)?.channels.find((ch) => ch.name === name);
    if (!c) throw new Error(`fake-discord: no channel #${name} in guild ${guildId}`);
    return c;
  }

  /** Deletes a channel, as a server admin would: CHANNEL_DELETE goes to the bot. */
  deleteChannel(channelId: string): void {
    for (const g of this.guilds) {
      const i = g.channels.findIndex((c) => c.id === channelId);
      if (i < 0) continue;
      const [c] = g.channels.splice(i, 1);
      this.#dispatch(c!.type === 11 ? 'THREAD_DELETE' : 'CHANNEL_DELETE', channelPayload(g.id, c!, this.botUser.id));
    }
  }

  /**
   * A file a user attached to a command, served on this server as Discord's CDN serves it; returns the
   * attachment object to put in `resolved.attachments` (its id is the option's value).
   */
  attachment(filename: string, bytes: Uint8Array, contentType: string, o: { declaredSize?: number } = {}): { id: string; filename: string; size: number; url: string; proxy_url: string; content_type: string } {
    const id = snowflake();
    const path = `/attachments/${id}/${encodeURIComponent(filename)}`;
    this.#files.set(path, { bytes, contentType });
    const url = `http://127.0.0.1:${this.#port}${path}?ex=0&is=0&hm=0`;
    return { id, filename, size: o.declaredSize ?? bytes.length, url, proxy_url: url, content_type: contentType };
  }

  #resolve(options: OptionValue[], guildId: string | null): Resolved | undefined {
    const flat = (list: OptionValue[]): OptionValue[] => list.flatMap((o) => (o.options ? flat(o.options) : [o]));
    const channels: Record<string, unknown> = {};
    const guild = this.guilds.find((g) => g.id === guildId);
    for (const o of flat(options)) {
      if (o.type !== 7) continue;
      const c = guild?.channels.find((ch) => ch.id === o.value);
      channels[String(o.value)] = c
        ? { ...channelPayload(guild!.id, c, this.botUser.id), permissions: String(1071698660929n) }
        : { id: String(o.value), type: 0, name: 'unknown', permissions: '0' };
    }
    return Object.keys(channels).length ? { channels } : undefined;
  }

  /** Sends INTERACTION_CREATE for a press on button `customId` of `message`. */
  sendButton(o: { customId: string; message: Record<string, unknown>; user: FakeUser; guildId?: string | null }): InteractionBase {
    const base = this.#newInteraction(o.user, o.guildId, 3);
    // For a component interaction, "@original" is the message the component is on.
    this.#interactions.get(base.token)!.original = o.message;
    this.#dispatch('INTERACTION_CREATE', buttonInteraction(base, o.customId, o.message));
    return base;
  }

  #newInteraction(user: FakeUser, guildId: string | null | undefined, type: number, channel?: string): InteractionBase {
    const id = snowflake();
    const token = `aW50ZXJhY3Rpb246${id}${Math.random().toString(36).slice(2)}`;
    const guild = guildId === undefined ? this.guilds[0]! : this.guilds.find((g) => g.id === guildId);
    const channelId = channel ?? guild?.channelId ?? snowflake();
    const resolvedGuild = guildId === undefined ? this.guilds[0]!.id : guildId;
    this.#interactions.set(token, { id, token, acknowledged: false, original: null, channelId, interaction: { id, type, user, guildId: resolvedGuild } });
    return { id, token, applicationId: this.applicationId, guildId: resolvedGuild, channelId, user };
  }

  // ── gateway ────────────────────────────────────────────────────────────────

  #send(ws: WebSocket, frame: { op: number; d: unknown; s?: number | null; t?: string | null }): void {
    this.frames.push({ direction: 'out', op: frame.op, t: frame.t ?? null, d: frame.d });
    ws.send(JSON.stringify({ s: null, t: null, ...frame }));
  }

  #dispatch(t: string, d: unknown, only?: WebSocket): void {
    const sockets = only ? [only] : [...this.#sockets];
    if (sockets.length === 0) throw new Error(`fake-discord: no gateway connection to dispatch ${t} on`);
    for (const ws of sockets) this.#send(ws, { op: 0, t, s: ++this.#seq, d });
  }

  #onSocket(ws: WebSocket): void {
    this.#sockets.add(ws);
    ws.on('close', () => this.#sockets.delete(ws));
    this.#send(ws, { op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } });
    ws.on('message', (raw) => {
      let frame: { op: number; d: any };
      try {
        frame = JSON.parse(String(raw));
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      this.frames.push({ direction: 'in', op: frame.op, d: frame.op === 2 ? { ...frame.d, token: '(token)' } : frame.d });
      this.emit('frame', frame);
      if (frame.op === 1) this.#send(ws, { op: 11, d: null });
      else if (frame.op === 2) this.#identify(ws, frame.d);
      else if (frame.op === 6) this.#send(ws, { op: 9, d: false });
    });
  }

  #identify(ws: WebSocket, d: { token?: string; intents?: number }): void {
    if (d.token !== this.options.token) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    this.#dispatch(
      'READY',
      {
        v: 10,
        user: userPayload(this.botUser),
        guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
        session_id: snowflake(),
        resume_gateway_url: this.gatewayUrl,
        shard: [0, 1],
        application: { id: this.applicationId, flags: 0 },
      },
      ws,
    );
    for (const g of this.guilds) this.#dispatch('GUILD_CREATE', guildPayload({ ...g, ownerId: snowflake() }, this.botUser), ws);
  }

  // ── REST ───────────────────────────────────────────────────────────────────

  async #onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = req.method === 'GET' ? this.#files.get(url.pathname) : undefined;
    if (url.pathname.startsWith('/attachments/')) {
      // Discord's CDN: no authorisation, the bytes as uploaded.
      if (!file) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': String(file.bytes.length) });
      return void res.end(file.bytes);
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    if (/^\/interactions\/.+\/callback$/.test(path)) {
      this.callbacksReceived++;
      if (this.callbackDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.callbackDelayMs));
    }
    let body: any = null;
    const upload = readUpload(req.headers['content-type'], raw);
    try {
      body = upload ? upload.body : text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorized: req.headers.authorization === `Bot ${this.options.token}`,
      status: 0,
      at: performance.now(),
      ...(upload ? { files: upload.files } : {}),
    };
    const [status, payload] = this.#route(record, url.pathname.startsWith('/api/v10/'));
    record.status = status;
    this.requests.push(record);
    res.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
    res.end(payload === undefined ? undefined : JSON.stringify(payload));
    this.emit('request', record);
  }

  /** The bot's permissions in a channel: its role's, less what the channel (or a thread's parent) denies it. */
  #botPermissionsIn(channelId: string): bigint {
    for (const g of this.guilds) {
      const c = g.channels.find((x) => x.id === channelId);
      if (!c) continue;
      const parent = c.parentId ? g.channels.find((x) => x.id === c.parentId) : undefined;
      return g.botPermissions & ~(c.botDeny ?? 0n) & ~(parent?.botDeny ?? 0n);
    }
    return 0n;
  }

  #route(r: RecordedRequest, versioned: boolean): [number, unknown?] {
    const notFound: [number, unknown] = [404, { message: '404: Not Found', code: 0 }];
    if (!versioned) return notFound;
    const unauthorized: [number, unknown] = [401, { message: '401: Unauthorized', code: 0 }];
    let m: RegExpExecArray | null;

    if (r.method === 'GET' && r.path === '/gateway/bot') {
      if (!r.authorized) return unauthorized;
      return [200, { url: this.gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 } }];
    }
    if (r.method === 'GET' && r.path === '/users/@me') return r.authorized ? [200, userPayload(this.botUser)] : unauthorized;
    if (r.method === 'GET' && r.path === '/applications/@me') {
      return r.authorized ? [200, { id: this.applicationId, name: 'Newsroom bot', flags: 0, bot_public: false }] : unauthorized;
    }
    if ((m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(r.path)) && r.method === 'PUT') {
      if (!r.authorized) return unauthorized;
      if (m[1] !== this.applicationId) return [403, { message: 'Missing Access', code: 50001 }];
      const list = (Array.isArray(r.body) ? r.body : []).map((c: Record<string, unknown>) => ({
        ...c,
        id: snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        ...(m![2] ? { guild_id: m![2] } : {}),
      }));
      this.registered.set(m[2] ?? 'global', list);
      return [200, list];
    }
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(r.path)) && r.method === 'POST') {
      if (!r.authorized) return unauthorized;
      const channelId = m[1]!;
      const exists = this.guilds.some((g) => g.channels.some((c) => c.id === channelId));
      // As Discord does: a file needs Attach Files in the channel (the bot role's, less the channel's deny).
      const noFiles = r.files?.length ? !(this.#botPermissionsIn(channelId) & (1n << 15n)) : false;
      const failure = this.channelFailures.get(channelId) ?? (exists ? (noFiles ? 403 : undefined) : 404);
      const answer: [number, unknown] =
        failure === 403
          ? [403, { message: 'Missing Permissions', code: 50013 }]
          : failure === 404
            ? [404, { message: 'Unknown Channel', code: 10003 }]
            : failure
              ? [failure, { message: `error ${failure}`, code: 0 }]
              : [200, { ...messagePayload(r.body ?? {}, { channelId, author: this.botUser, applicationId: this.applicationId }), type: 0, webhook_id: undefined }];
      this.channelMessages.push({ channelId, body: r.body, status: answer[0], at: performance.now(), ...(r.files?.length ? { files: r.files } : {}) });
      return answer;
    }
    if ((m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(r.path)) && r.method === 'POST') {
      r.interactionToken = m[2];
      const it = this.#interactions.get(m[2]!);
      if (!it || it.id !== m[1]) return [404, { message: 'Unknown interaction', code: 10062 }];
      if (it.acknowledged) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
      it.acknowledged = true;
      const type = r.body?.type as number;
      if (type === 4 || type === 5) {
        it.original = messagePayload(type === 4 ? r.body.data ?? {} : { content: '', flags: r.body.data?.flags }, this.#messageOptions(it, true));
      } else if (type === 7 && it.original) {
        const id = it.original.id as string;
        it.original = messagePayload({ ...it.original, ...(r.body.data ?? {}) }, { ...this.#messageOptions(it), id });
      }
      if (r.query.with_response === 'true') {
        return [200, { interaction: { id: it.id, type: 2 }, resource: { type, ...(it.original ? { message: it.original } : {}) } }];
      }
      return [204];
    }
    if ((m = /^\/webhooks\/(\d+)\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(r.path))) {
      r.interactionToken = m[2];
      const it = this.#interactions.get(m[2]!);
      if (m[1] !== this.applicationId || !it || !it.acknowledged) return [404, { message: 'Unknown Webhook', code: 10015 }];
      const target = m[3];
      if (target === undefined && r.method === 'POST') return [200, messagePayload(r.body ?? {}, this.#messageOptions(it, true))];
      if (target === '@original') {
        if (r.method === 'GET') return it.original ? [200, it.original] : [404, { message: 'Unknown Message', code: 10008 }];
        if (r.method === 'DELETE') {
          if (!it.original) return [404, { message: 'Unknown Message', code: 10008 }];
          it.original = null;
          return [204];
        }
        if (r.method === 'PATCH') {
          if (!it.original) return [404, { message: 'Unknown Message', code: 10008 }];
          it.original = messagePayload({ ...it.original, ...r.body }, { ...this.#messageOptions(it), id: it.original.id as string });
          return [200, it.original];
        }
      }
      if (target && r.method === 'PATCH') return [200, messagePayload(r.body ?? {}, { ...this.#messageOptions(it), id: target })];
      if (target && r.method === 'DELETE') return [204];
    }
    return notFound;
  }

  /** `created`: a new message answering `it` (it records who asked); otherwise an edit, which keeps its own. */
  #messageOptions(it: InteractionRecord, created = false) {
    return { channelId: it.channelId, author: this.botUser, applicationId: this.applicationId, ...(created ? { interaction: it.interaction } : {}) };
  }
}

/** Removes the items of `list` that `drop` matches, in place. */
function removeWhere<T>(list: T[], drop: (item: T) => boolean): void {
  let kept = 0;
  for (const item of list) if (!drop(item)) list[kept++] = item;
  list.length = kept;
}

/** Starts a fake Discord on 127.0.0.1 with a random port. */
export async function startFakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  return new FakeDiscord(options).listen();
}
