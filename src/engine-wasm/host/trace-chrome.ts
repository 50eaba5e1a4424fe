// The Chrome trace event export (the JSON "Trace Event Format" that Perfetto
// and chrome://tracing open), built from kernel trace records alone:
//
//   one process (pid 1), one track per kernel thread: "user task" (kernel tid
//   0) and "cachemiss thread N"; the JSON tid is the kernel tid + 1, since
//   viewers treat tid 0 as the idle task.
//   slices (a 'B' and an 'E' event): each user call (syscall → sysret), each
//     atom (from the moment it started — its block, or its completion −
//     OPT_ATOM_NS — to its completion), each wait (block → wake) inside its
//     atom or call. B/E rather than complete ('X') events: a slice's end is
//     then its own number, not ts + dur added in floating point, so a slice
//     that ends where the next begins cannot seem to overlap it;
//   instants ('i', thread scope): hand-offs, posts, losses, ring waits,
//     faults, cached returns, exits, deadlocks, and any kind added later;
//   metadata ('M'): process and track names, track order, which records the
//     export holds (the kernel keeps only the last NTRACE).
//
// ts is in microseconds (the format's unit): virtual ns / 1000.
// docs/traces.md describes every field.
import type { TraceKind, TraceRec } from './records.ts';
import { describe, waitText, type AtomNames } from './trace-format.ts';
import { argValue, traceFields, type TraceFields } from './trace-fields.ts';
import { withAtomContext } from './trace-context.ts';
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

type ArgValue = string | number | boolean | Readonly<Record<string, string | number>>;
export type ChromeArgs = Readonly<Record<string, ArgValue>>;
/** Args being put together. */
type Args = Record<string, ArgValue>;

export interface ChromeEvent {
  /** Every event but an 'E' has one (an 'E' ends the slice its track has open). */
  readonly name?: string;
  readonly cat?: string;
  readonly ph: 'B' | 'E' | 'i' | 'M';
  /** Microseconds. */
  readonly ts: number;
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

function fieldArgs(f: TraceFields, names?: AtomNames): Args {
  const out: Args = {};
  if (f.syscall) out.syscall = f.syscall;
  if (f.args.length > 0) out.arguments = Object.fromEntries(f.args.map((a) => [a.name, argValue(a, names)]));
  if (f.result) out.result = f.result;
  if (f.detail) out.detail = f.detail;
  return out;
}

/** The args every event carries about its record. */
function recordArgs(r: TraceRec, names?: AtomNames): Args {
  const out: Args = { event: r.event, record: r.seq + 1, kind: r.kind };
  if (r.atom) {
    out.atom = hex(r.atom);
    const name = names?.get(r.atom);
    if (name !== undefined) out.atom_name = name;
  }
  return { ...out, ...fieldArgs(traceFields(r, names), names), text: describe(r, names) };
}

/** A slice to emit as B/E. */
interface Slice {
  readonly name: string;
  readonly cat: 'syscall' | 'atom' | 'wait';
  readonly start: bigint;
  readonly end: bigint;
  readonly args: ChromeArgs;
  /** Sequence numbers of the records that began and ended it (-1: before those held; Infinity: not ended). */
  readonly from: number;
  readonly to: number;
}
/** Which slice holds which when two have the same extent: call ⊃ atom ⊃ wait. */
const DEPTH: Readonly<Record<Slice['cat'], number>> = { syscall: 0, atom: 1, wait: 2 };

interface Instant {
  readonly at: bigint;
  /** Its record's sequence number: at one instant, the records' order decides what it lies in. */
  readonly seq: number;
  readonly event: ChromeEvent;
}

class Builder {
  /** Per kernel thread: its slices and its instants. */
  readonly slices = new Map<number, Slice[]>();
  readonly instants = new Map<number, Instant[]>();
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

  private slice(tid: number, name: string, cat: Slice['cat'], start: bigint, end: bigint, args: ChromeArgs, from: number, to: number): void {
    const list = this.slices.get(tid) ?? [];
    list.push({ name, cat, start, end, args, from, to });
    this.slices.set(tid, list);
  }

  /** Ends the track's open wait at `end`; `how` says what ended it when no wake-up did. */
  private endWait(tid: number, t: Track, end: bigint, by?: TraceRec, how?: string): void {
    const w = t.wait;
    if (!w) return;
    t.wait = undefined;
    const args: Args = { on: waitText(w.rec.aux, w.rec.aux2), syscall: syscallName(w.rec.nr), blocked_event: w.rec.event };
    if (w.before) args.began = 'before the first record held';
    if (by?.kind === 'wake') args.woke_event = by.event;
    if (how) args.ended = how;
    this.slice(tid, `wait: ${waitText(w.rec.aux, w.rec.aux2)}`, 'wait', w.start, end, args, w.before ? -1 : w.rec.seq, by ? by.seq : Infinity);
  }

  private endAtom(tid: number, t: Track, r: TraceRec): void {
    this.endWait(tid, t, r.time, r, 'the call got its result without a wake-up record');
    const open = t.atom;
    t.atom = undefined;
    // An atom that did not block ran for OPT_ATOM_NS up to its completion (never before the track's previous record).
    const ran = r.time - this.atomNs;
    const start = open ? open.start : ran > t.floor ? ran : t.floor;
    const args: Args = recordArgs(r, this.names);
    if (open) args.blocked_event = open.rec.event;
    if (open?.before) args.began = 'before the first record held';
    this.slice(tid, label(r.atom, this.names), 'atom', start, r.time, args, open ? (open.before ? -1 : open.rec.seq) : r.seq, r.seq);
  }

