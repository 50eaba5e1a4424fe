import { describe, expect, test } from 'vitest';
import { boundaryAt, DEFAULT_SIZES, MIN_SHARE, moveBoundary, parseSizes } from './sizes.ts';
import { nextZoom, parseZoom, ZOOM_STEPS } from './zoom.ts';
import { embedAreas, gridFor } from './grid.ts';
import { readView } from './view-storage.ts';
import { VIEW_KEY } from '../share/storage.ts';

describe('pane sizes', () => {
  test('moving a boundary changes only its two tracks and keeps the sum', () => {
    const moved = moveBoundary([34, 36, 30], 0, 50, MIN_SHARE.cols);
    expect(moved).toEqual([50, 20, 30]);
    expect(boundaryAt(moved, 0)).toBe(50);
    expect(boundaryAt(moved, 1)).toBe(70);
  });
  test('a boundary stops at its neighbours’ minimum', () => {
    expect(moveBoundary([34, 36, 30], 0, 90, 14)).toEqual([56, 14, 30]);
    expect(moveBoundary([34, 36, 30], 1, 0, 14)).toEqual([34, 14, 52]);
    expect(moveBoundary([58, 42], 0, -20, 20)).toEqual([20, 80]);
  });
  test('stored sizes are checked layout by layout', () => {
    const presenter = { cols: [50, 50], rows: [60, 40] };
    expect(parseSizes({ normal: { cols: [1, 2], rows: [50, 50] }, presenter })).toEqual({ normal: DEFAULT_SIZES.normal, presenter });
    expect(parseSizes({ normal: { cols: [30, 30, 30], rows: [50, 50] } }).normal).toEqual(DEFAULT_SIZES.normal); // sum 90
    expect(parseSizes({ normal: { cols: [5, 65, 30], rows: [50, 50] } }).normal).toEqual(DEFAULT_SIZES.normal); // below the minimum
    expect(parseSizes('junk')).toEqual(DEFAULT_SIZES);
  });
});

describe('zoom', () => {
  test('steps up and down and stays at the ends', () => {
    expect(nextZoom(1, 1)).toBe(1.1);
    expect(nextZoom(1.1, 1)).toBe(1.25);
    expect(nextZoom(1, -1)).toBe(0.9);
    expect(nextZoom(ZOOM_STEPS[0], -1)).toBe(ZOOM_STEPS[0]);
    expect(nextZoom(2, 1)).toBe(2);
  });
  test('a stored zoom must be one of the steps', () => {
    expect(parseZoom(1.25)).toBe(1.25);
    expect(parseZoom(1.3)).toBe(1);
    expect(parseZoom('2')).toBe(1);
  });
  test('the saved view is read field by field', () => {
    const storage = { getItem: (k: string) => (k === VIEW_KEY ? '{"zoom":1.5,"presenter":"yes"}' : null), setItem() {} };
    expect(readView(storage)).toEqual({ zoom: 1.5, presenter: false, paneSizes: DEFAULT_SIZES });
    expect(readView({ getItem: () => '{not json', setItem() {} })).toEqual({ zoom: 1, presenter: false, paneSizes: DEFAULT_SIZES });
  });
});

describe('workspace grid', () => {
  const base = { surface: 'desktop' as const, presenter: false, maximised: null, sizes: DEFAULT_SIZES };
  test('normal layout: six panes, gutters between, two column dividers and one row divider', () => {
    const g = gridFor(base);
    expect(g.areas).toBe('"editor . graph . ring" ". . . . ." "console . threads . inspect"');
    expect(g.columns).toBe('minmax(0, 34fr) 10px minmax(0, 36fr) 10px minmax(0, 30fr)');
    expect(g.shown.size).toBe(6);
    expect(g.dividers.map((d) => [d.axis, d.index, d.gridRow, d.gridColumn])).toEqual([
      ['cols', 0, '1 / 4', '2 / 3'],
      ['cols', 1, '1 / 4', '4 / 5'],
      ['rows', 0, '2 / 3', '1 / 6'],
    ]);
  });
  test('presenter layout: the ring spans both rows; the row divider only splits threads from graph', () => {
    const g = gridFor({ ...base, presenter: true });
    expect(g.areas).toBe('"ring . threads" "ring . ." "ring . graph"');
    expect([...g.shown].sort()).toEqual(['graph', 'ring', 'threads']);
    expect(g.dividers.map((d) => [d.axis, d.gridRow, d.gridColumn])).toEqual([
      ['cols', '1 / 4', '2 / 3'],
      ['rows', '2 / 3', '3 / 4'],
    ]);
    expect(g.resizable).toBe('presenter');
  });
  test('a maximised pane is alone and not resizable, in either layout', () => {
    for (const presenter of [false, true]) {
      const g = gridFor({ ...base, presenter, maximised: 'editor' });
      expect([...g.shown]).toEqual(['editor']);
      expect(g.dividers).toEqual([]);
      expect(g.resizable).toBeNull();
    }
  });
  test('a phone shows one pane (the ring until another is chosen)', () => {
    expect([...gridFor({ ...base, surface: 'phone' }).shown]).toEqual(['ring']);
    expect([...gridFor({ ...base, surface: 'phone', maximised: 'console' }).shown]).toEqual(['console']);
  });
  test('an embed shows its panes, in rows of up to three', () => {
    expect(embedAreas(['ring', 'threads'])).toEqual([['ring', 'threads']]);
    expect(embedAreas(['ring', 'threads', 'graph', 'console'])).toEqual([
      ['ring', 'threads'],
      ['graph', 'console'],
    ]);
    expect(embedAreas(['ring', 'threads', 'graph', 'console', 'editor'])).toEqual([
      ['ring', 'threads', 'graph'],
      ['console', 'editor', 'editor'],
    ]);
    const g = gridFor({ ...base, surface: 'embed', embedPanes: ['graph', 'ring'] });
    expect(g.areas).toBe('"graph . ring"');
    expect(g.dividers).toEqual([]);
    // Maximising a pane the embed does not show changes nothing.
    expect([...gridFor({ ...base, surface: 'embed', embedPanes: ['graph', 'ring'], maximised: 'editor' }).shown]).toEqual(['graph', 'ring']);
  });
});
