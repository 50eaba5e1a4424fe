// The Chrome trace event export (the JSON "Trace Event Format" that Perfetto
// and chrome://tracing open), built from kernel trace records alone:
//
//   one process (pid 1), one track per kernel thread: "user task" (kernel tid
//   0) and "cachemiss thread N"; the JSON tid is the kernel tid + 1, since
//   viewers treat tid 0 as the idle task.
//   slices ('X'): each user call (syscall → sysret), each atom (from the
//     moment it started — its block, or its completion − OPT_ATOM_NS — to its
//     completion), each wait (block → wake) inside its atom or call;
//   instants ('i', thread scope): hand-offs, posts, losses, ring waits,
//     faults, cached returns, exits, deadlocks, and any kind added later;
//   metadata ('M'): process and track names, track order, which records the
//     export holds (the kernel keeps only the last NTRACE).
//
// ts and dur are microseconds (the format's unit): virtual ns / 1000.
// docs/traces.md describes every field.
import type { TraceKind, TraceRec } from './records.ts';
import { describe, waitText, type AtomNames } from './trace-format.ts';
import { argValue, traceFields, withAtomContext, type TraceFields } from './trace-fields.ts';
import { traceWindow, windowText } from './trace-window.ts';
import { syscallName } from './syscalls.ts';
import * as L from '../abi/layout.ts';
import { SYS_async_exec } from '../abi/syscall.ts';

/** The kernel's default OPT_ATOM_NS (assembly/param.ts DEFAULT_ATOM_NS; a test checks they agree). */
export const DEFAULT_ATOM_NS = 100;

export interface ChromeOptions {
  /** What the trace is of (the example's name, a file name): in the process name. */
  readonly title?: string;
  /** The run's OPT_ATOM_NS (virtual cost of one atom), to place an atom's start; default the kernel's. */
  readonly atomNs?: number;
}

export type ChromeArgs = Readonly<Record<string, string | number | boolean | Readonly<Record<string, string | number>>>>;

export interface ChromeEvent {
  readonly name: string;
  readonly cat?: string;
  readonly ph: 'X' | 'i' | 'M';
  /** Microseconds. */
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  /** Instant scope: thread or global. */
  readonly s?: 't' | 'g';
  readonly args?: ChromeArgs;
}

export interface ChromeTrace {
  readonly displayTimeUnit: 'ns';
  readonly otherData: Readonly<Record<string, string | number | boolean>>;
  readonly traceEvents: readonly ChromeEvent[];
}

const PID = 1;
/** The JSON tid of a kernel thread (viewers reserve tid 0 for the idle task). */
export const trackTid = (tid: number): number => tid + 1;
export const threadName = (tid: number): string => (tid === 0 ? 'user task' : `cachemiss thread ${tid}`);
const us = (ns: bigint): number => Number(ns) / 1000;
const hex = (n: number) => '0x' + n.toString(16);
const label = (addr: number, names?: AtomNames) => names?.get(addr) ?? hex(addr);

/** Instant names by kind; a kind without one is named by its kind. */
const INSTANT: Partial<Readonly<Record<TraceKind, (r: TraceRec, names?: AtomNames) => string>>> = {
  handoff: (r) => `handoff to thread ${r.aux}`,
  post: (r, n) => `post ${label(r.atom, n)} to slot ${r.aux}`,
  lost: (r, n) => `LOST ${label(r.atom, n)}: slot ${r.aux} full`,
  ringwait: (r) => `ring full: wait for slot ${r.aux}`,
  fault: (r) => `fault: ${traceFields(r).detail}`,
  cached: (r, n) => `cached: async_exec returns ${label(r.result >>> 0, n)}`,
  exit: () => 'exit',
  deadlock: () => 'deadlock: -EINTR',
};

/** A slice begun by a record and not closed yet. */
interface Open {
  readonly start: bigint;
  readonly rec: TraceRec;
  /** The record that began it is older than the first record held. */
  readonly before?: boolean;
}

interface Track {
  /** The user task's call in progress. */
  call?: Open;
  /** An atom that blocked and has not completed. */
  atom?: Open;
  wait?: Open;
  /** Time of the track's previous record: no slice on it starts earlier. */
  floor: bigint;
}

function fieldArgs(f: TraceFields, names?: AtomNames): Record<string, string | number | Readonly<Record<string, string | number>>> {
  const out: Record<string, string | number | Readonly<Record<string, string | number>>> = {};
  if (f.syscall) out.syscall = f.syscall;
  if (f.args.length > 0) out.arguments = Object.fromEntries(f.args.map((a) => [a.name, argValue(a, names)]));
  if (f.result) out.result = f.result;
  if (f.detail) out.detail = f.detail;
  return out;
}

