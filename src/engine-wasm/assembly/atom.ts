// === Atoms: fetching, running and chaining (contract §2) ===
//
// walk() runs a syslet's atoms for one thread, one kernel event per atom:
//   1. read flags, nr, ret_ptr, next and the arg pointers up to the first 0,
//      then the words they point to (a bad arg pointer: result -EFAULT);
//   2. SYSLET_ASYNC in the head: hand off to a cachemiss thread first;
//   3. run the syscall (or the fault injected for this atom, inject.ts); if it
//      must wait, the hand-off policy below decides;
//   4. store the result through ret_ptr;
//   5-6. stop conditions, SKIP_TO_NEXT_ON_STOP (u + 44), next, final atom.
// The header words are copied into the thread (copy_uatom), so a woken thread
// finishes its atom with the flags, ret_ptr and next it read before sleeping.
// Atoms are read when reached: user space may change later ones meanwhile.

import {
  ATOM_BYTES, ATOM_NR, ATOM_RET_PTR, ATOM_NEXT, ATOM_ARG_PTR, NATOMARG, TF_RESUMED, TF_EINTR,
  TM_WALK, TM_POST, TR_HANDOFF, TR_FAULT, TR_CACHED, FAULT_ATOM, FAULT_RET,
  HANDOFF_ASYNC, HANDOFF_BUDGET, OPT_ATOM_NS, ATOM_PRIVATE, KSTATE_EVENTS, KSTATE_BUDGET, TF_SLEPT_SYNC, TF_SLEPT_NOTHREAD,
  TS_RUNNABLE, ATOM_THEN_SHIFT, ATOM_THEN_NEXT, ATOM_THEN_STOP, ATOM_THEN_SKIP, ATOM_THEN_LAST,
  CACHED_NOTHING_BLOCKED, CACHED_SLEPT_SYNC, CACHED_SLEPT_NOTHREAD, WHY_INJECTED, USER_BASE, THREAD_ARGS,
} from '../abi/layout';
import {
  SYSLET_ASYNC, SYSLET_SYNC, SYSLET_STOP_MASK, SYSLET_STOP_ON_NONZERO, SYSLET_STOP_ON_ZERO,
  SYSLET_STOP_ON_NEGATIVE, SYSLET_STOP_ON_NON_POSITIVE, SYSLET_SKIP_TO_NEXT_ON_STOP,
} from '../abi/flags';
import { EFAULT, EINTR } from '../abi/errno';
import { BLOCKED, NOT_INJECTED } from './param';
import { injectArmed, injectBefore, injectAfter } from './inject';
import { opt, now, setNow, chargeWalk, kget, kset } from './kstate';
import { userOk, wordOk } from './umem';
import {
  T0, tidOf, tState, tFlags, setTFlags, tAtom, setTAtom, tNr, setTNr, setArg, aFlags, aRet, aNext, setACopy,
  setTLast, tLast, tAhu, setTAhu, tMode, setTMode, threadAlloc, threadAvailable, copyCall, tWhy,
} from './thread';
import { trace, tracing, traceAtom } from './trace';
import { sleepCommit, makeRunnable } from './sched';
import { dispatch } from './syscall';
import { SYS_umem_add, SYS_getpid } from '../abi/syscall';
import { sys_umem_add, sys_getpid } from './sys_misc';
import { clearNewThreadStack } from './ahu';
import { threadExit } from './ring';
import { userReturn } from './user';

/** True if result r meets a stop condition of flags. */
// @ts-ignore: decorator
@inline function stops(flags: u32, r: i32): bool {
  return ((flags & SYSLET_STOP_ON_NONZERO) != 0 && r != 0)
    || ((flags & SYSLET_STOP_ON_ZERO) != 0 && r == 0)
    || ((flags & SYSLET_STOP_ON_NEGATIVE) != 0 && r < 0)
    || ((flags & SYSLET_STOP_ON_NON_POSITIVE) != 0 && r <= 0);
}

