// Reading a program file and compiling it with the page's own source pipeline
// (compileSource), with diagnostics in the GNU form `file:line:col: severity:
// message` that editors jump to. Which compiler reads a file goes by its
// extension, in PROGRAM_KINDS.
import type { Diagnostic, Program } from '../../ui/lang/ast.ts';
import type { Layout } from '../../ui/lang/layout.ts';
import { compileSource } from '../../ui/engine/source.ts';
import { ioErrorText, type Io } from './io.ts';
import { UsageError } from './args.ts';

/** A compiler from a file's text to what a Session runs (the shape of compileSource's result). */
export interface ProgramKind {
  /** The file extension, with its dot. */
  readonly ext: string;
  readonly what: string;
  compile(text: string): { readonly diagnostics: readonly Diagnostic[]; readonly program: Program | null; readonly layout: Layout | null };
}

export const PROGRAM_KINDS: readonly ProgramKind[] = [{ ext: '.syslet', what: 'a syslet program', compile: compileSource }];

export interface Source {
  /** The name diagnostics use: the path as given, or `<stdin>`. */
  readonly file: string;
  readonly text: string;
}

export interface Loaded extends Source {
  readonly diagnostics: readonly Diagnostic[];
  /** Null when the program has errors (exit status 2). */
  readonly program: Program | null;
  readonly layout: Layout | null;
}

const decoder = new TextDecoder();

/** Reads a text file (`-`: standard input); an unreadable file is a UsageError. */
export async function readText(io: Io, path: string, what = 'file'): Promise<Source> {
  if (path === '-') return { file: '<stdin>', text: decoder.decode(await io.readStdin()) };
  try {
    return { file: path, text: decoder.decode(await io.readFile(path)) };
  } catch (e) {
    throw new UsageError(`cannot read the ${what} ${path}: ${ioErrorText(e)}`);
  }
}

export function kindOf(path: string): ProgramKind {
  if (path === '-') return PROGRAM_KINDS[0];
  const kind = PROGRAM_KINDS.find((k) => path.endsWith(k.ext));
  if (!kind) {
    const known = PROGRAM_KINDS.map((k) => `${k.ext} (${k.what})`).join(', ');
    throw new UsageError(`${path}: not a program this command reads; it reads ${known}, or - for a syslet program on standard input`);
  }
  return kind;
}

/** Reads and compiles a program file. */
export async function loadProgram(io: Io, path: string): Promise<Loaded> {
  const kind = kindOf(path);
  const src = await readText(io, path, 'program');
  const c = kind.compile(src.text);
  return { ...src, diagnostics: c.diagnostics, program: c.program, layout: c.layout };
}

export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/**
 * The column a run error points at: the first non-blank character of its line
 * (the statement the driver was running starts there), counted in UTF-16
 * units as the diagnostics are.
 */
export function lineColumn(text: string, line: number): number {
  const l = text.split('\n')[line - 1] ?? '';
  const m = /\S/.exec(l);
  return m ? m.index + 1 : 1;
}
