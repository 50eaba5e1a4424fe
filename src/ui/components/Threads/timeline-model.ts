// Builds the thread timeline from the trace records of the narration: one
// lane per thread lifetime (a hand-off opens a lane, exit closes it; a reused
// tid gets a new lane), each cut into segments by state, on virtual time (ns).
import type { Narration } from '../../engine/session.ts';
import type { ThreadRec } from '../../../engine-wasm/host/records.ts';
import { WHY_NAMES } from '../../../engine-wasm/host/records.ts';
import { SYS_async_wait } from '../../../engine-wasm/abi/syscall.ts';

/** What a lane shows: user space, running in the kernel, or one of the waits. */
export type LaneState = 'user' | 'running' | 'runnable' | 'sleeping' | 'blocked' | 'waiting';

export interface Segment {
  readonly state: LaneState;
  readonly from: number;
  readonly to: number;
}

export interface Mark {
  readonly kind: 'post' | 'lost' | 'exit';
  readonly time: number;
  readonly atom: number;
}

export interface Lane {
  /** Unique per thread lifetime: "tid@start". */
  readonly key: string;
  readonly tid: number;
  readonly start: number;
  /** Exit time, or null while the thread lives. */
  readonly end: number | null;
  readonly segments: readonly Segment[];
  readonly marks: readonly Mark[];
  /** The atom the thread was handed (first atom of its syslet). */
  readonly atom: number;
}

export interface Timeline {
  readonly t0: number;
  readonly now: number;
  readonly lanes: readonly Lane[];
}

/** Waits on time (the timer queue) sleep; waits on a channel (pipe, ring, events) block. */
export function waitState(why: number): LaneState {
  const name = WHY_NAMES[why];
  return name === 'disk' || name === 'disk-inflight' || name === 'timer' || name === 'fsync' || name === 'injected' ? 'sleeping' : 'blocked';
}

function recState(t: ThreadRec): LaneState {
  if (t.state === 'user' || t.state === 'runnable' || t.state === 'sleeping' || t.state === 'blocked' || t.state === 'waiting') return t.state;
  return 'runnable';
}

interface Open {
  key: string;
  tid: number;
  start: number;
  atom: number;
  state: LaneState;
  since: number;
  segments: Segment[];
  marks: Mark[];
}

/**
 * Lanes from the trace in `narration`, the live threads in `threads` (for
 * threads whose hand-off is older than the narration window) and the clock.
 */
export function buildTimeline(narration: readonly Narration[], threads: readonly ThreadRec[], clockNs: bigint): Timeline {
  const fromStart = narration.length === 0 || narration[0].event <= 1;
  let t0 = 0;
  if (!fromStart) {
    const first = narration.find((n) => n.trace);
    t0 = first?.trace ? Number(first.trace.time) : Number(clockNs);
  }
  const now = Math.max(Number(clockNs), t0);
  const open = new Map<number, Open>();
  const done: Lane[] = [];
  const openLane = (tid: number, at: number, state: LaneState, atom: number): Open => {
    const lane: Open = { key: `${tid}@${at}`, tid, start: at, atom, state, since: at, segments: [], marks: [] };
    open.set(tid, lane);
    return lane;
  };
  const cut = (lane: Open, at: number) => {
    if (at > lane.since) lane.segments.push({ state: lane.state, from: lane.since, to: at });
    lane.since = Math.max(lane.since, at);
  };
  const close = (lane: Open, at: number) => {
    cut(lane, at);
    open.delete(lane.tid);
    done.push({ key: lane.key, tid: lane.tid, start: lane.start, end: at, segments: lane.segments, marks: lane.marks, atom: lane.atom });
  };
  const set = (lane: Open, at: number, state: LaneState) => {
    if (lane.state === state) return;
    cut(lane, at);
    lane.state = state;
  };
  const laneOf = (tid: number, atom: number): Open => open.get(tid) ?? openLane(tid, t0, tid === 0 ? 'user' : 'runnable', atom);

  openLane(0, t0, 'user', 0);
  for (const n of narration) {
    const r = n.trace;
    if (!r) continue;
    const at = Math.max(Number(r.time), t0);
    switch (r.kind) {
      case 'handoff': {
        const old = open.get(r.aux);
        if (old) close(old, at);
        openLane(r.aux, at, 'runnable', r.atom);
        break;
      }
      case 'syscall':
        set(laneOf(r.tid, r.atom), at, r.nr === SYS_async_wait ? 'waiting' : 'running');
        break;
      case 'sysret':
        set(laneOf(r.tid, r.atom), at, 'user');
        break;
      case 'block':
        set(laneOf(r.tid, r.atom), at, waitState(r.aux));
        break;
      case 'wake':
        set(laneOf(r.tid, r.atom), at, 'runnable');
        break;
      case 'atom':
        set(laneOf(r.tid, r.atom), at, 'running');
        break;
      case 'post':
      case 'lost':
        laneOf(r.tid, r.atom).marks.push({ kind: r.kind, time: at, atom: r.atom });
        break;
      case 'exit': {
        const lane = laneOf(r.tid, r.atom);
        lane.marks.push({ kind: 'exit', time: at, atom: r.atom });
        if (r.tid !== 0) close(lane, at);
        break;
      }
      default:
        break;
    }
  }
  for (const t of threads) {
    const lane = open.get(t.tid) ?? openLane(t.tid, t0, recState(t), t.atom);
    set(lane, now, recState(t));
  }
  for (const lane of [...open.values()]) {
    cut(lane, now);
    done.push({ key: lane.key, tid: lane.tid, start: lane.start, end: null, segments: lane.segments, marks: lane.marks, atom: lane.atom });
  }
  const lanes = done.sort((a, b) => (a.tid === 0 ? -1 : b.tid === 0 ? 1 : a.start - b.start || a.tid - b.tid));
  return { t0, now, lanes };
}

/** The head lane and the most recent lanes, at most `max` in all, and how many were left out. */
export function recentLanes(lanes: readonly Lane[], max: number): { shown: readonly Lane[]; hidden: number } {
  if (lanes.length <= max) return { shown: lanes, hidden: 0 };
  const head = lanes.filter((l) => l.tid === 0 && l.end === null);
  const rest = lanes.filter((l) => !(l.tid === 0 && l.end === null));
  const kept = rest.slice(rest.length - (max - head.length));
  return { shown: [...head, ...kept], hidden: lanes.length - head.length - kept.length };
}
