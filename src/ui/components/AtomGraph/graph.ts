// program -> graph: one node per atom, the edges the kernel can take between
// them (SPEC §2 step 6) and the data flow through `ret` vars, placed top to
// bottom by dagre. Pure: no React, no store; AtomGraph.tsx renders the result.
import dagre from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';
import { atoms, type AtomDecl, type FaultSpec, type Program } from '../../lang/ast.ts';
import { syscallByName } from '../../../engine-wasm/host/syscalls.ts';
import * as F from '../../../engine-wasm/abi/flags.ts';

/** Flag name by its SYSLET_* value (the ABI's, so a renumbered flag keeps its name). */
export const FLAG_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(F as Record<string, number>)
    .filter(([n, v]) => n.startsWith('SYSLET_') && v !== F.SYSLET_STOP_MASK)
    .map(([n, v]) => [v, n]),
);
/** The flag's value, or undefined for an unknown name. */
export function flagValue(name: string): number | undefined {
  for (const [v, n] of FLAG_NAMES) if (n === name) return v;
  return undefined;
}
/** The stop flags: the ones inside SYSLET_STOP_MASK, in bit order. */
export const STOP_FLAGS: readonly string[] = [...FLAG_NAMES].filter(([v]) => (v & F.SYSLET_STOP_MASK) !== 0).sort((a, b) => a[0] - b[0]).map(([, n]) => n);
export const SKIP_FLAG = FLAG_NAMES.get(F.SYSLET_SKIP_TO_NEXT_ON_STOP)!;

/** Whether an atom with these flags stops the syslet on result `r` (the kernel's step 5 of a walk). */
export function stopsOn(flags: readonly string[], r: number): boolean {
  let bits = 0;
  for (const f of flags) bits |= flagValue(f) ?? 0;
  return (
    ((bits & F.SYSLET_STOP_ON_NONZERO) !== 0 && r !== 0) ||
    ((bits & F.SYSLET_STOP_ON_ZERO) !== 0 && r === 0) ||
    ((bits & F.SYSLET_STOP_ON_NEGATIVE) !== 0 && r < 0) ||
    ((bits & F.SYSLET_STOP_ON_NON_POSITIVE) !== 0 && r <= 0)
  );
}

/** Sizes shared with graph.css: a node is NODE_W wide; its height grows with its rows. */
export const NODE_W = 240;
const HEADER_H = 40;
const ROW_H = 26;
const CHIP_ROW_H = 28;
const PAD_H = 14;
const END_W = 88;
const END_H = 28;
/** Chip widths as graph.css draws them: 11.5px mono (~7px a char), 14px padding, 4px gap, 220px a row. */
const CHIP_CHAR_W = 7;
const CHIP_PAD_W = 18;
const CHIP_ROW_W = NODE_W - 20;

export interface AtomNodeData extends Record<string, unknown> {
  readonly name: string;
  readonly syscall: string;
  /** Var names passed by address, in order. */
  readonly args: readonly string[];
  /** The syscall's parameter names for those args (for the tooltip). */
  readonly params: readonly string[];
  readonly ret?: string;
  readonly flags: readonly string[];
  readonly next?: string;
  /** The injected fault (`fault …` clause), if the atom has one. */
  readonly fault?: { readonly spec: FaultSpec; readonly nth?: number };
  /** Position in memory order (0 = first atom written). */
  readonly index: number;
}

export type EndKind = 'end' | 'past' | 'more';
export interface EndNodeData extends Record<string, unknown> {
  readonly kind: EndKind;
  readonly label: string;
  /** A summary node ('more'): which side of the drawn window it stands for, and the atoms it holds. */
  readonly side?: 'before' | 'after';
  readonly atoms?: ReadonlySet<string>;
}

export type AtomNode = Node<AtomNodeData, 'atom'>;
export type EndNode = Node<EndNodeData, 'end'>;
export type GraphNode = AtomNode | EndNode;

export type EdgeKind = 'next' | 'back' | 'skip' | 'stop' | 'done' | 'data';
export interface GraphEdgeData extends Record<string, unknown> {
  readonly kind: EdgeKind;
  /** For back edges and self-loops: the x the loop's vertical rail runs at (flow coordinates). */
  readonly railX?: number;
}
export type GraphEdge = Edge<GraphEdgeData>;

