// The C worker: compiles a C text with clang and lld (WebAssembly builds from
// npm, fetched from this site the first time: docs/c.md), then runs the
// program once on a kernel of its own, to find its atoms and to learn that it
// ends. It runs off the page's thread, so a long compile never freezes the
// page, and a program that loops without making system calls can be stopped
// by ending the worker.
import { compileC } from '../../engine-wasm/c/compile.ts';
import { loadKernel } from '../../engine-wasm/host/browser.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { CSession } from './c-session.ts';
import { cSymbols, describe, Finder } from './discover.ts';
import { MAX_EVENTS } from '../engine/session.ts';
import type { BuildReply, BuildRequest } from './protocol.ts';

let kernel: Promise<Kernel> | null = null;

function post(r: BuildReply, transfer: Transferable[] = []): void {
  (self as unknown as Worker).postMessage(r, transfer);
}

async function build(req: BuildRequest): Promise<void> {
  const { id } = req;
  const t0 = performance.now();
  const r = await compileC(req.text, {
    fileName: req.name,
    onProgress: (done: number, total: number) => post({ id, kind: 'progress', done, total }),
  });
  const ms = performance.now() - t0;
  post({ id, kind: 'compiled', ms, diagnostics: r.diagnostics, wasm: r.wasm ? r.wasm.slice() : null, log: r.log });
  if (!r.wasm) return;
  const module = await WebAssembly.compile(r.wasm.slice());
  const k = await (kernel ??= loadKernel(1));
  const knobs = { seed: req.seed, kernel: req.kernel.map(([a, b]) => [a, b] as [number, number]) };
  const empty = describe({ atoms: new Map(), ahu: 0, ring: 0, ringEntries: 0 }, { names: new Map(), dataStart: k.userBase, dataEnd: k.userBase }).lay;
  const s = new CSession(k, { module, knobs, lay: empty });
  const finder = new Finder(k);
  s.onCall = (nr, args) => finder.look(nr, args);
  const symbols = cSymbols(s.exports ?? {}, k);
  s.run(MAX_EVENTS);
  finder.look();
  post({ id, kind: 'ran', found: finder.found(), symbols, events: s.events, error: s.failure?.message ?? null });
}

self.onmessage = (e: MessageEvent<BuildRequest>) => {
  build(e.data).catch((err: unknown) => post({ id: e.data.id, kind: 'failed', message: err instanceof Error ? err.message : String(err) }));
};
