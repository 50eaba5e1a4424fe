import { lazy, Suspense } from 'react';
import { useStore, type CBuild } from '../../store/index.ts';
import { typed } from '../../typing.ts';
import { Problems } from './Problems.tsx';
import { useReadOnly } from '../../workspace/useSurface.ts';
import { closeCFile, showTab, typedC } from '../../c/c-runtime.ts';

// Monaco is ~95% of the bundle: it loads in its own chunk after first paint.
const MonacoEditor = lazy(() => import('./MonacoEditor.tsx'));

const selectSource = (s: { source: string }) => s.source;
const MB = 1024 * 1024;

/** What the C toolchain is doing, in words. */
export function buildText(b: CBuild): string {
  switch (b.phase) {
    case 'idle': return '';
    case 'loading': return b.total ? `loading the C compiler… ${(b.done / MB).toFixed(0)} of ${(b.total / MB).toFixed(0)} MB` : 'loading the C compiler…';
    case 'compiling': return 'compiling…';
    case 'ready': return b.ms ? `compiled in ${(b.ms / 1000).toFixed(1)} s` : 'compiled';
    case 'error': return b.message;
  }
}

export function Editor() {
  const source = useStore(selectSource);
  const lang = useStore((s) => s.lang);
  const cFile = useStore((s) => s.cFile);
  const cBuild = useStore((s) => s.cBuild);
  const cDiagnostics = useStore((s) => s.cDiagnostics);
  const errors = useStore((s) => (s.lang === 'c' ? s.cDiagnostics : s.diagnostics).filter((d) => d.severity === 'error').length);
  const readOnly = useReadOnly();
  const zoom = useStore((s) => s.zoom);
  return (
    <section className="pane editor-pane" aria-label="Editor">
      <header className="pane-title">
        {cFile ? (
          <span className="doc-tabs" role="tablist" aria-label="Documents">
            <button type="button" role="tab" className="doc-tab" aria-selected={lang === 'syslet'} onClick={() => showTab('syslet')}>
              Program
            </button>
            <button type="button" role="tab" className="doc-tab" aria-selected={lang === 'c'} onClick={() => showTab('c')} title="The C file: compiled in the page and run on the same kernel">
              {cFile.name}
            </button>
            {!readOnly && (
              <button type="button" className="doc-close" aria-label={`Close ${cFile.name}`} title={`Close ${cFile.name} (the program runs again)`} onClick={closeCFile}>
                ×
              </button>
            )}
          </span>
        ) : (
          'Program'
        )}
        {lang === 'c' && cBuild.phase !== 'idle' && (
          <span className={`pane-hint c-build c-build-${cBuild.phase}`} role="status" aria-live="polite">
            {buildText(cBuild)}
          </span>
        )}
        {readOnly && <span className="pane-hint">read-only</span>}
        {errors > 0 && <span className="pane-badge bad">{errors === 1 ? '1 error' : `${errors} errors`}</span>}
      </header>
      <Suspense fallback={<div className="pane-loading">Loading the editor…</div>}>
        <MonacoEditor
          value={source}
          onChange={typed}
          readOnly={readOnly}
          zoom={zoom}
          cText={cFile?.text ?? null}
          onCChange={typedC}
          show={lang}
          cDiagnostics={cDiagnostics}
        />
      </Suspense>
      <Problems />
    </section>
  );
}
