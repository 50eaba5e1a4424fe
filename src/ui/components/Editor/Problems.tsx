import { useMemo } from 'react';
import { useStore } from '../../store/index.ts';
import { sortDiagnostics } from '../../engine/run-guard.ts';
import { revealInEditor } from '../../editor-cursor.ts';
import './problems.css';

/** Every diagnostic of the text, in text order; choosing one puts the editor's cursor there. */
export function Problems() {
  const diagnostics = useStore((s) => (s.lang === 'c' ? s.cDiagnostics : s.diagnostics));
  const sorted = useMemo(() => sortDiagnostics(diagnostics), [diagnostics]);
  return (
    <div className="problems" role="group" aria-label="Problems">
      {sorted.length === 0 ? (
        <p className="problems-none">No problems</p>
      ) : (
        <ul className="problems-list">
          {sorted.map((d, i) => (
            <li key={`${d.line}:${d.column}:${i}`}>
              <button type="button" className={`problem problem-${d.severity}`} onClick={() => revealInEditor(d.line, d.column)}>
                <span className="problem-severity">{d.severity === 'error' ? 'Error' : 'Warning'}</span>
                <span className="problem-at">
                  {d.line}:{d.column}
                </span>
                <span className="problem-message">{d.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
