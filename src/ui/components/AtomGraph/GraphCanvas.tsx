import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Background, Controls, Panel, ReactFlow, ReactFlowProvider, applyEdgeChanges, applyNodeChanges, getNodesBounds, useReactFlow,
  type Connection, type EdgeChange, type IsValidConnection, type NodeChange,
} from '@xyflow/react';
import { useStore } from '../../store/index.ts';
import { DAGRE_MAX_ATOMS, type AtomNode as AtomNodeType, type Graph, type GraphEdge, type GraphNode } from './graph.ts';
import { AtomNode } from './AtomNode.tsx';
import { EndNode } from './EndNode.tsx';
import { LoopEdge } from './LoopEdge.tsx';
import type { Names } from './AtomEditor.tsx';
import { DeleteConfirm } from './DeleteConfirm.tsx';
import { GraphActionsContext, type GraphActions } from './context.ts';
import { clearNext, connectNext, deleteAtoms, usesOf } from './actions.ts';
import { deriveLive, takenEdgeId, type AtomBadge } from './live.ts';
import { BadgeBoard } from './badge-board.ts';
import type { Use } from './textedits.ts';

/** The node editor (its forms) loads when an atom is first edited: the page's first load stays small. */
const AtomEditor = lazy(() => import('./AtomEditor.tsx').then((m) => ({ default: m.AtomEditor })));

const nodeTypes = { atom: AtomNode, end: EndNode };
const edgeTypes = { loop: LoopEdge };
/*
 * xyflow listens for its key codes on the whole document and calls
 * preventDefault on matches, which would swallow Space, Delete and Backspace
 * typed into Monaco (its input is not a textarea). So every xyflow key code is
 * off, and Delete / Enter are handled here, only for focus inside the graph.
 */
const NO_KEYS = { deleteKeyCode: null, selectionKeyCode: null, multiSelectionKeyCode: null, panActivationKeyCode: null, zoomActivationKeyCode: null } as const;
/** Below this zoom the text is not readable: a bigger graph is shown from its top and panned. */
const MIN_FIT_ZOOM = 0.5;
const FIT = { padding: 0.06, maxZoom: 1.1, minZoom: MIN_FIT_ZOOM } as const;

interface Props {
  graph: Graph;
  editable: boolean;
  names: Names;
  /** Moves a big program's window of atoms (the summary nodes' buttons). */
  onPage?: (side: 'before' | 'after') => void;
}
const NO_PAGE = () => {};

/** Where the nodes are: a key that changes when the layout moves them (atoms added, chained, reordered), not when one atom's flags change. */
const layoutKey = (g: Graph) => g.nodes.map((n) => `${n.id}@${n.position.x},${n.position.y}`).join(' ');

/** Badges by name and the taken edge's id, from the store's snapshot. */
function useLive(graph: Graph): { badges: ReadonlyMap<string, AtomBadge>; taken?: string; complete: boolean } {
  const snap = useStore((s) => s.shown.graph);
  const lay = useStore((s) => s.layout);
  return useMemo(() => {
    if (!snap || !lay) return { badges: new Map(), complete: true };
    // The window still starts at the run's first event: an atom without a record there has not run.
    const complete = snap.narration.length === 0 || snap.narration[0].event <= 1;
    const names = lay.names.atoms;
    const live = deriveLive(snap.narration, snap.threads, snap.events);
    const badges = new Map<string, AtomBadge>();
    for (const [addr, b] of live.badges) {
      const name = names.get(addr);
      if (name) badges.set(name, b);
    }
    const name = live.taken && names.get(live.taken.atom);
    const node = name ? graph.nodes.find((n): n is AtomNodeType => n.type === 'atom' && n.id === name) : undefined;
    return { badges, taken: node && live.taken ? takenEdgeId(node.data.name, live.taken.then) : undefined, complete };
  }, [snap, lay, graph]);
}

type Side = 'top-left' | 'top-right';

/** The editor opens on the side of the canvas away from the atom, so the atom stays in view. */
function sideAwayFrom(name: string, flow: HTMLElement | null): Side {
  const node = flow?.querySelector(`.react-flow__node[data-id="${CSS.escape(name)}"]`);
  if (!flow || !node) return 'top-right';
  const a = node.getBoundingClientRect();
  const b = flow.getBoundingClientRect();
  return a.left + a.width / 2 > b.left + b.width / 2 ? 'top-left' : 'top-right';
}

