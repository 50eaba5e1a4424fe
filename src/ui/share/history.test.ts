import { expect, test } from 'vitest';
import { firstLine, keepInHistory, MAX_ENTRIES, newestOfTab, readHistory } from './history.ts';
import { HISTORY_KEY, type StorageLike } from './storage.ts';

const memory = (limit = Infinity) => {
  const m = new Map<string, string>();
  const storage: StorageLike = {
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => {
      if (v.length > limit) throw new Error('QuotaExceededError');
      m.set(k, v);
    },
  };
  return { m, storage };
};

test('keeps the newest entries, replacing by id and dropping older copies of a text', () => {
  const { storage } = memory();
  for (let i = 0; i < MAX_ENTRIES + 3; i++) keepInHistory(storage, { id: `t:${i}`, time: i, text: `program ${i}` });
  const list = readHistory(storage);
  expect(list).toHaveLength(MAX_ENTRIES);
  expect(list[0]).toEqual({ id: `t:${MAX_ENTRIES + 2}`, time: MAX_ENTRIES + 2, text: `program ${MAX_ENTRIES + 2}` });
  keepInHistory(storage, { id: 't:100', time: 100, text: 'program 14' });
  expect(readHistory(storage).filter((e) => e.text === 'program 14').map((e) => e.id)).toEqual(['t:100']);
  expect(newestOfTab(readHistory(storage), 't')?.id).toBe('t:100');
  expect(newestOfTab(readHistory(storage), 'u')).toBeUndefined();
});

test('a full storage drops the oldest entries first; blank texts are not kept', () => {
  const { storage } = memory(300);
  for (let i = 0; i < 5; i++) expect(keepInHistory(storage, { id: `t:${i}`, time: i, text: 'x'.repeat(60) + i })).toBe(true);
  expect(readHistory(storage).map((e) => e.time)[0]).toBe(4);
  expect(readHistory(storage).length).toBeLessThan(5);
  expect(keepInHistory(storage, { id: 'big', time: 9, text: 'y'.repeat(400) })).toBe(false);
  expect(keepInHistory(storage, { id: 'blank', time: 9, text: ' \n' })).toBe(false);
});

test('a damaged history reads as empty', () => {
  const { m, storage } = memory();
  m.set(HISTORY_KEY, '{not json');
  expect(readHistory(storage)).toEqual([]);
  m.set(HISTORY_KEY, JSON.stringify([{ id: 1 }, { id: 'a', time: 1, text: 't' }]));
  expect(readHistory(storage)).toEqual([{ id: 'a', time: 1, text: 't' }]);
});

test('firstLine names a program by its first line with something on it', () => {
  expect(firstLine('\n\n  # my ring\nring 4\n')).toBe('# my ring');
  expect(firstLine('')).toBe('(empty)');
  expect(firstLine('x'.repeat(80))).toBe('x'.repeat(60) + '…');
});
