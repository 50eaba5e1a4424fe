// Export to C from the page: the program in the editor as `<name>.c` (its
// example's name, or `program`), and syslet.h, the header it includes. The
// program must be free of errors; the message names the first one.
import { parse } from '../lang/parse.ts';
import { layout } from '../lang/layout.ts';
import { exportC } from '../lang/c/export.ts';
import { HEADER_FILE, SYSLET_H } from '../../engine-wasm/c/header.ts';

export type CExportResult =
  | { readonly ok: true; readonly fileName: string; readonly text: string }
  | { readonly ok: false; readonly error: string };

/** The C file of a program's text, or why there is none. */
export function programToC(text: string, name: string): CExportResult {
  const { program, diagnostics } = parse(text);
  const lay = layout(program);
  const first = [...diagnostics, ...lay.diagnostics].find((d) => d.severity === 'error');
  if (first) return { ok: false, error: `The program has errors, so it cannot be exported to C: line ${first.line}: ${first.message}` };
  const out = exportC(program, lay, { name: name.replace(/[^\w.-]+/g, '-') || 'program' });
  return { ok: true, fileName: out.fileName, text: out.text };
}

/** The header every exported file includes. */
export const C_HEADER = { fileName: HEADER_FILE, text: SYSLET_H } as const;
