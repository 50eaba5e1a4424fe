// The view of a session that the panes render: plain, immutable data built
// after each step or batch, so React compares by reference and never touches
// the kernel's memory directly.
import type { Narration } from './session.ts';
import type { RunSession as Session, Status } from './run-session.ts';
import { readThreads, readFiles, readRing, readFaults, type ThreadRec, type FileRec, type FaultRec, type LatencyRec, type TraceRec } from '../../engine-wasm/host/records.ts';
import type { KernelCounters } from '../../engine-wasm/host/kernel.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { imageEnd } from '../lang/addresses.ts';

export interface RingSlot {
  readonly index: number;
  /** Atom address in the slot, 0 = empty. */
  readonly atom: number;
  /** The atom's name in the program, if the slot points at one. */
  readonly name?: string;
}

export interface RingView {
  readonly entries: number;
  readonly kernelIdx: number;
  readonly userIdx: number;
  readonly slots: readonly RingSlot[];
}

/** The few fields that change every frame while a program runs fast (toolbar, ring). */
export interface Live {
  readonly events: number;
  readonly horizon: number;
  readonly status: Status;
  readonly ring: RingView | null;
  readonly posted: number;
  readonly lost: number;
}

export interface Snapshot {
  readonly events: number;
  readonly horizon: number;
  readonly status: Status;
  readonly error?: { readonly message: string; readonly line: number };
  /** Driver line being run. */
  readonly line: number;
  /** True while the driver waits in a system call (kernel events run). */
  readonly inKernel: boolean;
  /** Address and name of the atom the last kernel event concerned, if any. */
  readonly activeAtom: number;
  readonly activeAtomName?: string;
  readonly ring: RingView | null;
  readonly threads: readonly ThreadRec[];
  readonly files: readonly FileRec[];
  /** The kernel's injection tables: faults per atom (with their run counts) and disk latencies per file or page. */
  readonly injections: { readonly faults: readonly FaultRec[]; readonly latencies: readonly LatencyRec[] };
  readonly console: string;
  /** The console as runs of stdout (fd 1) and stderr (fd 2), oldest first; joined, exactly `console`. */
  readonly consoleStreams: readonly { readonly fd: 1 | 2; readonly text: string }[];
  readonly counters: KernelCounters;
  readonly narration: readonly Narration[];
  /** A copy of the program image in user memory, from USER_BASE up to the print buffer's end (the memory view). */
  readonly image: Uint8Array;
}

/** The run's trace as the Trace tab shows it (Session.trace()). */
export interface TraceSnap {
  /** Oldest first, at most the kernel ring's 16,384; each record's `event` is the session's. */
  readonly records: readonly TraceRec[];
  /** Records the run has written (more than `records` holds once the ring has wrapped). */
  readonly written: number;
}

/** The trace of the session; `prev` again when nothing changed, so the Trace tab does not draw again. */
export function takeTrace(s: Session, prev: TraceSnap | null): TraceSnap {
  const records = s.trace();
  return prev && prev.records === records ? prev : { records, written: s.traceWritten };
}

const NARRATION_SHOWN = 400;

function ringView(s: Session, names: ReadonlyMap<number, string>): RingView | null {
  const ring = readRing(s.k, s.lay.ahu);
  return (
    ring && {
      entries: ring.slots.length,
      kernelIdx: ring.kernelIdx,
      userIdx: ring.userIdx,
      slots: ring.slots.map((atom, index) => ({ index, atom, name: names.get(atom) })),
    }
  );
}

/** The cheap part of a snapshot, taken every frame. */
export function takeLive(s: Session, names: ReadonlyMap<number, string>): Live {
  const c = s.k.counters();
  return { events: s.events, horizon: s.horizon, status: s.state, ring: ringView(s, names), posted: c.posted, lost: c.lost };
}

/** The full snapshot; `live` (taken just before) supplies the ring. */
export function takeSnapshot(s: Session, names: ReadonlyMap<number, string>, live: Live = takeLive(s, names)): Snapshot {
  const k = s.k;
  const recent = s.recent();
  let activeAtom = 0;
  for (let i = recent.length - 1; i >= 0 && i >= recent.length - 8; i--) {
    const t = recent[i].trace;
    if (t && t.atom) {
      activeAtom = t.atom;
      break;
    }
    if (recent[i].kind === 'driver') break;
  }
  return {
    events: s.events,
    horizon: s.horizon,
    status: s.state,
    error: s.failure,
    line: s.line,
    inKernel: s.inKernel,
    activeAtom,
    activeAtomName: names.get(activeAtom),
    ring: live.ring,
    threads: readThreads(k),
    files: readFiles(k),
    injections: readFaults(k),
    console: k.consoleText(),
    consoleStreams: k.consoleStreams(),
    counters: k.counters(),
    narration: recent.length > NARRATION_SHOWN ? recent.slice(-NARRATION_SHOWN) : recent.slice(),
    image: k.bytes(L.USER_BASE, imageEnd(s.lay.print) - L.USER_BASE).slice(),
  };
}
