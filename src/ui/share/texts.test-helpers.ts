// Random program-like texts for the round-trip tests: example programs cut
// and mixed with the words and characters an over-eager filter would refuse.
import fc from 'fast-check';
import { EXAMPLES } from '../examples/index.ts';

const TRICKY = ['javascript:', '<svg onload=x>', '<img src=x>', '<script>', '</script>', '\ufffd', '\f', '\u0000', '\r\n', '\r', '\t', '🌍', 'é', '\u200b', '#', '"', '\\', '.', '%', '&amp;'];

const piece = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.constantFrom(...Object.values(EXAMPLES)).chain((ex) => fc.nat(ex.length).map((i) => ex.slice(i, i + 80))),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/** Well-formed texts (no lone surrogates: UTF-8 files cannot hold those). */
export const programText = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join('')).filter((t) => wellFormed(t) && !t.startsWith('\ufeff'));

function wellFormed(t: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t);
}
