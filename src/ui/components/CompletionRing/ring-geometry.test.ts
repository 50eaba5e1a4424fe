import { describe, expect, test } from 'vitest';
import { slotCentre, slotRadius, slotSize, tagDistance, TAG_SIZE } from './ring-geometry.ts';

describe('ring geometry', () => {
  test('slots sit on the circle, slot 0 at 12 o\'clock, clockwise', () => {
    expect(slotCentre(0, 8)).toEqual({ left: 50, top: 50 - slotRadius(8) });
    const c2 = slotCentre(2, 8);
    expect(c2.left).toBeCloseTo(50 + slotRadius(8));
    expect(c2.top).toBeCloseTo(50);
  });

  test('a tag on a hand pointing sideways ends before the slots begin', () => {
    for (const n of [4, 8, 16, 32]) {
      const reach = slotRadius(n) - (slotSize(n) * 100) / 2 - 2.5;
      for (const angle of [90, 270, 450, 45]) {
        const d = tagDistance(angle, reach * 0.62, reach, TAG_SIZE.both);
        const a = (angle * Math.PI) / 180;
        const farEdge = d + Math.abs(Math.sin(a)) * (TAG_SIZE.both.w / 2) + Math.abs(Math.cos(a)) * (TAG_SIZE.both.h / 2);
        expect(farEdge).toBeLessThanOrEqual(reach + 1e-9);
      }
    }
  });

  test('a tag on an upright hand keeps its place along the hand', () => {
    const reach = 24.5;
    expect(tagDistance(0, reach * 0.62, reach, TAG_SIZE.both)).toBeCloseTo(reach * 0.62);
    expect(tagDistance(180, reach * 0.62, reach, TAG_SIZE.both)).toBeCloseTo(reach * 0.62);
  });
});
