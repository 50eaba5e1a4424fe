import { describe, expect, test } from 'vitest';
import { clearLoading, isCrashMarker, LIVE_LOAD_MS, setLoading } from './loading-marker.ts';
import { LOADING_KEY, type StorageLike } from './storage.ts';

function memory(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('the loading marker', () => {
  test('no marker, or a cleared one, is no crash', () => {
    expect(isCrashMarker(null, null, 1000)).toBe(false);
    expect(isCrashMarker('0', 'tab-a', 1000)).toBe(false);
  });

  test('the marker of this very tab, reloaded after a crash, is a crash however fresh', () => {
    const s = memory();
    setLoading(s, 'tab-a', 5000);
    expect(isCrashMarker(s.getItem(LOADING_KEY), 'tab-a', 5001)).toBe(true);
  });

  test("another tab's fresh marker is that tab still loading; once it has stood LIVE_LOAD_MS it is a crash", () => {
    const s = memory();
    setLoading(s, 'tab-a', 5000);
    const raw = s.getItem(LOADING_KEY);
    expect(isCrashMarker(raw, null, 5000 + 300)).toBe(false);
    expect(isCrashMarker(raw, 'tab-b', 5000 + LIVE_LOAD_MS - 1)).toBe(false);
    expect(isCrashMarker(raw, null, 5000 + LIVE_LOAD_MS)).toBe(true);
    // A clock set back since: the marker's age is unknown, so it counts as old.
    expect(isCrashMarker(raw, null, 4000)).toBe(true);
  });

  test('the old "1" and a damaged marker count as a crash (offering the program back loses nothing)', () => {
    expect(isCrashMarker('1', null, 0)).toBe(true);
    expect(isCrashMarker('{"tab":', null, 0)).toBe(true);
    expect(isCrashMarker('{"tab":1,"at":"x"}', null, 0)).toBe(true);
  });

  test('a tab clears its own marker, not one another tab set since', () => {
    const s = memory();
    setLoading(s, 'tab-a', 1);
    setLoading(s, 'tab-b', 2);
    clearLoading(s, 'tab-a');
    expect(isCrashMarker(s.getItem(LOADING_KEY), null, 3 + LIVE_LOAD_MS)).toBe(true);
    clearLoading(s, 'tab-b');
    expect(s.getItem(LOADING_KEY)).toBe('0');
  });
});