/** The args every event carries about its record. */
function recordArgs(r: TraceRec, names?: AtomNames): Record<string, string | number | Readonly<Record<string, string | number>>> {
  const out: Record<string, string | number | Readonly<Record<string, string | number>>> = { event: r.event, record: r.seq + 1, kind: r.kind };
  if (r.atom) {
    out.atom = hex(r.atom);
    const name = names?.get(r.atom);
    if (name !== undefined) out.atom_name = name;
  }
  return { ...out, ...fieldArgs(traceFields(r, names), names), text: describe(r, names) };
}

class Builder {
  readonly events: ChromeEvent[] = [];
  private readonly tracks = new Map<number, Track>();

  constructor(
    private readonly names: AtomNames | undefined,
    private readonly atomNs: bigint,
    private readonly first: bigint,
  ) {}

  track(tid: number): Track {
    let t = this.tracks.get(tid);
    if (!t) {
      t = { floor: this.first };
      this.tracks.set(tid, t);
    }
    return t;
  }

  tids(): number[] {
    return [...this.tracks.keys()].sort((a, b) => a - b);
  }

  private slice(tid: number, name: string, cat: string, start: bigint, end: bigint, args: ChromeArgs): void {
    this.events.push({ name, cat, ph: 'X', ts: us(start), dur: us(end - start), pid: PID, tid: trackTid(tid), args });
  }

  /** Ends the track's open wait at `end`; `how` says what ended it when no wake-up did. */
  private endWait(tid: number, t: Track, end: bigint, by?: TraceRec, how?: string): void {
    const w = t.wait;
    if (!w) return;
    t.wait = undefined;
    const args: Record<string, string | number | boolean> = { on: waitText(w.rec.aux, w.rec.aux2), syscall: syscallName(w.rec.nr), blocked_event: w.rec.event };
    if (w.before) args.began = 'before the first record held';
    if (by?.kind === 'wake') args.woke_event = by.event;
    if (how) args.ended = how;
    this.slice(tid, `wait: ${waitText(w.rec.aux, w.rec.aux2)}`, 'wait', w.start, end, args);
  }

  private endAtom(tid: number, t: Track, r: TraceRec): void {
    this.endWait(tid, t, r.time, r, 'the call got its result without a wake-up record');
    const open = t.atom;
    t.atom = undefined;
    // An atom that did not block ran for OPT_ATOM_NS up to its completion (never before the track's previous record).
    const ran = r.time - this.atomNs;
    const start = open ? open.start : ran > t.floor ? ran : t.floor;
    const args: Record<string, string | number | boolean | Readonly<Record<string, string | number>>> = recordArgs(r, this.names);
    if (open) args.blocked_event = open.rec.event;
    if (open?.before) args.began = 'before the first record held';
    this.slice(tid, label(r.atom, this.names), 'atom', start, r.time, args);
  }

  private endCall(tid: number, t: Track, r: TraceRec): void {
    this.endWait(tid, t, r.time, r, 'the call returned');
    this.closeAtom(tid, t, r.time, 'the call returned before the atom completed');
    const c = t.call;
    t.call = undefined;
    const args: Record<string, string | number | boolean | Readonly<Record<string, string | number>>> = recordArgs(r, this.names);
    if (c) {
      args.entered_event = c.rec.event;
      const f = traceFields(c.rec, this.names);
      if (f.args.length > 0) args.arguments = fieldArgs(f, this.names).arguments as Readonly<Record<string, string | number>>;
    } else args.began = 'before the first record held';
    this.slice(tid, syscallName(r.nr), 'syscall', c ? c.start : this.first, r.time, args);
  }

  /** Closes an atom that has no completion record (yet) at `end`. */
  private closeAtom(tid: number, t: Track, end: bigint, why: string): void {
    const a = t.atom;
    if (!a) return;
    t.atom = undefined;
    const args: Record<string, string | number | boolean | Readonly<Record<string, string | number>>> = { ...recordArgs(a.rec, this.names), unfinished: why };
    this.slice(tid, label(a.rec.atom, this.names), 'atom', a.start, end, args);
  }

  /** Is a wait of thread `tid` that `r` begins one inside an atom (not a direct call's, not the ring's)? */
  private inAtom(tid: number, t: Track, r: TraceRec): boolean {
    if (r.aux === L.WHY_RING) return false;
    return tid !== 0 || t.call?.rec.nr === SYS_async_exec;
  }

  add(r: TraceRec): void {
    const t = this.track(r.tid);
    switch (r.kind) {
      case 'syscall':
        t.call = { start: r.time, rec: r };
        break;
      case 'sysret':
        this.endCall(r.tid, t, r);
        break;
      case 'block':
        if (this.inAtom(r.tid, t, r) && !t.atom) t.atom = { start: r.time, rec: r };
        this.endWait(r.tid, t, r.time, r, 'blocked again');
        t.wait = { start: r.time, rec: r };
        break;
      case 'wake':
        if (!t.wait) {
          // Its block is older than the records held: the wait (and its atom) began before them.
          t.wait = { start: this.first, rec: r, before: true };
          if (this.inAtom(r.tid, t, r) && !t.atom) t.atom = { start: this.first, rec: r, before: true };
        }
        this.endWait(r.tid, t, r.time, r);
        break;
      case 'atom':
        this.endAtom(r.tid, t, r);
        break;
      default: {
        if (r.kind === 'exit') {
          this.endWait(r.tid, t, r.time, r, 'the thread ended');
          this.closeAtom(r.tid, t, r.time, 'the thread ended before the atom completed');
        }
        const name = INSTANT[r.kind]?.(r, this.names) ?? r.kind;
        this.events.push({ name, cat: r.kind, ph: 'i', ts: us(r.time), pid: PID, tid: trackTid(r.tid), s: 't', args: recordArgs(r, this.names) });
      }
    }
    t.floor = r.time;
  }

