// Kernel defaults and internal constants (xv6 param.h). The memory map and the
// record layouts are in ../abi/layout.ts; this file holds only the numbers the
// host never needs to read memory.

/**
 * Returned by a syscall handler that must wait. Handlers that can wait return
 * i64 so that BLOCKED lies outside every i32 result (umem_add may return any
 * i32); it never reaches a ret_ptr.
 */
export const BLOCKED: i64 = 0x1_0000_0000;

export const DEFAULT_DISK_LATENCY_NS: u32 = 2_000_000; // 2 ms per page read or fsync
export const DEFAULT_DISK_JITTER_NS: u32 = 500_000; // + [0, 0.5 ms) seeded jitter
export const DEFAULT_ATOM_NS: u32 = 100; // virtual cost of one executed atom
export const DEFAULT_SYSCALL_NS: u32 = 200; // virtual cost of entering the kernel
export const DEFAULT_QUANTUM: u32 = 1024; // atoms per cachemiss time slice
export const DEFAULT_CALL_BUDGET: u32 = 1 << 20; // events per user call (1,048,576)
export const MIN_CALL_BUDGET: u32 = 10_000; // contract §3: at least 10,000 atoms per call
// Work inside one event, in events of the budget (kstate.ts chargeWork): one
// more event per WORK_BYTES bytes copied, filled or compared in bulk, and per
// WORK_STEPS steps of a loop over bytes, words or table entries. An event's
// own cost (an atom of getpid, ~12-25 ns) is more than either: the figures of
// `npm run bench` (bench/calls.bench-run.ts) keep every call far below 250 ms.
export const WORK_BYTES: u32 = 64;
export const WORK_STEPS: u32 = 4;
// A thread that goes to sleep costs WORK_SLEEP events more: the timer heap or
// channel, the wake-up and the switches away and back (~300 ns in all).
export const WORK_SLEEP: u32 = 8;
export const DEFAULT_WAIT_NS_MAX: u32 = 4_000_000_000; // 4 s of virtual time per waiting call

export const RNG_DEFAULT_SEED: u32 = 0x9e3779b9; // xorshift32 cannot start at 0

/** injectBefore (inject.ts): no injected result, make the call. Outside every i32 result and BLOCKED. */
export const NOT_INJECTED: i64 = 0x2_0000_0000;
