// Reads the kernel's own records (threads, trace, VFS, page cache, ring) out of
// linear memory into plain, frozen-friendly objects. One reader per record,
// with a fresh DataView each call.
import type { Kernel } from './kernel.ts';
import * as L from '../abi/layout.ts';

// Name tables are written keyed by the ABI constants, never by their order, so
// renumbering a constant cannot silently mislabel; byCode() turns a table into
// the array indexed by code that readers use.

/** The array indexed by code of a table keyed by ABI constants (codes without a name: undefined). */
export function byCode<N extends string>(table: Readonly<Record<number, N>>): readonly (N | undefined)[] {
  const out: (N | undefined)[] = [];
  for (const [code, name] of Object.entries(table)) out[Number(code)] = name;
  return Object.freeze(Array.from(out));
}

/** byCode() for a family numbered 0..n-1 without gaps (checked when the module loads). */
function denseByCode<N extends string>(table: Readonly<Record<number, N>>): readonly N[] {
  const out = byCode(table);
  if (out.some((n) => n === undefined)) throw new Error(`name table has a gap: ${JSON.stringify(out)}`);
  return out as readonly N[];
}

export type ThreadState = 'free' | 'user' | 'runnable' | 'sleeping' | 'blocked' | 'waiting';
export const STATE_NAMES: readonly ThreadState[] = denseByCode<ThreadState>({
  [L.TS_FREE]: 'free',
  [L.TS_USER]: 'user',
  [L.TS_RUNNABLE]: 'runnable',
  [L.TS_SLEEPING]: 'sleeping',
  [L.TS_BLOCKED]: 'blocked',
  [L.TS_WAITING]: 'waiting',
});

export type WaitReason =
  | 'none' | 'disk' | 'disk-inflight' | 'timer' | 'pipe-read' | 'pipe-write' | 'fsync' | 'ring' | 'events' | 'injected';
/** Wait reasons by WHY_* code (8 and 9 are HANDOFF_* values, so they have no name here). */
export const WHY_NAMES: readonly (WaitReason | undefined)[] = byCode<WaitReason>({
  [L.WHY_NONE]: 'none',
  [L.WHY_DISK]: 'disk',
  [L.WHY_TIMER]: 'timer',
  [L.WHY_PIPE_READ]: 'pipe-read',
  [L.WHY_PIPE_WRITE]: 'pipe-write',
  [L.WHY_FSYNC]: 'fsync',
  [L.WHY_RING]: 'ring',
  [L.WHY_EVENTS]: 'events',
  [L.WHY_DISK_INFLIGHT]: 'disk-inflight',
  [L.WHY_INJECTED]: 'injected',
});

export interface ThreadRec {
  readonly tid: number;
  readonly state: ThreadState;
  readonly mode: number;
  readonly ahu: number;
  readonly atom: number;
  readonly last: number;
  readonly nr: number;
  readonly why: WaitReason;
  readonly waitArg: number;
  readonly wakeAt: bigint;
  readonly since: bigint;
  readonly syslets: number;
  /** Woken, about to finish the atom it slept in (TF_RESUMED). */
  readonly resumed: boolean;
}

export function readThread(k: Kernel, tid: number): ThreadRec {
  const v = k.view();
  const t = L.THREADS_BASE + tid * L.THREAD_BYTES;
  return {
    tid,
    state: STATE_NAMES[v.getUint32(t + L.THREAD_STATE, true)] ?? 'free',
    mode: v.getUint32(t + L.THREAD_MODE, true),
    ahu: v.getUint32(t + L.THREAD_AHU, true),
    atom: v.getUint32(t + L.THREAD_ATOM, true),
    last: v.getUint32(t + L.THREAD_LAST, true),
    nr: v.getUint32(t + L.THREAD_NR, true),
    why: WHY_NAMES[v.getUint32(t + L.THREAD_WHY, true)] ?? 'none',
    waitArg: v.getUint32(t + L.THREAD_WAIT_ARG, true),
    wakeAt: v.getBigUint64(t + L.THREAD_WAKE_AT, true),
    since: v.getBigUint64(t + L.THREAD_SINCE, true),
    syslets: v.getUint32(t + L.THREAD_SYSLETS, true),
    resumed: (v.getUint32(t + L.THREAD_FLAGS, true) & L.TF_RESUMED) !== 0,
  };
}

/** The user task and every cachemiss thread that is alive. */
export function readThreads(k: Kernel): ThreadRec[] {
  const out = [readThread(k, 0)];
  for (let tid = 1; tid < L.NTHREAD; tid++) {
    const state = k.u32(L.THREADS_BASE + tid * L.THREAD_BYTES + L.THREAD_STATE);
    if (state !== L.TS_FREE) out.push(readThread(k, tid));
  }
  return out;
}

export type TraceKind =
  | 'atom' | 'handoff' | 'block' | 'wake' | 'post' | 'lost' | 'fault' | 'cached'
  | 'syscall' | 'sysret' | 'exit' | 'deadlock' | 'ringwait' | 'inject';
