// program -> graph: one node per atom, the edges the kernel can take between
// them (SPEC §2 step 6) and the data flow through `ret` vars, placed top to
// bottom by dagre. Pure: no React, no store; AtomGraph.tsx renders the result.
import dagre from '@dagrejs/dagre';
import type { Edge, Node } from '@xyflow/react';
import { atoms, type AtomDecl, type Program } from '../../lang/ast.ts';
import { syscallByName } from '../../../engine-wasm/host/syscalls.ts';

export const STOP_FLAGS = ['SYSLET_STOP_ON_NONZERO', 'SYSLET_STOP_ON_ZERO', 'SYSLET_STOP_ON_NEGATIVE', 'SYSLET_STOP_ON_NON_POSITIVE'];
export const SKIP_FLAG = 'SYSLET_SKIP_TO_NEXT_ON_STOP';

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
  /** Position in memory order (0 = first atom written). */
  readonly index: number;
}

export type EndKind = 'end' | 'past';
export interface EndNodeData extends Record<string, unknown> {
  readonly kind: EndKind;
  readonly label: string;
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
}

/** Short names for chips: SYSLET_STOP_ON_NON_POSITIVE -> STOP_ON_NON_POSITIVE, the skip flag -> SKIP. */
export function flagLabel(flag: string): string {
  if (flag === SKIP_FLAG) return 'SKIP';
  return flag.startsWith('SYSLET_') ? flag.slice('SYSLET_'.length) : flag;
}

export function flagTone(flag: string): 'stop' | 'skip' | 'mode' | 'quiet' {
  if (STOP_FLAGS.includes(flag)) return 'stop';
  if (flag === SKIP_FLAG) return 'skip';
  if (flag === 'SYSLET_NO_COMPLETE') return 'quiet';
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

export function atomHeight(a: Pick<AtomNodeData, 'flags' | 'syscall' | 'args'>): number {
  const rows = chipRows(a.flags);
  return HEADER_H + (callRows(a).length + 1) * ROW_H + rows * CHIP_ROW_H + PAD_H;
}

const stops = (a: AtomDecl) => a.flags.some((f) => STOP_FLAGS.includes(f.name));
const skips = (a: AtomDecl) => a.flags.some((f) => f.name === SKIP_FLAG);

/** Nodes and edges without positions; `layoutGraph` places them. */
export function buildGraph(program: Program): Graph {
  const list = atoms(program);
  const index = new Map(list.map((a, i) => [a.name.name, i]));
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const end = (id: string, kind: EndKind, label: string) => {
    if (!nodes.some((n) => n.id === id)) nodes.push({ id, type: 'end', position: { x: 0, y: 0 }, data: { kind, label }, deletable: false, connectable: false });
  };
  list.forEach((a, i) => {
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
      index: i,
    };
    nodes.push({ id: name, type: 'atom', position: { x: 0, y: 0 }, data });

    const target = a.next && index.has(a.next.name) ? a.next.name : undefined;
    if (target !== undefined) {
      const back = (index.get(target) ?? 0) <= i;
      edges.push(back
        ? { id: `next:${name}`, source: name, sourceHandle: 'loop-out', target, targetHandle: 'loop-in', type: 'loop', label: target === name ? 'next: itself' : 'next: back', data: { kind: 'back' } }
        : { id: `next:${name}`, source: name, sourceHandle: 'next', target, targetHandle: 'in', data: { kind: 'next' } });
    } else {
      end(`end:${name}`, 'end', 'end');
      edges.push({ id: `done:${name}`, source: name, sourceHandle: 'next', target: `end:${name}`, targetHandle: 'in', deletable: false, data: { kind: 'done' } });
    }
    if (stops(a) && skips(a)) {
      const after = list[i + 1]?.name.name;
      const to = after ?? `past:${name}`;
      if (!after) end(to, 'past', 'past the last atom!');
      edges.push({ id: `skip:${name}`, source: name, sourceHandle: 'skip', target: to, targetHandle: 'in', deletable: false, label: 'on stop: skip', data: { kind: 'skip' } });
    } else if (stops(a)) {
      end(`end:${name}`, 'end', 'end');
      edges.push({ id: `stop:${name}`, source: name, sourceHandle: 'skip', target: `end:${name}`, targetHandle: 'in', deletable: false, label: 'on stop: end', data: { kind: 'stop' } });
    }
  });
  for (const a of list) {
    if (!a.ret) continue;
    const v = a.ret.name;
    for (const b of list) {
      if (b === a || !b.args.some((x) => x.name === v)) continue;
      edges.push({ id: `data:${a.name.name}:${b.name.name}:${v}`, source: a.name.name, sourceHandle: 'data-out', target: b.name.name, targetHandle: 'data-in', deletable: false, label: v, data: { kind: 'data' } });
    }
  }
  return { nodes, edges };
}

const PACK_GAP = 44;

/**
 * Separate syslets (unconnected parts of the graph) side by side would shrink
 * everything to fit the pane; instead they wrap into rows about two atoms wide,
 * so a batch of independent atoms stays readable on a projector.
 */
function packComponents(nodes: GraphNode[], links: readonly (readonly [string, string])[]): GraphNode[] {
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
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
    const left = Math.min(...ns.map((n) => n.position.x));
    const top = Math.min(...ns.map((n) => n.position.y));
    const right = Math.max(...ns.map((n) => n.position.x + size(n).width));
    const bottom = Math.max(...ns.map((n) => n.position.y + size(n).height));
    return { ns, left, top, width: right - left, height: bottom - top };
  });
  parts.sort((a, b) => a.left - b.left);
  const rowWidth = Math.max(2 * NODE_W + PACK_GAP, ...parts.map((c) => c.width));
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
 * Positions from dagre, top to bottom. Only edges that go forward in memory
 * order rank the nodes, so a chain reads downwards and loops stand out as
 * back edges drawn on a rail right of everything they pass.
 */
export function layoutGraph(g: Graph): Graph {
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
  const nodes = packComponents(placed, d.edges().map((e) => [e.v, e.w] as const));
  const box = new Map(nodes.map((n) => [n.id, { ...n.position, ...size(n) }]));
  const edges = g.edges.map((e) => {
    if (e.data?.kind !== 'back') return e;
    const a = box.get(e.source);
    const b = box.get(e.target);
    if (!a || !b) return e;
    const top = Math.min(a.y, b.y);
    const bottom = Math.max(a.y + a.height, b.y + b.height);
    let right = Math.max(a.x + a.width, b.x + b.width);
    for (const r of box.values()) if (r.y < bottom && r.y + r.height > top) right = Math.max(right, r.x + r.width);
    return { ...e, data: { ...e.data, railX: right + 30 } };
  });
  return { nodes, edges };
}