  /** Closes what is still open when the records end (a run paused mid-call, a thread still asleep). */
  finish(end: bigint): void {
    for (const tid of this.tids()) {
      const t = this.track(tid);
      if (t.wait) this.endWait(tid, t, end, undefined, 'still waiting when the trace ends');
      this.closeAtom(tid, t, end, 'still running when the trace ends');
      const c = t.call;
      if (c) {
        const args = { ...recordArgs(c.rec, this.names), unfinished: 'the call had not returned when the trace ends' };
        this.slice(tid, syscallName(c.rec.nr), 'syscall', c.start, end, args);
        t.call = undefined;
      }
    }
  }
}

const PHASE_ORDER = { M: 0, X: 1, i: 2 } as const;
/** Which slice holds which when two have the same start and length. */
const NESTING: Readonly<Record<string, number>> = { syscall: 0, atom: 1, wait: 2 };

/**
 * The Chrome trace of `records` (contiguous, oldest first, as readTrace or the
 * session's trace log give them). `names`: the program's atom names by address.
 */
export function traceChrome(records: readonly TraceRec[], names?: AtomNames, opts: ChromeOptions = {}): ChromeTrace {
  const w = traceWindow(records);
  const window = windowText(w);
  const first = records.length > 0 ? records[0].time : 0n;
  const b = new Builder(names, BigInt(opts.atomNs ?? DEFAULT_ATOM_NS), first);
  b.track(0);
  for (const r of withAtomContext(records)) b.add(r);
  b.finish(records.length > 0 ? records[records.length - 1].time : 0n);
  const timed = [...b.events];
  if (!w.complete) {
    timed.push({
      name: `trace begins at record ${(w.first + 1).toLocaleString('en')} of ${w.written.toLocaleString('en')}`,
      cat: 'window', ph: 'i', ts: us(first), pid: PID, tid: trackTid(0), s: 'g', args: { detail: window },
    });
  }
  // Oldest first; at one instant slices before instants, and the longer slice first (it holds the
  // shorter); slices of equal extent nest call > atom > wait, as they do in the kernel.
  const order = timed.map((e, i) => ({ e, i }));
  const depth = (e: ChromeEvent) => NESTING[e.cat ?? ''] ?? 3;
  order.sort(
    (x, y) => x.e.ts - y.e.ts || PHASE_ORDER[x.e.ph] - PHASE_ORDER[y.e.ph] || (y.e.dur ?? 0) - (x.e.dur ?? 0) || depth(x.e) - depth(y.e) || x.i - y.i,
  );
  const meta: ChromeEvent[] = [
    { name: 'process_name', ph: 'M', ts: 0, pid: PID, tid: trackTid(0), args: { name: `Syslet Playground${opts.title ? `: ${opts.title}` : ''}` } },
    { name: 'process_labels', ph: 'M', ts: 0, pid: PID, tid: trackTid(0), args: { labels: window } },
  ];
  for (const tid of b.tids()) {
    meta.push({ name: 'thread_name', ph: 'M', ts: 0, pid: PID, tid: trackTid(tid), args: { name: threadName(tid) } });
    meta.push({ name: 'thread_sort_index', ph: 'M', ts: 0, pid: PID, tid: trackTid(tid), args: { sort_index: tid } });
  }
  return {
    displayTimeUnit: 'ns',
    otherData: {
      generator: 'Syslet Playground',
      ...(opts.title ? { title: opts.title } : {}),
      records: w.count,
      first_record: w.count > 0 ? w.first + 1 : 0,
      records_written: w.written,
      complete: w.complete,
      window,
      time: 'ts and dur are virtual time in microseconds (the kernel counts ns: ts = ns / 1000)',
      atom_ns: opts.atomNs ?? DEFAULT_ATOM_NS,
    },
    traceEvents: [...meta, ...order.map((x) => x.e)],
  };
}

/** The trace as JSON text: one event per line, so files diff and grep well. */
export function chromeTraceJson(t: ChromeTrace): string {
  const events = t.traceEvents.map((e) => JSON.stringify(e)).join(',\n');
  return `{"displayTimeUnit":${JSON.stringify(t.displayTimeUnit)},\n"otherData":${JSON.stringify(t.otherData)},\n"traceEvents":[\n${events}\n]}\n`;
}
