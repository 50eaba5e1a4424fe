// === The user task in the kernel: entering, returning, async_exec, async_wait ===
// The host plays user space. It enters the kernel with userEnter(); step.ts then
// runs the call event by event until userReturn() hands the result back.
// async_exec and async_wait are handled here, never by the syscall table.

import {
  TS_USER, TS_RUNNABLE, TS_WAITING, TS_FREE, TM_NONE, TM_SYSCALL, TM_WALK, TM_ASYNC_WAIT,
  TR_SYSCALL, TR_SYSRET, KSTATE_BUDGET, KSTATE_NLIVE, OPT_CALL_BUDGET, OPT_SYSCALL_NS,
  OPT_RING_POLICY, RING_WAIT, CHAN_RING, NCACHEMISS, KSTATE_ALLOC_HINT,
} from '../abi/layout';
import { SYS_async_exec, SYS_async_wait } from '../abi/syscall';
import { EBUSY, EINVAL } from '../abi/errno';
import { kget, kset, now, opt, tick, setCallStart, chargeSteps } from './kstate';
import {
  T0, thr, tState, setTState, tMode, setTMode, tNr, setTNr, arg, setArg, setTFlags, setTResult,
  setTAhu, setTAtom, setTLast, tAhu,
} from './thread';
import { trace } from './trace';
import { wakeup } from './sched';
import { ahuCheck, ahuRing, ahuEntries } from './ahu';

/** The user task enters the kernel with syscall nr. Returns 0, or -EBUSY if it is inside already. */
export function userEnter(nr: u32, a0: u32, a1: u32, a2: u32, a3: u32, a4: u32, a5: u32): i32 {
  if (tState(T0) != TS_USER) return -EBUSY;
  setTNr(T0, nr);
  setArg(T0, 0, a0); setArg(T0, 1, a1); setArg(T0, 2, a2);
  setArg(T0, 3, a3); setArg(T0, 4, a4); setArg(T0, 5, a5);
  setTFlags(T0, 0);
  setTResult(T0, 0);
  kset(KSTATE_BUDGET, opt(OPT_CALL_BUDGET) + 1); // + the entry event itself
  tick(opt(OPT_SYSCALL_NS));
  setCallStart(now());
  setTMode(T0, TM_SYSCALL);
  setTState(T0, TS_RUNNABLE);
  return 0;
}

/**
 * The kernel takes the user task's call in: the first event of every call.
 * Its syscall record is written here, not at entry, so it belongs to an event.
 */
export function userTakeCall(): void {
  trace(TR_SYSCALL, T0, 0, tNr(T0), 0, 0, 0);
  // User space may have drained its ring: threads waiting for a slot try again.
  if (opt(OPT_RING_POLICY) == RING_WAIT) wakeup(CHAN_RING);
}

/** The user task leaves the kernel with result r. */
export function userReturn(r: i32): void {
  assert(tState(T0) != TS_USER, "userReturn: the user task is inside the kernel");
  const mode = tMode(T0);
  const nr = mode == TM_WALK ? <u32>SYS_async_exec : mode == TM_ASYNC_WAIT ? <u32>SYS_async_wait : tNr(T0);
  setTResult(T0, r);
  setTMode(T0, TM_NONE);
  setTFlags(T0, 0);
  setTState(T0, TS_USER);
  trace(TR_SYSRET, T0, 0, nr, r, 0, 0);
}

/** async_exec(atom, ahu): checks ahu, then the head starts walking at atom. */
export function startAsyncExec(): void {
  const a = arg(T0, 0);
  const ahu = arg(T0, 1);
  const e = ahuCheck(ahu);
  if (e != 0) {
    userReturn(e);
    return;
  }
  setTAhu(T0, ahu);
  setTAtom(T0, a);
  setTLast(T0, 0, 0);
  setTMode(T0, TM_WALK);
}

/** async_wait(min_events, user_ring_idx, ahu): checks, then the user task waits. */
export function startAsyncWait(): void {
  const ahu = arg(T0, 2);
  const e = ahuCheck(ahu);
  if (e != 0) {
    userReturn(e);
    return;
  }
  if (arg(T0, 1) >= ahuEntries(ahu)) {
    userReturn(-EINVAL);
    return;
  }
  setTAhu(T0, ahu);
  setTMode(T0, TM_ASYNC_WAIT);
  setTState(T0, TS_WAITING);
}

/** True if a cachemiss thread still runs a syslet of ahu. */
function outstanding(ahu: u32): bool {
  if (kget(KSTATE_NLIVE) == 0) return false;
  // Newest first: the thread allocated last is the likeliest to be still alive.
  let tid = kget(KSTATE_ALLOC_HINT);
  for (let i: u32 = 0; i < <u32>NCACHEMISS; i++) {
    const t = thr(tid);
    if (tState(t) != TS_FREE && tAhu(t) == ahu) {
      chargeSteps(i + 1);
      return true;
    }
    tid = tid <= 1 ? <u32>NCACHEMISS : tid - 1;
  }
  chargeSteps(<u32>NCACHEMISS);
  return false;
}

/** Filled slots in a row from idx, counting at most `most`. */
function filledRun(ring: u32, entries: u32, idx: u32, most: u32): u32 {
  const limit = min(most, entries);
  let n: u32 = 0;
  let i = idx; // idx < entries (checked by the caller)
  while (n < limit && load<u32>(ring + (i << 2)) != 0) {
    n++;
    i = i + 1 == entries ? 0 : i + 1;
  }
  chargeSteps(n);
  return n;
}

/** asyncWaitReady(): the user task must go on waiting. */
export const WAIT_MORE: i32 = i32.MIN_VALUE;

/**
 * The result of the user task's async_wait if it may return now (>= 0: filled
 * slots in a row from user_ring_idx; -errno if the ahu became unusable while
 * it waited), or WAIT_MORE. The ahu is user memory: it is checked every time.
 */
export function asyncWaitReady(): i32 {
  const minEvents = arg(T0, 0);
  const idx = arg(T0, 1);
  const ahu = tAhu(T0);
  const e = ahuCheck(ahu);
  if (e != 0) return e;
  const ring = ahuRing(ahu);
  const entries = ahuEntries(ahu);
  if (idx >= entries) return -EINVAL;
  if (filledRun(ring, entries, idx, minEvents) >= minEvents || !outstanding(ahu)) {
    return <i32>filledRun(ring, entries, idx, entries);
  }
  return WAIT_MORE;
}

