import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  Background, Controls, Panel, ReactFlow, ReactFlowProvider, applyEdgeChanges, applyNodeChanges, useReactFlow,
  type Connection, type EdgeChange, type IsValidConnection, type NodeChange,
} from '@xyflow/react';
import { useStore } from '../../store/index.ts';
import type { Graph, GraphEdge, GraphNode } from './graph.ts';
import { AtomNode } from './AtomNode.tsx';
import { EndNode } from './EndNode.tsx';
import { LoopEdge } from './LoopEdge.tsx';
import { AtomEditor } from './AtomEditor.tsx';
import { GraphActionsContext, type GraphActions } from './context.ts';
import { clearNext, connectNext, deleteAtoms } from './actions.ts';

const nodeTypes = { atom: AtomNode, end: EndNode };
const edgeTypes = { loop: LoopEdge };
/*
 * xyflow listens for its key codes on the whole document and calls
 * preventDefault on matches, which would swallow Space, Delete and Backspace
 * typed into Monaco (its input is not a textarea). So every xyflow key code is
 * off, and Delete / Enter are handled here, only for focus inside the graph.
 */
const NO_KEYS = { deleteKeyCode: null, selectionKeyCode: null, multiSelectionKeyCode: null, panActivationKeyCode: null, zoomActivationKeyCode: null } as const;
const FIT = { padding: 0.06, maxZoom: 1.1, duration: 200 } as const;

interface Props {
  graph: Graph;
  editable: boolean;
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

function Canvas({ graph, editable }: Props) {
  const flowRef = useRef<HTMLDivElement>(null);
  const [editing, setEditingState] = useState<{ name: string; side: Side } | null>(null);
  const setEditing = useCallback((name: string | null) => {
    setEditingState(name ? { name, side: sideAwayFrom(name, flowRef.current) } : null);
  }, []);
  const theme = useStore((s) => s.theme);
  const { fitView } = useReactFlow();
  const [shown, setShown] = useState(graph);
  const [nodes, setNodes] = useState<GraphNode[]>(graph.nodes);
  const [edges, setEdges] = useState<GraphEdge[]>(graph.edges);
  if (shown !== graph) {
    setShown(graph);
    setNodes(carrySelection(graph.nodes, nodes));
    setEdges(graph.edges);
  }
  useEffect(() => {
    void fitView(FIT);
  }, [graph, fitView]);

  // Removals go through the text; the graph follows the program that results.
  const onNodesChange = useCallback(
    (changes: NodeChange<GraphNode>[]) => setNodes((ns) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), ns)),
    [],
  );
  const onEdgesChange = useCallback(
    (changes: EdgeChange<GraphEdge>[]) => setEdges((es) => applyEdgeChanges(changes.filter((c) => c.type !== 'remove'), es)),
    [],
  );
  const onDelete = useCallback(
    (gone: GraphNode[], cut: GraphEdge[]) => {
      const atoms = gone.filter((n) => n.type === 'atom').map((n) => n.id);
      if (atoms.length) {
        deleteAtoms(atoms);
        if (editing && atoms.includes(editing.name)) setEditing(null);
        return;
      }
      clearNext(cut.filter((e) => e.data?.kind === 'next' || e.data?.kind === 'back').map((e) => e.source));
    },
    [editing, setEditing],
  );
  const onConnect = useCallback((c: Connection) => {
    if (c.sourceHandle !== 'next') return;
    connectNext(c.source, c.target.startsWith('end:') ? undefined : c.target);
  }, []);
  const isValidConnection: IsValidConnection = useCallback(
    (c) => editable && c.sourceHandle === 'next' && (c.targetHandle === 'in' || c.targetHandle === null) && !c.target.startsWith('past:'),
    [editable],
  );

  const actions = useMemo<GraphActions>(
    () => ({ edit: (name) => setEditing(name), remove: (name) => deleteAtoms([name]), editable, editing: editing?.name ?? null }),
    [editable, editing, setEditing],
  );
  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (!editable || target.closest('input, select, textarea, button, .atom-editor')) return;
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
          onNodeDoubleClick={(_, n) => n.type === 'atom' && editable && setEditing(n.id)}
          colorMode={theme}
          {...NO_KEYS}
          zoomOnDoubleClick={false}
          nodesConnectable={editable}
          minZoom={0.25}
          maxZoom={2}
          fitView
          fitViewOptions={FIT}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={22} size={1.5} />
          <Controls showInteractive={false} position="bottom-right" />
          {editAtom?.type === 'atom' && (
            <Panel position={editing?.side ?? 'top-right'}>
              <AtomEditor atom={editAtom.data} onClose={() => setEditing(null)} />
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