// ── The hand-off policy ───────────────────────────────────────────────────
//
// Who runs the rest of a syslet. Only the head (the user task walking atoms in
// async_exec) ever hands off; a cachemiss thread keeps its syslet to the end,
// sleeping in place on every wait. offload() is the one place that decides:
//
//   OFF_ASYNC    the head meets an atom with SYSLET_ASYNC, before running it:
//                hand off; the new thread starts runnable at that atom.
//                No free thread: the atom runs in the head like any other.
//   OFF_BLOCKED  the current atom's syscall must wait:
//                - in a cachemiss thread: it sleeps in the syscall;
//                - in the head, the atom has SYSLET_SYNC: the head sleeps in
//                  place (async_exec goes on when the wait ends);
//                - in the head otherwise: hand off; the new thread sleeps in
//                  the syscall and re-enters it when woken. No free thread:
//                  the head sleeps in place, as if SYSLET_SYNC (contract §2).
//   OFF_BUDGET   the head's call budget is spent (step.ts): hand off; the new
//                thread starts runnable at the current atom. No free thread:
//                async_exec returns -EINTR and the syslet is abandoned (there
//                is no wait to sleep in).
//
// A hand-off allocates a cachemiss thread, gives it the head's syslet and its
// syscall in progress, clears ahu.new_thread_stack, traces TR_HANDOFF (aux2:
// the wait reason, HANDOFF_ASYNC or HANDOFF_BUDGET), and async_exec returns 0.
// "No free thread" includes the program's own limit (OPT_CACHEMISS_THREADS,
// thread.ts threadAlloc): with it at 0 every syslet runs in the head.

const OFF_ASYNC: u32 = 1;
const OFF_BLOCKED: u32 = 2;
export const OFF_BUDGET: u32 = 3;

/**
 * Applies the hand-off policy to thread t for `cause` (OFF_*); `flags` are the
 * current atom's. Returns true when t's walk stops here (handed off, asleep,
 * or async_exec returned), false when the atom runs on in the head (OFF_ASYNC
 * with no free thread). For OFF_BLOCKED the wait is already set (setWait).
 */
export function offload(t: usize, cause: u32, flags: u32): bool {
  assert(cause == OFF_BLOCKED || t == T0, "offload: only the head hands off for SYSLET_ASYNC or budget");
  if (cause == OFF_ASYNC) return handoff(false, HANDOFF_ASYNC);
  if (cause == OFF_BUDGET) {
    if (!handoff(false, HANDOFF_BUDGET)) userReturn(-EINTR);
    return true;
  }
  if (t != T0) {
    sleepCommit(t);
  } else if ((flags & SYSLET_SYNC) != 0) {
    setTFlags(T0, tFlags(T0) | TF_SLEPT_SYNC); // told by the cached record when async_exec returns
    sleepCommit(T0);
  } else if (!handoff(true, tWhy(T0))) {
    setTFlags(T0, tFlags(T0) | TF_SLEPT_NOTHREAD);
    sleepCommit(T0);
  }
  return true;
}

/**
 * Moves the head's syslet to a new cachemiss thread; the head returns 0.
 * `blocked`: the current atom's syscall waits (the new thread sleeps in it);
 * else the new thread starts runnable at the current atom. `why` is traced.
 * Returns false, changing nothing, when no cachemiss thread is free.
 */
function handoff(blocked: bool, why: u32): bool {
  assert(tMode(T0) == TM_WALK, "handoff: only the head, walking in async_exec, hands off");
  const c = threadAlloc();
  if (c == 0) return false;
  const ahu = tAhu(T0);
  setTAhu(c, ahu);
  setTAtom(c, tAtom(T0));
  setTMode(c, TM_WALK);
  copyCall(c, T0);
  clearNewThreadStack(ahu);
  trace(TR_HANDOFF, T0, tAtom(T0), tNr(T0), 0, tidOf(c), why);
  if (blocked) sleepCommit(c);
  else makeRunnable(c);
  userReturn(0);
  return true;
}

