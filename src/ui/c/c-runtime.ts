// The C tab's actions: open a C file, take what is typed, build it in the C
// worker, and make the built program the page's run (a CSession on the page's
// kernel). The language program stays in its own tab; showing it runs it again.
import { useStore, type CFile } from '../store/index.ts';
import { installSession, pageKernel, setSource, whenEngineStarted } from '../engine/runtime.ts';
import { CSession } from './c-session.ts';
import type { CSymbols, Found } from './discover.ts';
import { cProgramOf } from './c-build.ts';
import { readOptionPragmas } from '../lang/c/pragma.ts';
import { buildC } from './compiler.ts';
import type { Diagnostic } from '../lang/ast.ts';
import { MAX_TEXT_CHARS } from '../share/codec.ts';
import { pageStorage } from '../share/storage.ts';
import { C_NAME, keepCFile, readSavedC } from './c-storage.ts';

const BUILD_DELAY_MS = 600;

interface Built {
  readonly text: string;
  readonly module: WebAssembly.Module;
  readonly wasm: Uint8Array;
  readonly found: Found;
  readonly symbols: CSymbols;
  /** The compiler's warnings for it. */
  readonly diagnostics: readonly Diagnostic[];
}
let built: Built | null = null;
/** Waiting for the next C program to be installed (a link's moment). */
const onInstalled: (() => void)[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let pending: string | null = null;

/** Makes the built program the page's run. */
function install(b: Built): void {
  const k = pageKernel();
  if (!k) return;
  const { program, lay, run } = cProgramOf(b.text, b.module, b.wasm, b);
  useStore.setState({ program, layout: lay });
  installSession(new CSession(k, run));
  for (const cb of onInstalled.splice(0)) cb();
}

/** Calls `cb` once the page runs its program: the language's at once (when the kernel is up), a C file's once built. */
export function whenRunReady(cb: () => void): void {
  if (useStore.getState().lang === 'c') onInstalled.push(cb);
  else whenEngineStarted(cb);
}

/** A C file from a link's extras (`c: { name, text }`), or null when it is not one. */
export function linkCFile(v: unknown): CFile | null {
  if (typeof v !== 'object' || v === null) return null;
  const { name, text } = v as { name?: unknown; text?: unknown };
  return typeof name === 'string' && C_NAME.test(name) && typeof text === 'string' && text.length <= MAX_TEXT_CHARS ? { name, text } : null;
}

/**
 * Start-up: a link's C file opens in the C tab; otherwise the saved one comes
 * back, shown if it was shown (unless the address asked for a program). Then
 * the C file is saved as it changes.
 */
export function bootC(fromLink: CFile | null, addressHasProgram: boolean): void {
  const saved = readSavedC(pageStorage());
  if (fromLink) openCFile(fromLink);
  else if (saved) {
    useStore.setState({ cFile: { name: saved.name, text: saved.text } });
    if (saved.active && !addressHasProgram) openCFile({ name: saved.name, text: saved.text });
  }
  keepCFile();
}

/** The build failed: says why; `diagnostics`, when given, replace the problems shown. */
function fail(message: string, diagnostics?: readonly Diagnostic[]): void {
  useStore.setState(diagnostics ? { cBuild: { phase: 'error', message }, cDiagnostics: diagnostics } : { cBuild: { phase: 'error', message } });
}

/** Compiles the C text now and, once the worker's first run ends, runs it on the page. */
function build(text: string): void {
  clearTimeout(timer);
  pending = null;
  if (built?.text === text) {
    useStore.setState({ cBuild: { phase: 'ready', ms: 0 }, cDiagnostics: built.diagnostics });
    if (useStore.getState().lang === 'c') whenEngineStarted(() => install(built!));
    return;
  }
  const opts = readOptionPragmas(text);
  if (opts.diagnostics.length) {
    return fail(
      'a #pragma syslet option line is wrong',
      opts.diagnostics.map((d) => ({ line: d.line, column: d.col, endLine: d.line, endColumn: d.col + 1, message: d.message, severity: 'error' as const })),
    );
  }
  const name = useStore.getState().cFile?.name ?? 'program.c';
  useStore.setState({ cBuild: { phase: 'compiling' } });
  let wasm: Uint8Array | null = null;
  let compiledMs = 0;
  let warnings: readonly Diagnostic[] = [];
  buildC(
    { text, name, kernel: opts.knobs.kernel, seed: opts.knobs.seed },
    {
      progress: (done, total) => useStore.setState({ cBuild: { phase: 'loading', done, total } }),
      compiled: (r) => {
        useStore.setState({ cDiagnostics: r.diagnostics });
        warnings = r.diagnostics;
        if (!r.wasm) fail(r.diagnostics.length ? 'the C file does not compile' : r.log.trim().split('\n').pop() || 'the C file does not compile');
        else useStore.setState({ cBuild: { phase: 'compiling' } });
        compiledMs = r.ms;
        if (r.wasm) wasm = r.wasm;
      },
      ran: (r) => {
        if (!wasm) return;
        const bytes = wasm;
        WebAssembly.compile(bytes.slice() as BufferSource)
          .then((module) => {
            built = { text, module, wasm: bytes, found: r.found, symbols: r.symbols, diagnostics: warnings };
            useStore.setState({ cBuild: { phase: 'ready', ms: compiledMs } });
            if (useStore.getState().lang === 'c' && useStore.getState().cFile?.text === text) whenEngineStarted(() => install(built!));
          })
          .catch((e: unknown) => fail(`the compiled program could not be loaded: ${(e as Error).message}`));
      },
      failed: (message) => fail(message),
    },
  );
}
/** Opens a C file in the C tab and runs it. */
export function openCFile(file: CFile): void {
  useStore.setState({ cFile: file, lang: 'c', cDiagnostics: [] });
  build(file.text);
}

/** The C tab's text changed (typing): built after a pause. */
export function typedC(text: string): void {
  const file = useStore.getState().cFile;
  if (!file) return;
  useStore.setState({ cFile: { ...file, text } });
  pending = text;
  clearTimeout(timer);
  timer = setTimeout(() => pending !== null && build(pending), BUILD_DELAY_MS);
}

/** Builds what was typed and not built yet, now (Run and Step judge the text on the screen). */
export function flushC(): void {
  if (pending !== null) build(pending);
}

/** Shows (and runs) the language program or the C file. */
export function showTab(lang: 'syslet' | 'c'): void {
  const st = useStore.getState();
  if (st.lang === lang) return;
  if (lang === 'c' && !st.cFile) return;
  useStore.setState({ lang });
  if (lang === 'syslet') setSource(st.source, st.exampleName);
  else build(st.cFile!.text);
}

/** Closes the C file: the language program runs again. */
export function closeCFile(): void {
  clearTimeout(timer);
  pending = null;
  const st = useStore.getState();
  useStore.setState({ cFile: null, lang: 'syslet', cBuild: { phase: 'idle' }, cDiagnostics: [] });
  if (st.lang === 'c') setSource(st.source, st.exampleName);
}
