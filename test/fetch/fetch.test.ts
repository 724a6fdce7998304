import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import ipaddr from 'ipaddr.js';
import { createFetcher, FetchError, USER_AGENT, type FetchRequest, type Fetcher } from '../../src/fetch/fetch.ts';
import { refusedAddress } from '../../src/fetch/addresses.ts';
import { startWebServer, type WebServer } from '../support/web-server.ts';
import type { NetworkRange } from '../../src/config.ts';

const LOCAL: NetworkRange[] = [{ cidr: '127.0.0.0/8', range: ipaddr.parseCIDR('127.0.0.0/8') }];
const PAGE = '<html><head><title>A page</title></head><body><p>Text.</p></body></html>';

let web: WebServer;
let fetcher: Fetcher;

beforeAll(async () => {
  web = await startWebServer({
    '/page': { body: PAGE },
    '/gzip': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(PAGE) },
    '/bomb': { headers: { 'content-encoding': 'gzip' }, body: gzipSync(Buffer.alloc(3 * 1024 * 1024, 0x20)) },
    '/r1': { status: 302, headers: { location: '/r2' } },
    '/r2': { status: 301, headers: { location: '/page' } },
    '/loop': { status: 302, headers: { location: '/loop' } },
    '/to-private': { status: 302, headers: { location: 'http://10.1.2.3/admin' } },
    '/to-metadata': { status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data/' } },
    '/to-file': { status: 302, headers: { location: 'file:///etc/passwd' } },
    '/missing': { status: 404, body: 'no' },
    '/forbidden': { status: 403, body: 'no bots' },
    '/image': { headers: { 'content-type': 'image/png' }, body: new Uint8Array([0x89, 0x50]) },
    '/declared-big': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) });
      res.write('<p>');
      // never finishes: the fetcher must not wait for 50 MB
    },
    '/streamed-big': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    },
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<p>first bytes');
      // then nothing: the total time limit must end it
    },
    '/validators': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT' }).end('<rss/>');
    },
  });
  fetcher = createFetcher({ allowedPrivateNetworks: LOCAL, timeoutMs: 1500 });
});

afterAll(async () => {
  await fetcher.close();
  await web.close();
});

const get = (path: string, extra: Partial<FetchRequest> = {}) => fetcher.fetch({ url: web.url(path), kind: 'page', ...extra });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as FetchError);