/** The walk of t ends in a fault at address `addr`. */
function walkFault(t: usize, a: u32, kind: u32, addr: u32): void {
  trace(TR_FAULT, t, a, tNr(t), -EFAULT, addr, kind);
  if (t == T0) {
    userReturn(-EFAULT);
  } else if (tLast(t) != 0) {
    setTMode(t, TM_POST); // the last atom that completed is posted
  } else {
    threadExit(t);
  }
}

/** The walk of t reached its final atom a. */
function walkDone(t: usize, a: u32): void {
  if (t == T0) {
    const tf = tFlags(T0);
    const how = (tf & TF_SLEPT_NOTHREAD) != 0 ? CACHED_SLEPT_NOTHREAD
      : (tf & TF_SLEPT_SYNC) != 0 ? CACHED_SLEPT_SYNC : CACHED_NOTHING_BLOCKED;
    trace(TR_CACHED, T0, a, tNr(T0), <i32>a, how, tAhu(T0));
    userReturn(<i32>a);
  } else {
    setTMode(t, TM_POST);
  }
}

/**
 * Ends a walk of n events at atom a: thread t resumes at a; the n events come
 * off the call's budget and `ran` atoms are counted; the walk's event counter
 * and clock are written back (nr and the last atom were kept in t as it went).
 */
// @ts-ignore: decorator
@inline function flush(t: usize, a: u32, n: u32, ran: u32, events: u32, clock: u64): void {
  kset(KSTATE_EVENTS, events);
  setNow(clock);
  setTAtom(t, a);
  chargeWalk(n, ran);
}

// What fetchArgs returns: the args fetched (FETCH_COUNT bits), FETCH_BAD, or a fault address.
const FETCH_COUNT: u32 = 0xff;
const FETCH_BAD: u32 = 0x100;
const FETCH_FAULT_MIN: u32 = <u32>USER_BASE; // an arg pointer word is never below it

/**
 * Fetches the arguments of the atom at a for thread t, when the atom's header
 * and all six arg pointers are readable (the common case): the words the arg
 * pointers point to, up to the first 0; slots [count, dirty) are cleared.
 * Returns the number of args fetched, plus FETCH_BAD if an arg pointer is bad
 * (its slot reads 0 and the atom's result is -EFAULT). Straight-line code, so
 * the walk's loop has no inner loop.
 */
// @ts-ignore: decorator
@inline function fetchArgs(t: usize, a: u32, dirty: u32): u32 {
  let i: u32 = 0;
  let bad: u32 = 0;
  let p: u32;
  do {
    p = load<u32>(a, ATOM_ARG_PTR);
    if (p == 0) break;
    bad |= fetchArg(t, 0, p);
    i = 1;
    p = load<u32>(a, ATOM_ARG_PTR + 4);
    if (p == 0) break;
    bad |= fetchArg(t, 1, p);
    i = 2;
    p = load<u32>(a, ATOM_ARG_PTR + 8);
    if (p == 0) break;
    bad |= fetchArg(t, 2, p);
    i = 3;
    p = load<u32>(a, ATOM_ARG_PTR + 12);
    if (p == 0) break;
    bad |= fetchArg(t, 3, p);
    i = 4;
    p = load<u32>(a, ATOM_ARG_PTR + 16);
    if (p == 0) break;
    bad |= fetchArg(t, 4, p);
    i = 5;
    p = load<u32>(a, ATOM_ARG_PTR + 20);
    if (p == 0) break;
    bad |= fetchArg(t, 5, p);
    i = 6;
  } while (false);
  if (i < dirty) memory.fill(t + THREAD_ARGS + (<usize>i << 2), 0, <usize>(dirty - i) << 2);
  return i | bad;
}

