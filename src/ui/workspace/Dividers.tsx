// The dividers between the workspace's panes: drag one, or focus it (Tab) and
// use the arrow keys (Page Up/Down for big steps, Home/End for the limits).
// Sizes are kept in the store and saved across reloads (view-storage.ts).
import type { KeyboardEvent, PointerEvent } from 'react';
import { useStore } from '../store/index.ts';
import { boundaryAt, MIN_SHARE, type ResizableLayout } from './sizes.ts';
import { DIVIDER_PX, type Divider } from './grid.ts';
import { nudgeBoundary, setBoundary } from './view-actions.ts';

interface Props {
  readonly layout: ResizableLayout;
  readonly dividers: readonly Divider[];
}

/** The pointer's place along the axis as a percentage of the tracks (the gutters left out). */
function percentAt(workspace: HTMLElement, d: Divider, e: PointerEvent, tracks: number): number {
  const box = workspace.getBoundingClientRect();
  const style = getComputedStyle(workspace);
  const cols = d.axis === 'cols';
  const start = (cols ? box.left + parseFloat(style.paddingLeft) : box.top + parseFloat(style.paddingTop)) + d.index * DIVIDER_PX + DIVIDER_PX / 2;
  const inner = cols ? box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) : box.height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  const room = inner - (tracks - 1) * DIVIDER_PX;
  return (((cols ? e.clientX : e.clientY) - start) / room) * 100;
}

export function Dividers({ layout, dividers }: Props) {
  const sizes = useStore((s) => s.paneSizes[layout]);
  return dividers.map((d) => {
    const shares = sizes[d.axis];
    const at = boundaryAt(shares, d.index);
    const before = at - shares[d.index];
    const after = at + shares[d.index + 1];
    const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      const el = e.currentTarget;
      el.setPointerCapture(e.pointerId);
      el.focus();
      const move = (ev: PointerEvent) => setBoundary(layout, d.axis, d.index, percentAt(el.parentElement!, d, ev, shares.length));
      el.onpointermove = (ev) => move(ev as unknown as PointerEvent);
      el.onpointerup = el.onpointercancel = () => {
        el.onpointermove = el.onpointerup = el.onpointercancel = null;
      };
    };
    const onKeyDown = (e: KeyboardEvent) => {
      const back = d.axis === 'cols' ? 'ArrowLeft' : 'ArrowUp';
      const fwd = d.axis === 'cols' ? 'ArrowRight' : 'ArrowDown';
      const steps: Record<string, number> = { [back]: -1, [fwd]: 1, PageUp: -10, PageDown: 10, Home: -100, End: 100 };
      if (!(e.key in steps) || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      nudgeBoundary(layout, d.axis, d.index, steps[e.key]);
    };
    return (
      <div
        key={`${d.axis}-${d.index}`}
        className={`divider divider-${d.axis}`}
        role="separator"
        tabIndex={0}
        aria-label={d.label}
        aria-orientation={d.axis === 'cols' ? 'vertical' : 'horizontal'}
        aria-valuenow={Math.round(at)}
        aria-valuemin={Math.round(before + MIN_SHARE[d.axis])}
        aria-valuemax={Math.round(after - MIN_SHARE[d.axis])}
        aria-valuetext={`${Math.round(shares[d.index])} % | ${Math.round(shares[d.index + 1])} %`}
        title="Drag, or focus and use the arrow keys, to resize"
        data-testid={`divider-${d.axis}-${d.index}`}
        style={{ gridRow: d.gridRow, gridColumn: d.gridColumn }}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
    );
  });
}
