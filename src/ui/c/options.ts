// A C file's kernel options: lines `#pragma syslet option NAME = VALUE` (the
// same names and values as the language's `option` lines, docs/language.md),
// read by the page, the command line and the export round trip alike. Clang
// ignores the pragma; the host applies the options at every reset.
import type { Diagnostic, OptionDecl } from '../lang/ast.ts';
import { options } from '../lang/ast.ts';
import { parse } from '../lang/parse.ts';
import { knobsOf, type Knobs } from '../lang/options.ts';

const PRAGMA = /^\s*#\s*pragma\s+syslet\s+option\b(.*)$/;

export interface COptions {
  readonly items: readonly OptionDecl[];
  readonly knobs: Knobs;
  /** Bad option lines, at their line in the C file. */
  readonly diagnostics: readonly Diagnostic[];
}

export function cOptions(text: string): COptions {
  const items: OptionDecl[] = [];
  const diagnostics: Diagnostic[] = [];
  text.split('\n').forEach((line, i) => {
    const m = PRAGMA.exec(line);
    if (!m) return;
    const at = line.indexOf('option');
    const r = parse(`option${m[1]}`);
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errs) diagnostics.push({ ...d, line: i + 1, endLine: i + 1, column: d.column + at, endColumn: d.endColumn + at });
    if (errs.length === 0) items.push(...options(r.program));
  });
  return { items, knobs: knobsOf(items), diagnostics };
}
