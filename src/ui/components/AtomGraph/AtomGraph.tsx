import '@xyflow/react/dist/style.css';
import './graph.css';
import { useMemo, type KeyboardEvent } from 'react';
import { useStore } from '../../store/index.ts';
import { redoSource, undoSource } from '../../editing.ts';
import { buildGraph, layoutGraph, type Graph } from './graph.ts';
import { decorate } from './decorate.ts';
import { addAtom } from './actions.ts';
import { GraphCanvas } from './GraphCanvas.tsx';
import { Legend } from './Legend.tsx';

const EMPTY: Graph = { nodes: [], edges: [] };

/** The atoms of the program as a graph: the kernel's paths between them, live state, and edits. */
export function AtomGraph() {
  const program = useStore((s) => s.program);
  const errors = useStore((s) => s.diagnostics.some((d) => d.severity === 'error'));
  const graph = useMemo(() => (program ? decorate(layoutGraph(buildGraph(program))) : EMPTY), [program]);
  const count = graph.nodes.filter((n) => n.type === 'atom').length;

  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (!mod || e.altKey || (e.target as HTMLElement).closest('input, select, textarea')) return;
    const key = e.key.toLowerCase();
    if ((key === 'z' && e.shiftKey) || key === 'y') redoSource();
    else if (key === 'z') undoSource();
    else return;
    e.preventDefault();
  };

  return (
    <section className="pane atom-graph" aria-label="Atom graph" onKeyDown={onKeyDown}>
      <header className="pane-title">
        Atom graph
        <span className="pane-hint">{count === 1 ? '1 atom' : `${count} atoms`}</span>
        <span className="atom-graph-actions">
          <button type="button" className="btn" onClick={() => addAtom()} disabled={errors} aria-label="Add atom" title="Add `atom aN = getpid()` after the last atom">
            <span aria-hidden="true">+</span> <span className="btn-label">Add atom</span>
          </button>
          <button type="button" className="btn" onClick={() => undoSource()} aria-label="Undo" title="Undo (Ctrl+Z)">
            <span aria-hidden="true">↶</span> <span className="btn-label">Undo</span>
          </button>
          <button type="button" className="btn" onClick={() => redoSource()} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            <span aria-hidden="true">↷</span> <span className="btn-label">Redo</span>
          </button>
        </span>
      </header>
      {errors && (
        <p className="atom-graph-banner" role="status">
          The text has errors: the graph shows the last program that had none, and graph edits wait until the errors are fixed.
        </p>
      )}
      <div className="atom-graph-canvas">
        {program ? (
          <GraphCanvas graph={graph} editable={!errors} />
        ) : (
          <p className="pane-empty">The graph appears when the program has no errors.</p>
        )}
      </div>
      {program && <Legend />}
    </section>
  );
}