export interface Graph {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
  /** Atoms of the program not drawn (outside the window of MAX_DRAWN_ATOMS in memory order). */
  readonly hidden?: number;
  /** With atoms hidden: the index (memory order) of the first atom drawn, and how many the program has. */
  readonly from?: number;
  readonly total?: number;
  /** True when the graph was too big for the layered layout and got the simple grid. */
  readonly simple?: boolean;
}

/** Up to this many atoms dagre lays out the graph; more get a simple grid (dagre recurses per node). */
export const DAGRE_MAX_ATOMS = 60;
/** Atoms drawn at most; the rest are summed up in one node (nobody reads thousands of nodes). */
export const MAX_DRAWN_ATOMS = 200;

/** Short names for chips: SYSLET_STOP_ON_NON_POSITIVE -> STOP_ON_NON_POSITIVE, the skip flag -> SKIP. */
export function flagLabel(flag: string): string {
  if (flagValue(flag) === F.SYSLET_SKIP_TO_NEXT_ON_STOP) return 'SKIP';
  return flag.startsWith('SYSLET_') ? flag.slice('SYSLET_'.length) : flag;
}

export function flagTone(flag: string): 'stop' | 'skip' | 'mode' | 'quiet' {
  const v = flagValue(flag) ?? 0;
  if ((v & F.SYSLET_STOP_MASK) !== 0) return 'stop';
  if (v === F.SYSLET_SKIP_TO_NEXT_ON_STOP) return 'skip';
  if (v === F.SYSLET_NO_COMPLETE) return 'quiet';
  return 'mode';
}

/** Rows the flag chips wrap into. */
export function chipRows(flags: readonly string[]): number {
  let rows = 0;
  let used = CHIP_ROW_W;
  for (const f of flags) {
    const w = CHIP_PAD_W + CHIP_CHAR_W * flagLabel(f).length;
    if (used + w > CHIP_ROW_W) {
      rows++;
      used = 0;
    }
    used += w + 4;
  }
  return rows;
}

/** Characters a call row holds: 14px mono (~8.4px a char) in NODE_W less 12px padding each side. */
const CALL_CHARS = 25;
/** Continuation rows start with this many spaces. */
export const CALL_INDENT = 4;

/**
 * The call `syscall(a, b, c)` split into rows at argument boundaries, so a
 * long call wraps instead of being cut off: each row lists its arguments' indices.
 */
export function callRows(a: Pick<AtomNodeData, 'syscall' | 'args'>): number[][] {
  const rows: number[][] = [[]];
  let len = a.syscall.length + 1; // "syscall("
  a.args.forEach((arg, i) => {
    const piece = arg.length + 1; // "arg," or "arg)"
    const row = rows[rows.length - 1];
    // Wrap before an argument that does not fit (also the first, when the syscall's name is long).
    if ((row.length > 0 || rows.length === 1) && len + (row.length > 0 ? 1 : 0) + piece > CALL_CHARS) {
      rows.push([i]);
      len = CALL_INDENT + piece;
    } else {
      row.push(i);
      len += (row.length > 1 ? 1 : 0) + piece;
    }
  });
  return rows;
}

export function atomHeight(a: Pick<AtomNodeData, 'flags' | 'syscall' | 'args' | 'fault'>): number {
  const rows = chipRows(a.flags);
  return HEADER_H + (callRows(a).length + 1 + (a.fault ? 1 : 0)) * ROW_H + rows * CHIP_ROW_H + PAD_H;
}

const stops = (a: AtomDecl) => a.flags.some((f) => STOP_FLAGS.includes(f.name));
const skips = (a: AtomDecl) => a.flags.some((f) => f.name === SKIP_FLAG);

/** What the graph shows of a program's atoms: a key that is equal for programs drawn alike (a comment or a driver line changed). */
export function atomsKey(program: Program): string {
  return JSON.stringify(atoms(program).map((a) => [a.name.name, a.syscall.name, a.args.map((x) => x.name), a.ret?.name, a.flags.map((f) => f.name), a.next?.name, a.fault?.spec, a.fault?.nth]));
}

