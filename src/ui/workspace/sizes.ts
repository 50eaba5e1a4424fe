// The workspace's track sizes: for each layout the columns' and rows' shares of
// the workspace, in percent (each list sums to 100). Dividers move the boundary
// between two neighbouring tracks; the other tracks keep their size.

/** Column and row shares (percent) of one layout. */
export interface Tracks {
  readonly cols: readonly number[];
  readonly rows: readonly number[];
}

/** Sizes of the two resizable layouts (a maximised pane, a phone and an embed are not resizable). */
export interface PaneSizes {
  readonly normal: Tracks;
  readonly presenter: Tracks;
}

export type ResizableLayout = keyof PaneSizes;
export type Axis = 'cols' | 'rows';

export const DEFAULT_SIZES: PaneSizes = {
  normal: { cols: [34, 36, 30], rows: [58, 42] },
  presenter: { cols: [44, 56], rows: [58, 42] },
};

/** No track gets smaller than this share (percent): a pane dragged small keeps its title readable. */
export const MIN_SHARE = { cols: 14, rows: 20 } as const;
/** One arrow-key press on a divider moves it this far (percent); Page Up/Down ten times as far. */
export const KEY_STEP = 2;

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Moves the boundary after track `index` to `at` (percent of the whole, from the start),
 * kept between its neighbours' minimum sizes.
 */
export function moveBoundary(shares: readonly number[], index: number, at: number, min: number): number[] {
  if (index < 0 || index >= shares.length - 1) return [...shares];
  const before = shares.slice(0, index).reduce((a, b) => a + b, 0);
  const pair = shares[index] + shares[index + 1];
  const lo = before + Math.min(min, pair / 2);
  const hi = before + pair - Math.min(min, pair / 2);
  const to = Math.min(hi, Math.max(lo, at));
  const next = [...shares];
  next[index] = round(to - before);
  next[index + 1] = round(pair - next[index]);
  return next;
}

/** Where the boundary after track `index` is (percent from the start). */
export function boundaryAt(shares: readonly number[], index: number): number {
  return round(shares.slice(0, index + 1).reduce((a, b) => a + b, 0));
}

/** Sizes as stored (localStorage), checked: anything malformed falls back to the defaults, layout by layout. */
export function parseSizes(raw: unknown): PaneSizes {
  const tracks = (value: unknown, fallback: Tracks): Tracks => {
    if (typeof value !== 'object' || value === null) return fallback;
    const { cols, rows } = value as Record<string, unknown>;
    const ok = (list: unknown, like: readonly number[], min: number): list is number[] =>
      Array.isArray(list) &&
      list.length === like.length &&
      list.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= min - 0.05) &&
      Math.abs(list.reduce((a: number, b: number) => a + b, 0) - 100) < 0.5;
    return ok(cols, fallback.cols, MIN_SHARE.cols) && ok(rows, fallback.rows, MIN_SHARE.rows) ? { cols, rows } : fallback;
  };
  const r = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return { normal: tracks(r.normal, DEFAULT_SIZES.normal), presenter: tracks(r.presenter, DEFAULT_SIZES.presenter) };
}
