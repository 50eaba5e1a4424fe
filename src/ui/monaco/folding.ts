// Folding ranges as plain data: runs of two or more comment lines (an example's
// header can be folded away once read, since long lines wrap in the narrow Program
// pane) and `{ … }` blocks, which Monaco would otherwise find by indentation.

export interface Fold {
  /** 1-based, inclusive. */
  readonly start: number;
  readonly end: number;
  readonly kind: 'comment' | 'block';
}

export function foldingRanges(lines: readonly string[]): Fold[] {
  const out: Fold[] = [];
  const open: number[] = [];
  let commentStart = 0;
  lines.forEach((text, i) => {
    const line = i + 1;
    const comment = /^\s*#/.test(text);
    if (comment && !commentStart) commentStart = line;
    if (!comment && commentStart) {
      if (line - 1 > commentStart) out.push({ start: commentStart, end: line - 1, kind: 'comment' });
      commentStart = 0;
    }
    const code = text.replace(/"([^"\\]|\\.)*"/g, '""').replace(/#.*$/, '').trim();
    // `} else {` closes one block and opens the next on the same line.
    if (code.startsWith('}')) {
      const start = open.pop();
      if (start !== undefined && line - 1 > start) out.push({ start, end: line - 1, kind: 'block' });
    }
    if (code.endsWith('{')) open.push(line);
  });
  if (commentStart && lines.length > commentStart) out.push({ start: commentStart, end: lines.length, kind: 'comment' });
  return out.sort((a, b) => a.start - b.start);
}
