// Editor line markers from the store: diagnostics as Monaco markers and the
// lines the run is at. Plain data here; features.ts applies it.
import type { Diagnostic, Program } from '../lang/ast.ts';
import type { Snapshot } from '../engine/snapshot.ts';

export interface MarkerData {
  readonly startLineNumber: number;
  readonly startColumn: number;
  readonly endLineNumber: number;
  readonly endColumn: number;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** Diagnostics as markers; an empty range is widened to one character so the squiggle shows. */
export function toMarkers(diagnostics: readonly Diagnostic[]): MarkerData[] {
  return diagnostics.map((d) => {
    const empty = d.endLine < d.line || (d.endLine === d.line && d.endColumn <= d.column);
    return {
      startLineNumber: d.line,
      startColumn: d.column,
      endLineNumber: empty ? d.line : d.endLine,
      endColumn: empty ? d.column + 1 : d.endColumn,
      message: d.message,
      severity: d.severity,
    };
  });
}

export interface ActiveLines {
  /** The driver line being run, 0 when none. */
  readonly driver: number;
  /** The declaration line of the atom the kernel is working on, 0 when none. */
  readonly atom: number;
  readonly failed: boolean;
}

export const NO_ACTIVE: ActiveLines = { driver: 0, atom: 0, failed: false };

/** Which lines to mark: nothing before the first event, the error line after a failure. */
export function activeLines(snap: Snapshot | null, program: Program | null): ActiveLines {
  if (!snap || snap.events === 0) return NO_ACTIVE;
  if (snap.status === 'error' && snap.error) return { driver: snap.error.line, atom: 0, failed: true };
  let atom = 0;
  if (snap.activeAtomName && program && snap.status !== 'done') {
    const decl = program.items.find((i) => i.kind === 'atom' && i.name.name === snap.activeAtomName);
    atom = decl?.span.line ?? 0;
  }
  return { driver: snap.line, atom, failed: false };
}
