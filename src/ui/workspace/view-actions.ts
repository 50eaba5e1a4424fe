// The layout actions, shared by the buttons, the View menu and the keys.
import { useStore, type PaneId } from '../store/index.ts';
import { DEFAULT_SIZES, KEY_STEP, MIN_SHARE, moveBoundary, type Axis, type ResizableLayout } from './sizes.ts';
import { DEFAULT_ZOOM, nextZoom } from './zoom.ts';

/** Maximises the pane, or restores the layout when it is the one maximised. */
export function toggleMaximised(pane: PaneId): void {
  useStore.setState((s) => ({ maximised: s.maximised === pane ? null : pane }));
}

export function restorePanes(): void {
  useStore.setState({ maximised: null });
}

export function togglePresenter(): void {
  useStore.setState((s) => ({ presenter: !s.presenter }));
}

export function zoomBy(dir: 1 | -1): void {
  useStore.setState((s) => ({ zoom: nextZoom(s.zoom, dir) }));
}

export function resetZoom(): void {
  useStore.setState({ zoom: DEFAULT_ZOOM });
}

/** Moves the boundary after track `index` of the layout to `at` percent. */
export function setBoundary(layout: ResizableLayout, axis: Axis, index: number, at: number): void {
  useStore.setState((s) => {
    const tracks = s.paneSizes[layout];
    const moved = moveBoundary(tracks[axis], index, at, MIN_SHARE[axis]);
    if (moved.every((v, i) => v === tracks[axis][i])) return {};
    return { paneSizes: { ...s.paneSizes, [layout]: { ...tracks, [axis]: moved } } };
  });
}

/** One keyboard step of a divider (steps of KEY_STEP percent, negative towards the start). */
export function nudgeBoundary(layout: ResizableLayout, axis: Axis, index: number, steps: number): void {
  const shares = useStore.getState().paneSizes[layout][axis];
  const at = shares.slice(0, index + 1).reduce((a, b) => a + b, 0);
  setBoundary(layout, axis, index, at + steps * KEY_STEP);
}

export function resetSizes(): void {
  useStore.setState({ paneSizes: DEFAULT_SIZES });
}
