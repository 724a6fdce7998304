/**
 * The one guarded fetcher for everything fetched on a user's behalf: links, feeds, attachments. It owns
 * the rules, so no caller can forget one:
 * - http and https only; no user name or password in the URL;
 * - public addresses only (see addresses.ts): a literal IP is checked before connecting, every DNS answer
 *   is checked before connecting (one bad answer refuses the host), and the address actually connected is
 *   checked again; the same on every redirect, at most 5, each followed by hand;
 * - one time limit for the whole fetch, redirects included (15 s); a size limit per kind, checked
 *   against Content-Length before reading and counted while reading (after decompression);
 * - a content-type allow-list per kind; an identifying User-Agent;
 * - conditional requests (ETag, Last-Modified): a 304 is a result, not an error.
 * Failures are FetchErrors whose message says what was wrong and what to try.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { Socket } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Readable } from 'node:stream';
import { Agent, buildConnector, request } from 'undici';
import type { NetworkRange } from '../config.ts';
import { isIpLiteral, refusedAddress } from './addresses.ts';

/** What is being fetched: decides the size limit and the content types accepted. */
export type FetchKind = 'page' | 'feed' | 'attachment';

export const LIMITS: Record<FetchKind, { maxBytes: number; types: readonly string[] | null }> = {
  page: { maxBytes: 10 * 1024 * 1024, types: ['text/html', 'application/xhtml+xml', 'text/plain'] },
  feed: {
    maxBytes: 5 * 1024 * 1024,
    types: ['application/rss+xml', 'application/atom+xml', 'application/rdf+xml', 'application/xml', 'text/xml', 'application/feed+json', 'application/json', 'text/plain', 'text/html'],
  },
  attachment: { maxBytes: 10 * 1024 * 1024, types: null },
};

export const USER_AGENT = 'NewsroomBriefingBot/0.1 (+a newsroom\'s Discord bot fetching a link or feed a member gave it)';

export type FetchErrorKind =
  | 'bad-url'
  | 'refused-address'
  | 'dns'
  | 'timeout'
  | 'too-big'
  | 'http'
  | 'content-type'
  | 'redirects'
  | 'network';

/** A fetch that did not give a usable body; `message` is fit to show the person who asked. */
export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly url: string,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface FetchRequest {
  url: string;
  kind: FetchKind;
  /** Validators from the previous fetch, for a conditional request. */
  etag?: string | null;
  lastModified?: string | null;
  /** A lower size limit than the kind's (e.g. an attachment's declared size). */
  maxBytes?: number;
}

export type FetchResult =
  | {
      status: 'ok';
      /** The URL after redirects. */
      url: string;
      httpStatus: number;
      contentType: string | null;
      bytes: Uint8Array;
      etag: string | null;
      lastModified: string | null;
      /** The URLs redirected from, in order. */
      redirects: string[];
    }
  | { status: 'not-modified'; url: string; etag: string | null; lastModified: string | null };

export interface FetchPolicy {
  /** Non-public ranges that may be fetched anyway (ALLOWED_PRIVATE_NETWORKS). */
  allowedPrivateNetworks: readonly NetworkRange[];
  /** For the whole fetch, redirects included. Default 15 s. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** DNS, replaceable in tests (default: the system resolver). */
  lookup?: (hostname: string, callback: (err: Error | null, addresses: LookupAddress[]) => void) => void;
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
  close(): Promise<void>;
}

