import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { zlibSync } from './zlib-crc.test-helpers.ts';
import { checkText, decodeCode, encodeCode, MAX_TEXT_CHARS } from './codec.ts';
import { crc32, crc32Hex } from './crc32.ts';
import { programText } from './texts.test-helpers.ts';
import { EXAMPLES } from '../examples/index.ts';

const payloadOf = (hash: string) => hash.slice('#code/'.length);

describe('#code links', () => {
  test('every example and non-ASCII text survive the round trip, verified', () => {
    for (const text of [...Object.values(EXAMPLES), 'print "héllo → wörld 🌍"\n']) {
      const hash = encodeCode(text);
      expect(hash).toMatch(/^#code\/v1\.[0-9a-f]{8}\.[A-Za-z0-9+\-$]+$/);
      expect(decodeCode(hash)).toEqual({ ok: true, text, extras: {}, verified: true });
    }
  });

  test('any text comes back identical, whatever words and characters it holds', () => {
    fc.assert(
      fc.property(programText, (text) => {
        expect(decodeCode(encodeCode(text))).toEqual({ ok: true, text, extras: {}, verified: true });
      }),
      { numRuns: 400 },
    );
  });

  test('texts once refused as "HTML or script" are programs like any other', () => {
    for (const text of ['# javascript:alert(1)\n', '# <svg> <img src=x> <script>\n', 'print "\ufffd"\n', 'ring 4\f\n']) {
      expect(checkText(text, 'link')).toBeUndefined();
      expect(decodeCode(encodeCode(text))).toMatchObject({ ok: true, text });
    }
  });

  test('extras travel with the text, and fields a reader does not know pass through', () => {
    const extras = { breakpoints: ['a1', 'a2'], event: 42, futureField: { nested: true } };
    const decoded = decodeCode(encodeCode('ring 4\n', extras));
    expect(decoded).toEqual({ ok: true, text: 'ring 4\n', extras, verified: true });
    // `text` is the program's own key: an extra cannot replace it.
    expect(decodeCode(encodeCode('ring 4\n', { text: 'other' }))).toMatchObject({ text: 'ring 4\n', extras: {} });
  });

  test('any single changed character of a link is caught as damage', () => {
    const hash = encodeCode(EXAMPLES.pipe, { event: 7 });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$.';
    fc.assert(
      fc.property(fc.nat(hash.length - '#code/'.length - 1), fc.constantFrom(...alphabet), (offset, c) => {
        const at = '#code/'.length + offset;
        fc.pre(hash[at] !== c);
        const damaged = hash.slice(0, at) + c + hash.slice(at + 1);
        const r = decodeCode(damaged);
        expect(r?.ok).toBe(false);
        expect(r && !r.ok && r.error).toMatch(/damaged|newer playground/);
      }),
      { numRuns: 1000 },
    );
  });

  test('a damaged link says so and offers what it still decodes to', () => {
    const hash = encodeCode('ring 4\nvar x = 1\n');
    const [crc, payload] = payloadOf(hash).slice(3).split('.');
    const wrongCrc = ((parseInt(crc, 16) ^ 1) >>> 0).toString(16).padStart(8, '0');
    expect(decodeCode(`#code/v1.${wrongCrc}.${payload}`)).toEqual({
      ok: false,
      error: expect.stringContaining('This link is damaged (checksum mismatch)'),
      recovered: 'ring 4\nvar x = 1\n',
    });
    expect(decodeCode('#code/v9.00000000.AAAA')).toMatchObject({ ok: false, error: expect.stringContaining('newer playground') });
  });

  test('links from before checksums still open, marked unverified', () => {
    const old = '#code/' + compressToEncodedURIComponent('ring 4\n# old link\n');
    expect(decodeCode(old)).toEqual({ ok: true, text: 'ring 4\n# old link\n', extras: {}, verified: false });
  });

  test('other hashes are not links', () => {
    expect(decodeCode('')).toBeNull();
    expect(decodeCode('#example')).toBeNull();
  });

  test('garbage, empty and over-long payloads are reported as damaged, never thrown', () => {
    for (const hash of ['#code/', '#code/%%%', '#code/<script>', '#code/!!!!', '#code/' + 'A'.repeat(500_000), '#code/v1..', '#code/v1.zz.AAAA']) {
      expect(decodeCode(hash), hash.slice(0, 20)).toMatchObject({ ok: false, error: expect.stringContaining('damaged') });
    }
    // Old-style payloads in the link alphabet that lz-string cannot decode.
    for (const junk of ['zzzz', 'garbage-not-lz', '$$$$$$$$']) {
      expect(decodeCode('#code/' + junk), junk).toEqual({ ok: false, error: 'This link is damaged: its #code part could not be decoded.' });
    }
  });

  test('only a text over the size limit is refused', () => {
    expect(checkText('x'.repeat(MAX_TEXT_CHARS + 1), 'file')).toMatch(/too long/);
    expect(checkText('x'.repeat(MAX_TEXT_CHARS), 'file')).toBeUndefined();
    expect(checkText('ring 4\u0000\u0001 lone \ud800', 'file')).toBeUndefined();
  });
});

test('crc32 is the IEEE CRC-32 of the UTF-16LE code units', () => {
  for (const s of ['', 'a', 'syslet', 'héllo 🌍', '\ud800']) expect(crc32(s)).toBe(zlibSync(s));
  expect(crc32Hex('')).toBe('00000000');
});
