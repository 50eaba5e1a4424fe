// === Kernel globals: clock, rng, counters, options ===
// All of them live in linear memory (KSTATE, OPTS in ../abi/layout.ts), never in
// wasm globals, so that a copy of memory is a complete snapshot of the machine.

import {
  KSTATE_BASE, KSTATE_CLOCK, KSTATE_RNG, KSTATE_SLEEP_SEQ, KSTATE_EVENTS, KSTATE_ATOMS,
  KSTATE_BUDGET, KSTATE_CALL_START, KSTATE_SEED, KSTATE_BYTES, OPTS_BASE, NOPT,
  OPT_DISK_LATENCY_NS, OPT_DISK_JITTER_NS, OPT_RING_POLICY, OPT_TRACE, OPT_ATOM_NS,
  OPT_SYSCALL_NS, OPT_QUANTUM, OPT_CALL_BUDGET, OPT_WAIT_NS_MAX, RING_LOSE, RING_WAIT,
  OPT_CACHEMISS_THREADS, NCACHEMISS,
} from '../abi/layout';
import {
  DEFAULT_DISK_LATENCY_NS, DEFAULT_DISK_JITTER_NS, DEFAULT_ATOM_NS, DEFAULT_SYSCALL_NS,
  DEFAULT_QUANTUM, DEFAULT_CALL_BUDGET, MIN_CALL_BUDGET, DEFAULT_WAIT_NS_MAX, RNG_DEFAULT_SEED,
  WORK_BYTES, WORK_STEPS, WORK_SLEEP,
} from './param';

const K: usize = KSTATE_BASE;

// @ts-ignore: decorator
@inline export function kget(off: usize): u32 { return load<u32>(K + off); }
// @ts-ignore: decorator
@inline export function kset(off: usize, v: u32): void { store<u32>(K + off, v); }
// @ts-ignore: decorator
@inline function kinc(off: usize): void { store<u32>(K + off, load<u32>(K + off) + 1); }

// @ts-ignore: decorator
@inline export function now(): u64 { return load<u64>(K + KSTATE_CLOCK); }
// @ts-ignore: decorator
@inline export function setNow(t: u64): void { store<u64>(K + KSTATE_CLOCK, t); }
// @ts-ignore: decorator
@inline export function tick(ns: u32): void { store<u64>(K + KSTATE_CLOCK, load<u64>(K + KSTATE_CLOCK) + <u64>ns); }

/** Counts one kernel event; charges it to the user task's current call. */
// @ts-ignore: decorator
@inline export function countEvent(): void {
  kinc(KSTATE_EVENTS);
  const b = kget(KSTATE_BUDGET);
  if (b != 0) kset(KSTATE_BUDGET, b - 1);
}

/**
 * The walk's batched form of countEvent (the walk counts each event in
 * KSTATE_EVENTS as it starts it, so records written inside carry it): n events
 * come off the budget and a atoms are counted.
 */
// @ts-ignore: decorator
@inline export function chargeWalk(n: u32, a: u32): void {
  kset(KSTATE_ATOMS, kget(KSTATE_ATOMS) + a);
  const b = kget(KSTATE_BUDGET);
  kset(KSTATE_BUDGET, b > n ? b - n : 0);
}

/**
 * Charges `units` of work done inside the current event to the user task's
 * current call: the budget counts events, and an event that moves many bytes
 * counts as more of them (docs/engine.md, "What one call may cost").
 */
function chargeWork(units: u32): void {
  const b = kget(KSTATE_BUDGET);
  kset(KSTATE_BUDGET, b > units ? b - units : 0);
}

/** Charges a bulk copy, fill or compare of n bytes (memory.copy and the like). */
// @ts-ignore: decorator
@inline export function chargeBytes(n: u32): void {
  if (n >= WORK_BYTES) chargeWork(n / WORK_BYTES);
}

/** Charges a thread's sleep: its wait, its wake-up and the switches (sched.ts sleepCommit). */
// @ts-ignore: decorator
@inline export function chargeSleep(): void { chargeWork(WORK_SLEEP); }

/** Charges a loop over n bytes or words, one step at a time. */
// @ts-ignore: decorator
@inline export function chargeSteps(n: u32): void {
  if (n >= WORK_STEPS) chargeWork(n / WORK_STEPS);
}

export function callStart(): u64 { return load<u64>(K + KSTATE_CALL_START); }
export function setCallStart(t: u64): void { store<u64>(K + KSTATE_CALL_START, t); }

/** Next sleep-order number: threads waking at the same instant run in this order. */
export function nextSleepSeq(): u32 {
  const s = kget(KSTATE_SLEEP_SEQ) + 1;
  kset(KSTATE_SLEEP_SEQ, s);
  return s;
}

/** xorshift32 over the seeded state: the kernel's only source of variation. */
export function random(): u32 {
  let x = kget(KSTATE_RNG);
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  kset(KSTATE_RNG, x);
  return x;
}

/** Clears KSTATE (options survive) and seeds the rng. */
export function kstateReset(seed: u32): void {
  memory.fill(K, 0, KSTATE_BYTES);
  kset(KSTATE_SEED, seed);
  kset(KSTATE_RNG, seed != 0 ? seed : RNG_DEFAULT_SEED);
}

// ── Options ────────────────────────────────────────────────────────────────

// @ts-ignore: decorator
@inline export function opt(id: u32): u32 { return load<u32>(<usize>OPTS_BASE + (<usize>id << 2)); }

/** Writes every option's default. Called once when the module starts. */
export function optsDefaults(): void {
  store<u32>(OPTS_BASE + (OPT_DISK_LATENCY_NS << 2), DEFAULT_DISK_LATENCY_NS);
  store<u32>(OPTS_BASE + (OPT_DISK_JITTER_NS << 2), DEFAULT_DISK_JITTER_NS);
  store<u32>(OPTS_BASE + (OPT_RING_POLICY << 2), RING_LOSE);
  store<u32>(OPTS_BASE + (OPT_TRACE << 2), 1);
  store<u32>(OPTS_BASE + (OPT_ATOM_NS << 2), DEFAULT_ATOM_NS);
  store<u32>(OPTS_BASE + (OPT_SYSCALL_NS << 2), DEFAULT_SYSCALL_NS);
  store<u32>(OPTS_BASE + (OPT_QUANTUM << 2), DEFAULT_QUANTUM);
  store<u32>(OPTS_BASE + (OPT_CALL_BUDGET << 2), DEFAULT_CALL_BUDGET);
  store<u32>(OPTS_BASE + (OPT_WAIT_NS_MAX << 2), DEFAULT_WAIT_NS_MAX);
  store<u32>(OPTS_BASE + (OPT_CACHEMISS_THREADS << 2), NCACHEMISS);
}

/** Sets option `id`; returns 0, or -1 for an unknown id or a value out of range. */
export function optSet(id: u32, v: u32): i32 {
  if (id >= <u32>NOPT) return -1;
  if (id == <u32>OPT_RING_POLICY && v != <u32>RING_LOSE && v != <u32>RING_WAIT) return -1;
  if (id == <u32>OPT_TRACE && v > 1) return -1;
  if (id == <u32>OPT_QUANTUM && v == 0) return -1;
  if (id == <u32>OPT_CALL_BUDGET && v < MIN_CALL_BUDGET) return -1;
  if (id == <u32>OPT_WAIT_NS_MAX && v == 0) return -1;
  if (id == <u32>OPT_CACHEMISS_THREADS && v > <u32>NCACHEMISS) return -1;
  store<u32>(<usize>OPTS_BASE + (<usize>id << 2), v);
  return 0;
}
