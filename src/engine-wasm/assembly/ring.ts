// === The completion ring: posting a finished syslet ===
//
// The ring is user memory: completion_ring[] holds atom pointers, NULL = free.
// The kernel fills the slot at kernel_ring_idx and advances it modulo the entry
// count; user space consumes the slot at user_ring_idx, writes NULL back and
// advances its own index. The kernel never overwrites a non-NULL slot: by
// default (RING_LOSE) such a completion is counted lost and traced; with
// RING_WAIT the cachemiss thread waits until user space next enters the kernel
// (the only time the ring can have been drained) and tries again.
// Posting is one kernel event; the thread ends after it.

import {
  KSTATE_LOST, KSTATE_POSTED, OPT_RING_POLICY, RING_WAIT, TR_POST, TR_LOST, TR_FAULT,
  TR_RINGWAIT, TR_EXIT, FAULT_RING, WHY_RING, CHAN_RING,
} from '../abi/layout';
import { SYSLET_NO_COMPLETE } from '../abi/flags';
import { kget, kset, opt } from './kstate';
import { tAhu, tLast, tLastFlags, setWait, threadFree } from './thread';
import { trace } from './trace';
import { sleepCommit } from './sched';
import { ahuCheck, ahuKernelIdx, setAhuKernelIdx, ahuRing, ahuEntries } from './ahu';

/** Ends cachemiss thread t after its syslet. */
export function threadExit(t: usize): void {
  trace(TR_EXIT, t, tLast(t), 0, 0, 0, tAhu(t));
  threadFree(t);
}

/** Posts t's final atom (THREAD_LAST) to its ring, then ends t. */
export function post(t: usize): void {
  const a = tLast(t);
  const ahu = tAhu(t);
  if ((tLastFlags(t) & SYSLET_NO_COMPLETE) != 0) {
    threadExit(t);
    return;
  }
  if (ahuCheck(ahu) != 0) {
    kset(KSTATE_LOST, kget(KSTATE_LOST) + 1);
    trace(TR_FAULT, t, a, 0, 0, ahu, FAULT_RING);
    threadExit(t);
    return;
  }
  const idx = ahuKernelIdx(ahu);
  const slot = ahuRing(ahu) + (idx << 2);
  if (load<u32>(slot) != 0) {
    if (opt(OPT_RING_POLICY) == RING_WAIT) {
      trace(TR_RINGWAIT, t, a, 0, 0, idx, ahu);
      setWait(t, WHY_RING, ahu, 0, CHAN_RING);
      sleepCommit(t);
      return;
    }
    kset(KSTATE_LOST, kget(KSTATE_LOST) + 1);
    trace(TR_LOST, t, a, 0, 0, idx, load<u32>(slot)); // the atom that still holds the slot
    threadExit(t);
    return;
  }
  store<u32>(slot, a);
  setAhuKernelIdx(ahu, (idx + 1) % ahuEntries(ahu));
  kset(KSTATE_POSTED, kget(KSTATE_POSTED) + 1);
  trace(TR_POST, t, a, 0, 0, idx, ahu);
  threadExit(t);
}
