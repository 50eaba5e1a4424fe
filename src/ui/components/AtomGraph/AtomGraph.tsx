import '@xyflow/react/dist/style.css';
import './graph.css';
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import { useStore } from '../../store/index.ts';
import { redoSource, undoSource } from '../../editing.ts';
import { atoms, type Program } from '../../lang/ast.ts';
import { parse } from '../../lang/parse.ts';
import { DAGRE_MAX_ATOMS, graphFor, MAX_DRAWN_ATOMS, windowStart } from './graph.ts';
import { decorate } from './decorate.ts';
import { addAtom } from './actions.ts';
import { GraphCanvas } from './GraphCanvas.tsx';
import { Legend } from './Legend.tsx';
import type { Names } from './AtomEditor.tsx';
import { useReadOnly } from '../../workspace/useSurface.ts';

function namesOf(p: Program): Names {
  const vars: string[] = [];
  const taken = new Set<string>();
  for (const i of p.items) {
    if (i.kind === 'var') vars.push(i.name.name);
    if (i.kind === 'var' || i.kind === 'atom' || i.kind === 'buffer') taken.add(i.name.name);
  }
  return { vars: [...new Set(vars)], atoms: [...new Set(atoms(p).map((a) => a.name.name))], taken };
}

const EMPTY: Program = { items: [], endComments: [] };

/** The atoms of the program as a graph: the kernel's paths between them, live state, and edits. */
export function AtomGraph() {
  const stored = useStore((s) => s.program);
  const source = useStore((s) => s.source);
  const parsed = useStore((s) => s.parsed);
  // A C program's graph is what its run showed (c/discover.ts): read-only, by address, named from its symbols.
  const isC = useStore((s) => s.lang === 'c');
  const firstError = useStore((s) => (s.lang === 'c' ? undefined : s.diagnostics.find((d) => d.severity === 'error')));
  // The graph follows the text as it parses now: with errors elsewhere, the atoms that parse are
  // shown and editable (parsed when the text was judged; parsed here only for a text set otherwise).
  const program = useMemo(
    () => (isC ? (stored ?? EMPTY) : firstError || !stored ? (parsed?.source === source ? parsed.program : parse(source).program) : stored),
    [isC, firstError, stored, source, parsed],
  );
  const names = useMemo(() => namesOf(program), [program]);
  const count = names.atoms.length;
  // A big program is drawn as a window of MAX_DRAWN_ATOMS atoms (memory order). While the run is
  // paused or done the window follows the atom of the last kernel event; while it plays, the
  // summary node holding that atom names it (moving the window each snapshot would redraw it).
  const [from, setFrom] = useState(0);
  const playing = useStore((s) => s.playing);
  const active = useStore((s) => s.snap?.activeAtomName);
  const [followed, setFollowed] = useState('');
  const follow = `${active ?? ''}|${playing}`;
  if (follow !== followed) {
    setFollowed(follow);
    const at = active !== undefined && !playing && count > MAX_DRAWN_ATOMS ? names.atoms.indexOf(active) : -1;
    if (at >= 0 && (at < from || at >= from + MAX_DRAWN_ATOMS)) setFrom(windowStart(at, count));
  }
  const start = Math.max(0, Math.min(from, count - MAX_DRAWN_ATOMS));
  const graph = useMemo(() => graphFor(program, start, decorate), [program, start]);
  const shownCount = count - (graph.hidden ?? 0);
  const activeAt = active !== undefined && count > MAX_DRAWN_ATOMS ? names.atoms.indexOf(active) : -1;
  // Stable between windows: the nodes take it through the graph's context.
  const page = useCallback((side: 'before' | 'after') => setFrom(Math.max(0, start + (side === 'before' ? -MAX_DRAWN_ATOMS : MAX_DRAWN_ATOMS))), [start]);
  // On a phone and in an embed the graph is a view: no edits; nor for a C program (its atoms are the C code's).
  const viewer = useReadOnly();
  const readOnly = viewer || isC;

  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (readOnly || !mod || e.altKey || (e.target as HTMLElement).closest('input, select, textarea')) return;
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
        <span className="pane-hint">{count === 1 ? '1 atom' : `${count.toLocaleString('en-US')} atoms`}</span>
        {isC && !viewer && <span className="pane-hint" title="The atoms the C program's run used, found through the trace and memory; edit them in the C text">from the C run · read-only</span>}
        {!readOnly && (
        <span className="atom-graph-actions">
          <button type="button" className="btn" onClick={() => addAtom()} aria-label="Add atom" title="Add `atom aN = getpid()` after the last atom">
            <span aria-hidden="true">+</span> <span className="btn-label">Add atom</span>
          </button>
          <button type="button" className="btn" onClick={() => undoSource()} aria-label="Undo" title="Undo (Ctrl+Z)">
            <span aria-hidden="true">↶</span> <span className="btn-label">Undo</span>
          </button>
          <button type="button" className="btn" onClick={() => redoSource()} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">
            <span aria-hidden="true">↷</span> <span className="btn-label">Redo</span>
          </button>
        </span>
        )}
      </header>
      {(graph.hidden ?? 0) > 0 ? (
        <p className="atom-graph-banner" role="status" data-testid="graph-big">
          {count.toLocaleString('en-US')} atoms: the graph draws{' '}
          {start === 0 ? `the first ${shownCount.toLocaleString('en-US')}` : `atoms ${(start + 1).toLocaleString('en-US')}–${(start + shownCount).toLocaleString('en-US')}`} in memory
          order; the others are one node before and one after.
          {activeAt >= 0 && (activeAt < start || activeAt >= start + shownCount) && (
            <> The last kernel event's atom, <b>{active}</b>, is {activeAt < start ? 'before' : 'after'} them.</>
          )}
          <span className="graph-window-nav">
            <button type="button" className="btn" disabled={start === 0} onClick={() => page('before')}>
              ↑ Earlier atoms
            </button>
            <button type="button" className="btn" disabled={start + shownCount >= count} onClick={() => page('after')}>
              ↓ Next atoms
            </button>
          </span>
        </p>
      ) : (
        graph.simple && (
          <p className="atom-graph-banner" role="status" data-testid="graph-big">
            More than {DAGRE_MAX_ATOMS} atoms: laid out in a simple grid, in memory order down each column.
          </p>
        )
      )}
      <div className="atom-graph-canvas">
        {count > 0 || !firstError ? (
          <GraphCanvas graph={graph} editable={!readOnly} names={names} onPage={page} />
        ) : (
          <p className="pane-empty">No atom declaration parses yet: fix the first error, or add an atom.</p>
        )}
      </div>
      <div className="atom-graph-foot">
        <Legend />
        {/* Over the legend, not above the canvas: errors come and go as one types, and a canvas that
            changed size each time would lay out and fit the graph again (at 200 nodes, frames of work). */}
        {firstError && (
          <p className="atom-graph-banner atom-graph-errors" role="status" data-testid="graph-errors">
            The text has errors (the first on line {firstError.line}): the graph shows the atoms that parse, and you can still edit them here.
          </p>
        )}
      </div>
    </section>
  );
}