let cached: { key: string; from: number; graph: Graph } | null = null;
/**
 * The laid-out graph for the window from `from`; the one built last when the program's atoms
 * are drawn alike, so typing in a big program's driver or comments rebuilds no graph.
 */
export function graphFor(program: Program, from: number, finish: (g: Graph) => Graph): Graph {
  const key = atomsKey(program);
  if (cached && cached.key === key && cached.from === from) return cached.graph;
  const graph = finish(layoutGraph(buildGraph(program, MAX_DRAWN_ATOMS, from)));
  cached = { key, from, graph };
  return graph;
}

/** The summary nodes of a windowed graph: the atoms before the window, and after it. */
export const BEFORE = 'more:before';
export const MORE = 'more:atoms';

/** Where a window of `size` atoms starts so that it holds atom `at`, of `total` (the start clamped to the program). */
export function windowStart(at: number, total: number, size = MAX_DRAWN_ATOMS): number {
  return Math.max(0, Math.min(at - Math.floor(size / 4), total - size));
}

/**
 * Nodes and edges without positions; `layoutGraph` places them. Linear in the program's size.
 * A program of more than `maxAtoms` atoms is drawn as a window of that many, from atom `from`
 * in memory order; the atoms before and after it are one summary node each.
 */
export function buildGraph(program: Program, maxAtoms = MAX_DRAWN_ATOMS, from = 0): Graph {
  // With errors in the text a name can be declared twice: the first declaration is the node.
  const seen = new Set<string>();
  const all = atoms(program).filter((a) => !seen.has(a.name.name) && !!seen.add(a.name.name));
  const start = all.length > maxAtoms ? Math.max(0, Math.min(from, all.length - maxAtoms)) : 0;
  const list = all.length > maxAtoms ? all.slice(start, start + maxAtoms) : all;
  const hidden = all.length - list.length;
  const after = all.length - start - list.length;
  const index = new Map<string, number>();
  all.forEach((a, i) => index.set(a.name.name, i));
  const inWindow = (i: number) => i >= start && i < start + list.length;
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ends = new Set<string>();
  const end = (id: string, kind: EndKind, label: string) => {
    if (ends.has(id)) return;
    ends.add(id);
    nodes.push({ id, type: 'end', position: { x: 0, y: 0 }, data: { kind, label }, deletable: false, connectable: false });
  };
  const summary = (side: 'before' | 'after') => {
    const id = side === 'before' ? BEFORE : MORE;
    if (ends.has(id)) return id;
    ends.add(id);
    const names = new Set((side === 'before' ? all.slice(0, start) : all.slice(start + list.length)).map((a) => a.name.name));
    const n = names.size.toLocaleString('en-US');
    const label = side === 'before' ? `${n} earlier atom${names.size === 1 ? '' : 's'}` : `${n} more atom${names.size === 1 ? '' : 's'}`;
    nodes.push({ id, type: 'end', position: { x: 0, y: 0 }, data: { kind: 'more', label, side, atoms: names }, deletable: false, connectable: false });
    return id;
  };
  // The window's neighbours are always shown, so the way to them is there even when no edge leads out.
  if (start > 0) summary('before');
  if (after > 0) summary('after');
  list.forEach((a, k) => {
    const i = start + k;
    const name = a.name.name;
    const params = syscallByName(a.syscall.name)?.params ?? [];
    const data: AtomNodeData = {
      name,
      syscall: a.syscall.name,
      args: a.args.map((x) => x.name),
      params: params.slice(0, a.args.length),
      ret: a.ret?.name,
      flags: a.flags.map((f) => f.name),
      next: a.next?.name,
      ...(a.fault ? { fault: { spec: a.fault.spec, ...(a.fault.nth !== undefined ? { nth: a.fault.nth } : {}) } } : {}),
      index: i,
    };
    nodes.push({ id: name, type: 'atom', position: { x: 0, y: 0 }, data });

    const at = a.next ? index.get(a.next.name) : undefined;
    if (at !== undefined && !inWindow(at)) {
      const to = summary(at < start ? 'before' : 'after');
      edges.push({ id: `next:${name}`, source: name, sourceHandle: 'next', target: to, targetHandle: 'in', deletable: false, label: `next: ${a.next!.name}`, data: { kind: 'next' } });
    } else if (at !== undefined) {
      const target = a.next!.name;
      const back = at <= i;
      edges.push(back
        ? { id: `next:${name}`, source: name, sourceHandle: 'loop-out', target, targetHandle: 'loop-in', type: 'loop', label: target === name ? 'next: itself' : 'next: back', data: { kind: 'back' } }
        : { id: `next:${name}`, source: name, sourceHandle: 'next', target, targetHandle: 'in', data: { kind: 'next' } });
    } else {
      end(`end:${name}`, 'end', 'end');
      edges.push({ id: `done:${name}`, source: name, sourceHandle: 'next', target: `end:${name}`, targetHandle: 'in', deletable: false, data: { kind: 'done' } });
    }
    if (stops(a) && skips(a)) {
      const next = all[i + 1]?.name.name;
      let to = next ?? `past:${name}`;
      if (!next) end(to, 'past', 'past the last atom!');
      else if (!inWindow(i + 1)) to = summary('after');
      edges.push({ id: `skip:${name}`, source: name, sourceHandle: 'skip', target: to, targetHandle: 'in', deletable: false, label: 'on stop: skip', data: { kind: 'skip' } });
    } else if (stops(a)) {
      end(`end:${name}`, 'end', 'end');
      edges.push({ id: `stop:${name}`, source: name, sourceHandle: 'skip', target: `end:${name}`, targetHandle: 'in', deletable: false, label: 'on stop: end', data: { kind: 'stop' } });
    }
  });
  // Data flow: the atoms that pass a var by address read what an atom's `ret` stored there.
  const readers = new Map<string, AtomDecl[]>();
  for (const b of list) {
    for (const x of new Set(b.args.map((y) => y.name))) {
      const r = readers.get(x);
      if (r) r.push(b);
      else readers.set(x, [b]);
    }
  }
  for (const a of list) {
    if (!a.ret) continue;
    const v = a.ret.name;
    for (const b of readers.get(v) ?? []) {
      if (b === a) continue;
      edges.push({ id: `data:${a.name.name}:${b.name.name}:${v}`, source: a.name.name, sourceHandle: 'data-out', target: b.name.name, targetHandle: 'data-in', deletable: false, label: v, data: { kind: 'data' } });
    }
  }
  return hidden > 0 ? { nodes, edges, hidden, from: start, total: all.length } : { nodes, edges };
}