  private endCall(tid: number, t: Track, r: TraceRec): void {
    this.endWait(tid, t, r.time, r, 'the call returned');
    this.closeAtom(tid, t, r.time, 'the call returned before the atom completed', r);
    const c = t.call;
    t.call = undefined;
    const args: Args = recordArgs(r, this.names);
    if (c) {
      args.entered_event = c.rec.event;
      const f = traceFields(c.rec, this.names);
      if (f.args.length > 0) args.arguments = fieldArgs(f, this.names).arguments as Readonly<Record<string, string | number>>;
    } else args.began = 'before the first record held';
    this.slice(tid, syscallName(r.nr), 'syscall', c ? c.start : this.first, r.time, args, c ? c.rec.seq : -1, r.seq);
  }

  /** Closes an atom that has no completion record (yet) at `end` (the time of record `by`, if one ends it). */
  private closeAtom(tid: number, t: Track, end: bigint, why: string, by?: TraceRec): void {
    const a = t.atom;
    if (!a) return;
    t.atom = undefined;
    const args: Args = { ...recordArgs(a.rec, this.names), unfinished: why };
    this.slice(tid, label(a.rec.atom, this.names), 'atom', a.start, end, args, a.before ? -1 : a.rec.seq, by ? by.seq : Infinity);
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
          this.closeAtom(r.tid, t, r.time, 'the thread ended before the atom completed', r);
        }
        const name = INSTANT[r.kind]?.(r, this.names) ?? r.kind;
        const list = this.instants.get(r.tid) ?? [];
        list.push({ at: r.time, seq: r.seq, event: { name, cat: r.kind, ph: 'i', ts: us(r.time), pid: PID, tid: trackTid(r.tid), s: 't', args: recordArgs(r, this.names) } });
        this.instants.set(r.tid, list);
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
        this.slice(tid, syscallName(c.rec.nr), 'syscall', c.start, end, args, c.rec.seq, Infinity);
        t.call = undefined;
      }
    }
  }
}

/**
 * One track's events, properly nested: slices by start (the longer first, then call ⊃ atom ⊃
 * wait), each B after the E of every open slice that ended by then. An instant lies in the
 * slices open when its record was written: at a slice's first or last instant, the order of
 * the records decides (a handoff lies in its async_exec, a post after the atom it posts).
 */
function trackEvents(tid: number, slices: readonly Slice[], instants: readonly Instant[]): ChromeEvent[] {
  const sorted = [...slices].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : DEPTH[a.cat] - DEPTH[b.cat]));
  const out: ChromeEvent[] = [];
  const open: Slice[] = [];
  const end = (s: Slice) => out.push({ ph: 'E', ts: us(s.end), pid: PID, tid: trackTid(tid) });
  let i = 0;
  const instantsBefore = (t: bigint, seq: number) => {
    for (; i < instants.length && (instants[i].at < t || (instants[i].at === t && instants[i].seq < seq)); i++) {
      const x = instants[i];
      while (open.length > 0 && (open[open.length - 1].end < x.at || (open[open.length - 1].end === x.at && open[open.length - 1].to < x.seq))) end(open.pop()!);
      out.push(x.event);
    }
  };
  for (const s of sorted) {
    instantsBefore(s.start, s.from);
    while (open.length > 0 && open[open.length - 1].end <= s.start) end(open.pop()!);
    out.push({ name: s.name, cat: s.cat, ph: 'B', ts: us(s.start), pid: PID, tid: trackTid(tid), args: s.args });
    open.push(s);
  }
  instantsBefore(1n << 62n, 0);
  while (open.length > 0) end(open.pop()!);
  return out;
}

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
  // Each track in order, then all of them merged by time (a track's own order kept at equal times).
  const tagged: { e: ChromeEvent; track: number; i: number }[] = [];
  for (const tid of b.tids()) {
    trackEvents(tid, b.slices.get(tid) ?? [], b.instants.get(tid) ?? []).forEach((e, i) => tagged.push({ e, track: tid, i }));
  }
  if (!w.complete) {
    const e: ChromeEvent = {
      name: `trace begins at record ${(w.first + 1).toLocaleString('en')} of ${w.written.toLocaleString('en')}`,
      cat: 'window', ph: 'i', ts: us(first), pid: PID, tid: trackTid(0), s: 'g', args: { detail: window },
    };
    tagged.push({ e, track: -1, i: 0 });
  }
  tagged.sort((x, y) => x.e.ts - y.e.ts || x.track - y.track || x.i - y.i);
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
      time: 'ts is virtual time in microseconds (the kernel counts ns: ts = ns / 1000)',
      atom_ns: opts.atomNs ?? DEFAULT_ATOM_NS,
    },
    traceEvents: [...meta, ...tagged.map((x) => x.e)],
  };
}

/** The trace as JSON text: one event per line, so files diff and grep well. */
export function chromeTraceJson(t: ChromeTrace): string {
  const events = t.traceEvents.map((e) => JSON.stringify(e)).join(',\n');
  return `{"displayTimeUnit":${JSON.stringify(t.displayTimeUnit)},\n"otherData":${JSON.stringify(t.otherData)},\n"traceEvents":[\n${events}\n]}\n`;
}