export const TRACE_KINDS: readonly (TraceKind | undefined)[] = byCode<TraceKind>({
  [L.TR_ATOM]: 'atom',
  [L.TR_HANDOFF]: 'handoff',
  [L.TR_BLOCK]: 'block',
  [L.TR_WAKE]: 'wake',
  [L.TR_POST]: 'post',
  [L.TR_LOST]: 'lost',
  [L.TR_FAULT]: 'fault',
  [L.TR_CACHED]: 'cached',
  [L.TR_SYSCALL]: 'syscall',
  [L.TR_SYSRET]: 'sysret',
  [L.TR_EXIT]: 'exit',
  [L.TR_DEADLOCK]: 'deadlock',
  [L.TR_RINGWAIT]: 'ringwait',
  [L.TR_INJECT]: 'inject',
});

export type InjectKind = 'errno' | 'block' | 'short' | 'cached' | 'latency';
/** What an `inject` record injected (its aux & 0xff). */
export const INJECT_KINDS: readonly (InjectKind | undefined)[] = byCode<InjectKind>({
  [L.INJ_ERRNO]: 'errno',
  [L.INJ_BLOCK]: 'block',
  [L.INJ_SHORT]: 'short',
  [L.INJ_CACHED]: 'cached',
  [L.INJ_LATENCY]: 'latency',
});

export type FaultKind = 'errno' | 'block' | 'short' | 'cached';
/** Fault kinds of kernel_fault_set (FK_*), by code. */
export const FAULT_KINDS: readonly (FaultKind | undefined)[] = byCode<FaultKind>({
  [L.FK_ERRNO]: 'errno',
  [L.FK_BLOCK]: 'block',
  [L.FK_SHORT]: 'short',
  [L.FK_CACHED]: 'cached',
});

export interface TraceRec {
  readonly seq: number;
  /** The kernel event the record belongs to (KSTATE.events when it was written). */
  readonly event: number;
  readonly kind: TraceKind;
  readonly time: bigint;
  readonly tid: number;
  readonly atom: number;
  readonly nr: number;
  readonly result: number;
  readonly args: readonly number[];
  readonly aux: number;
  readonly aux2: number;
}

function readTraceAt(v: DataView, seq: number, eventOf?: (kernelEvent: number) => number): TraceRec {
  const r = L.TRACE_BASE + (seq % L.NTRACE) * L.TRACE_BYTES;
  const args: number[] = [];
  for (let i = 0; i < 6; i++) args.push(v.getUint32(r + L.TRACE_ARGS + 4 * i, true));
  const event = v.getUint32(r + L.TRACE_EVENT, true);
  return {
    seq: v.getUint32(r + L.TRACE_SEQ, true),
    event: eventOf ? eventOf(event) : event,
    kind: TRACE_KINDS[v.getUint16(r + L.TRACE_KIND, true)] ?? 'atom',
    time: v.getBigUint64(r + L.TRACE_TIME, true),
    tid: v.getUint16(r + L.TRACE_TID, true),
    atom: v.getUint32(r + L.TRACE_ATOM, true),
    nr: v.getUint32(r + L.TRACE_NR, true),
    result: v.getInt32(r + L.TRACE_RESULT, true),
    args,
    aux: v.getUint32(r + L.TRACE_AUX, true),
    aux2: v.getUint32(r + L.TRACE_AUX2, true),
  };
}

/**
 * Trace records numbered from `since` to the newest. Records older than the
 * ring holds (NTRACE) are gone; `dropped` says how many were skipped.
 */
/**
 * Trace records numbered from `from` up to `to` (exclusive) that the ring still holds.
 * `eventOf` maps a record's kernel event to the host's own numbering (a session's events).
 */
export function readTraceRange(k: Kernel, from: number, to: number, eventOf?: (kernelEvent: number) => number): TraceRec[] {
  // Records older than NTRACE behind the newest are overwritten; none newer exist yet.
  const v = k.view();
  const end = v.getUint32(L.KSTATE_BASE + L.KSTATE_TRACE_SEQ, true);
  const out: TraceRec[] = [];
  for (let s = Math.max(from, end - L.NTRACE, 0); s < Math.min(to, end); s++) out.push(readTraceAt(v, s, eventOf));
  return out;
}

export function readTrace(k: Kernel, since = 0): { records: TraceRec[]; next: number; dropped: number } {
  const end = k.u32(L.KSTATE_BASE + L.KSTATE_TRACE_SEQ);
  const first = Math.max(since, end - L.NTRACE, 0);
  return { records: readTraceRange(k, first, end), next: end, dropped: first - since };
}

export type PageState = 'cold' | 'inflight' | 'cached';
export const PAGE_STATES: readonly (PageState | undefined)[] = byCode<PageState>({
  [L.BS_COLD]: 'cold',
  [L.BS_INFLIGHT]: 'inflight',
  [L.BS_CACHED]: 'cached',
});

