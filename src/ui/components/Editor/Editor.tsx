import { lazy, Suspense } from 'react';
import { useStore } from '../../store/index.ts';

// Monaco is ~95% of the bundle: it loads in its own chunk after first paint.
const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

export function Editor() {
  const source = useStore((s) => s.source);
  const setSource = useStore((s) => s.setSource);
  return (
    <section className="pane editor-pane" aria-label="Editor">
      <header className="pane-title">Program</header>
      <Suspense fallback={<div className="pane-loading">Loading the editor…</div>}>
        <MonacoEditor value={source} onChange={setSource} />
      </Suspense>
    </section>
  );
}
