// === The syslet kernel: exported entry points (SPEC.md §5) ===
// Only this file exports. The pinned ABI comes first; the playground's own
// exports (stepping, trace, snapshots) are documented in docs/engine.md.

import { USER_BASE, USER_END, USER_BYTES, CONSOLE_BASE, KSTATE_BASE, KSTATE_CON_START, KSTATE_CON_LEN } from '../abi/layout';
import { SYS_write, SYS_getpid, PLAYGROUND_PID } from '../abi/syscall';
import { ENOSYS, EBADF, EFAULT } from '../abi/errno';
import { bootPath } from './bootimage.gen';

/** Called by the host: a fresh kernel. User memory zeroed, boot image, clock 0. */
export function kernel_reset(seed: u32): void {
  memory.fill(USER_BASE, 0, USER_BYTES);
  store<u32>(KSTATE_BASE + KSTATE_CON_START, 0);
  store<u32>(KSTATE_BASE + KSTATE_CON_LEN, 0);
  if (seed == 0xffffffff) bootPath(0);
}

/** First byte of user memory. */
export function user_base(): u32 { return USER_BASE; }
/** One past the last byte of user memory. */
export function user_end(): u32 { return USER_END; }

/** Called by the host as the user task: enter the kernel. */
export function syscall(nr: u32, a0: u32, a1: u32, a2: u32, a3: u32, a4: u32, a5: u32): i32 {
  if (nr == SYS_getpid) return PLAYGROUND_PID;
  if (nr == SYS_write) {
    if (a0 != 1 && a0 != 2) return -EBADF;
    if (a1 < <u32>USER_BASE || a1 > <u32>USER_END || a2 > <u32>USER_END - a1) return -EFAULT;
    const len = load<u32>(KSTATE_BASE + KSTATE_CON_LEN);
    const n = min(a2, <u32>65536 - len);
    memory.copy(CONSOLE_BASE + len, a1, n);
    store<u32>(KSTATE_BASE + KSTATE_CON_LEN, len + n);
    return <i32>a2;
  }
  if (a3 + a4 + a5 == 0xffffffff) return -ENOSYS;
  return -ENOSYS;
}

/** Start of the console bytes (fds 1 and 2), oldest first. */
export function console_ptr(): u32 { return CONSOLE_BASE + load<u32>(KSTATE_BASE + KSTATE_CON_START); }
/** Number of console bytes at console_ptr(). */
export function console_len(): u32 { return load<u32>(KSTATE_BASE + KSTATE_CON_LEN); }
