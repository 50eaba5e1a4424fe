// Program text in links. A link's hash is `#code/v1.<crc>.<payload>`: the
// payload is lz-string (as in the TypeScript Playground) of a JSON object
// `{ "text": …, …extras }`, and <crc> is the CRC-32 of the payload as it
// stands in the link, so a link with any one character changed (or a burst of
// up to 32 bits) is caught instead of opening another program.
// Links from before the checksum (`#code/<lz of the text>`) still open,
// marked unverified. Text is judged by size only: it reaches the editor and
// the parser as text and is never rendered as HTML, so no word is refused.
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { crc32Hex } from './crc32.ts';

export const CODE_PREFIX = '#code/';
/** The parser's own limit on a program's length. */
export const MAX_TEXT_CHARS = 200_000;
/** The longest `#code/` payload read: a compressed text never needs more. */
const MAX_ENCODED_CHARS = 400_000;
const VERSION = 'v1';
const LZ_ALPHABET = /^[A-Za-z0-9+\-$]+$/;

/**
 * More than the text, carried by a link: later fields (breakpoints, event
 * number, speed…) go here. Fields a reader does not know pass through as read.
 */
export type LinkExtras = Readonly<Record<string, unknown>>;

export type Decoded =
  /** `verified`: the checksum matched; false for a link from before checksums. */
  | { readonly ok: true; readonly text: string; readonly extras: LinkExtras; readonly verified: boolean }
  /** `recovered`: what a damaged link still decodes to, if anything (it may differ from what was shared). */
  | { readonly ok: false; readonly error: string; readonly recovered?: string };

/** Why a text cannot be a program (only its size), or undefined when it can. */
export function checkText(text: string, what: string): string | undefined {
  if (text.length > MAX_TEXT_CHARS) return `The ${what} is too long (${text.length.toLocaleString('en')} characters; at most ${MAX_TEXT_CHARS.toLocaleString('en')}).`;
  return undefined;
}

/** The hash for a program text and optional extras (the key `text` is the program's own). */
export function encodeCode(text: string, extras: LinkExtras = {}): string {
  return encodeHash(CODE_PREFIX, text, extras);
}

/** The same encoding under another prefix (`#lesson/` carries a lesson file's text). */
export function encodeHash(prefix: string, text: string, extras: LinkExtras = {}): string {
  const payload = compressToEncodedURIComponent(JSON.stringify({ ...extras, text }));
  return `${prefix}${VERSION}.${crc32Hex(payload)}.${payload}`;
}

function decompress(payload: string): string | null {
  if (payload.length === 0 || payload.length > MAX_ENCODED_CHARS || !LZ_ALPHABET.test(payload)) return null;
  try {
    return decompressFromEncodedURIComponent(payload) || null;
  } catch {
    return null;
  }
}

function parseBody(json: string | null): { text: string; extras: LinkExtras } | null {
  if (json === null) return null;
  try {
    const body: unknown = JSON.parse(json);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
    const { text, ...extras } = body as Record<string, unknown>;
    return typeof text === 'string' ? { text, extras } : null;
  } catch {
    return null;
  }
}

const DAMAGED = 'This link is damaged (checksum mismatch): it is not the program that was shared.';

/** Reads a `#code/…` hash: null when the hash holds no program, else the text or why it is unusable. */
export function decodeCode(hash: string): Decoded | null {
  return decodeHash(CODE_PREFIX, hash);
}

/** Reads a hash made by encodeHash with the same prefix: checksum, size and body checked as for programs. */
export function decodeHash(prefix: string, hash: string): Decoded | null {
  if (!hash.startsWith(prefix)) return null;
  const rest = hash.slice(prefix.length);
  const [version, crc, payload, ...more] = rest.split('.');
  if (payload === undefined) return decodeUnverified(rest);
  if (version !== VERSION) return { ok: false, error: `This link was made by a newer playground (format ${version.slice(0, 12)}); it cannot be read here.` };
  const body = parseBody(more.length === 0 ? decompress(payload) : null);
  if (more.length > 0 || crc32Hex(payload) !== crc) {
    return { ok: false, error: DAMAGED, ...(body ? { recovered: body.text } : {}) };
  }
  if (!body) return { ok: false, error: DAMAGED };
  const problem = checkText(body.text, 'shared link');
  if (problem) return { ok: false, error: problem };
  return { ok: true, text: body.text, extras: body.extras, verified: true };
}

/** A link from before checksums: the lz-string of the bare text. */
function decodeUnverified(payload: string): Decoded {
  const text = decompress(payload);
  if (text === null) return { ok: false, error: 'This link is damaged: its #code part could not be decoded.' };
  const problem = checkText(text, 'shared link');
  if (problem) return { ok: false, error: problem };
  return { ok: true, text, extras: {}, verified: false };
}
