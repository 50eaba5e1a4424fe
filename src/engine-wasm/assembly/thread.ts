// === Threads: the user task (tid 0) and the cachemiss threads ===
// One record per thread in THREADS. Tid 0 is the user task: it runs user code
// (TS_USER) or is inside the kernel; while it walks atoms in async_exec it is
// "the head". Tids 1..NCACHEMISS are cachemiss threads, allocated at a hand-off
// and freed when their syslet ends. The scheduler is in sched.ts.

import {
  THREADS_BASE, THREAD_BYTES, THREAD_STATE, THREAD_MODE, THREAD_AHU, THREAD_ATOM,
  THREAD_LAST, THREAD_NR, THREAD_ARGS, THREAD_RESULT, THREAD_CHAN, THREAD_WAKE_AT, THREAD_SEQ,
  THREAD_QUANTUM, THREAD_FLAGS, THREAD_WAIT_ARG, THREAD_SINCE, THREAD_WHY, THREAD_SYSLETS,
  THREAD_AFLAGS, THREAD_ARET, THREAD_ANEXT, THREAD_LFLAGS, THREADS_BYTES, TS_FREE, TS_USER,
  KSTATE_NLIVE, KSTATE_ALLOC_HINT, OPT_CACHEMISS_THREADS, OPT_QUANTUM, THREAD_CALL_BYTES, THREAD_SLEEP_BYTES,
  THREAD_ACOPY_BYTES,
} from '../abi/layout';
import { kget, kset, now, opt } from './kstate';

export const T0: usize = THREADS_BASE; // the user task

// @ts-ignore: decorator
@inline export function thr(tid: u32): usize { return <usize>THREADS_BASE + <usize>tid * THREAD_BYTES; }
// @ts-ignore: decorator
@inline export function tidOf(t: usize): u32 { return <u32>((t - THREADS_BASE) / THREAD_BYTES); }

// Field accessors: one pair per field, named for it.
// @ts-ignore: decorator
@inline export function tState(t: usize): u32 { return load<u32>(t, THREAD_STATE); }
// @ts-ignore: decorator
@inline export function tMode(t: usize): u32 { return load<u32>(t, THREAD_MODE); }
// @ts-ignore: decorator
@inline export function setTMode(t: usize, v: u32): void { store<u32>(t, v, THREAD_MODE); }
// @ts-ignore: decorator
@inline export function tAhu(t: usize): u32 { return load<u32>(t, THREAD_AHU); }
// @ts-ignore: decorator
@inline export function setTAhu(t: usize, v: u32): void { store<u32>(t, v, THREAD_AHU); }
// @ts-ignore: decorator
@inline export function tAtom(t: usize): u32 { return load<u32>(t, THREAD_ATOM); }
// @ts-ignore: decorator
@inline export function setTAtom(t: usize, v: u32): void { store<u32>(t, v, THREAD_ATOM); }
// @ts-ignore: decorator
@inline export function tLast(t: usize): u32 { return load<u32>(t, THREAD_LAST); }
// @ts-ignore: decorator
@inline export function tLastFlags(t: usize): u32 { return load<u32>(t, THREAD_LFLAGS); }
// @ts-ignore: decorator
@inline export function setTLast(t: usize, a: u32, flags: u32): void {
  store<u32>(t, a, THREAD_LAST);
  store<u32>(t, flags, THREAD_LFLAGS);
}
// @ts-ignore: decorator
@inline export function tNr(t: usize): u32 { return load<u32>(t, THREAD_NR); }
// @ts-ignore: decorator
@inline export function setTNr(t: usize, v: u32): void { store<u32>(t, v, THREAD_NR); }
// @ts-ignore: decorator
@inline export function arg(t: usize, i: usize): u32 { return load<u32>(t + THREAD_ARGS + (i << 2)); }
// @ts-ignore: decorator
@inline export function setArg(t: usize, i: usize, v: u32): void { store<u32>(t + THREAD_ARGS + (i << 2), v); }
// @ts-ignore: decorator
@inline export function tResult(t: usize): i32 { return load<i32>(t, THREAD_RESULT); }
// @ts-ignore: decorator
@inline export function setTResult(t: usize, v: i32): void { store<i32>(t, v, THREAD_RESULT); }
// @ts-ignore: decorator
@inline export function tChan(t: usize): u32 { return load<u32>(t, THREAD_CHAN); }
// @ts-ignore: decorator
@inline export function setTChan(t: usize, v: u32): void { store<u32>(t, v, THREAD_CHAN); }
// @ts-ignore: decorator
@inline export function tWakeAt(t: usize): u64 { return load<u64>(t, THREAD_WAKE_AT); }
// @ts-ignore: decorator
@inline export function tSeq(t: usize): u32 { return load<u32>(t, THREAD_SEQ); }
// @ts-ignore: decorator
@inline export function setTSeq(t: usize, v: u32): void { store<u32>(t, v, THREAD_SEQ); }
// @ts-ignore: decorator
@inline export function tQuantum(t: usize): u32 { return load<u32>(t, THREAD_QUANTUM); }
// @ts-ignore: decorator
@inline export function setTQuantum(t: usize, v: u32): void { store<u32>(t, v, THREAD_QUANTUM); }
// @ts-ignore: decorator
@inline export function tFlags(t: usize): u32 { return load<u32>(t, THREAD_FLAGS); }
// @ts-ignore: decorator
@inline export function setTFlags(t: usize, v: u32): void { store<u32>(t, v, THREAD_FLAGS); }
// @ts-ignore: decorator
@inline export function tWaitArg(t: usize): u32 { return load<u32>(t, THREAD_WAIT_ARG); }
// @ts-ignore: decorator
@inline export function tWhy(t: usize): u32 { return load<u32>(t, THREAD_WHY); }
// @ts-ignore: decorator
@inline export function aFlags(t: usize): u32 { return load<u32>(t, THREAD_AFLAGS); }
// @ts-ignore: decorator
@inline export function aRet(t: usize): u32 { return load<u32>(t, THREAD_ARET); }
// @ts-ignore: decorator
@inline export function aNext(t: usize): u32 { return load<u32>(t, THREAD_ANEXT); }
// @ts-ignore: decorator
@inline export function setACopy(t: usize, flags: u32, ret: u32, next: u32): void {
  store<u32>(t, flags, THREAD_AFLAGS);
  store<u32>(t, ret, THREAD_ARET);
  store<u32>(t, next, THREAD_ANEXT);
}