const PACK_GAP = 44;

/**
 * Separate syslets (unconnected parts of the graph) side by side would shrink
 * everything to fit the pane; instead they wrap into rows about two atoms wide,
 * so a batch of independent atoms stays readable on a projector.
 */
function packComponents(nodes: GraphNode[], links: readonly (readonly [string, string])[]): GraphNode[] {
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  // Iterative, with path compression: a long chain must not overflow the stack.
  const find = (x: string): string => {
    let r = x;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r)!;
    for (let y = x; y !== r; ) {
      const up = parent.get(y)!;
      parent.set(y, r);
      y = up;
    }
    return r;
  };
  for (const [a, b] of links) parent.set(find(a), find(b));
  const groups = new Map<string, GraphNode[]>();
  for (const n of nodes) {
    const r = find(n.id);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(n);
  }
  if (groups.size < 3) return nodes;
  const parts = [...groups.values()].map((ns) => {
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    for (const n of ns) {
      const s = size(n);
      left = Math.min(left, n.position.x);
      top = Math.min(top, n.position.y);
      right = Math.max(right, n.position.x + s.width);
      bottom = Math.max(bottom, n.position.y + s.height);
    }
    return { ns, left, top, width: right - left, height: bottom - top };
  });
  parts.sort((a, b) => a.left - b.left);
  let rowWidth = 2 * NODE_W + PACK_GAP;
  for (const c of parts) rowWidth = Math.max(rowWidth, c.width);
  const moved = new Map<string, { x: number; y: number }>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const c of parts) {
    if (x > 0 && x + c.width > rowWidth) {
      x = 0;
      y += rowHeight + PACK_GAP;
      rowHeight = 0;
    }
    for (const n of c.ns) moved.set(n.id, { x: n.position.x - c.left + x, y: n.position.y - c.top + y });
    x += c.width + PACK_GAP;
    rowHeight = Math.max(rowHeight, c.height);
  }
  return nodes.map((n) => ({ ...n, position: moved.get(n.id) ?? n.position }) as GraphNode);
}

