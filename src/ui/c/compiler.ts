// The page's side of the C worker: one worker, made when the first C text is
// built (so the toolchain is fetched only by pages that open C), one build at
// a time — a newer text supersedes the build in flight. A first run that does
// not end in time ends the worker (the next build starts a new one).
import type { BuildReply, BuildRequest } from './protocol.ts';

/** How long the worker's first run of a program may take before it counts as endless. */
export const RUN_TIMEOUT_MS = 15_000;

export interface BuildHandlers {
  progress(done: number, total: number): void;
  compiled(r: Extract<BuildReply, { kind: 'compiled' }>): void;
  ran(r: Extract<BuildReply, { kind: 'ran' }>): void;
  failed(message: string): void;
}

let worker: Worker | null = null;
let nextId = 1;
let current: { id: number; h: BuildHandlers; timer?: ReturnType<typeof setTimeout> } | null = null;

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./compiler.worker.ts', import.meta.url), { type: 'module', name: 'c-compiler' });
  w.onmessage = (e: MessageEvent<BuildReply>) => {
    const r = e.data;
    if (!current || r.id !== current.id) return; // a superseded build
    const { h } = current;
    switch (r.kind) {
      case 'progress':
        h.progress(r.done, r.total);
        return;
      case 'compiled':
        if (r.wasm) current.timer = setTimeout(() => endless(r.id), RUN_TIMEOUT_MS);
        else current = null;
        h.compiled(r);
        return;
      case 'ran':
        clearTimeout(current.timer);
        current = null;
        h.ran(r);
        return;
      case 'failed':
        clearTimeout(current.timer);
        current = null;
        h.failed(r.message);
        return;
    }
  };
  w.onerror = (e) => {
    e.preventDefault();
    const c = current;
    current = null;
    worker?.terminate();
    worker = null;
    c?.h.failed(`the C toolchain stopped: ${e.message || 'it could not be loaded'}`);
  };
  return (worker = w);
}

function endless(id: number): void {
  if (!current || current.id !== id) return;
  const { h } = current;
  current = null;
  worker?.terminate();
  worker = null;
  h.failed(`the program did not end within ${RUN_TIMEOUT_MS / 1000} s of its first run: is there a loop that makes no system call?`);
}

/** Builds `text`; the handlers hear only about this build, and nothing once another starts. */
export function buildC(req: Omit<BuildRequest, 'id'>, h: BuildHandlers): void {
  if (current) clearTimeout(current.timer);
  const id = nextId++;
  current = { id, h };
  ensureWorker().postMessage({ ...req, id } satisfies BuildRequest);
}

/** Whether the worker has been made (the toolchain may be loaded in it). */
export function compilerStarted(): boolean {
  return worker !== null;
}
