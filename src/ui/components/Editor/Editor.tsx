import { lazy, Suspense } from 'react';
import { useStore } from '../../store/index.ts';
import { setSource } from '../../engine/runtime.ts';

// Monaco is ~95% of the bundle: it loads in its own chunk after first paint.
const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

const selectSource = (s: { source: string }) => s.source;

let timer: ReturnType<typeof setTimeout> | undefined;
/** Typing reaches the parser at most every 250 ms. */
function onChange(text: string): void {
  clearTimeout(timer);
  timer = setTimeout(() => setSource(text), 250);
}

export function Editor() {
  const source = useStore(selectSource);
  const errors = useStore((s) => s.diagnostics.filter((d) => d.severity === 'error').length);
  return (
    <section className="pane editor-pane" aria-label="Editor">
      <header className="pane-title">
        Program
        {errors > 0 && <span className="pane-badge bad">{errors === 1 ? '1 error' : `${errors} errors`}</span>}
      </header>
      <Suspense fallback={<div className="pane-loading">Loading the editor…</div>}>
        <MonacoEditor value={source} onChange={onChange} />
      </Suspense>
    </section>
  );
}
