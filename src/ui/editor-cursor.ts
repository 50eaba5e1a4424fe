// Moving the editor's cursor from outside it (the problems list, the run guard):
// the editor registers how, the rest of the page calls revealInEditor.

type Reveal = (line: number, column: number) => void;

let reveal: Reveal | null = null;

/** Called by the editor component once it is up (null on unmount). */
export function registerCursor(fn: Reveal | null): void {
  reveal = fn;
}

/** Puts the cursor at line:column (1-based), scrolls it into view and focuses the editor; false when there is no editor. */
export function revealInEditor(line: number, column: number): boolean {
  if (!reveal) return false;
  reveal(line, column);
  return true;
}
