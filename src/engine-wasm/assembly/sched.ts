// === The scheduler: run queue, timers, sleep and wake-up ===
//
// Cachemiss threads that can run wait in RUNQ, a FIFO of tids. A thread that
// must wait for a time (a disk read, nanosleep, fsync) sits in TIMERQ, a binary
// min-heap ordered by (wake_at, seq); one that waits for a condition (a pipe,
// a free ring slot) is TS_BLOCKED on a channel and is woken by wakeup(chan).
// seq is the order in which threads went to sleep, so threads that become
// runnable at the same instant run in that order.
//
// The user task (tid 0) is never in RUNQ: when it is runnable, it runs before
// anyone else (see step.ts). Virtual time moves as atoms run (OPT_ATOM_NS each)
// and jumps to the earliest timer when nothing is runnable. A timer that is due
// (wake_at <= now) fires before the next event, whatever else is runnable: the
// kernel keeps time even beside a thread that never sleeps.

import {
  RUNQ_BASE, RUNQ_SLOTS, TIMERQ_BASE, TIMER_BYTES, TIMER_WAKE_AT, TIMER_SEQ, TIMER_TID,
  KSTATE_RUNQ_HEAD, KSTATE_RUNQ_TAIL, KSTATE_NTIMER, TS_RUNNABLE, TS_SLEEPING, TS_BLOCKED,
  TF_RESUMED, TF_EINTR, NTHREAD, TR_BLOCK, TR_WAKE, WHY_DISK, WHY_DISK_INFLIGHT, OPT_QUANTUM, OPT_ATOM_NS,
} from '../abi/layout';
import { kget, kset, nextSleepSeq, opt, now, chargeSteps, chargeSleep } from './kstate';
import {
  T0, thr, tidOf, tState, setTState, tChan, setTChan, tWakeAt, tSeq, setTSeq, tFlags, setTFlags,
  tWhy, tWaitArg, tAtom, tNr, setTQuantum,
} from './thread';
import { trace } from './trace';
import { bioComplete } from './vfs';

// ── Run queue ─────────────────────────────────────────────────────────────

export function runqEmpty(): bool { return kget(KSTATE_RUNQ_HEAD) == kget(KSTATE_RUNQ_TAIL); }

/** The thread at the front of the run queue (the one to run next). */
export function runqPeek(): usize {
  assert(!runqEmpty(), "runqPeek: the run queue is not empty");
  return thr(load<u32>(<usize>RUNQ_BASE + (<usize>kget(KSTATE_RUNQ_HEAD) << 2)));
}

export function runqPop(): void {
  kset(KSTATE_RUNQ_HEAD, (kget(KSTATE_RUNQ_HEAD) + 1) % <u32>RUNQ_SLOTS);
}

export function runqPush(t: usize): void {
  const tail = kget(KSTATE_RUNQ_TAIL);
  assert((tail + 1) % <u32>RUNQ_SLOTS != kget(KSTATE_RUNQ_HEAD), "runqPush: a thread is queued at most once, so RUNQ never fills");
  store<u32>(<usize>RUNQ_BASE + (<usize>tail << 2), tidOf(t));
  kset(KSTATE_RUNQ_TAIL, (tail + 1) % <u32>RUNQ_SLOTS);
}

/** Makes t runnable: cachemiss threads join the run queue, tid 0 just runs next. */
export function makeRunnable(t: usize): void {
  setTState(t, TS_RUNNABLE);
  if (t != T0) {
    setTQuantum(t, opt(OPT_QUANTUM));
    runqPush(t);
  }
}

// ── Timer heap ────────────────────────────────────────────────────────────

// @ts-ignore: decorator
@inline function tq(i: u32): usize { return <usize>TIMERQ_BASE + <usize>i * TIMER_BYTES; }

function tqLess(i: u32, j: u32): bool {
  const a = load<u64>(tq(i), TIMER_WAKE_AT);
  const b = load<u64>(tq(j), TIMER_WAKE_AT);
  return a < b || (a == b && load<u32>(tq(i), TIMER_SEQ) < load<u32>(tq(j), TIMER_SEQ));
}

function tqSwap(i: u32, j: u32): void {
  const a = tq(i);
  const b = tq(j);
  const w = load<u64>(a); const s = load<u64>(a, 8);
  store<u64>(a, load<u64>(b)); store<u64>(a, load<u64>(b, 8), 8);
  store<u64>(b, w); store<u64>(b, s, 8);
}

function tqUp(i: u32): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!tqLess(i, p)) break;
    tqSwap(i, p);
    i = p;
  }
}

function tqDown(i: u32): void {
  const n = kget(KSTATE_NTIMER);
  while (true) {
    const l: u32 = 2 * i + 1;
    if (l >= n) break;
    let m = l;
    if (l + 1 < n && tqLess(l + 1, l)) m = l + 1;
    if (!tqLess(m, i)) break;
    tqSwap(i, m);
    i = m;
  }
}

