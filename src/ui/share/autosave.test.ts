import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createAutosave, type AutosaveDeps } from './autosave.ts';
import { readHistory } from './history.ts';
import { SOURCE_KEY, type StorageLike } from './storage.ts';
import { exampleUrl, plainUrl, shareUrl } from './address.ts';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function memory(): { saved: Map<string, string>; storage: StorageLike } {
  const saved = new Map<string, string>();
  return { saved, storage: { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) } };
}

function setup(extra: Partial<AutosaveDeps> = {}) {
  const { saved, storage } = memory();
  const doc = { text: '' };
  const clearUrl = vi.fn();
  let clock = 1000;
  const autosave = createAutosave({ storage, clearUrl, read: () => doc.text, tab: 'tab-a', now: () => clock++, ...extra });
  const type = (text: string) => {
    doc.text = text;
    autosave.schedule();
  };
  return { saved, storage, clearUrl, autosave, doc, type };
}

test('saves the newest text 500 ms after the last change', () => {
  const { saved, type } = setup();
  type('a');
  vi.advanceTimersByTime(300);
  type('ab');
  vi.advanceTimersByTime(499);
  expect(saved.get(SOURCE_KEY)).toBeUndefined();
  vi.advanceTimersByTime(1);
  expect(saved.get(SOURCE_KEY)).toBe('ab');
});

test('flush saves at once, and reads the text as it is then', () => {
  const { saved, autosave, doc, type } = setup();
  type('x');
  doc.text = 'xy';
  autosave.flush();
  expect(saved.get(SOURCE_KEY)).toBe('xy');
});

test('the text the page started with is never written over saved work', () => {
  const { saved, autosave, doc } = setup();
  saved.set(SOURCE_KEY, 'my work');
  doc.text = 'hello';
  autosave.setBaseline('hello');
  autosave.schedule();
  autosave.flush();
  expect(saved.get(SOURCE_KEY)).toBe('my work');
});

test('each tab keeps its own history entry; a new version starts a new one', () => {
  const { storage, autosave, type } = setup();
  type('first');
  autosave.flush();
  type('first, edited');
  autosave.flush();
  expect(readHistory(storage).map((e) => e.text)).toEqual(['first, edited']);
  autosave.newVersion();
  type('second');
  autosave.flush();
  const other = createAutosave({ storage, clearUrl: () => {}, read: () => 'other tab', tab: 'tab-b', now: () => 5000 });
  other.schedule();
  other.flush();
  expect(readHistory(storage).map((e) => [e.id.split(':')[0], e.text])).toEqual([
    ['tab-b', 'other tab'],
    ['tab-a', 'second'],
    ['tab-a', 'first, edited'],
  ]);
});

test('shipped examples get no history entry', () => {
  const { storage, autosave, type } = setup({ shipped: new Set(['ring 4\n']) });
  type('ring 4\n');
  autosave.flush();
  expect(readHistory(storage)).toEqual([]);
});

test('the URL is cleared once the text differs from what it stands for', () => {
  const { clearUrl, autosave, type } = setup();
  autosave.setUrlText('example');
  type('example');
  expect(clearUrl).not.toHaveBeenCalled();
  type('example edited');
  type('example edited more');
  expect(clearUrl).toHaveBeenCalledTimes(1);
});

test('a storage that throws costs only the copy', () => {
  const storage: StorageLike = {
    getItem: () => null,
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
  };
  const autosave = createAutosave({ storage, clearUrl: () => {}, read: () => 'x', tab: 't' });
  autosave.schedule();
  expect(() => vi.advanceTimersByTime(500)).not.toThrow();
});

test('addresses', () => {
  const loc = { pathname: '/p/', search: '?example=pipe', hash: '#code/abc' };
  expect(plainUrl(loc)).toBe('/p/');
  expect(exampleUrl(loc, 'full-ring')).toBe('/p/?example=full-ring');
  expect(shareUrl(loc, 'x')).toMatch(/^\/p\/#code\/v1\.[0-9a-f]{8}\./);
});
