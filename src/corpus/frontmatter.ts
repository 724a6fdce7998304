/**
 * Front matter: an optional block of `key: value` lines between `---` lines at the top of a .md/.txt file.
 * Only flat string values are meaningful here (title, outlet, published, url, id, note); quotes are optional.
 */

export type FrontMatter =
  | { ok: true; fields: Record<string, string>; body: string; bodyLine: number }
  | { ok: false; line: number; message: string };

/** Splits front matter from the body. A file without front matter has empty fields and the whole text as body. */
export function parseFrontMatter(text: string): FrontMatter {
  if (!/^---[ \t]*\n/.test(text)) return { ok: true, fields: {}, body: text, bodyLine: 1 };
  const lines = text.split('\n');
  if (!lines.slice(1).some((l) => /^(---|\.\.\.)[ \t]*$/.test(l))) {
    return { ok: false, line: 1, message: 'front matter opened with `---` is never closed by a `---` line' };
  }
  const fields: Record<string, string> = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(---|\.\.\.)[ \t]*$/.test(line)) {
      return { ok: true, fields, body: lines.slice(i + 1).join('\n'), bodyLine: i + 2 };
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!m) {
      return { ok: false, line: i + 1, message: `front matter line must be \`key: value\`, got \`${clip(line)}\`` };
    }
    fields[m[1]!.toLowerCase()] = unquote(m[2]!.trim());
  }
  throw new Error('unreachable: a closing line was found above');
}

function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value);
  return m ? m[2]! : value;
}

export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
