// === Fault injection: per-atom faults and per-file disk latencies ===
//
// Two tables in FAULTS (../abi/layout.ts), set by the host and kept across
// kernel_reset like the options (only the run counters are cleared):
//
//   faults    keyed by an atom's user address. When the walk reaches the call
//             step of such an atom (its arguments read), the atom's run counter
//             goes up; if the entry has no nth, or nth is this run, the fault
//             applies to this call:
//               FK_ERRNO  the call is not made; the result is -value;
//               FK_BLOCK  the atom sleeps value ns (WHY_INJECTED) before its
//                         call runs; in the head that is a wait like any other,
//                         so the hand-off policy applies (atom.ts offload);
//               FK_SHORT  read/write/pread64/pwrite64: count clamped to value;
//                         any other call is left alone;
//               FK_CACHED the call does not wait (TF_INJ_CACHED, checked by the
//                         handlers that could): file pages count as cached for
//                         it, fsync and nanosleep return at once, a pipe that
//                         would make it wait gives -EAGAIN (as O_NONBLOCK).
//   latencies keyed by path and page (or every page): a disk read of such a
//             page, or an fsync of such a file, takes the entry's latency
//             instead of OPT_DISK_LATENCY_NS, plus the usual seeded jitter.
//
// Every effect writes a TR_INJECT record (aux = INJ_* | run << 8), so the UI
// can say that the value was injected. An override that changes nothing (a
// short count above the call's own, `cached` on a call that would not wait)
// writes nothing.

import {
  FAULTS_BASE, FAULTS_NATOM, FAULTS_NLAT, FE_TABLE, FE_BYTES, FE_ATOM, FE_KIND, FE_VALUE, FE_NTH, FE_RUNS,
  LAT_TABLE, LAT_BYTES, LAT_PAGE, LAT_NS, LAT_LEN, LAT_PATH, LAT_ALL, LAT_PATH_MAX, NFAULT, NLATENCY,
  FK_NONE, FK_ERRNO, FK_BLOCK, FK_SHORT, FK_CACHED, MAX_ERRNO, NFILEBLOCK, PATHS_BASE, PATH_MAX,
  INODES_BASE, INODE_BYTES, FAULTS_END, INODE_PATHLEN, TR_INJECT, INJ_ERRNO, INJ_BLOCK, INJ_SHORT, INJ_CACHED,
  INJ_LATENCY, INJ_RUN_SHIFT, KSTATE_INJ_RUN, WHY_INJECTED, TF_INJ_CACHED, TM_WALK,
} from '../abi/layout';
import { SYS_read, SYS_write, SYS_pread64, SYS_pwrite64 } from '../abi/syscall';
import { BLOCKED, NOT_INJECTED } from './param';
import { kget, kset, now } from './kstate';
import { arg, setArg, setWait, tFlags, setTFlags, tMode, tAtom, tNr } from './thread';
import { trace } from './trace';
import { wordOk } from './umem';

// @ts-ignore: decorator
@inline function natom(): u32 { return load<u32>(<usize>FAULTS_BASE + FAULTS_NATOM); }
// @ts-ignore: decorator
@inline function nlat(): u32 { return load<u32>(<usize>FAULTS_BASE + FAULTS_NLAT); }
// @ts-ignore: decorator
@inline function fent(i: u32): usize { return <usize>FE_TABLE + <usize>i * FE_BYTES; }
// @ts-ignore: decorator
@inline function lent(i: u32): usize { return <usize>LAT_TABLE + <usize>i * LAT_BYTES; }
// @ts-ignore: decorator
@inline function injAux(kind: u32, run: u32): u32 { return kind | (min(run, 0xff_ffff) << INJ_RUN_SHIFT); }

/** True if any fault or latency is set: the walk then keeps the thread's atom and nr current. */
export function injectArmed(): bool { return (natom() | nlat()) != 0; }

/** The fault entry of atom a, or 0. */
function faultFind(a: u32): usize {
  const n = natom();
  for (let i: u32 = 0; i < n; i++) if (load<u32>(fent(i), FE_ATOM) == a) return fent(i);
  return 0;
}

