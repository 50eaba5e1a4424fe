import { lazy, Suspense } from 'react';
import { useStore } from '../../store/index.ts';
import { typed } from '../../typing.ts';
import { Problems } from './Problems.tsx';
import { useReadOnly } from '../../workspace/useSurface.ts';

// Monaco is ~95% of the bundle: it loads in its own chunk after first paint.
const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

const selectSource = (s: { source: string }) => s.source;

export function Editor() {
  const source = useStore(selectSource);
  const errors = useStore((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  const readOnly = useReadOnly();
  const zoom = useStore((s) => s.zoom);
  return (
    <section className="pane editor-pane" aria-label="Editor">
      <header className="pane-title">
        Program
        {readOnly && <span className="pane-hint">read-only</span>}
        {errors > 0 && <span className="pane-badge bad">{errors === 1 ? '1 error' : `${errors} errors`}</span>}
      </header>
      <Suspense fallback={<div className="pane-loading">Loading the editor…</div>}>
        <MonacoEditor value={source} onChange={typed} readOnly={readOnly} zoom={zoom} />
      </Suspense>
      <Problems />
    </section>
  );
}
