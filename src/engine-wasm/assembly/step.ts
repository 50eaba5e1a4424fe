// === Stepping: the kernel's event loop ===
//
// kstep(limit) runs at most `limit` kernel events and returns how many ran.
// An event is one atom (run, blocked, handed off or faulted), one timer
// wake-up, one ring post, one entry or exit decision of the user task. The
// exported syscall() is userEnter() plus kstep() until the user task is back
// in user space; stepping from the host gives exactly the same run, because
// every decision depends only on kernel state, never on `limit`.
//
// Order of work while the user task (tid 0) is in the kernel:
//   0. A timer that is due (wake_at <= now) fires: the kernel keeps time. The
//      clock advances with every atom, so a thread that never sleeps makes
//      timers due; they fire at the first atom boundary at or after their
//      wake-up time (every walk is cut there), before anything else runs.
//      Several due timers fire one per event in (wake_at, sleep order).
//   1. tid 0 runnable: it runs (its direct syscall, or the head's walk).
//   2. tid 0 waits (blocking syscall, SYNC atom, async_wait): its call's event
//      budget and the virtual-time budget are checked; then the first thread in
//      RUNQ runs up to its quantum; else the earliest timer fires (the clock
//      jumps to it); else nothing can ever wake tid 0: deadlock, -EINTR.

import {
  TS_USER, TS_RUNNABLE, TS_WAITING, TM_WALK, TM_POST, TF_RESUMED, TF_EINTR,
  KSTATE_BUDGET, OPT_WAIT_NS_MAX, OPT_QUANTUM, TR_DEADLOCK,
} from '../abi/layout';
import { SYS_async_exec, SYS_async_wait } from '../abi/syscall';
import { EINTR } from '../abi/errno';
import { BLOCKED } from './param';
import { kget, now, setNow, opt, countEvent, callStart } from './kstate';
import { T0, tState, tMode, tNr, tFlags, setTFlags, tQuantum, setTQuantum, tAtom } from './thread';
import { trace } from './trace';
import {
  runqEmpty, runqPeek, runqPop, runqPush, timersPending, nextTimerAt, popTimer, wakeTimer,
  sleepCommit, interrupt, timerDue, atomsBeforeTimer,
} from './sched';
import { dispatch } from './syscall';
import { walk, offload, OFF_BUDGET } from './atom';
import { post } from './ring';
import { userReturn, userTakeCall, startAsyncExec, startAsyncWait, asyncWaitReady, WAIT_MORE } from './user';

/** Runs the user task's direct syscall (one event). */
function runUserCall(): void {
  const nr = tNr(T0);
  const tf = tFlags(T0);
  if ((tf & TF_RESUMED) == 0) userTakeCall();
  if ((tf & TF_EINTR) != 0) {
    userReturn(-EINTR);
    return;
  }
  if (nr == <u32>SYS_async_exec) {
    startAsyncExec();
    return;
  }
  if (nr == <u32>SYS_async_wait) {
    startAsyncWait();
    return;
  }
  const r = dispatch(T0, nr, (tf & TF_RESUMED) != 0);
  setTFlags(T0, 0);
  if (r == BLOCKED) sleepCommit(T0);
  else userReturn(<i32>r);
}

/** The user task's wait ends with -EINTR (budget spent, or deadlock). */
function cutUserWait(): void {
  if (tState(T0) == TS_WAITING) userReturn(-EINTR);
  else interrupt(T0);
}

/** Runs the thread at the front of RUNQ for at most max events. */
function runCachemiss(max: u32): u32 {
  const t = runqPeek();
  if (tMode(t) == TM_POST) {
    countEvent();
    post(t);
    runqPop();
    return 1;
  }
  const q = tQuantum(t);
  const n = walk(t, min(max, q));
  if (tState(t) != TS_RUNNABLE) {
    runqPop();
  } else if (tMode(t) != TM_POST && n >= q) {
    runqPop(); // time slice used up: to the back of the queue
    setTQuantum(t, opt(OPT_QUANTUM));
    runqPush(t);
  } else {
    setTQuantum(t, q - n);
  }
  return n;
}

/** Runs at most `limit` kernel events; returns how many ran (0: tid 0 is in user space). */
export function kstep(limit: u32): u32 {
  let done: u32 = 0;
  while (done < limit) {
    const s = tState(T0);
    if (s == TS_USER) break;
    if (timerDue()) {
      countEvent();
      done++;
      wakeTimer(popTimer());
      continue;
    }
    const budget = kget(KSTATE_BUDGET);
    if (s == TS_RUNNABLE) {
      const mode = tMode(T0);
      if (mode == TM_WALK) {
        const resumed = (tFlags(T0) & TF_RESUMED) != 0;
        if (budget == 0 && !resumed) {
          countEvent();
          done++;
          offload(T0, OFF_BUDGET, 0);
        } else {
          done += walk(T0, budget == 0 ? 1 : min(min(limit - done, budget), atomsBeforeTimer()));
        }
      } else {
        countEvent();
        done++;
        runUserCall();
      }
      continue;
    }
    // tid 0 waits.
    if (s == TS_WAITING) {
      const r = asyncWaitReady();
      if (r != WAIT_MORE) {
        countEvent();
        done++;
        userReturn(r);
        continue;
      }
    }
    if (budget == 0) {
      done++;
      countEvent(); // the -EINTR return is an event of its own (its sysret record belongs to it)
      cutUserWait();
      continue;
    }
    if (!runqEmpty()) {
      done += runCachemiss(min(min(limit - done, budget), atomsBeforeTimer()));
      continue;
    }
    if (timersPending()) {
      const at = nextTimerAt();
      const deadline = callStart() + <u64>opt(OPT_WAIT_NS_MAX);
      done++;
      countEvent();
      if (at > deadline) {
        if (deadline > now()) setNow(deadline);
        cutUserWait();
      } else {
        if (at > now()) setNow(at);
        wakeTimer(popTimer());
      }
      continue;
    }
    done++;
    countEvent();
    trace(TR_DEADLOCK, T0, tAtom(T0), tNr(T0), -EINTR, 0, 0);
    cutUserWait();
  }
  return done;
}