/**
 * Sets the fault of the atom at user address `atom` (FK_NONE removes it);
 * nth = 0: every run, else only its nth run since reset. Returns 0, -1 for a
 * bad atom, kind or value, -2 when the table is full.
 */
export function faultSet(atom: u32, kind: u32, value: u32, nth: u32): i32 {
  if (!wordOk(atom)) return -1;
  if (kind == FK_ERRNO && (value == 0 || value > <u32>MAX_ERRNO)) return -1;
  if (kind == FK_BLOCK && value == 0) return -1;
  if (kind != FK_NONE && kind != FK_ERRNO && kind != FK_BLOCK && kind != FK_SHORT && kind != FK_CACHED) return -1;
  let e = faultFind(atom);
  if (kind == FK_NONE) {
    if (e != 0) {
      const last = fent(natom() - 1);
      memory.copy(e, last, FE_BYTES);
      memory.fill(last, 0, FE_BYTES);
      store<u32>(<usize>FAULTS_BASE + FAULTS_NATOM, natom() - 1);
    }
    return 0;
  }
  if (e == 0) {
    if (natom() == <u32>NFAULT) return -2;
    e = fent(natom());
    store<u32>(<usize>FAULTS_BASE + FAULTS_NATOM, natom() + 1);
  }
  store<u32>(e, atom, FE_ATOM);
  store<u32>(e, kind, FE_KIND);
  store<u32>(e, kind == FK_CACHED ? 0 : value, FE_VALUE);
  store<u32>(e, nth, FE_NTH);
  store<u32>(e, 0, FE_RUNS);
  return 0;
}

/**
 * Sets the disk latency of the file named by the `len` bytes at `p` (any
 * readable memory; LAT_PATHBUF is there for it): of page `page`, or of every
 * page with LAT_ALL. A page entry wins over the file's. Returns 0, -1 for a bad
 * path or page, -2 when the table is full.
 */
export function latencySet(p: u32, len: u32, page: u32, ns: u32): i32 {
  if (len == 0 || len > <u32>LAT_PATH_MAX || <u64>p + <u64>len > (<u64>memory.size() << 16)) return -1;
  if (load<u8>(p) != 0x2f) return -1; // absolute paths only, as the VFS has
  if (page != LAT_ALL && page >= <u32>NFILEBLOCK) return -1;
  const n = nlat();
  let e: usize = 0;
  for (let i: u32 = 0; i < n; i++) {
    const x = lent(i);
    if (load<u32>(x, LAT_PAGE) == page && load<u32>(x, LAT_LEN) == len && memory.compare(x + LAT_PATH, p, len) == 0) e = x;
  }
  if (e == 0) {
    if (n == <u32>NLATENCY) return -2;
    e = lent(n);
    store<u32>(<usize>FAULTS_BASE + FAULTS_NLAT, n + 1);
    store<u32>(e, page, LAT_PAGE);
    store<u32>(e, len, LAT_LEN);
    memory.copy(e + LAT_PATH, p, len);
  }
  store<u32>(e, ns, LAT_NS);
  return 0;
}

/** Removes every fault and latency (and clears LAT_PATHBUF). */
export function faultClear(): void {
  memory.fill(FAULTS_BASE, 0, <usize>(FAULTS_END - FAULTS_BASE));
}

/** kernel_reset: the tables stay, their run counters start again. */
export function faultsReset(): void {
  const n = natom();
  for (let i: u32 = 0; i < n; i++) store<u32>(fent(i), 0, FE_RUNS);
}

/** The atom a record of t's current call names: 0 for the user task's direct call. */
function curAtom(t: usize): u32 { return tMode(t) == TM_WALK ? tAtom(t) : 0; }

/**
 * The walk reached the call of atom a (syscall nr) in thread t, its arguments
 * read. Applies a's fault if it has one for this run: returns the atom's
 * result (FK_ERRNO), BLOCKED with the wait set (FK_BLOCK), or NOT_INJECTED:
 * make the call (after clamping its count, FK_SHORT, or with TF_INJ_CACHED set).
 */
