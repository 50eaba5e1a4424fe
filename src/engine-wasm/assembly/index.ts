// === The syslet kernel: exported entry points ===
// Only this file exports. First the pinned ABI of contract §5, then the
// playground's own exports (stepping, options), documented in docs/engine.md.
// Everything the host reads beyond these (threads, trace, VFS, page cache) it
// reads from memory at the addresses of ../abi/layout.ts.

import {
  USER_BASE, USER_END, CONSOLE_BASE, KSTATE_CON_START, KSTATE_CON_LEN, KERNEL_END, TS_USER, KSTATE_BASE,
  OPTS_BASE, OPTS_BYTES, FAULTS_BASE, FAULTS_END,
} from '../abi/layout';
import { EBUSY } from '../abi/errno';
import { kget, kstateReset, optsDefaults, optSet, opt } from './kstate';
import { userReset } from './umem';
import { consoleReset } from './console';
import { threadsReset, T0, tState, tResult } from './thread';
import { schedReset } from './sched';
import { vfsReset } from './vfs';
import { pipesReset } from './pipe';
import { filesReset } from './file';
import { userEnter } from './user';
import { kstep as step } from './step';
import { faultSet, latencySet, faultClear, faultsReset } from './inject';

optsDefaults(); // module start: options get their defaults once

/** Called by the host: a fresh kernel. User memory zeroed, boot image, clock 0. Options and injected faults are kept. */
export function kernel_reset(seed: u32): void {
  // Every byte of machine state is cleared (options and injection tables excepted), so a run after a
  // reset is a pure function of the seed and the inputs, snapshot included.
  memory.fill(KSTATE_BASE, 0, <usize>(OPTS_BASE - KSTATE_BASE));
  memory.fill(<usize>OPTS_BASE + OPTS_BYTES, 0, <usize>(FAULTS_BASE - OPTS_BASE - OPTS_BYTES));
  memory.fill(FAULTS_END, 0, <usize>(KERNEL_END - FAULTS_END));
  faultsReset(); // the injection tables stay, like the options; their run counters start again
  userReset();
  kstateReset(seed);
  schedReset();
  threadsReset();
  vfsReset();
  pipesReset();
  filesReset();
  consoleReset();
}

/** First byte of user memory. */
export function user_base(): u32 { return USER_BASE; }

/** One past the last byte of user memory. */
export function user_end(): u32 { return USER_END; }

/** Called by the host as the user task: one whole system call, run to its end. */
export function syscall(nr: u32, a0: u32, a1: u32, a2: u32, a3: u32, a4: u32, a5: u32): i32 {
  if (userEnter(nr, a0, a1, a2, a3, a4, a5) != 0) return -EBUSY;
  while (tState(T0) != TS_USER) step(u32.MAX_VALUE);
  return tResult(T0);
}

/** Start of the console bytes (fds 1 and 2), oldest first. */
export function console_ptr(): u32 { return CONSOLE_BASE + kget(KSTATE_CON_START); }

/** Number of console bytes at console_ptr(). */
export function console_len(): u32 { return kget(KSTATE_CON_LEN); }

// ── Playground exports (docs/engine.md) ──────────────────────────────────────

/** End of the kernel's fixed regions: memory [0, kernel_end()) is the whole machine state. */
export function kernel_end(): u32 { return KERNEL_END; }

/** Sets a kernel option (OPT_* in abi/layout.ts). Returns 0, or -1 if id or value is invalid. */
export function kernel_set_option(id: u32, value: u32): i32 { return optSet(id, value); }

/** Reads a kernel option. */
export function kernel_get_option(id: u32): u32 { return opt(id); }

/** The user task enters the kernel without running: step with kstep(). 0, or -EBUSY. */
export function ksys_enter(nr: u32, a0: u32, a1: u32, a2: u32, a3: u32, a4: u32, a5: u32): i32 {
  return userEnter(nr, a0, a1, a2, a3, a4, a5);
}

/** Runs at most `limit` kernel events of the user task's current call; returns how many ran. */
export function kstep(limit: u32): u32 { return step(limit); }

/** 1 while the user task is inside the kernel (a call entered with ksys_enter is running). */
export function ksys_busy(): u32 { return tState(T0) != TS_USER ? 1 : 0; }

/** Result of the user task's last finished call. */
export function ksys_result(): i32 { return tResult(T0); }

// ── Fault injection (docs/engine.md, "Fault injection"): an addition ─────────

/**
 * Injects a fault into the atom at user address `atom`: kind FK_* (FK_NONE
 * removes it), value (errno, ns or bytes), nth (0: every run, else only the
 * nth run since reset). Kept across kernel_reset. 0, -1 bad argument, -2 full.
 */
export function kernel_fault_set(atom: u32, kind: u32, value: u32, nth: u32): i32 { return faultSet(atom, kind, value, nth); }

/**
 * Gives the file whose path is the `len` bytes at `path` (e.g. at LAT_PATHBUF)
 * a disk latency of `ns` for page `page`, or every page (LAT_ALL). Kept across
 * kernel_reset. 0, -1 bad argument, -2 full.
 */
export function kernel_latency_set(path: u32, len: u32, page: u32, ns: u32): i32 { return latencySet(path, len, page, ns); }

/** Removes every injected fault and latency. */
export function kernel_fault_clear(): void { faultClear(); }
