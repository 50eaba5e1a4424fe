// Looks for the built graph: edge classes (graph.css colours them with the
// theme's variables), arrow markers and which edges can be selected.
import { MarkerType, type EdgeMarker } from '@xyflow/react';
import { BEFORE, MORE, type EdgeKind, type Graph, type GraphEdge } from './graph.ts';

const COLOUR: Record<EdgeKind, string> = {
  next: 'var(--accent)',
  back: 'var(--accent)',
  skip: 'var(--warn)',
  stop: 'var(--bad)',
  done: 'var(--muted)',
  data: 'var(--user)',
};

const arrow = (kind: EdgeKind): EdgeMarker | undefined =>
  kind === 'data' ? undefined : { type: MarkerType.ArrowClosed, color: COLOUR[kind], width: 18, height: 18 };

export function decorate(g: Graph): Graph {
  const edges = g.edges.map((e): GraphEdge => {
    const kind = e.data?.kind ?? 'next';
    const editable = kind === 'next' || kind === 'back';
    return {
      ...e,
      className: `edge-${kind}`,
      markerEnd: arrow(kind),
      selectable: editable,
      focusable: editable,
      // Only a next can be dragged to another atom (or off, to clear it); the rest follow from flags and order.
      reconnectable: editable && e.target !== MORE && e.target !== BEFORE ? 'target' : false,
      labelShowBg: true,
      labelBgPadding: [6, 3],
      labelBgBorderRadius: 4,
      zIndex: kind === 'data' ? 0 : 1,
      ariaLabel: kind === 'data' ? `${e.source} feeds ${e.label} to ${e.target}` : `${e.source} ${e.label ?? 'then'} ${e.target}`,
    };
  });
  return { ...g, edges };
}