const size = (n: GraphNode) => (n.type === 'atom' ? { width: NODE_W, height: atomHeight(n.data) } : { width: END_W, height: END_H });

/**
 * Positions for a graph too big for dagre: atoms in memory order down columns
 * (reading order), each end marker right of its atom, the "more atoms" node
 * under the last one. Deterministic and linear.
 */
function gridLayout(g: Graph): GraphNode[] {
  const list = g.nodes.filter((n): n is AtomNode => n.type === 'atom');
  const perColumn = Math.max(8, Math.ceil(Math.sqrt(list.length * 2)));
  const columnW = NODE_W + END_W + 3 * PACK_GAP;
  const pos = new Map<string, { x: number; y: number }>();
  let y = 0;
  let last = { x: 0, y: 0 };
  list.forEach((n, i) => {
    if (i % perColumn === 0) y = 0;
    const x = Math.floor(i / perColumn) * columnW;
    pos.set(n.id, { x, y });
    pos.set(`end:${n.id}`, { x: x + NODE_W + 24, y: y + 6 });
    pos.set(`past:${n.id}`, { x: x + NODE_W + 24, y: y + END_H + 12 });
    last = { x, y: y + atomHeight(n.data) + PACK_GAP };
    y = last.y;
  });
  // The earlier atoms' summary stands above the first column.
  pos.set(BEFORE, { x: 0, y: -(END_H + PACK_GAP) });
  return g.nodes.map((n) => ({ ...n, position: pos.get(n.id) ?? last }) as GraphNode);
}

function dagreLayout(g: Graph): GraphNode[] {
  const d = new dagre.graphlib.Graph({ multigraph: true });
  d.setGraph({ rankdir: 'TB', nodesep: 44, ranksep: 38, marginx: 10, marginy: 10 });
  d.setDefaultEdgeLabel(() => ({}));
  for (const n of g.nodes) d.setNode(n.id, size(n));
  for (const e of g.edges) {
    const kind = e.data?.kind;
    if (kind === 'back' || kind === 'data') continue;
    d.setEdge(e.source, e.target, { weight: kind === 'next' ? 2 : 1, minlen: 1 }, e.id);
  }
  dagre.layout(d);
  const placed = g.nodes.map((n) => {
    const p = d.node(n.id);
    const s = size(n);
    return { ...n, position: { x: Math.round(p.x - s.width / 2), y: Math.round(p.y - s.height / 2) } } as GraphNode;
  });
  return packComponents(placed, d.edges().map((e) => [e.v, e.w] as const));
}

/**
 * Positions from dagre, top to bottom. Only edges that go forward in memory
 * order rank the nodes, so a chain reads downwards and loops stand out as
 * back edges drawn on a rail right of everything they pass. A graph of more
 * than DAGRE_MAX_ATOMS atoms gets the simple grid instead (`simple` is set).
 */
export function layoutGraph(g: Graph): Graph {
  const simple = g.nodes.filter((n) => n.type === 'atom').length > DAGRE_MAX_ATOMS;
  const nodes = simple ? gridLayout(g) : dagreLayout(g);
  const box = new Map(nodes.map((n) => [n.id, { ...n.position, ...size(n) }]));
  const edges = g.edges.map((e) => {
    if (e.data?.kind !== 'back') return e;
    const a = box.get(e.source);
    const b = box.get(e.target);
    if (!a || !b) return e;
    const top = Math.min(a.y, b.y);
    const bottom = Math.max(a.y + a.height, b.y + b.height);
    const left = Math.min(a.x, b.x);
    let right = Math.max(a.x + a.width, b.x + b.width);
    // Only what stands in the rail's way: nodes beside the loop's span (in the grid, in its own column).
    for (const r of box.values()) if (r.y < bottom && r.y + r.height > top && (!simple || (r.x >= left && r.x < right + END_W + 24))) right = Math.max(right, r.x + r.width);
    return { ...e, data: { ...e.data, railX: right + 30 } };
  });
  return { ...g, nodes, edges, ...(simple ? { simple } : {}) };
}
