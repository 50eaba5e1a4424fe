// Checkpoints of the whole machine for step-back: memory below KERNEL_END
// (without the trace ring, which replay regenerates) stored as the 4 KiB pages
// that differ from the image the session started from.
import * as L from '../../engine-wasm/abi/layout.ts';

const PAGE = 4096;
const SKIP_FROM = Math.floor(L.TRACE_BASE / PAGE);
const SKIP_TO = Math.ceil(L.TRACE_END / PAGE);
const NPAGES = Math.ceil(L.KERNEL_END / PAGE);

export interface MemoryDelta {
  readonly pages: ReadonlyMap<number, Uint8Array>;
  readonly bytes: number;
}

/**
 * One base a replaced session gave back, for the next captureBase: a new program (every typing
 * pause in a big text) then copies 3 MiB into a buffer it has, instead of allocating one (the
 * allocations showed in profiles as ~20 ms with the garbage collections they brought).
 */
let spare: Uint8Array | null = null;

/** A copy of memory below KERNEL_END: the base that deltas refer to. */
export function captureBase(memory: WebAssembly.Memory): Uint8Array {
  const out = spare ?? new Uint8Array(L.KERNEL_END);
  spare = null;
  out.set(new Uint8Array(memory.buffer, 0, L.KERNEL_END));
  return out;
}

/** Gives back a base that nothing refers to any more (its session is gone or reset). */
export function releaseBase(base: Uint8Array): void {
  if (base.length === L.KERNEL_END) spare = base;
}

/** The pages of memory that differ from base (trace ring excluded). */
export function captureDelta(memory: WebAssembly.Memory, base: Uint8Array): MemoryDelta {
  const now32 = new Uint32Array(memory.buffer, 0, L.KERNEL_END / 4);
  const base32 = new Uint32Array(base.buffer, base.byteOffset, L.KERNEL_END / 4);
  const pages = new Map<number, Uint8Array>();
  for (let p = 0; p < NPAGES; p++) {
    if (p >= SKIP_FROM && p < SKIP_TO) continue;
    const from = (p * PAGE) / 4;
    const to = Math.min(from + PAGE / 4, now32.length);
    for (let i = from; i < to; i++) {
      if (now32[i] !== base32[i]) {
        pages.set(p, new Uint8Array(memory.buffer, p * PAGE, (to - from) * 4).slice());
        break;
      }
    }
  }
  return { pages, bytes: pages.size * PAGE };
}

/** Puts memory back to base + delta (the trace ring is left as it is). */
export function restoreDelta(memory: WebAssembly.Memory, base: Uint8Array, delta: MemoryDelta): void {
  const mem = new Uint8Array(memory.buffer, 0, L.KERNEL_END);
  mem.set(base.subarray(0, SKIP_FROM * PAGE), 0);
  mem.set(base.subarray(Math.min(SKIP_TO * PAGE, L.KERNEL_END)), Math.min(SKIP_TO * PAGE, L.KERNEL_END));
  for (const [p, bytes] of delta.pages) mem.set(bytes, p * PAGE);
}
