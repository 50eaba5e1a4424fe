// The workspace's CSS grid for each layout: which panes are shown, where, and
// the dividers between them. Panes are named by their grid areas (App.tsx's
// PANES, theme.css); between every two tracks runs a DIVIDER_PX gutter track, in
// which a divider sits where the panes on either side differ.
import { PANE_IDS, type PaneId } from '../store/index.ts';
import type { Axis, PaneSizes, ResizableLayout } from './sizes.ts';

/** The panes' places: rows of grid areas. A pane named in two neighbouring cells spans them. */
export const AREAS: Record<ResizableLayout, readonly (readonly PaneId[])[]> = {
  normal: [
    ['editor', 'graph', 'ring'],
    ['console', 'threads', 'inspect'],
  ],
  // Presenter: the ring tall on the left (a circle wants a square), threads and graph on the right.
  presenter: [
    ['ring', 'threads'],
    ['ring', 'graph'],
  ],
};

/** The panes as their titles name them (dividers' and buttons' accessible names). */
export const PANE_NAMES: Record<PaneId, string> = {
  editor: 'Editor',
  console: 'Console',
  graph: 'Atom graph',
  threads: 'Threads',
  ring: 'Completion ring',
  inspect: 'Inspector',
};

/** The pane a phone shows while none is chosen. */
export const PHONE_DEFAULT: PaneId = 'ring';

export const DIVIDER_PX = 10;

export interface Divider {
  readonly axis: Axis;
  /** The boundary after this track. */
  readonly index: number;
  readonly gridRow: string;
  readonly gridColumn: string;
  readonly label: string;
}

export interface Grid {
  readonly columns: string;
  readonly rows: string;
  readonly areas: string;
  readonly shown: ReadonlySet<PaneId>;
  readonly dividers: readonly Divider[];
  /** Whose sizes the dividers change; null when the grid is not resizable. */
  readonly resizable: ResizableLayout | null;
}

export type Surface = 'desktop' | 'phone' | 'embed';

export interface GridInput {
  readonly surface: Surface;
  readonly presenter: boolean;
  readonly maximised: PaneId | null;
  readonly sizes: PaneSizes;
  /** An embed's panes, in order. */
  readonly embedPanes?: readonly PaneId[];
}

/** An embed's panes in rows: up to three side by side, then two rows (the last pane of an odd five spans two cells). */
export function embedAreas(panes: readonly PaneId[]): PaneId[][] {
  const list = panes.length > 0 ? [...panes] : [PHONE_DEFAULT];
  if (list.length <= 3) return [list];
  if (list.length === 4) return [list.slice(0, 2), list.slice(2)];
  const second = list.slice(3);
  while (second.length < 3) second.push(second[second.length - 1]);
  return [list.slice(0, 3), second];
}

const even = (n: number) => Array.from({ length: n }, () => 100 / n);
const track = (shares: readonly number[]) => shares.map((s) => `minmax(0, ${s}fr)`).join(` ${DIVIDER_PX}px `);

function template(matrix: readonly (readonly PaneId[])[], cols: readonly number[], rows: readonly number[], resizable: ResizableLayout | null): Grid {
  const r = matrix.length;
  const c = matrix[0].length;
  const at = (i: number, j: number) => matrix[i][j];
  const lines: string[] = [];
  for (let R = 0; R < 2 * r - 1; R++) {
    const cells: string[] = [];
    for (let C = 0; C < 2 * c - 1; C++) {
      const i = R >> 1;
      const j = C >> 1;
      const near = [at(i, j), ...(C % 2 ? [at(i, j + 1)] : []), ...(R % 2 ? [at(i + 1, j)] : []), ...(R % 2 && C % 2 ? [at(i + 1, j + 1)] : [])];
      cells.push(near.every((n) => n === near[0]) ? near[0] : '.');
    }
    lines.push(`"${cells.join(' ')}"`);
  }
  const dividers: Divider[] = [];
  if (resizable) {
    const names = (list: PaneId[]) => [...new Set(list)].map((p) => PANE_NAMES[p]).join(', ');
    for (let k = 0; k < c - 1; k++) {
      const differ = matrix.map((row, i) => (row[k] !== row[k + 1] ? i : -1)).filter((i) => i >= 0);
      if (differ.length === 0) continue;
      const label = `Resize columns: ${names(matrix.map((row) => row[k]))} | ${names(matrix.map((row) => row[k + 1]))}`;
      dividers.push({ axis: 'cols', index: k, gridColumn: `${2 * k + 2} / ${2 * k + 3}`, gridRow: `${2 * differ[0] + 1} / ${2 * differ[differ.length - 1] + 2}`, label });
    }
    for (let k = 0; k < r - 1; k++) {
      const differ = matrix[k].map((p, j) => (p !== matrix[k + 1][j] ? j : -1)).filter((j) => j >= 0);
      if (differ.length === 0) continue;
      const above = differ.map((j) => matrix[k][j]);
      const below = differ.map((j) => matrix[k + 1][j]);
      const label = `Resize rows: ${names(above)} | ${names(below)}`;
      dividers.push({ axis: 'rows', index: k, gridRow: `${2 * k + 2} / ${2 * k + 3}`, gridColumn: `${2 * differ[0] + 1} / ${2 * differ[differ.length - 1] + 2}`, label });
    }
  }
  return {
    columns: track(cols),
    rows: track(rows),
    areas: lines.join(' '),
    shown: new Set(matrix.flat()),
    dividers,
    resizable,
  };
}

/** The grid for the page as it stands. */
export function gridFor({ surface, presenter, maximised, sizes, embedPanes = [] }: GridInput): Grid {
  const single = (p: PaneId) => template([[p]], [100], [100], null);
  if (surface === 'phone') return single(maximised ?? PHONE_DEFAULT);
  if (surface === 'embed') {
    if (maximised && embedPanes.includes(maximised)) return single(maximised);
    const matrix = embedAreas(embedPanes);
    return template(matrix, even(matrix[0].length), even(matrix.length), null);
  }
  if (maximised && PANE_IDS.includes(maximised)) return single(maximised);
  const layout: ResizableLayout = presenter ? 'presenter' : 'normal';
  return template(AREAS[layout], sizes[layout].cols, sizes[layout].rows, layout);
}
