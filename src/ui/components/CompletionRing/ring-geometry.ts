// Geometry of the circular ring view: slot centres on a circle, slot size
// from the slot count, cursor-hand angles. Positions are percentages of the
// square ring box, angles in degrees clockwise from 12 o'clock.

/** Rings with more slots than this are drawn as a compact grid. */
export const CIRCLE_MAX_SLOTS = 32;

/** Radius of the slot circle, in % of the box width. */
export function slotRadius(entries: number): number {
  return entries > 16 ? 41 : entries > 8 ? 39 : 37;
}

/** Side of one slot as a fraction of the box width. */
export function slotSize(entries: number): number {
  const arc = (2 * Math.PI * slotRadius(entries)) / Math.max(entries, 1) / 100;
  return Math.min(0.2, arc * (entries > 16 ? 0.86 : 0.8));
}

export function slotAngle(index: number, entries: number): number {
  return (360 * index) / Math.max(entries, 1);
}

/** Centre of a slot: left/top in % of the box. */
export function slotCentre(index: number, entries: number): { left: number; top: number } {
  const a = (slotAngle(index, entries) * Math.PI) / 180;
  const r = slotRadius(entries);
  return { left: 50 + r * Math.sin(a), top: 50 - r * Math.cos(a) };
}

/** The angle equivalent to `target` (mod 360) nearest to `from`, so a hand turns the short way. */
export function nearestTurn(from: number, target: number): number {
  const delta = ((((target - from) % 360) + 540) % 360) - 180;
  return Math.abs(delta) < 1e-6 ? from : from + delta;
}

/** Rough sizes of the hand tags, in % of the box width (their font is 3.6% of it). */
export const TAG_SIZE = { both: { w: 28, h: 6 }, kernel: { w: 17, h: 6 }, user: { w: 13, h: 6 } } as const;

/**
 * Distance from the hub of a hand's tag centre, in % of the box: `at` along
 * the hand, pulled in when the hand lies sideways, so that the upright tag
 * (w × h) ends before `limit` (where the slots begin) instead of under a slot.
 */
export function tagDistance(angle: number, at: number, limit: number, size: { readonly w: number; readonly h: number }): number {
  const a = (angle * Math.PI) / 180;
  const extent = Math.abs(Math.sin(a)) * (size.w / 2) + Math.abs(Math.cos(a)) * (size.h / 2);
  return Math.max(0, Math.min(at, limit - extent));
}
