// Reading a program file and compiling it with the page's own source pipeline
// (compileSource), with diagnostics in the GNU form `file:line:col: severity:
// message` that editors jump to. Which compiler reads a file goes by its
// extension, in PROGRAM_KINDS.
import type { Diagnostic, Program } from '../../ui/lang/ast.ts';
import type { Layout } from '../../ui/lang/layout.ts';
import { compileSource } from '../../ui/engine/source.ts';
import { ioErrorText, type Io } from './io.ts';
import { UsageError } from './args.ts';
import type { Kernel } from '../host/kernel.ts';
import type { OptionSetting } from '../../ui/lang/options.ts';
import type { RunSession } from '../../ui/engine/run-session.ts';
import { compileC } from '../c/compile.ts';
import { readOptionPragmas } from '../../ui/lang/c/pragma.ts';
import { cKnobs, cProgramOf, discoverC } from '../../ui/c/c-build.ts';
import { CSession } from '../../ui/c/c-session.ts';

/** What a compiler gives: diagnostics, and for a good program its Program and Layout (the names) and how to run it. */
export interface Compiled {
  readonly diagnostics: readonly Diagnostic[];
  readonly program: Program | null;
  readonly layout: Layout | null;
  /** A run of it on `k`, the command line's options first; without it, the language's Session. */
  readonly open?: (k: Kernel, overrides: readonly OptionSetting[]) => RunSession;
}

/** A compiler from a file's text to what a run needs. */
export interface ProgramKind {
  /** The file extension, with its dot. */
  readonly ext: string;
  readonly what: string;
  compile(text: string, file: string, io: Io): Compiled | Promise<Compiled>;
}

/**
 * A C file (docs/c.md): compiled with the same clang and lld the page uses, run
 * once to find its atoms and ring (their names in the trace), then run by a
 * CSession, the page's C run.
 */
async function compileCFile(text: string, file: string, io: Io): Promise<Compiled> {
  const name = /[^/\\]*$/.exec(file)![0];
  const r = await compileC(text, { fileName: /^[\w.-]+\.c$/.test(name) ? name : 'program.c' });
  const pragmas = readOptionPragmas(text);
  const diagnostics: Diagnostic[] = [
    ...pragmas.diagnostics.map((d) => ({ line: d.line, column: d.col, endLine: d.line, endColumn: d.col + 1, message: d.message, severity: 'error' as const })),
    ...r.diagnostics
      .filter((d) => d.severity !== 'note')
      .map((d) => ({ line: d.line, column: d.col, endLine: d.line, endColumn: d.col + 1, message: d.file === name ? d.message : `${d.file}:${d.line}:${d.col}: ${d.message}`, severity: d.severity === 'error' ? ('error' as const) : ('warning' as const) })),
  ];
  if (!r.wasm || diagnostics.some((d) => d.severity === 'error')) return { diagnostics, program: null, layout: null };
  const wasm = r.wasm;
  const module = new WebAssembly.Module(wasm as BufferSource);
  const found = discoverC(await io.loadKernel(), module, wasm, cKnobs(text));
  const { program, lay } = cProgramOf(text, module, wasm, found);
  return { diagnostics, program, layout: lay, open: (k, overrides) => new CSession(k, cProgramOf(text, module, wasm, found, overrides).run) };
}

export const PROGRAM_KINDS: readonly ProgramKind[] = [
  { ext: '.syslet', what: 'a syslet program', compile: compileSource },
  { ext: '.c', what: 'a C program against syslet.h', compile: compileCFile },
];

export interface Source {
  /** The name diagnostics use: the path as given, or `<stdin>`. */
  readonly file: string;
  readonly text: string;
}

export interface Loaded extends Source, Compiled {
  /** The compiler that read it. */
  readonly kind: ProgramKind;
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
  const c = await kind.compile(src.text, src.file, io);
  return { ...src, ...c, kind };
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
