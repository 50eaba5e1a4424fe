import { describe, expect, test } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { checkText, decodeCode, encodeCode, MAX_TEXT_CHARS } from './codec.ts';
import { EXAMPLES } from '../examples/index.ts';

describe('#code links', () => {
  test('every example and non-ASCII text survive the round trip', () => {
    for (const text of [...Object.values(EXAMPLES), 'print "héllo → wörld 🌍"\n']) {
      const hash = encodeCode(text);
      expect(hash).toMatch(/^#code\/[A-Za-z0-9+\-$]+$/);
      expect(decodeCode(hash)).toEqual({ ok: true, text });
    }
  });

  test('other hashes are not links', () => {
    expect(decodeCode('')).toBeNull();
    expect(decodeCode('#example')).toBeNull();
  });

  test('garbage, empty and over-long payloads are reported, never thrown', () => {
    for (const hash of ['#code/', '#code/%%%', '#code/<script>', '#code/!!!!', '#code/' + 'A'.repeat(500_000)]) {
      const r = decodeCode(hash);
      expect(r?.ok, hash.slice(0, 20)).toBe(false);
    }
    for (const junk of ['zzzz', 'garbage-not-lz', 'N4Ig', '$$$$$$$$']) {
      const r = decodeCode('#code/' + junk);
      expect(r === null || r.ok === false || typeof r.text === 'string').toBe(true);
    }
  });

  test('script and markup texts are refused', () => {
    const r = decodeCode('#code/' + compressToEncodedURIComponent('<script>window.__pwned=1</script>'));
    expect(r).toEqual({ ok: false, error: expect.stringContaining('HTML or script') });
    expect(checkText('javascript:alert(1)', 'link')).toMatch(/script/);
    expect(checkText('# <img src=x onerror=alert(1)>', 'link')).toMatch(/HTML/);
  });

  test('binary, broken and huge texts are refused', () => {
    expect(checkText('ring 4\u0000\u0001', 'file')).toMatch(/binary/);
    expect(checkText('bad \ufffd utf-8', 'file')).toMatch(/binary/);
    expect(checkText('lone \ud800 surrogate', 'file')).toMatch(/damaged/);
    expect(checkText('x'.repeat(MAX_TEXT_CHARS + 1), 'file')).toMatch(/too long/);
    expect(checkText('ring 4\r\n\tvar x = 1\n', 'file')).toBeUndefined();
  });
});