function tqPush(t: usize): void {
  const n = kget(KSTATE_NTIMER);
  const e = tq(n);
  store<u64>(e, tWakeAt(t), TIMER_WAKE_AT);
  store<u32>(e, tSeq(t), TIMER_SEQ);
  store<u32>(e, tidOf(t), TIMER_TID);
  kset(KSTATE_NTIMER, n + 1);
  tqUp(n);
}

function tqRemoveAt(i: u32): void {
  const n = kget(KSTATE_NTIMER) - 1;
  kset(KSTATE_NTIMER, n);
  if (i == n) return;
  tqSwap(i, n);
  tqDown(i);
  tqUp(i);
}

export function timersPending(): bool { return kget(KSTATE_NTIMER) != 0; }

/** Wake-up time of the earliest timer. Precondition: timersPending(). */
export function nextTimerAt(): u64 {
  assert(timersPending(), "nextTimerAt: a timer is pending");
  return load<u64>(tq(0), TIMER_WAKE_AT);
}

/** True if the earliest timer is due: its wake-up time has come. */
export function timerDue(): bool { return timersPending() && nextTimerAt() <= now(); }

/**
 * How many atoms may run before the earliest timer is due (at least 1; all of
 * them if no timer is pending or atoms cost no time). Walks are cut there, so a
 * due timer fires at the first atom boundary at or after its wake-up time.
 */
export function atomsBeforeTimer(): u32 {
  const atomNs = <u64>opt(OPT_ATOM_NS);
  if (!timersPending() || atomNs == 0) return u32.MAX_VALUE;
  const at = nextTimerAt();
  const t = now();
  if (at <= t) return 1;
  const n = (at - t + atomNs - 1) / atomNs;
  return n >= <u64>u32.MAX_VALUE ? u32.MAX_VALUE : <u32>n;
}

/** Removes the earliest timer and returns its thread. Precondition: timersPending(). */
export function popTimer(): usize {
  assert(timersPending(), "popTimer: a timer is pending");
  const t = thr(load<u32>(tq(0), TIMER_TID));
  tqRemoveAt(0);
  return t;
}

// ── Sleep and wake-up ─────────────────────────────────────────────────────

/**
 * Puts t to sleep on the wait setWait() described: a timer if wake_at is set,
 * else the channel. The pending syscall is re-entered when t wakes.
 */
export function sleepCommit(t: usize): void {
  assert(tState(t) != TS_SLEEPING && tState(t) != TS_BLOCKED, "sleepCommit: t is not asleep already");
  setTSeq(t, nextSleepSeq());
  setTFlags(t, tFlags(t) | TF_RESUMED);
  chargeSleep();
  if (tChan(t) == 0) {
    setTState(t, TS_SLEEPING);
    tqPush(t);
  } else {
    setTState(t, TS_BLOCKED);
  }
  trace(TR_BLOCK, t, tAtom(t), tNr(t), 0, tWhy(t), tWaitArg(t));
}

/** Wakes a thread whose timer fired (one kernel event). */
export function wakeTimer(t: usize): void {
  assert(tState(t) == TS_SLEEPING, "wakeTimer: t sleeps on a timer");
  const why = tWhy(t);
  if (why == WHY_DISK || why == WHY_DISK_INFLIGHT) bioComplete();
  makeRunnable(t);
  trace(TR_WAKE, t, tAtom(t), tNr(t), 0, tWhy(t), tWaitArg(t));
}

/** Wakes every thread blocked on chan, in the order they went to sleep. */
export function wakeup(chan: u32): void {
  while (true) {
    let best: usize = 0;
    chargeSteps(<u32>NTHREAD);
    for (let tid: u32 = 0; tid < <u32>NTHREAD; tid++) {
      const t = thr(tid);
      if (tState(t) == TS_BLOCKED && tChan(t) == chan && (best == 0 || tSeq(t) < tSeq(best))) best = t;
    }
    if (best == 0) return;
    setTChan(best, 0);
    makeRunnable(best);
    trace(TR_WAKE, best, tAtom(best), tNr(best), 0, tWhy(best), tWaitArg(best));
  }
}

/** Cuts t's wait short: its pending syscall returns -EINTR when it runs. */
export function interrupt(t: usize): void {
  if (tState(t) == TS_SLEEPING) {
    const tid = tidOf(t);
    const n = kget(KSTATE_NTIMER);
    for (let i: u32 = 0; i < n; i++) {
      if (load<u32>(tq(i), TIMER_TID) == tid) {
        tqRemoveAt(i);
        break;
      }
    }
  }
  setTChan(t, 0);
  setTFlags(t, tFlags(t) | TF_EINTR);
  makeRunnable(t);
}

export function schedReset(): void {
  kset(KSTATE_RUNQ_HEAD, 0);
  kset(KSTATE_RUNQ_TAIL, 0);
  kset(KSTATE_NTIMER, 0);
}
