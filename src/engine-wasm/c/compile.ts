// compileC: one C file -> a wasm32 module for the playground's kernel, with
// clang and wasm-ld from @yowasp/clang (LLVM compiled to WebAssembly: it runs
// the same in Node and in a browser, with no system compiler). Browser-safe:
// no node: imports; the toolchain is passed in or imported on first use.
//
//   const { wasm, diagnostics, log } = await compileC(source, { fileName: 'hello.c' });
//
// - `wasm` is the linked module, or null when there were errors.
// - `diagnostics`: { file, line, col, severity, message } from clang and the
//   linker (diagnostics.ts), plus a check that the module's memory fits the
//   user region (memory-check.ts).
// - `log`: the toolchain's whole stderr.
//
// The link model (docs/c.md): the module imports env.memory (the kernel's) and
// env.syscall; its data starts at the first byte of the user region
// (C_GLOBAL_BASE), its stack (C_STACK_BYTES) follows the data; every global is
// exported (--export-all) so runC can name data symbols. The header and the
// standard headers that stand for it are virtual files (header.ts).
import { USER_BASE, USER_END } from '../abi/layout.ts';
import { parseDiagnostics, type CDiagnostic } from './diagnostics.ts';
import { HEADER_FILE, STD_HEADERS, SYSLET_H, stdHeaderText } from './header.ts';
import { checkModuleMemory } from './memory-check.ts';

export type { CDiagnostic } from './diagnostics.ts';

/** Where the module's data starts: the first byte of the user region. */
export const C_GLOBAL_BASE = USER_BASE;
/** The module's stack: after its data, inside the user region. */
export const C_STACK_BYTES = 64 * 1024;

/** A tree of virtual files, as @yowasp/clang takes and returns them. */
export interface ClangFiles {
  [name: string]: ClangFiles | string | Uint8Array;
}
export interface ClangRunOptions {
  stdout?: ((bytes: Uint8Array | null) => void) | null;
  stderr?: ((bytes: Uint8Array | null) => void) | null;
  fetchProgress?: (p: { totalLength: number; doneLength: number }) => void;
}
/** `clang` as @yowasp/clang runs it: arguments without the program name. */
export type ClangCommand = (args?: string[], files?: ClangFiles, options?: ClangRunOptions) => Promise<ClangFiles> | ClangFiles | undefined;

export interface CompileOptions {
  /** The program's file name, used in diagnostics (default `program.c`). */
  readonly fileName?: string;
  /** The toolchain; by default @yowasp/clang, imported on first use. */
  readonly clang?: ClangCommand;
}

export interface CompileResult {
  readonly wasm: Uint8Array | null;
  readonly diagnostics: readonly CDiagnostic[];
  readonly log: string;
}

let loading: Promise<ClangCommand> | undefined;

/**
 * @yowasp/clang's clang, its 100 MB of LLVM fetched and compiled once (the
 * first call takes seconds; later ones reuse it). `onProgress` sees the fetch.
 */
export function loadClang(onProgress?: (done: number, total: number) => void): Promise<ClangCommand> {
  loading ??= (async () => {
    const mod = await import('@yowasp/clang');
    const clang = mod.commands.clang as ClangCommand;
    // Fetch the toolchain now, quietly: with no fetchProgress it reports to the console.
    await clang(undefined, {}, { fetchProgress: (p) => onProgress?.(p.doneLength, p.totalLength) });
    return clang;
  })();
  loading.catch(() => (loading = undefined));
  return loading;
}

const INCLUDE_DIR = 'include';

/** The compiler and linker arguments for `fileName` -> `out`. */
export function clangArgs(fileName: string, out: string): string[] {
  return [
    '--target=wasm32', '-O2', '-std=gnu17',
    '-nostdlib', '-ffreestanding', '-fno-builtin',
    // The playground's words wrap at 32 bits; globals keep their order with no gap for zeros (docs/c.md).
    '-fwrapv', '-fno-zero-initialized-in-bss',
    // Each variable in a data segment of its own, named after it: statics get names too (run.ts cSymbols).
    '-fdata-sections',
    '-Wall', '-Wno-unknown-pragmas',
    '-I', INCLUDE_DIR,
    '-Wl,--no-entry', '-Wl,--export-all', '-Wl,--import-memory', '-Wl,--no-stack-first', '-Wl,--no-merge-data-segments',
    `-Wl,--global-base=${C_GLOBAL_BASE}`, '-z', `stack-size=${C_STACK_BYTES}`,
    '-o', out, fileName,
  ];
}

function includeFiles(): ClangFiles {
  const files: ClangFiles = { [HEADER_FILE]: SYSLET_H };
  for (const name of STD_HEADERS) files[name] = stdHeaderText(name);
  return files;
}

/** Compiles and links one C file. Never throws for a bad program: errors are diagnostics. */
export async function compileC(source: string, options: CompileOptions = {}): Promise<CompileResult> {
  const fileName = options.fileName ?? 'program.c';
  if (!/^[\w.-]+\.c$/.test(fileName)) throw new Error(`compileC: "${fileName}" is not a plain file name ending in .c`);
  const clang = options.clang ?? (await loadClang());
  const out = fileName.replace(/\.c$/, '.wasm');
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  const collect = (bytes: Uint8Array | null) => {
    if (bytes) chunks.push(decoder.decode(bytes, { stream: true }));
  };
  let files: ClangFiles | undefined;
  try {
    files = (await clang(clangArgs(fileName, out), { [fileName]: source, [INCLUDE_DIR]: includeFiles() }, { stdout: collect, stderr: collect })) ?? undefined;
  } catch (e) {
    // A failed compile or link ends the tool with a non-zero exit: its stderr says why.
    if (!(e instanceof Error) || !('code' in e)) throw e;
  }
  const log = chunks.join('') + decoder.decode();
  const diagnostics = parseDiagnostics(log, fileName, source);
  const output = files?.[out];
  let wasm = output instanceof Uint8Array ? output : null;
  if (wasm && !diagnostics.some((d) => d.severity === 'error')) {
    const fit = checkModuleMemory(wasm, USER_BASE, USER_END);
    if (!fit.ok) {
      diagnostics.push({ file: fileName, line: 1, col: 1, severity: 'error', message: fit.message });
      wasm = null;
    }
  } else {
    wasm = null;
  }
  if (!wasm && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ file: fileName, line: 1, col: 1, severity: 'error', message: `the compiler gave no module: ${log.trim().split('\n').pop() || 'no message'}` });
  }
  return { wasm, diagnostics, log };
}