/** Keeps what the user selected (by id) when the graph is rebuilt from a new program. */
function carrySelection<T extends { id: string; selected?: boolean }>(fresh: T[], old: T[]): T[] {
  const picked = new Set(old.filter((n) => n.selected).map((n) => n.id));
  return picked.size ? fresh.map((n) => (picked.has(n.id) ? { ...n, selected: true } : n)) : fresh;
}

function Canvas({ graph, editable, names, onPage = NO_PAGE }: Props) {
  const flowRef = useRef<HTMLDivElement>(null);
  const [confirm, setConfirm] = useState<{ names: string[]; uses: Use[] } | null>(null);
  const [editing, setEditingState] = useState<{ name: string; side: Side } | null>(null);
  const setEditing = useCallback((name: string | null) => {
    setEditingState(name ? { name, side: sideAwayFrom(name, flowRef.current) } : null);
  }, []);
  const theme = useStore((s) => s.theme);
  const { fitView, getViewport, setViewport } = useReactFlow();
  const live = useLive(graph);
  const [board] = useState(() => new BadgeBoard());
  // Before paint: the nodes whose badge changed re-render, the others stay as they are.
  useLayoutEffect(() => board.set(live.badges, live.complete), [board, live.badges, live.complete]);
  const [shown, setShown] = useState({ graph, taken: live.taken });
  const [nodes, setNodes] = useState<GraphNode[]>(graph.nodes);
  const [edges, setEdges] = useState<GraphEdge[]>(graph.edges);
  if (shown.graph !== graph || shown.taken !== live.taken) {
    setShown({ graph, taken: live.taken });
    if (shown.graph !== graph) setNodes(carrySelection(graph.nodes, nodes));
    const taken = (e: GraphEdge): GraphEdge =>
      e.id === live.taken
        ? { ...e, className: `${e.className ?? ''} is-taken`, zIndex: 2, markerEnd: typeof e.markerEnd === 'object' ? { ...e.markerEnd, color: 'var(--ok)' } : e.markerEnd }
        : e;
    setEdges(carrySelection(graph.edges.map(taken), edges));
  }

  // Fit the graph to the pane; one too big to read at MIN_FIT_ZOOM is shown from its top left, to pan from there.
  const fit = useCallback(() => {
    const el = flowRef.current;
    void fitView(FIT).then(() => {
      const { zoom } = getViewport();
      if (!el || zoom > MIN_FIT_ZOOM + 1e-3) return;
      const b = getNodesBounds(graph.nodes);
      const free = el.clientWidth - b.width * zoom;
      void setViewport({ x: (free > 0 ? free / 2 : 16) - b.x * zoom, y: 16 - b.y * zoom, zoom });
    });
  }, [fitView, getViewport, setViewport, graph]);
  const key = layoutKey(graph);
  useEffect(() => {
    fit();
    // Re-fit when the layout moves nodes, not on every edit of one atom.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const latestFit = useRef(fit);
  useLayoutEffect(() => {
    latestFit.current = fit;
  });
  useEffect(() => {
    const el = flowRef.current;
    if (!el) return;
    let frame = 0;
    // The observer's first report is the size it starts from; sizes come from its entries, so
    // nothing here forces a layout of the page (reading clientWidth in an effect did, mid-commit).
    let size = '';
    const seen = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1].contentRect;
      const now = `${Math.round(box.width)}x${Math.round(box.height)}`;
      const first = size === '';
      if (now === size) return;
      size = now;
      if (first) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => latestFit.current());
    });
    seen.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      seen.disconnect();
    };
  }, []);

  // Removals go through the text; the graph follows the program that results.
  const onNodesChange = useCallback(
    (changes: NodeChange<GraphNode>[]) => setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns)),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<GraphEdge>[]) => setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), es)),
    [],
  );
  /** Deletes the atoms, asking first when the driver or other atoms use them. */
  const removeAtoms = useCallback(
    (atoms: string[]) => {
      const uses = usesOf(atoms);
      if (uses.length) return setConfirm({ names: atoms, uses });
      deleteAtoms(atoms, false);
      if (editing && atoms.includes(editing.name)) setEditing(null);
    },
    [editing, setEditing],
  );
  const onConfirm = (choice: 'with-uses' | 'atom-only' | 'cancel') => {
    const asked = confirm;
    setConfirm(null);
    if (!asked || choice === 'cancel') return flowRef.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(asked?.names[0] ?? '')}"]`)?.focus();
    deleteAtoms(asked.names, choice === 'with-uses');
    if (editing && asked.names.includes(editing.name)) setEditing(null);
  };
  const onDelete = useCallback(
    (gone: GraphNode[], cut: GraphEdge[]) => {
      const atoms = gone.filter((n) => n.type === 'atom').map((n) => n.id);
      if (atoms.length) return removeAtoms(atoms);
      clearNext(cut.filter((e) => e.data?.kind === 'next' || e.data?.kind === 'back').map((e) => e.source));
    },
    [removeAtoms],
  );
  const isAtom = useCallback((id: string) => graph.nodes.some((n) => n.type === 'atom' && n.id === id), [graph]);
  const onConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle !== 'next') return;
      if (c.target.startsWith('end:')) connectNext(c.source, undefined);
      else if (isAtom(c.target)) connectNext(c.source, c.target);
    },
    [isAtom],
  );
  const isValidConnection: IsValidConnection = useCallback(
    (c) => editable && (c.sourceHandle === 'next' || c.sourceHandle === 'loop-out') && (c.targetHandle === 'in' || c.targetHandle === 'loop-in' || c.targetHandle === null) && (isAtom(c.target) || c.target === `end:${c.source}`),
    [editable, isAtom],
  );
  // Reconnect: drag a next edge's arrow head to another atom; dropped on nothing, the next is cleared.
  const reconnected = useRef(false);
  const onReconnectStart = useCallback(() => {
    reconnected.current = false;
  }, []);
  const onReconnect = useCallback(
    (old: GraphEdge, c: Connection) => {
      if (!isAtom(c.target)) return;
      reconnected.current = true;
      connectNext(old.source, c.target);
    },
    [isAtom],
  );
  const onReconnectEnd = useCallback((_: unknown, old: GraphEdge) => {
    if (!reconnected.current) clearNext([old.source]);
  }, []);

  const actions = useMemo<GraphActions>(
    () => ({ edit: (name) => setEditing(name), remove: (name) => removeAtoms([name]), editable, editing: editing?.name ?? null, board, page: onPage }),
    [editable, editing, setEditing, removeAtoms, board, onPage],
  );
  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (!editable || target.closest('input, select, textarea, button, .atom-editor, .delete-confirm')) return;
    const el = target.closest<HTMLElement>('.react-flow__node-atom');
    if (e.key === 'Enter' && el?.dataset.id && e.target === el) {
      e.preventDefault();
      setEditing(el.dataset.id);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      onDelete(nodes.filter((n) => n.selected), edges.filter((x) => x.selected));
    }
  };
  const editAtom = editing ? nodes.find((n) => n.id === editing.name && n.type === 'atom') : undefined;

  return (
    <GraphActionsContext.Provider value={actions}>
      <div className="atom-graph-flow" ref={flowRef} onKeyDown={onKeyDown}>
        <ReactFlow<GraphNode, GraphEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onReconnectStart={onReconnectStart}
          onReconnect={onReconnect}
          onReconnectEnd={onReconnectEnd}
          connectionRadius={40}
          // Panning while a handle is dragged near the pane's edge moves the drop target away; the user zooms or pans instead.
          autoPanOnConnect={false}
          onNodeDoubleClick={(_, n) => n.type === 'atom' && editable && setEditing(n.id)}
          colorMode={theme}
          {...NO_KEYS}
          zoomOnDoubleClick={false}
          nodesConnectable={editable}
          minZoom={0.2}
          maxZoom={2}
          fitView
          fitViewOptions={FIT}
          proOptions={{ hideAttribution: true }}
          // A big program's window: only the nodes and edges in view are in the DOM.
          onlyRenderVisibleElements={graph.nodes.length > DAGRE_MAX_ATOMS}
        >
          <Background gap={22} size={1.5} />
          <Controls showInteractive={false} position="bottom-right" />
          {editAtom?.type === 'atom' && (
            <Panel position={editing?.side ?? 'top-right'} className="atom-editor-panel">
              <Suspense fallback={<p className="pane-loading">Loading the atom editor…</p>}>
                <AtomEditor atom={editAtom.data} names={names} onClose={() => setEditing(null)} />
              </Suspense>
            </Panel>
          )}
          {confirm && (
            <Panel position="top-left" className="delete-confirm-panel">
              <DeleteConfirm names={confirm.names} uses={confirm.uses} onChoose={onConfirm} />
            </Panel>
          )}
        </ReactFlow>
      </div>
    </GraphActionsContext.Provider>
  );
}

export function GraphCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}
