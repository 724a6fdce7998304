/**
 * File uploads as Discord takes them: a `multipart/form-data` body with the message as JSON in the
 * `payload_json` part and each file in a `files[n]` part (discord.js sends exactly this for `files`).
 * `readUpload` turns such a body into the JSON body the routes already understand, with its `attachments`
 * filled in as Discord's attachment objects, plus the files themselves for tests to inspect.
 */
import { snowflake } from './snowflake.ts';

export interface UploadedFile {
  /** The form field, e.g. `files[0]`. */
  field: string;
  filename: string;
  contentType: string | null;
  data: Buffer;
}

interface Part {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** Splits a multipart/form-data body into its parts (RFC 7578); throws on a body that is not one. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('multipart: boundary not found in the body');
  while (true) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    at += 2; // CRLF after the boundary line
    const headEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, headEnd);
    if (headEnd < 0 || next < 0) throw new Error('multipart: a part is cut short');
    const headers = body.subarray(at, headEnd).toString('utf8').split('\r\n');
    const header = (name: string) => headers.find((h) => h.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim() ?? null;
    const disposition = header('content-disposition') ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw new Error('multipart: a part has no name');
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1] ?? null;
    parts.push({ name, filename, contentType: header('content-type'), data: body.subarray(headEnd + 4, next - 2) });
    at = next;
  }
}

/**
 * Reads an upload: null when `contentType` is not multipart/form-data; else the message body (from
 * `payload_json`) with `attachments` as Discord returns them, and the uploaded files.
 */
export function readUpload(contentType: string | undefined, raw: Buffer): { body: Record<string, any>; files: UploadedFile[] } | null {
  const boundary = /^multipart\/form-data;.*\bboundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (!boundary) return null;
  const parts = parseMultipart(raw, boundary);
  const json = parts.find((p) => p.name === 'payload_json');
  const body = (json ? JSON.parse(json.data.toString('utf8')) : {}) as Record<string, any>;
  const files = parts
    .filter((p) => p.filename !== null)
    .map((p) => ({ field: p.name, filename: p.filename!, contentType: p.contentType, data: Buffer.from(p.data) }));
  // An interaction callback carries the message in `data`; a webhook message is the body itself.
  const message: Record<string, any> = typeof body.type === 'number' && body.data ? body.data : body;
  const described = new Map<string, Record<string, unknown>>(
    (Array.isArray(message.attachments) ? message.attachments : []).map((a: Record<string, unknown>) => [String(a.id), a]),
  );
  message.attachments = files.map((f) => {
    const index = /^files\[(\d+)\]$/.exec(f.field)?.[1] ?? '';
    const id = snowflake();
    return {
      ...described.get(index),
      id,
      filename: f.filename,
      size: f.data.length,
      content_type: f.contentType ?? undefined,
      url: `https://cdn.discordapp.invalid/attachments/${id}/${encodeURIComponent(f.filename)}`,
      proxy_url: `https://media.discordapp.invalid/attachments/${id}/${encodeURIComponent(f.filename)}`,
    };
  });
  return { body, files };
}
