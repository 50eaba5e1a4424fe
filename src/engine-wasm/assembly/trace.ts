// === The trace: typed records of every kernel event, for the UI and the tests ===
// A ring of NTRACE records in TRACE; record number s sits at slot s % NTRACE,
// and KSTATE.trace_seq counts records ever written, so the host reads new
// records incrementally. OPT_TRACE = 0 turns recording off (the bench's fast path).

import {
  TRACE_BASE, TRACE_BYTES, NTRACE, TRACE_SEQ, TRACE_EVENT, TRACE_KIND, TRACE_TIME, TRACE_TID, TRACE_ATOM,
  TRACE_NR, TRACE_RESULT, TRACE_ARGS, TRACE_AUX, TRACE_AUX2, KSTATE_TRACE_SEQ, KSTATE_EVENTS, OPT_TRACE,
  THREADS_BASE, THREAD_BYTES, THREAD_ARGS, TR_ATOM,
} from '../abi/layout';
import { kget, kset, now, opt } from './kstate';

/** True if trace records are being written. */
// @ts-ignore: decorator
@inline export function tracing(): bool { return opt(OPT_TRACE) != 0; }

/** Writes one record at the next sequence number. The caller has checked tracing(). */
// @ts-ignore: decorator
@inline function put(kind: u32, t: usize, tid: u32, event: u32, clock: u64, atom: u32, nr: u32, result: i32, aux: u32, aux2: u32): void {
  const seq = kget(KSTATE_TRACE_SEQ);
  const r: usize = <usize>TRACE_BASE + <usize>(seq & (<u32>NTRACE - 1)) * TRACE_BYTES; // NTRACE: a power of 2
  store<u32>(r, seq, TRACE_SEQ);
  store<u32>(r, event, TRACE_EVENT);
  store<u64>(r, clock, TRACE_TIME);
  store<u16>(r, <u16>kind, TRACE_KIND);
  store<u16>(r, <u16>tid, TRACE_TID);
  store<u32>(r, atom, TRACE_ATOM);
  store<u32>(r, nr, TRACE_NR);
  store<i32>(r, result, TRACE_RESULT);
  store<u64>(r + TRACE_ARGS, load<u64>(t + THREAD_ARGS));
  store<u64>(r + TRACE_ARGS + 8, load<u64>(t + THREAD_ARGS + 8));
  store<u64>(r + TRACE_ARGS + 16, load<u64>(t + THREAD_ARGS + 16));
  store<u32>(r, aux, TRACE_AUX);
  store<u32>(r, aux2, TRACE_AUX2);
  kset(KSTATE_TRACE_SEQ, seq + 1);
}

/**
 * Appends a record; args are copied from thread t's argument words. The
 * record belongs to the event being run: every caller has counted it
 * (countEvent, or the walk's flush) before it traces.
 */
export function trace(kind: u32, t: usize, atom: u32, nr: u32, result: i32, aux: u32, aux2: u32): void {
  if (!tracing()) return;
  put(kind, t, <u32>((t - THREADS_BASE) / THREAD_BYTES), kget(KSTATE_EVENTS), now(), atom, nr, result, aux, aux2);
}

/**
 * trace(TR_ATOM, …) for the walk's hot loop: the caller has checked tracing()
 * and passes the tid, event number and clock it already holds (the walk
 * counts its events in a local and charges them when it returns).
 */
// @ts-ignore: decorator
@inline export function traceAtom(t: usize, tid: u32, event: u32, clock: u64, atom: u32, nr: u32, result: i32, head: u32, then: u32): void {
  put(TR_ATOM, t, tid, event, clock, atom, nr, result, head, then);
}
