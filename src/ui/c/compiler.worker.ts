// The C worker: compiles a C text with clang and lld (WebAssembly builds from
// npm, fetched from this site the first time: docs/c.md), then runs the
// program once on a kernel of its own, to find its atoms and to learn that it
// ends. It runs off the page's thread, so a long compile never freezes the
// page, and a program that loops without making system calls can be stopped
// by ending the worker.
import { compileC, loadClang } from '../../engine-wasm/c/compile.ts';
import type { CDiagnostic } from '../../engine-wasm/c/diagnostics.ts';
import type { Diagnostic } from '../lang/ast.ts';
import { loadKernel } from '../../engine-wasm/host/browser.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { discoverC } from './c-build.ts';
import type { BuildReply, BuildRequest } from './protocol.ts';

let kernel: Promise<Kernel> | null = null;

function post(r: BuildReply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(r, transfer);
}

async function build(req: BuildRequest): Promise<void> {
  const { id } = req;
  const t0 = performance.now();
  const clang = await loadClang((done, total) => post({ id, kind: 'progress', done, total }));
  const t1 = performance.now();
  const r = await compileC(req.text, { fileName: req.name, clang });
  const ms = performance.now() - t1;
  post({ id, kind: 'compiled', ms, loadMs: t1 - t0, diagnostics: r.diagnostics.filter((d) => d.severity !== 'note').map((d) => toDiagnostic(d, req.name)), wasm: r.wasm ? r.wasm.slice() : null, log: r.log });
  if (!r.wasm) return;
  const module = await WebAssembly.compile(r.wasm.slice());
  const k = await (kernel ??= loadKernel(1));
  const knobs = { seed: req.seed, kernel: req.kernel.map(([a, b]) => [a, b] as [number, number]) };
  const d = discoverC(k, module, r.wasm, knobs);
  post({ id, kind: 'ran', found: d.found, symbols: d.symbols, events: d.events, error: d.error });
}

/** A clang diagnostic as the editor marks it: one character wide at its column (clang gives no end). */
function toDiagnostic(d: CDiagnostic, name: string): Diagnostic {
  // One in the header is told at the file's first line, with where it is.
  if (d.file !== name) return { line: 1, column: 1, endLine: 1, endColumn: 2, message: `${d.file}:${d.line}:${d.col}: ${d.message}`, severity: d.severity === 'error' ? 'error' : 'warning' };
  return { line: d.line, column: d.col, endLine: d.line, endColumn: d.col + 1, message: d.message, severity: d.severity === 'error' ? 'error' : 'warning' };
}

self.onmessage = (e: MessageEvent<BuildRequest>) => {
  build(e.data).catch((err: unknown) => post({ id: e.data.id, kind: 'failed', message: err instanceof Error ? err.message : String(err) }));
};
