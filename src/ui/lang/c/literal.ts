// C spellings of the language's literals: byte strings as C string literals
// (clang reads UTF-8 source and keeps its bytes), words as C integers, and
// comments. A printf format doubles every %.

const NAMED: Readonly<Record<number, string>> = { 9: '\\t', 10: '\\n', 13: '\\r', 34: '\\"', 92: '\\\\' };
const isOctalDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x37;

/** Length of the valid UTF-8 sequence (of a character from U+00A0 up) at i, or 0. */
function utf8Length(bytes: string, i: number): number {
  const lead = bytes.charCodeAt(i);
  const n = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? (lead <= 0xef ? 3 : 0) : lead >= 0xc2 ? 2 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes.charCodeAt(i + k) & 0xc0) !== 0x80) return 0;
  const buf = Uint8Array.from(bytes.slice(i, i + n), (c) => c.charCodeAt(0));
  try {
    const ch = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    const cp = ch.codePointAt(0) ?? 0;
    return cp >= 0xa0 && [...ch].length === 1 ? n : 0;
  } catch {
    return 0;
  }
}

/**
 * The C string literal for a byte string (one char per byte, 0..255):
 * printable ASCII and valid UTF-8 as they are, the rest as octal escapes.
 * With `format`, every % is doubled (a printf format).
 */
export function cString(bytes: string, format = false): string {
  let s = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (NAMED[c] !== undefined) s += NAMED[c];
    else if (c === 0x25 && format) s += '%%';
    else if (c === 0x3f && bytes[i + 1] === '?') s += '?\\'; // no trigraph can start here
    else if (c >= 0x20 && c < 0x7f) s += bytes[i];
    else {
      const n = c >= 0x80 ? utf8Length(bytes, i) : 0;
      if (n) {
        s += new TextDecoder().decode(Uint8Array.from(bytes.slice(i, i + n), (x) => x.charCodeAt(0)));
        i += n - 1;
      } else {
        // Three octal digits end the escape whatever follows; \0 only before a non-digit.
        s += c === 0 && !isOctalDigit(bytes.charCodeAt(i + 1)) ? '\\0' : `\\${c.toString(8).padStart(3, '0')}`;
      }
    }
  }
  return s + '"';
}

/** A 32-bit word's value as a C expression of type long or int: INT_MIN needs two terms. */
export function cWord(v: number): string {
  v |= 0;
  return v === -0x80000000 ? '(-2147483647 - 1)' : String(v);
}

/** A comment's text made safe inside C block comment. */
export function commentText(text: string): string {
  return text.replace(/\*\//g, '* /');
}

/** Full-line comments as C: one `/* … *\/` line, or a block of ` * ` lines. */
export function cComment(lines: readonly string[], indent: string): string[] {
  const texts = lines.map((t) => commentText(t.replace(/^ /, '')).replace(/\s+$/, ''));
  if (texts.length === 1) return [`${indent}/* ${texts[0]} */`];
  return [`${indent}/*`, ...texts.map((t) => (t ? `${indent} * ${t}` : `${indent} *`)), `${indent} */`];
}