/** Arg slot i of t gets the word at p; returns FETCH_BAD (and the slot 0) if p is bad. */
// @ts-ignore: decorator
@inline function fetchArg(t: usize, i: usize, p: u32): u32 {
  if (wordOk(p)) {
    setArg(t, i, load<u32>(p));
    return 0;
  }
  setArg(t, i, 0);
  return FETCH_BAD;
}

/**
 * fetchArgs for an atom that ends near the top of user memory: each arg
 * pointer word is checked before it is read. Returns as fetchArgs does, or
 * the address of an arg pointer word that is unreadable (>= FETCH_FAULT_MIN).
 */
function fetchArgsEdge(t: usize, a: u32): u32 {
  let i: u32 = 0;
  let bad: u32 = 0;
  for (; i < <u32>NATOMARG; i++) {
    const pa = a + ATOM_ARG_PTR + (i << 2);
    if (!wordOk(pa)) return pa; // >= USER_BASE + ATOM_ARG_PTR
    const p = load<u32>(pa);
    if (p == 0) break;
    bad |= fetchArg(t, i, p);
  }
  memory.fill(t + THREAD_ARGS + (<usize>i << 2), 0, <usize>(<u32>NATOMARG - i) << 2);
  return i | bad;
}

/**
 * Runs up to max atoms of t's syslet (max >= 1); returns the kernel events used.
 * On return t has either run max atoms and is still walking, or slept, handed
 * off, finished or faulted (and its state says which).
 * Two instances of one loop (walkLoop): the general one for a thread that
 * woke in its call or while faults are injected, and the plain one for every
 * other atom, which leaves those two cases out.
 */
export function walk(t: usize, max: u32): u32 {
  assert(max >= 1, "walk: max >= 1");
  assert(tMode(t) == TM_WALK, "walk: t is walking a syslet");
  if (injectArmed()) return walkGeneral(t, max);
  let n: u32 = 0;
  if ((tFlags(t) & TF_RESUMED) != 0) {
    n = walkGeneral(t, 1); // the call it slept in returns, then the walk goes on
    if (n >= max || tState(t) != TS_RUNNABLE || tMode(t) != TM_WALK) return n;
  }
  return n + walkPlain(t, max - n);
}

function walkGeneral(t: usize, max: u32): u32 { return walkLoop(t, max, true); }
function walkPlain(t: usize, max: u32): u32 { return walkLoop(t, max, false); }

/**
 * The walk's loop. It keeps few values in locals (the atom, the count, the arg
 * slots in use, the event counter and the clock); nr and the last atom are
 * written to t as it goes, so V8 can keep the loop in registers across the
 * call of the syscall table. `general` (a constant at each instance): also a thread that
 * woke in its call, and injected faults; else neither may happen.
 * A walk also ends after the atom whose work spends the rest of the call's
 * budget (kstate.ts chargeWork: bytes copied, paths walked).
 */
