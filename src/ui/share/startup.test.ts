import { describe, expect, test } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { encodeCode } from './codec.ts';
import { initialSource, titleFor, type LocationLike } from './startup.ts';
import { SOURCE_KEY, type StorageLike } from './storage.ts';

const examples = { hello: 'ring 4\n# hello\n', pipe: 'ring 4\n# pipe\n' };
const at = (search = '', hash = ''): LocationLike => ({ pathname: '/play/', search, hash });
const store = (saved?: string): StorageLike => {
  const m = new Map<string, string>(saved === undefined ? [] : [[SOURCE_KEY, saved]]);
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
};
const throwing: StorageLike = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('SecurityError');
  },
};

describe('initialSource', () => {
  test('a #code link wins over everything', () => {
    const s = initialSource(at('?example=pipe', encodeCode('var x = 1\n')), store('saved'), examples);
    expect(s).toEqual({ text: 'var x = 1\n', exampleName: null, from: 'link', notice: null });
  });

  test('then ?example=', () => {
    expect(initialSource(at('?example=pipe'), store('saved'), examples)).toMatchObject({ text: examples.pipe, exampleName: 'pipe', from: 'example' });
  });

  test('an unknown example gives a notice and hello', () => {
    const s = initialSource(at('?example=%3Cscript%3E'), store('saved'), examples);
    expect(s).toMatchObject({ text: examples.hello, exampleName: 'hello', from: 'default' });
    expect(s.notice).toEqual({ kind: 'error', text: 'There is no example named “<script>”; showing hello instead.' });
    expect(initialSource(at('?example=toString'), null, examples).notice?.text).toContain('toString');
  });

  test('then the saved text, then hello', () => {
    expect(initialSource(at(), store('var y = 2\n'), examples)).toMatchObject({ text: 'var y = 2\n', exampleName: null, from: 'saved' });
    expect(initialSource(at(), store(examples.pipe), examples)).toMatchObject({ exampleName: 'pipe', from: 'saved' });
    expect(initialSource(at(), store(), examples)).toEqual({ text: examples.hello, exampleName: 'hello', from: 'default', notice: null });
    expect(initialSource(at(), throwing, examples).from).toBe('default');
    expect(initialSource(at(), null, examples).from).toBe('default');
  });

  test('a bad link leaves a notice and falls back to the saved text or hello', () => {
    const bad = initialSource(at('', '#code/@@@'), store('var z = 3\n'), examples);
    expect(bad).toMatchObject({ text: 'var z = 3\n', from: 'saved', notice: { kind: 'error' } });
    const script = '#code/' + compressToEncodedURIComponent('<script>window.__pwned=1</script>');
    const s = initialSource(at('', script), store(), examples);
    expect(s).toMatchObject({ text: examples.hello, from: 'default' });
    expect(s.notice?.text).toMatch(/HTML or script/);
  });

  test('a damaged saved text is not restored', () => {
    expect(initialSource(at(), store('\u0000\u0001'), examples)).toMatchObject({ from: 'default', notice: { kind: 'error' } });
  });

  test('titles', () => {
    expect(titleFor('pipe')).toBe('pipe · Syslet Playground');
    expect(titleFor(null)).toBe('Syslet Playground');
  });
});
