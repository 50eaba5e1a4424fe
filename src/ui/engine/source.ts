// The source pipeline: program text -> diagnostics, and for a text without
// errors the program and its memory layout (what a session runs). Pure.
import type { Diagnostic, Program } from '../lang/ast.ts';
import { parse, type ParseResult } from '../lang/parse.ts';
import { layout, type Layout } from '../lang/layout.ts';

export interface Compiled {
  readonly diagnostics: readonly Diagnostic[];
  /** The text's program as it parses, errors or not. */
  readonly parsed: Program;
  /** Set when the text has no errors and fits in user memory. */
  readonly program: Program | null;
  readonly layout: Layout | null;
}

export function compileSource(text: string): Compiled {
  return compileParsed(parse(text));
}

/** The rest of the pipeline for a text parsed elsewhere (lang/parse.worker.ts). */
export function compileParsed({ program, diagnostics }: ParseResult): Compiled {
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, parsed: program, program: null, layout: null };
  const lay = layout(program);
  const all = [...diagnostics, ...lay.diagnostics];
  const ok = lay.ok && !all.some((d) => d.severity === 'error');
  return { diagnostics: all, parsed: program, program: ok ? program : null, layout: ok ? lay : null };
}
