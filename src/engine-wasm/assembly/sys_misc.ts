// === Other syscalls: getpid, nanosleep, umem_add, async_thread ===

import { WHY_TIMER } from '../abi/layout';
import { EFAULT, EINVAL, ENOSYS } from '../abi/errno';
import { PLAYGROUND_PID } from '../abi/syscall';
import { BLOCKED } from './param';
import { arg, setWait } from './thread';
import { userOk, wordOk } from './umem';
import { now } from './kstate';
import { injectedCached, injectSkipped } from './inject';

// @ts-ignore: decorator
@inline export function sys_getpid(_t: usize): i32 { return PLAYGROUND_PID; }

/** nanosleep(req, rem): req is an i386 struct timespec { i32 tv_sec; i32 tv_nsec }. */
export function sys_nanosleep(t: usize, resumed: bool): i64 {
  if (resumed) return 0;
  const req = arg(t, 0);
  if (!userOk(req, 8)) return -EFAULT;
  const sec = load<i32>(req);
  const nsec = load<i32>(req, 4);
  if (sec < 0 || nsec < 0 || nsec > 999_999_999) return -EINVAL;
  const ns = <u64>sec * 1_000_000_000 + <u64>nsec;
  if (ns == 0) return 0;
  if (injectedCached(t)) {
    injectSkipped(t, WHY_TIMER, <u32>min(ns, <u64>i32.MAX_VALUE)); // an injected `cached` fault: no sleep
    return 0;
  }
  setWait(t, WHY_TIMER, 0, now() + ns, 0);
  return BLOCKED;
}

/** umem_add(uptr, inc): *uptr += inc (wrapping); returns the new value. */
// @ts-ignore: decorator
@inline export function sys_umem_add(t: usize): i32 {
  const p = arg(t, 0);
  if (!wordOk(p)) return -EFAULT;
  const v = load<u32>(p) + arg(t, 1);
  store<u32>(p, v);
  return <i32>v;
}

/** async_thread: not offered by the playground (contract §4 allows -ENOSYS). */
export function sys_async_thread(_t: usize): i32 { return -ENOSYS; }
