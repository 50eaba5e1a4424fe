import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compressToEncodedURIComponent } from 'lz-string';
import { createAutosave } from './autosave.ts';
import { encodeCode } from './codec.ts';
import { keepInHistory } from './history.ts';
import { initialSource, titleFor, type LocationLike } from './startup.ts';
import { SOURCE_KEY, type StorageLike } from './storage.ts';
import { programText } from './texts.test-helpers.ts';

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
  test('a #code link wins over everything; saved work it replaces is set aside, and the notice says so', () => {
    const s = initialSource(at('?example=pipe', encodeCode('var x = 1\n', { event: 3 })), store('saved'), examples);
    expect(s).toMatchObject({ text: 'var x = 1\n', exampleName: null, from: 'link', aside: 'saved', extras: { event: 3 } });
    expect(s.notice).toEqual({ kind: 'info', text: 'Your previous program is not open now. It is kept in “Recover earlier work”.' });
    expect(initialSource(at('', encodeCode('var x = 1\n')), store(), examples)).toMatchObject({ from: 'link', aside: null, notice: null });
  });

  test('a link from before checksums opens, marked unverified', () => {
    const s = initialSource(at('', '#code/' + compressToEncodedURIComponent('var x = 1\n')), store(), examples);
    expect(s).toMatchObject({ text: 'var x = 1\n', from: 'link' });
    expect(s.notice?.text).toMatch(/could not be verified/);
  });

  test('then ?example=', () => {
    expect(initialSource(at('?example=pipe'), store('saved'), examples)).toMatchObject({ text: examples.pipe, exampleName: 'pipe', from: 'example', aside: 'saved' });
    expect(initialSource(at('?example=pipe'), store(examples.hello), examples)).toMatchObject({ from: 'example', aside: null, notice: null });
  });

  test('an unknown example gives a notice and the saved work, else hello', () => {
    const s = initialSource(at('?example=%3Cscript%3E'), store(), examples);
    expect(s).toMatchObject({ text: examples.hello, exampleName: 'hello', from: 'default' });
    expect(s.notice).toEqual({ kind: 'error', text: 'There is no example named “<script>”; showing hello instead.' });
    expect(initialSource(at('?example=toString'), store('mine'), examples)).toMatchObject({ text: 'mine', notice: { text: expect.stringContaining('toString') } });
  });

  test('then this tab’s own work, then the newest saved text, then hello', () => {
    const s = store('newest of any tab');
    keepInHistory(s, { id: 'tab-a:1', time: 1, text: 'tab a’s work' });
    keepInHistory(s, { id: 'tab-b:2', time: 2, text: 'tab b’s work' });
    expect(initialSource(at(), s, examples, { tab: 'tab-a' })).toMatchObject({ text: 'tab a’s work', from: 'saved', resume: 'tab-a:1' });
    expect(initialSource(at(), s, examples, { tab: null })).toMatchObject({ text: 'newest of any tab', from: 'saved', resume: null });
    expect(initialSource(at(), store(examples.pipe), examples)).toMatchObject({ exampleName: 'pipe', from: 'saved' });
    expect(initialSource(at(), store(), examples)).toMatchObject({ text: examples.hello, exampleName: 'hello', from: 'default', notice: null });
    expect(initialSource(at(), throwing, examples).from).toBe('default');
    expect(initialSource(at(), null, examples).from).toBe('default');
  });

  test('a damaged link keeps the saved work open and offers the damaged text', () => {
    const hash = encodeCode('var z = 3\n');
    const damaged = hash.slice(0, -1) + (hash.endsWith('A') ? 'B' : 'A');
    const s = initialSource(at('', damaged), store('var mine = 1\n'), examples);
    expect(s).toMatchObject({ text: 'var mine = 1\n', from: 'saved', notice: { kind: 'error' } });
    expect(s.notice?.text).toMatch(/^This link is damaged \(checksum mismatch\).*Your saved program is open instead\.$/);
    expect(s.notice?.offer?.label).toBe('Open the damaged text anyway');
    const bad = initialSource(at('', '#code/@@@'), store(), examples);
    expect(bad).toMatchObject({ from: 'default', notice: { kind: 'error', text: expect.stringContaining('damaged') } });
  });

  test('a program that may have crashed the page is offered back, not loaded', () => {
    const s = initialSource(at(), store('atom a = …2,000 atoms…\n'), examples, { crashed: true });
    expect(s).toMatchObject({ text: examples.hello, from: 'default', aside: 'atom a = …2,000 atoms…\n' });
    expect(s.notice).toMatchObject({ kind: 'error', offer: { label: 'Open it anyway', text: 'atom a = …2,000 atoms…\n' } });
    expect(s.notice?.text).toMatch(/may have crashed the page last time/);
    const link = initialSource(at('', encodeCode('var big = 1\n')), store(), examples, { crashed: true });
    expect(link).toMatchObject({ from: 'default', aside: 'var big = 1\n' });
    // An unedited example cannot be what crashed it.
    expect(initialSource(at(), store(examples.pipe), examples, { crashed: true })).toMatchObject({ from: 'saved', notice: null });
  });

  test('whatever autosave wrote opens again identical, whatever words and characters it holds', () => {
    fc.assert(
      fc.property(programText.filter((t) => t.trim() !== ''), (text) => {
        const storage = store();
        const autosave = createAutosave({ storage, read: () => text, clearUrl: () => {}, tab: 'tab-a' });
        autosave.schedule();
        autosave.flush();
        expect(initialSource(at(), storage, examples, { tab: 'tab-a' }).text).toBe(text);
        expect(initialSource(at(), storage, examples).text).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  test('titles', () => {
    expect(titleFor('pipe')).toBe('pipe · Syslet Playground');
    expect(titleFor(null)).toBe('Syslet Playground');
  });
});
