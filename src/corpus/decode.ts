/**
 * Turning bytes into text exactly as their author wrote it, or saying why that cannot be done.
 *
 * One module for every way text comes in: corpus files, fetched pages and feeds, attachments. The charset
 * is taken, in order, from a byte-order mark, the HTTP Content-Type header, the document's own declaration
 * (`<?xml … encoding="…"?>`, `<meta charset>`), then UTF-8 when the bytes are valid UTF-8, else
 * Windows-1252. Decoding goes through iconv-lite: Node's `TextDecoder('windows-1252')` (Node >= 20.18.3,
 * checked on 20.20.2) turns bytes 0x80–0x9F — curly quotes, dashes, the euro sign — into invisible C1
 * control characters, so a quote copied from such a file would not be what the outlet wrote.
 */
import iconv from 'iconv-lite';

export type Decoded =
  | { ok: true; text: string; encoding: string }
  | { ok: false; reason: string };

/** Where a charset label may come from besides the bytes themselves. */
export interface DecodeHints {
  /** The HTTP `Content-Type` header (its `charset` parameter is used). */
  contentType?: string | null;
  /** Look for the document's own declaration: an XML declaration or an HTML `<meta charset>`. */
  markup?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a corpus file. UTF-8 (with or without BOM) is expected; a file that is not valid UTF-8 but
 * reads as text is decoded as Windows-1252 (a superset of Latin-1 for printable text); binary data
 * (NUL bytes or many control characters) is refused. Line endings become "\n".
 *
 * @example decode(Uint8Array.of(0x93, 0x68, 0x69, 0x94)) // { ok: true, text: '“hi”', encoding: 'windows-1252' }
 */
export function decode(bytes: Uint8Array, hints: DecodeHints = {}): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const bom = byteOrderMark(bytes);
  if (!bom && looksBinary(bytes)) return { ok: false, reason: 'binary data, not text (NUL or control bytes)' };
  const decoded = decodeText(bytes, hints);
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, reason: 'empty file (only whitespace)' };
  return { ok: true, text, encoding: decoded.encoding };
}

/**
 * Decodes bytes by the rules above without judging whether they are text (fetched pages and feeds).
 * The BOM, if any, is removed; line endings are kept.
 */
export function decodeText(bytes: Uint8Array, hints: DecodeHints = {}): { text: string; encoding: string } {
  const bom = byteOrderMark(bytes);
  if (bom) return { text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.encoding), encoding: bom.encoding };
  const declared = charsetOf(hints.contentType) ?? (hints.markup ? declaredCharset(bytes) : null);
  if (declared) {
    const label = normaliseLabel(declared);
    // A declared UTF-8 that is not valid UTF-8 is a mislabelled legacy file: fall through to the sniffing.
    if (label && label !== 'utf-8') return { text: stripBom(iconv.decode(Buffer.from(bytes), label)), encoding: label };
  }
  try {
    return { text: stripBom(utf8.decode(bytes)), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
  }
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | null | undefined): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m ? m[1]! : null;
}

/**
 * Maps a charset label to one iconv-lite decodes, or null when it knows none by that name. ISO-8859-1 and
 * US-ASCII are read as Windows-1252, as browsers do (the WHATWG Encoding Standard): pages labelled Latin-1
 * routinely carry Windows-1252's curly quotes.
 */
export function normaliseLabel(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'us-ascii', 'ascii', 'cp1252', 'x-cp1252'].includes(l)) return 'windows-1252';
  if (l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf-8';
  return iconv.encodingExists(l) ? l : null;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** The charset a document declares in its first 1024 bytes (XML declaration or HTML meta), if any. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!;
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head);
  return meta ? meta[1]! : null;
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 8 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return control / sample.length > 0.05;
}
