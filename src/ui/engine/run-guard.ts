// Run and Step refuse a text with errors: the runtime keeps the last program
// without errors, and running it silently would show something other than what
// is on the screen. The refusal names the first error and puts the cursor on it.
import type { Diagnostic } from '../lang/ast.ts';
import { useStore, type Store } from '../store/index.ts';
import { flushTyping } from '../typing.ts';
import { revealInEditor } from '../editor-cursor.ts';

/** Diagnostics in text order (line, then column), errors before warnings at one place. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column || rank(a) - rank(b));
}

/** The first error in the text, or undefined when it has none (warnings do not stop a run). */
export function firstError(diagnostics: readonly Diagnostic[]): Diagnostic | undefined {
  return sortDiagnostics(diagnostics).find((d) => d.severity === 'error');
}

export function refusalText(d: Diagnostic): string {
  return `Fix line ${d.line}:${d.column} first: ${d.message}`;
}

let shown: Store['notice'] = null;
let watching = false;

/** The refusal's notice goes away by itself once the text has no errors. */
function clearWhenFixed(): void {
  if (watching) return;
  watching = true;
  useStore.subscribe((s, prev) => {
    if (s.diagnostics !== prev.diagnostics && shown && s.notice === shown && !firstError(s.diagnostics)) {
      shown = null;
      useStore.setState({ notice: null });
    }
  });
}

/** Calls `action` (Run, Step) when the text has no errors; otherwise says which to fix first and goes there. */
export function whenRunnable(action: () => void): void {
  flushTyping();
  const error = firstError(useStore.getState().diagnostics);
  if (!error) {
    if (shown && useStore.getState().notice === shown) useStore.setState({ notice: null });
    shown = null;
    action();
    return;
  }
  shown = { kind: 'error', text: refusalText(error) };
  useStore.setState({ notice: shown });
  clearWhenFixed();
  revealInEditor(error.line, error.column);
}
