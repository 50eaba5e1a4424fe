// The inspect pane: Memory, Files, the narration Log, the raw Trace and Breakpoints as WAI-ARIA tabs
// (arrow keys, Home and End move between them; the tab that gets focus is selected).
import { lazy, Suspense, useId, useRef, type ComponentType, type KeyboardEvent } from 'react';
import { INSPECTOR_TABS, useStore, type InspectorTab } from '../../store/index.ts';
import { MemoryView } from '../MemoryView/MemoryView.tsx';
import { NarrationLog } from '../Narration/NarrationLog.tsx';
import { PaneBoundary } from '../PaneBoundary/PaneBoundary.tsx';
import './inspector.css';

/**
 * Tabs other than Memory and Log load when first opened (the Trace tab with the trace exporters):
 * the page's first load stays small.
 */
function lazyPanel(load: () => Promise<ComponentType>, what: string): ComponentType {
  const Panel = lazy(async () => ({ default: await load() }));
  return function LazyPanel() {
    return (
      <Suspense fallback={<p className="pane-loading">Loading {what}…</p>}>
        <Panel />
      </Suspense>
    );
  };
}
const FilesView = lazyPanel(async () => (await import('../FilesView/FilesView.tsx')).FilesView, 'the files');
const TraceView = lazyPanel(async () => (await import('../TraceView/TraceView.tsx')).default, 'the trace view');
const BreakpointsPanel = lazyPanel(async () => (await import('../Breakpoints/BreakpointsPanel.tsx')).BreakpointsPanel, 'the breakpoints');

const TABS: readonly { id: InspectorTab; label: string; Panel: ComponentType }[] = [
  { id: 'memory', label: 'Memory', Panel: MemoryView },
  { id: 'files', label: 'Files', Panel: FilesView },
  { id: 'log', label: 'Log', Panel: NarrationLog },
  { id: 'trace', label: 'Trace', Panel: TraceView },
  { id: 'breakpoints', label: 'Breakpoints', Panel: BreakpointsPanel },
];

const setSelected = (i: number) => useStore.setState({ inspectorTab: INSPECTOR_TABS[i] });

/** The selected tab lives in the store, so a link can carry it. */
export function Inspector() {
  const tab = useStore((s) => s.inspectorTab);
  const selected = Math.max(0, TABS.findIndex((t) => t.id === tab));
  const base = useId();
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const select = (i: number) => {
    const next = (i + TABS.length) % TABS.length;
    setSelected(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: TABS.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      select(moves[e.key]);
    }
  };
  return (
    <div className="pane inspector">
      <div className="pane-title inspector-tabs" role="tablist" aria-label="Inspector" onKeyDown={onKeyDown}>
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${t.id}`}
            aria-selected={i === selected}
            aria-controls={`${base}-panel-${t.id}`}
            tabIndex={i === selected ? 0 : -1}
            className={`inspector-tab${i === selected ? ' selected' : ''}`}
            onClick={() => setSelected(i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map(({ Panel, ...t }, i) => (
        <div key={t.id} role="tabpanel" id={`${base}-panel-${t.id}`} aria-labelledby={`${base}-tab-${t.id}`} hidden={i !== selected} className="inspector-panel">
          {i === selected && (
            <PaneBoundary name={t.label} key={t.id}>
              <Panel />
            </PaneBoundary>
          )}
        </div>
      ))}
    </div>
  );
}
