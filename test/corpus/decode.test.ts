import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { charsetOf, decode, decodeText, normaliseLabel } from '../../src/corpus/decode.ts';

/** Windows-1252 bytes 0x80–0x9F and what they stand for (the WHATWG index, as the outlet's software wrote them). */
const CP1252_HIGH: Array<[number, string]> = [
  [0x80, '€'], [0x85, '…'], [0x91, '‘'], [0x92, '’'], [0x93, '“'], [0x94, '”'], [0x96, '–'], [0x97, '—'], [0x99, '™'],
];

describe('decode: Windows-1252', () => {
  // “It’s a blip” – €5, as a Windows-1252 file holds it.
  const bytes = Uint8Array.from([0x93, ...Buffer.from('It'), 0x92, ...Buffer.from('s a blip'), 0x94, 0x20, 0x96, 0x20, 0x80, 0x35]);

  it.each(CP1252_HIGH)('maps byte 0x%s to the character the author typed (%s)', (byte, char) => {
    const decoded = decode(Uint8Array.of(0x41, byte, 0x42));
    expect(decoded).toEqual({ ok: true, text: `A${char}B`, encoding: 'windows-1252' });
  });

  it('gives curly quotes, dashes and the euro sign where Node 20’s TextDecoder gives control characters', () => {
    const ours = decode(bytes);
    expect(ours.ok && ours.text).toBe('“It’s a blip” – €5');
    // The reason for this module: on Node >= 20.18.3 the built-in decoder maps 0x80–0x9F to C1 controls,
    // so this test fails if decode() goes back to `new TextDecoder('windows-1252')`.
    expect(/[\u0080-\u009f]/.test(ours.ok ? ours.text : '')).toBe(false);
  });

  it('reads ISO-8859-1-labelled bytes as Windows-1252, as browsers do', () => {
    expect(decodeText(Uint8Array.of(0x93, 0x41, 0x94), { contentType: 'text/html; charset=ISO-8859-1' }).text).toBe('“A”');
  });
});

describe('decode: which charset', () => {
  it.each([
    ['a UTF-8 BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('Zürich')]), {}, 'Zürich', 'utf-8'],
    ['a UTF-16LE BOM', Uint8Array.from([0xff, 0xfe, ...Buffer.from('Café', 'utf16le')]), {}, 'Café', 'utf-16le'],
    ['a UTF-16BE BOM', Uint8Array.from([0xfe, 0xff, ...iconv.encode('Café', 'utf-16be')]), {}, 'Café', 'utf-16be'],
    ['the Content-Type charset', iconv.encode('Москва', 'koi8-r'), { contentType: 'text/html; charset=KOI8-R' }, 'Москва', 'koi8-r'],
    ['an XML declaration', iconv.encode('<?xml version="1.0" encoding="ISO-8859-2"?><t>Łódź</t>', 'iso-8859-2'), { markup: true }, '<?xml version="1.0" encoding="ISO-8859-2"?><t>Łódź</t>', 'iso-8859-2'],
    ['an HTML meta charset', iconv.encode('<meta charset="windows-1251"><p>Киев</p>', 'windows-1251'), { markup: true }, '<meta charset="windows-1251"><p>Киев</p>', 'windows-1251'],
    ['valid UTF-8 without a label', Buffer.from('naïve'), {}, 'naïve', 'utf-8'],
  ])('follows %s', (_what, bytes, hints, text, encoding) => {
    expect(decodeText(bytes, hints)).toEqual({ text, encoding });
  });

  it('prefers the HTTP header over the document’s own declaration', () => {
    const bytes = iconv.encode('<?xml version="1.0" encoding="utf-8"?><t>é</t>', 'windows-1252');
    expect(decodeText(bytes, { contentType: 'application/xml; charset=windows-1252', markup: true }).text).toContain('<t>é</t>');
  });

  it('falls back to sniffing when a declared UTF-8 is not UTF-8', () => {
    expect(decodeText(Uint8Array.of(0x93, 0x41, 0x94), { contentType: 'text/xml; charset=utf-8' })).toEqual({ text: '“A”', encoding: 'windows-1252' });
  });

  it('ignores a charset it does not know and sniffs', () => {
    expect(normaliseLabel('x-no-such-charset')).toBeNull();
    expect(decodeText(Buffer.from('ok é'), { contentType: 'text/plain; charset=x-no-such-charset' }).text).toBe('ok é');
  });

  it('reads the charset parameter of a Content-Type', () => {
    expect(charsetOf('text/html; charset="UTF-8"')).toBe('UTF-8');
    expect(charsetOf('application/rss+xml')).toBeNull();
  });

  it('still refuses binary data and empty files', () => {
    expect(decode(Uint8Array.of(0x89, 0x50, 0x00, 0x47))).toEqual({ ok: false, reason: expect.stringMatching(/binary/) });
    expect(decode(new Uint8Array())).toEqual({ ok: false, reason: 'empty file' });
  });
});