export function injectBefore(t: usize, a: u32, nr: u32): i64 {
  const e = faultFind(a);
  if (e == 0) return NOT_INJECTED;
  const run = load<u32>(e, FE_RUNS) + 1;
  store<u32>(e, run, FE_RUNS);
  const nth = load<u32>(e, FE_NTH);
  if (nth != 0 && run != nth) return NOT_INJECTED;
  kset(KSTATE_INJ_RUN, run);
  const kind = load<u32>(e, FE_KIND);
  const v = load<u32>(e, FE_VALUE);
  if (kind == FK_ERRNO) {
    trace(TR_INJECT, t, a, nr, -<i32>v, injAux(INJ_ERRNO, run), v);
    return -<i64>v;
  }
  if (kind == FK_BLOCK) {
    trace(TR_INJECT, t, a, nr, 0, injAux(INJ_BLOCK, run), v);
    setWait(t, WHY_INJECTED, v, now() + <u64>v, 0);
    return BLOCKED;
  }
  if (kind == FK_SHORT) {
    const rw = nr == <u32>SYS_read || nr == <u32>SYS_write || nr == <u32>SYS_pread64 || nr == <u32>SYS_pwrite64;
    if (rw && arg(t, 2) > v) {
      trace(TR_INJECT, t, a, nr, <i32>arg(t, 2), injAux(INJ_SHORT, run), v);
      setArg(t, 2, v);
    }
    return NOT_INJECTED;
  }
  if (kind == FK_CACHED) setTFlags(t, tFlags(t) | TF_INJ_CACHED);
  return NOT_INJECTED;
}

/** The call that injectBefore let through has returned. */
export function injectAfter(t: usize): void {
  setTFlags(t, tFlags(t) & ~TF_INJ_CACHED);
}

/** True if t's current call runs under an injected `cached` fault: it must not wait. */
// @ts-ignore: decorator
@inline export function injectedCached(t: usize): bool { return (tFlags(t) & TF_INJ_CACHED) != 0; }

/** A call under an injected `cached` fault did not make the wait (why, waitArg) it would have made. */
export function injectSkipped(t: usize, why: u32, waitArg: u32): void {
  trace(TR_INJECT, t, curAtom(t), tNr(t), <i32>waitArg, injAux(INJ_CACHED, kget(KSTATE_INJ_RUN)), why);
}

/** The latency entry for page pg of inode `ino` (pg = LAT_ALL: the whole file only), or 0. */
function latencyFind(ino: u32, pg: u32): usize {
  const n = nlat();
  if (n == 0) return 0;
  const ip = <usize>INODES_BASE + <usize>ino * INODE_BYTES;
  const len = load<u32>(ip, INODE_PATHLEN);
  const path = <usize>PATHS_BASE + <usize>ino * PATH_MAX;
  let whole: usize = 0;
  for (let i: u32 = 0; i < n; i++) {
    const x = lent(i);
    if (load<u32>(x, LAT_LEN) != len || memory.compare(x + LAT_PATH, path, len) != 0) continue;
    const page = load<u32>(x, LAT_PAGE);
    if (page == pg && pg != LAT_ALL) return x;
    if (page == LAT_ALL) whole = x;
  }
  return whole;
}

/**
 * The base latency of a disk operation on page pg of inode `ino` (LAT_ALL: an
 * fsync of the file) if the table sets one, else `dflt`. `jitter` is the
 * seeded jitter the caller drew; an injected latency is traced with it.
 */
export function injectLatency(t: usize, ino: u32, pg: u32, dflt: u64, jitter: u64): u64 {
  const x = latencyFind(ino, pg);
  if (x == 0) return dflt + jitter;
  const total = <u64>load<u32>(x, LAT_NS) + jitter;
  trace(TR_INJECT, t, curAtom(t), tNr(t), <i32>((ino << 16) | (pg & 0xffff)), INJ_LATENCY, <u32>min(total, <u64>u32.MAX_VALUE));
  return total;
}