export interface FileRec {
  readonly ino: number;
  readonly path: string;
  readonly kind: 'file' | 'device';
  readonly size: number;
  readonly linked: boolean;
  readonly openRefs: number;
  readonly dirtyPages: number;
  /** Page-cache state of each page (holes are 'hole'). */
  readonly pages: readonly (PageState | 'hole')[];
}

/** Every inode in use, with its pages' cache states. */
export function readFiles(k: Kernel): FileRec[] {
  const v = k.view();
  const out: FileRec[] = [];
  for (let i = 0; i < L.NINODE; i++) {
    const ip = L.INODES_BASE + i * L.INODE_BYTES;
    const type = v.getUint32(ip + L.INODE_TYPE, true);
    if (type === L.IT_FREE) continue;
    const size = v.getUint32(ip + L.INODE_SIZE, true);
    const pathLen = v.getUint32(ip + L.INODE_PATHLEN, true);
    const pages: (PageState | 'hole')[] = [];
    const npages = Math.ceil(size / L.PAGE_BYTES);
    for (let pg = 0; pg < npages; pg++) {
      const b = v.getUint16(ip + L.INODE_BLOCKS + 2 * pg, true);
      pages.push(b === 0 ? 'hole' : (PAGE_STATES[v.getUint32(L.BLOCKS_BASE + (b - 1) * L.BLOCK_BYTES + L.BLOCK_STATE, true)] ?? 'cold'));
    }
    out.push({
      ino: i,
      path: k.readString(L.PATHS_BASE + i * L.PATH_MAX, pathLen),
      kind: type === L.IT_DEV ? 'device' : 'file',
      size,
      linked: v.getUint32(ip + L.INODE_NLINK, true) !== 0,
      openRefs: v.getUint32(ip + L.INODE_REF, true),
      dirtyPages: v.getUint32(ip + L.INODE_DIRTY, true),
      pages,
    });
  }
  return out;
}

export interface RingRec {
  readonly kernelIdx: number;
  readonly userIdx: number;
  readonly slots: readonly number[];
}

/** The ring of an async_head_user as user memory holds it now (null if ahu is unusable). */
export function readRing(k: Kernel, ahu: number): RingRec | null {
  if (ahu < k.userBase || ahu + L.AHU_BYTES > k.userEnd) return null;
  const v = k.view();
  const ring = v.getUint32(ahu + L.AHU_COMPLETION_RING, true);
  const entries = v.getUint32(ahu + L.AHU_RING_SIZE_BYTES, true) >>> 2;
  if (entries === 0 || ring < k.userBase || ring + entries * 4 > k.userEnd) return null;
  const slots: number[] = [];
  for (let i = 0; i < entries; i++) slots.push(v.getUint32(ring + 4 * i, true));
  return { kernelIdx: v.getUint32(ahu + L.AHU_KERNEL_RING_IDX, true), userIdx: v.getUint32(ahu + L.AHU_USER_RING_IDX, true), slots };
}

export interface FaultRec {
  readonly atom: number;
  readonly kind: FaultKind;
  /** errno, ns or bytes (0 for cached). */
  readonly value: number;
  /** 0: every run; else only that run since reset. */
  readonly nth: number;
  /** Runs of the atom since reset. */
  readonly runs: number;
}

export interface LatencyRec {
  readonly path: string;
  /** A page index, or undefined for every page of the file. */
  readonly page?: number;
  readonly ns: number;
}

/** The injection tables (FAULTS): the faults per atom and the disk latencies per file or page. */
export function readFaults(k: Kernel): { faults: FaultRec[]; latencies: LatencyRec[] } {
  const v = k.view();
  const faults: FaultRec[] = [];
  const natom = v.getUint32(L.FAULTS_BASE + L.FAULTS_NATOM, true);
  for (let i = 0; i < Math.min(natom, L.NFAULT); i++) {
    const e = L.FE_TABLE + i * L.FE_BYTES;
    const kind = FAULT_KINDS[v.getUint32(e + L.FE_KIND, true)];
    if (!kind) continue;
    faults.push({
      atom: v.getUint32(e + L.FE_ATOM, true), kind, value: v.getUint32(e + L.FE_VALUE, true),
      nth: v.getUint32(e + L.FE_NTH, true), runs: v.getUint32(e + L.FE_RUNS, true),
    });
  }
  const latencies: LatencyRec[] = [];
  const nlat = v.getUint32(L.FAULTS_BASE + L.FAULTS_NLAT, true);
  for (let i = 0; i < Math.min(nlat, L.NLATENCY); i++) {
    const e = L.LAT_TABLE + i * L.LAT_BYTES;
    const page = v.getUint32(e + L.LAT_PAGE, true);
    const path = k.readString(e + L.LAT_PATH, Math.min(v.getUint32(e + L.LAT_LEN, true), L.LAT_PATH_MAX));
    latencies.push({ path, ...(page === L.LAT_ALL ? {} : { page }), ns: v.getUint32(e + L.LAT_NS, true) });
  }
  return { faults, latencies };
}
