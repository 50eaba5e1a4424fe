// A text edit as the editor takes it (Monaco's ranges: 1-based, end column
// exclusive, UTF-16 columns) and the same edits applied to a plain string, for
// when no editor is mounted and for tests.

/** Replace [line:col, endLine:endCol) (1-based, end exclusive, UTF-16 columns) with `text`. */
export interface TextEdit {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  readonly text: string;
}

export const lineStarts = (text: string): number[] => {
  const out = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) out.push(i + 1);
  return out;
};

/** The text with the edits applied; their ranges refer to the original text and must not overlap. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (line: number, col: number) => Math.min((starts[line - 1] ?? text.length) + col - 1, text.length);
  const sorted = edits
    .map((e) => ({ from: offset(e.line, e.col), to: offset(e.endLine, e.endCol), text: e.text }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