describe('the guarded fetcher', () => {
  it('fetches a page with an identifying User-Agent', async () => {
    const result = await get('/page');
    expect(result.status === 'ok' && Buffer.from(result.bytes).toString()).toBe(PAGE);
    expect(web.requests.at(-1)!.headers['user-agent']).toBe(USER_AGENT);
  });

  it('decompresses gzip', async () => {
    const result = await get('/gzip');
    expect(result.status === 'ok' && Buffer.from(result.bytes).toString()).toBe(PAGE);
  });

  it('follows redirects, each checked, and reports the final URL', async () => {
    const result = await get('/r1');
    expect(result).toMatchObject({ status: 'ok', url: web.url('/page'), redirects: [web.url('/r1'), web.url('/r2')] });
  });

  it.each([
    ['a redirect loop', '/loop', 'redirects', /more than 5 redirects/],
    ['a redirect to a private address', '/to-private', 'refused-address', /10\.1\.2\.3 is a private-network address/],
    ['a redirect to the cloud metadata address', '/to-metadata', 'refused-address', /169\.254\.169\.254 is a link-local address/],
    ['a redirect to a file: URL', '/to-file', 'bad-url', /only http and https/],
    ['a 404', '/missing', 'http', /was not found \(HTTP 404\); check the link/],
    ['a 403', '/forbidden', 'http', /refused the bot \(HTTP 403\)/],
    ['an image where a page was expected', '/image', 'content-type', /is image\/png, not a web page/],
    ['a declared size over the limit', '/declared-big', 'too-big', /50\.0 MB, over the 10\.0 MB limit/],
    ['a response that never ends', '/slow', 'timeout', /did not answer within 2 s/],
  ])('refuses %s with a clear reason', async (_what, path, kind, message) => {
    const err = await failure(get(path));
    expect(err).toBeInstanceOf(FetchError);
    expect(err!.kind).toBe(kind);
    expect(err!.message).toMatch(message);
  });

  it('stops reading at the size limit while streaming, and after decompression', async () => {
    expect((await failure(get('/streamed-big', { maxBytes: 1024 * 1024 })))!.message).toMatch(/over the 1\.0 MB limit \(stopped reading/);
    expect((await failure(get('/bomb', { maxBytes: 1024 * 1024 })))!.kind).toBe('too-big');
  });

  it('sends validators and treats a 304 as "not modified"', async () => {
    const first = await fetcher.fetch({ url: web.url('/validators'), kind: 'feed' });
    expect(first).toMatchObject({ status: 'ok', etag: '"v1"', lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT' });
    const second = await fetcher.fetch({ url: web.url('/validators'), kind: 'feed', etag: '"v1"' });
    expect(second).toEqual({ status: 'not-modified', url: web.url('/validators'), etag: '"v1"', lastModified: null });
  });

  it.each([
    ['not a URL', 'embassy drawdown', /is not a web address/],
    ['another scheme', 'ftp://example.com/a', /only http and https/],
    ['credentials in the URL', 'https://user:pw@example.com/', /user name or password/],
    ['a loopback literal', 'http://127.0.0.1/', /127\.0\.0\.1 is a loopback/],
    ['an IPv6 loopback literal', 'http://[::1]/', /::1 is a loopback/],
    ['an IPv4-mapped private literal', 'http://[::ffff:192.168.1.1]/', /192\.168\.1\.1 is a private-network/],
  ])('refuses %s before sending anything', async (_what, url, message) => {
    const strict = createFetcher({ allowedPrivateNetworks: [], lookup: () => expect.unreachable('no DNS lookup') });
    const before = web.requests.length;
    expect((await failure(strict.fetch({ url, kind: 'page' })))!.message).toMatch(message);
    expect(web.requests.length).toBe(before);
    await strict.close();
  });

  it('refuses a host when any DNS answer is not public, and never connects', async () => {
    const lookups: string[] = [];
    const strict = createFetcher({
      allowedPrivateNetworks: [],
      lookup: (host, cb) => {
        lookups.push(host);
        cb(null, [{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.7', family: 4 }]);
      },
    });
    const err = await failure(strict.fetch({ url: 'http://news.example/story', kind: 'page' }));
    expect(err!.kind).toBe('refused-address');
    expect(err!.message).toMatch(/news\.example points to 10\.0\.0\.7 is a private-network address/);
    expect(lookups).toEqual(['news.example']);
    await strict.close();
  });

  it('refuses a name that resolves to this machine unless loopback is allowed', async () => {
    // "localhost" resolves to a loopback address; without the allowance it is refused (at DNS or at connect).
    const strict = createFetcher({ allowedPrivateNetworks: [] });
    const port = new URL(web.origin).port;
    const err = await failure(strict.fetch({ url: `http://localhost:${port}/page`, kind: 'page' }));
    expect(err!.kind).toBe('refused-address');
    await strict.close();
  });
});

describe('refusedAddress', () => {
  it.each([
    ['93.184.216.34', null],
    ['2606:2800:220:1:248:1893:25c8:1946', null],
    ['10.0.0.1', /private-network/],
    ['172.16.5.4', /private-network/],
    ['192.168.0.1', /private-network/],
    ['100.64.0.1', /carrier-grade NAT/],
    ['169.254.169.254', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['fd00::1', /unique local/],
    ['fe80::1', /link-local/],
    ['::ffff:127.0.0.1', /loopback/],
  ])('%s → %s', (address, expected) => {
    const why = refusedAddress(address, []);
    if (expected === null) expect(why).toBeNull();
    else expect(why).toMatch(expected);
  });

  it('lets an allowed range through, and only that range', () => {
    expect(refusedAddress('127.0.0.1', LOCAL)).toBeNull();
    expect(refusedAddress('10.0.0.1', LOCAL)).toMatch(/private-network/);
    expect(refusedAddress('::1', LOCAL)).toMatch(/loopback/);
  });
});
