import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createAutosave } from './autosave.ts';
import { SOURCE_KEY, type StorageLike } from './storage.ts';
import { exampleUrl, plainUrl, shareUrl } from './address.ts';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

function setup() {
  const saved = new Map<string, string>();
  const storage: StorageLike = { getItem: (k) => saved.get(k) ?? null, setItem: (k, v) => void saved.set(k, v) };
  const clearUrl = vi.fn();
  return { saved, clearUrl, autosave: createAutosave({ storage, clearUrl }) };
}

test('saves the last text 500 ms after the last change', () => {
  const { saved, autosave } = setup();
  autosave.schedule('a');
  vi.advanceTimersByTime(300);
  autosave.schedule('ab');
  vi.advanceTimersByTime(499);
  expect(saved.get(SOURCE_KEY)).toBeUndefined();
  vi.advanceTimersByTime(1);
  expect(saved.get(SOURCE_KEY)).toBe('ab');
});

test('flush saves at once', () => {
  const { saved, autosave } = setup();
  autosave.schedule('x');
  autosave.flush();
  expect(saved.get(SOURCE_KEY)).toBe('x');
});

test('the URL is cleared once the text differs from what it stands for', () => {
  const { clearUrl, autosave } = setup();
  autosave.setUrlText('example');
  autosave.schedule('example');
  expect(clearUrl).not.toHaveBeenCalled();
  autosave.schedule('example edited');
  autosave.schedule('example edited more');
  expect(clearUrl).toHaveBeenCalledTimes(1);
});

test('a storage that throws costs only the copy', () => {
  const storage: StorageLike = {
    getItem: () => null,
    setItem: () => {
      throw new Error('QuotaExceededError');
    },
  };
  const autosave = createAutosave({ storage, clearUrl: () => {} });
  autosave.schedule('x');
  expect(() => vi.advanceTimersByTime(500)).not.toThrow();
});

test('addresses', () => {
  const loc = { pathname: '/p/', search: '?example=pipe', hash: '#code/abc' };
  expect(plainUrl(loc)).toBe('/p/');
  expect(exampleUrl(loc, 'full-ring')).toBe('/p/?example=full-ring');
  expect(shareUrl(loc, 'x')).toMatch(/^\/p\/#code\//);
});
