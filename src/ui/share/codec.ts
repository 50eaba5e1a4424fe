// Program text in links: `#code/<lz-string>` as in the TypeScript Playground,
// and the checks every text from outside (link, file, storage) passes before
// it reaches the editor. Text only ever goes to the parser as text.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';

export const CODE_PREFIX = '#code/';
/** The parser's own limit on a program's length. */
export const MAX_TEXT_CHARS = 200_000;
/** The longest `#code/` payload read: a compressed text never needs more. */
const MAX_ENCODED_CHARS = 400_000;

export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** Why a text cannot be a program (binary, too long, markup or script), or undefined when it can. */
export function checkText(text: string, what: string): string | undefined {
  if (text.length > MAX_TEXT_CHARS) return `The ${what} is too long (${text.length.toLocaleString('en')} characters; at most ${MAX_TEXT_CHARS.toLocaleString('en')}).`;
  const damage = damaged(text);
  if (damage === 'binary') return `The ${what} holds binary data, not a syslet program.`;
  if (damage === 'broken') return `The ${what} is damaged (broken characters).`;
  if (/<\s*\/?\s*(script|iframe|object|embed|svg|img)\b/i.test(text) || /\bjavascript\s*:/i.test(text)) {
    return `The ${what} holds HTML or script, not a syslet program; nothing of it was run.`;
  }
  return undefined;
}

/**
 * Control characters other than tab and newlines, or replacement characters
 * from broken UTF-8, mean binary data; lone surrogates mean a damaged link.
 */
function damaged(text: string): 'binary' | 'broken' | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c >= 0xfffd) return 'binary';
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return 'broken';
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return 'broken';
  }
  return undefined;
}

/** The hash for a program text. */
export function encodeCode(text: string): string {
  return CODE_PREFIX + compressToEncodedURIComponent(text);
}

/** Reads a `#code/…` hash: null when the hash holds no program, else the text or why it is unusable. */
export function decodeCode(hash: string): Decoded | null {
  if (!hash.startsWith(CODE_PREFIX)) return null;
  const payload = hash.slice(CODE_PREFIX.length);
  const bad: Decoded = { ok: false, error: 'The shared link is damaged: its #code part could not be decoded.' };
  if (payload.length === 0 || payload.length > MAX_ENCODED_CHARS || !/^[A-Za-z0-9+\-$]+$/.test(payload)) return bad;
  let text: string | null;
  try {
    text = decompressFromEncodedURIComponent(payload);
  } catch {
    return bad;
  }
  if (text === null || text === '') return bad;
  const problem = checkText(text, 'shared link');
  return problem ? { ok: false, error: problem } : { ok: true, text };
}