/** Makes the fetcher; one per process is enough (it keeps connections alive between fetches). */
export function createFetcher(policy: FetchPolicy): Fetcher {
  const allowed = policy.allowedPrivateNetworks;
  const timeoutMs = policy.timeoutMs ?? 15_000;
  const maxRedirects = policy.maxRedirects ?? 5;
  const resolve = policy.lookup ?? ((host, cb) => dnsLookup(host, { all: true, verbatim: true }, cb));

  // DNS: every answer must be allowed, then we connect to the first one. Node asks with `all` when it
  // tries several addresses (autoSelectFamily); we answer with the checked list in both cases.
  const guardedLookup = (hostname: string, options: { all?: boolean } | number, callback: (...args: any[]) => void) => {
    resolve(hostname, (err, addresses) => {
      if (err) return callback(new FetchError('dns', `${hostname} was not found (DNS: ${(err as NodeJS.ErrnoException).code ?? err.message}); check the address`, hostname));
      if (addresses.length === 0) return callback(new FetchError('dns', `${hostname} has no address in DNS`, hostname));
      for (const a of addresses) {
        const why = refusedAddress(a.address, allowed);
        if (why) return callback(new FetchError('refused-address', `${hostname} points to ${why}; the bot only fetches from public addresses`, hostname));
      }
      if (typeof options === 'object' && options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const connect = buildConnector({ lookup: guardedLookup as never, timeout: timeoutMs });
  const agent = new Agent({
    connect: (options, callback) => {
      connect(options, (err, socket) => {
        if (err) return callback(err, null);
        const remote = (socket as Socket).remoteAddress ?? '';
        const why = refusedAddress(remote, allowed);
        if (why) {
          socket!.destroy();
          return callback(new FetchError('refused-address', `${options.hostname} connected to ${why}; the bot only fetches from public addresses`, options.hostname), null);
        }
        callback(null, socket!);
      });
    },
    keepAliveTimeout: 10_000,
    connections: 8,
  });

  async function fetchOnce(req: FetchRequest): Promise<FetchResult> {
    const signal = AbortSignal.timeout(timeoutMs);
    const limit = LIMITS[req.kind];
    const maxBytes = Math.min(req.maxBytes ?? limit.maxBytes, limit.maxBytes);
    const redirects: string[] = [];
    let url = checkUrl(req.url, allowed);
    for (;;) {
      let response: Awaited<ReturnType<typeof request>>;
      try {
        response = await request(url, {
          method: 'GET',
          dispatcher: agent,
          signal,
          headers: {
            'user-agent': USER_AGENT,
            accept: accepts(req.kind),
            'accept-encoding': 'gzip, deflate, br',
            ...(req.etag ? { 'if-none-match': req.etag } : {}),
            ...(req.lastModified ? { 'if-modified-since': req.lastModified } : {}),
          },
        });
      } catch (err) {
        throw asFetchError(err, url.href, signal, timeoutMs);
      }
      const header = (name: string): string | null => {
        const v = response.headers[name];
        return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
      };
      const status = response.statusCode;
      if (status >= 300 && status < 400 && status !== 304) {
        await response.body.dump().catch(() => {});
        const location = header('location');
        if (!location) throw new FetchError('http', `${url.host} answered ${status} (a redirect) without saying where to`, url.href, status);
        if (redirects.length >= maxRedirects) throw new FetchError('redirects', `more than ${maxRedirects} redirects from ${req.url}; the link may be broken or loop`, url.href, status);
        redirects.push(url.href);
        url = checkUrl(new URL(location, url).href, allowed);
        continue;
      }
      if (status === 304) {
        await response.body.dump().catch(() => {});
        return { status: 'not-modified', url: url.href, etag: header('etag') ?? req.etag ?? null, lastModified: header('last-modified') ?? req.lastModified ?? null };
      }
      if (status >= 400) {
        await response.body.dump().catch(() => {});
        throw new FetchError('http', httpMessage(status, url), url.href, status);
      }
      const contentType = header('content-type');
      const mediaType = contentType?.split(';')[0]!.trim().toLowerCase() ?? null;
      if (limit.types && mediaType && !limit.types.includes(mediaType) && !(req.kind === 'feed' && /\+(xml|json)$/.test(mediaType))) {
        await response.body.dump().catch(() => {});
        throw new FetchError('content-type', `${url.href} is ${mediaType}, not ${req.kind === 'page' ? 'a web page' : 'a feed'}`, url.href, status);
      }
      const declared = Number(header('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body.dump().catch(() => {});
        throw new FetchError('too-big', `${url.href} is ${megabytes(declared)}, over the ${megabytes(maxBytes)} limit`, url.href, status);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(response.body, header('content-encoding'), maxBytes, url.href);
      } catch (err) {
        if (err instanceof FetchError) throw err;
        throw asFetchError(err, url.href, signal, timeoutMs);
      }
      return { status: 'ok', url: url.href, httpStatus: status, contentType, bytes, etag: header('etag'), lastModified: header('last-modified'), redirects };
    }
  }

  return {
    fetch: fetchOnce,
    close: () => agent.close(),
  };
}

/** Parses and checks a URL before anything is sent: scheme, credentials, a literal address. */
export function checkUrl(raw: string, allowed: readonly NetworkRange[]): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new FetchError('bad-url', `\`${raw.slice(0, 200)}\` is not a web address; give one that starts with https://`, raw);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad-url', `only http and https addresses can be fetched, got ${url.protocol.replace(/:$/, '')}:`, raw);
  }
  if (url.username || url.password) {
    throw new FetchError('bad-url', 'the address carries a user name or password; give the address without them', url.origin);
  }
  if (isIpLiteral(url.hostname)) {
    const why = refusedAddress(url.hostname, allowed);
    if (why) throw new FetchError('refused-address', `${why}; the bot only fetches from public addresses`, url.href);
  }
  return url;
}

function accepts(kind: FetchKind): string {
  if (kind === 'page') return 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';
  if (kind === 'feed') return 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
  return '*/*';
}

async function readCapped(body: Readable, encoding: string | null, maxBytes: number, url: string): Promise<Uint8Array> {
  const enc = encoding?.trim().toLowerCase();
  const stream: Readable =
    enc === 'gzip' || enc === 'x-gzip' ? body.pipe(createGunzip()) : enc === 'deflate' ? body.pipe(createInflate()) : enc === 'br' ? body.pipe(createBrotliDecompress()) : body;
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > maxBytes) {
        throw new FetchError('too-big', `${url} is over the ${megabytes(maxBytes)} limit (stopped reading at ${megabytes(total)})`, url);
      }
      chunks.push(chunk as Buffer);
    }
  } finally {
    if (stream !== body) stream.destroy();
    body.destroy();
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function asFetchError(err: unknown, url: string, signal: AbortSignal, timeoutMs: number): FetchError {
  if (err instanceof FetchError) return err;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof FetchError) return cause;
  if (signal.aborted || (err as Error).name === 'TimeoutError' || (err as { code?: string }).code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new FetchError('timeout', `${url} did not answer within ${Math.round(timeoutMs / 1000)} s; try again later`, url);
  }
  const code = (err as { code?: string }).code;
  const host = (() => {
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  })();
  if (code === 'ECONNREFUSED') return new FetchError('network', `${host} refused the connection; check the address`, url);
  if (code === 'ENOTFOUND') return new FetchError('dns', `${host} was not found; check the address`, url);
  return new FetchError('network', `could not fetch ${url} (${code ?? (err as Error).message})`, url);
}

function httpMessage(status: number, url: URL): string {
  if (status === 404 || status === 410) return `${url.href} was not found (HTTP ${status}); check the link`;
  if (status === 401 || status === 403) return `${url.host} refused the bot (HTTP ${status}): the page may need a login or block bots`;
  if (status === 429) return `${url.host} asked the bot to slow down (HTTP 429); try again later`;
  if (status >= 500) return `${url.host} had an error (HTTP ${status}); try again later`;
  return `${url.href} answered HTTP ${status}`;
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