// @ts-ignore: decorator
@inline function walkLoop(t: usize, max: u32, general: bool): u32 {
  const traceOn = tracing();
  const atomNs = <u64>opt(OPT_ATOM_NS);
  const armed = general && injectArmed(); // a fault or latency is set (inject.ts)
  let a = tAtom(t);
  let resumed = general && (tFlags(t) & TF_RESUMED) != 0;
  let events = kget(KSTATE_EVENTS); // the event counter and the clock, written back before a
  let clock = now(); // call that may read them (the syscall table, injection, a record)
  let dirty: u32 = <u32>NATOMARG; // arg slots that may still hold a non-zero value
  let n: u32 = 0;
  while (n < max) {
    n++;
    events++; // this atom's event: records a syscall writes (a wake-up, …) carry it
    let flags: u32;
    let ret: u32;
    let next: u32;
    let nr: u32;
    let rr: i64 = NOT_INJECTED;
    let again = false; // the call slept and woke: it runs again to finish
    let after = false; // injectAfter is due when the call returns
    if (resumed) {
      resumed = false;
      const tf = tFlags(t);
      setTFlags(t, tf & ~(TF_RESUMED | TF_EINTR));
      flags = aFlags(t);
      ret = aRet(t);
      next = aNext(t);
      nr = tNr(t);
      // After an injected delay (WHY_INJECTED) the call has not run yet: it runs now, afresh.
      if ((tf & TF_EINTR) != 0) rr = <i64>-EINTR;
      else again = tWhy(t) != WHY_INJECTED;
      kset(KSTATE_EVENTS, events);
    } else {
      const whole = userOk(a, ATOM_PRIVATE); // header and all six arg pointers readable
      if (!whole && !userOk(a, ATOM_ARG_PTR)) {
        flush(t, a, n, n - 1, events, clock);
        walkFault(t, a, FAULT_ATOM, a);
        return n;
      }
      flags = load<u32>(a);
      nr = load<u32>(a, ATOM_NR);
      ret = load<u32>(a, ATOM_RET_PTR);
      next = load<u32>(a, ATOM_NEXT);
      setTNr(t, nr);
      const got = whole ? fetchArgs(t, a, dirty) : fetchArgsEdge(t, a);
      if (got >= FETCH_FAULT_MIN) {
        flush(t, a, n, n - 1, events, clock);
        walkFault(t, a, FAULT_ATOM, got);
        return n;
      }
      dirty = got & FETCH_COUNT;
      if (t == T0 && (flags & SYSLET_ASYNC) != 0 && threadAvailable()) {
        flush(t, a, n, n - 1, events, clock);
        offload(t, OFF_ASYNC, flags);
        return n;
      } // no free thread: the atom runs on in the head
      if ((got & FETCH_BAD) != 0) rr = <i64>-EFAULT;
      else if (armed) {
        kset(KSTATE_EVENTS, events);
        setNow(clock);
        setTAtom(t, a); // injection records written during the call name this atom
        rr = injectBefore(t, a, nr);
        after = true;
      }
    }
    if (rr != NOT_INJECTED) {
      // injected, -EFAULT or -EINTR: no call
    } else if (nr == <u32>SYS_umem_add) {
      rr = sys_umem_add(t); // the calls that only touch user memory run inline (engine.md, Speed)
    } else if (nr == <u32>SYS_getpid) {
      rr = sys_getpid(t);
    } else {
      kset(KSTATE_EVENTS, events);
      setNow(clock);
      rr = dispatch(t, nr, again);
    }
    if (after) injectAfter(t);
    if (rr == BLOCKED) {
      flush(t, a, n, n - 1, events, clock);
      setACopy(t, flags, ret, next);
      offload(t, OFF_BLOCKED, flags);
      return n;
    }
    if (kget(KSTATE_BUDGET) <= n) max = n; // the call's work spent its budget (chargeWork)
    const r = <i32>rr;
    clock += atomNs;
    const stop = (flags & SYSLET_STOP_MASK) != 0 && stops(flags, r);
    const then = stop
      ? ((flags & SYSLET_SKIP_TO_NEXT_ON_STOP) != 0 ? ATOM_THEN_SKIP : ATOM_THEN_STOP)
      : next == 0 ? ATOM_THEN_LAST : ATOM_THEN_NEXT;
    if (traceOn) {
      traceAtom(t, tidOf(t), events, clock, a, nr, r, t == T0 ? 1 : 0, (flags & 0xff) | (then << ATOM_THEN_SHIFT));
    }
    if (ret != 0) {
      if (!wordOk(ret)) {
        flush(t, a, n, n, events, clock);
        walkFault(t, a, FAULT_RET, ret);
        return n;
      }
      store<i32>(ret, r);
    }
    setTLast(t, a, flags);
    if (then == ATOM_THEN_STOP || then == ATOM_THEN_LAST) {
      flush(t, a, n, n, events, clock);
      walkDone(t, a);
      return n;
    }
    a = then == ATOM_THEN_SKIP ? a + <u32>ATOM_BYTES : next;
  }
  flush(t, a, n, n, events, clock);
  return n;
}