/** Changes t's state and notes when the new state began (for the timeline). */
export function setTState(t: usize, s: u32): void {
  store<u32>(t, s, THREAD_STATE);
  store<u64>(t, now(), THREAD_SINCE);
}

/** Describes what t waits on. The scheduler makes it sleep (sched.ts sleepCommit). */
export function setWait(t: usize, why: u32, waitArg: u32, wakeAt: u64, chan: u32): void {
  store<u32>(t, why, THREAD_WHY);
  store<u32>(t, waitArg, THREAD_WAIT_ARG);
  store<u64>(t, wakeAt, THREAD_WAKE_AT);
  store<u32>(t, chan, THREAD_CHAN);
}

/** Copies the syscall in progress and its wait from one thread to another (hand-off). */
export function copyCall(dst: usize, src: usize): void {
  memory.copy(dst + THREAD_NR, src + THREAD_NR, THREAD_CALL_BYTES);
  memory.copy(dst + THREAD_CHAN, src + THREAD_CHAN, THREAD_SLEEP_BYTES);
  store<u32>(dst, load<u32>(src, THREAD_WAIT_ARG), THREAD_WAIT_ARG);
  store<u32>(dst, load<u32>(src, THREAD_WHY), THREAD_WHY);
  memory.copy(dst + THREAD_AFLAGS, src + THREAD_AFLAGS, THREAD_ACOPY_BYTES);
  store<u32>(dst, load<u32>(src, THREAD_LAST), THREAD_LAST);
}

/**
 * A free cachemiss thread, made live, or 0 if none is free. A program may
 * limit the threads a hand-off may use (OPT_CACHEMISS_THREADS = n): only tids
 * 1..n are handed out, so with n = 0 no syslet is ever handed off. A thread
 * above n that is still live (the limit was lowered mid-run) finishes its
 * syslet; its tid is not reused while the limit stays below it.
 */
export function threadAlloc(): usize {
  // Round robin from the hint: threads end roughly in the order they started,
  // so the next free slot is usually the first one tried.
  const n = opt(OPT_CACHEMISS_THREADS);
  let tid = kget(KSTATE_ALLOC_HINT);
  for (let i: u32 = 0; i < n; i++) {
    tid = tid >= n ? 1 : tid + 1;
    const t = thr(tid);
    if (tState(t) == TS_FREE) {
      kset(KSTATE_ALLOC_HINT, tid);
      const syslets = load<u32>(t, THREAD_SYSLETS);
      memory.fill(t, 0, THREAD_BYTES);
      store<u32>(t, syslets, THREAD_SYSLETS);
      setTQuantum(t, opt(OPT_QUANTUM));
      kset(KSTATE_NLIVE, kget(KSTATE_NLIVE) + 1);
      return t;
    }
  }
  return 0;
}

/** True if threadAlloc() would find a free cachemiss thread now. */
export function threadAvailable(): bool {
  const n = opt(OPT_CACHEMISS_THREADS);
  for (let tid: u32 = 1; tid <= n; tid++) if (tState(thr(tid)) == TS_FREE) return true;
  return false;
}

/** Ends cachemiss thread t: its slot is free again. */
export function threadFree(t: usize): void {
  assert(t != T0, "threadFree: the user task is never freed");
  store<u32>(t, load<u32>(t, THREAD_SYSLETS) + 1, THREAD_SYSLETS);
  setTState(t, TS_FREE);
  setTMode(t, 0);
  kset(KSTATE_NLIVE, kget(KSTATE_NLIVE) - 1);
}

/** All threads free; the user task runs user code. */
export function threadsReset(): void {
  memory.fill(THREADS_BASE, 0, THREADS_BYTES);
  setTState(T0, TS_USER);
}
