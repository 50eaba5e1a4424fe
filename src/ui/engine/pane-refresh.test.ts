import { describe, expect, test } from 'vitest';
import { PaneRefresh } from './pane-refresh.ts';

describe('PaneRefresh', () => {
  test('while a run goes on, at most one group a frame, each once its copy is old enough, in turn', () => {
    const r = new PaneRefresh(['a', 'b', 'c']);
    r.all(0);
    expect(r.due(100, 500)).toBeNull();
    // All three are due at 500 ms: one a frame, in turn.
    expect([r.due(500, 500), r.due(516, 500), r.due(532, 500), r.due(548, 500)]).toEqual(['a', 'b', 'c', null]);
    // Each comes back 500 ms after its own refresh, so they stay a frame apart.
    expect(r.due(1000, 500)).toBe('a');
    expect(r.due(1010, 500)).toBeNull();
    expect(r.due(1016, 500)).toBe('b');
  });

  test('catching up hands out the groups still behind, in turn, then says none is', () => {
    const r = new PaneRefresh(['a', 'b', 'c']);
    const behind = new Set(['a', 'c']);
    const take = () => {
      const g = r.next(0, (x) => behind.has(x));
      if (g) behind.delete(g);
      return g;
    };
    expect([take(), take(), take()]).toEqual(['a', 'c', null]);
  });

  test('a group refreshed by catching up is not due again until its time', () => {
    const r = new PaneRefresh(['a', 'b']);
    r.all(0);
    expect(r.next(400, (g) => g === 'b')).toBe('b');
    expect(r.due(500, 500)).toBe('a');
    expect(r.due(516, 500)).toBeNull();
    expect(r.due(900, 500)).toBe('b');
  });
});
