import { describe, expect, test } from 'vitest';
import { FramePacer } from './pacer.ts';

/** Feeds frames at the given intervals; returns the share after each. */
function feed(p: FramePacer, intervals: number[], start = 1000): number[] {
  let t = start;
  p.frame(t);
  return intervals.map((dt) => p.frame((t += dt)));
}

describe('frame pacer', () => {
  test('a late frame shrinks the kernel share at once, down to the minimum', () => {
    const p = new FramePacer({ minMs: 1, maxMs: 8, startMs: 4 });
    expect(feed(p, [16.7, 33.4])).toEqual([4, 3]);
    expect(feed(p, [50, 50, 50, 50, 50, 50]).at(-1)).toBe(1);
  });

  test('frames on time grow it slowly, up to the maximum', () => {
    const p = new FramePacer({ minMs: 1, maxMs: 3, startMs: 2 });
    const shares = feed(p, new Array(80).fill(16.7));
    expect(shares[6]).toBe(2); // 7 frames on time: not yet
    expect(shares[7]).toBe(2.25); // the 8th grows it
    expect(Math.max(...shares)).toBe(3);
  });

  test('the display period is learned: on a 120 Hz display a 16.7 ms frame is late', () => {
    const p = new FramePacer({ minMs: 1, maxMs: 8, startMs: 4 });
    expect(feed(p, [8.3, 8.3, 16.7])).toEqual([4, 4, 3]);
  });

  test('the first frame after a pause is not judged by the time paused', () => {
    const p = new FramePacer({ minMs: 1, maxMs: 8, startMs: 4 });
    feed(p, [16.7, 16.7]);
    p.pause();
    expect(feed(p, [16.7], 60_000)).toEqual([4]);
    expect(p.budgetMs).toBe(4);
  });

  test('the first frame of a run gets no more than the starting share; the grown share comes back next frame', () => {
    const p = new FramePacer({ minMs: 1, maxMs: 8, startMs: 2 });
    const grown = feed(p, new Array(40).fill(16.7)).at(-1)!;
    expect(grown).toBeGreaterThan(2);
    p.pause();
    expect(p.frame(100_000)).toBe(2);
    expect(p.frame(100_016.7)).toBe(grown);
  });
});
