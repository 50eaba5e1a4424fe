// What the run says about the atoms at the current event, read from the
// snapshot: the kernel's thread records (exact at this event) and the trace
// records in the narration window (each with the event it happened at).
// Pure: live.test.ts drives it with hand-made records.
import type { Narration } from '../../engine/session.ts';
import type { ThreadRec, WaitReason } from '../../../engine-wasm/host/records.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';

/**
 * - `running`: the atom ran at the current event: its `atom` record (it
 *   completed) or a `fault` record (its walk ended on it) is at this event.
 * - `waiting`: a thread sleeps in this atom now (blocked or sleeping), on `why`.
 * - `done`: the atom's newest completion in the window, with its result.
 * No badge when the window holds nothing about the atom.
 */
export type AtomBadge =
  | { readonly kind: 'running'; readonly result?: number }
  | { readonly kind: 'waiting'; readonly why: WaitReason; readonly tid: number }
  | { readonly kind: 'done'; readonly result: number; readonly event: number; readonly fault: boolean };

/** The newest completion: the walk went on from `atom` after it returned `result`, as the record says (ATOM_THEN_*). */
export interface Taken {
  readonly atom: number;
  readonly result: number;
  readonly event: number;
  readonly then: number;
}

export interface LiveAtoms {
  /** By atom address. */
  readonly badges: ReadonlyMap<number, AtomBadge>;
  readonly taken?: Taken;
}

const RUNNING_KINDS = new Set(['atom', 'fault']);

export function deriveLive(narration: readonly Narration[], threads: readonly ThreadRec[], events: number): LiveAtoms {
  const badges = new Map<number, AtomBadge>();
  let taken: Taken | undefined;
  // Oldest to newest, so the newest record about an atom wins.
  for (const n of narration) {
    const t = n.trace;
    if (!t || !t.atom || n.event > events) continue;
    const ends = t.kind === 'atom' || t.kind === 'fault';
    if (n.event === events && RUNNING_KINDS.has(t.kind)) {
      badges.set(t.atom, ends ? { kind: 'running', result: t.result } : { kind: 'running' });
    } else if (ends && badges.get(t.atom)?.kind !== 'running') {
      badges.set(t.atom, { kind: 'done', result: t.result, event: n.event, fault: t.kind === 'fault' });
    }
    if (t.kind === 'atom') taken = { atom: t.atom, result: t.result, event: n.event, then: t.aux2 >>> L.ATOM_THEN_SHIFT };
  }
  for (const th of threads) {
    if ((th.state === 'blocked' || th.state === 'sleeping') && th.atom) badges.set(th.atom, { kind: 'waiting', why: th.why, tid: th.tid });
  }
  return taken ? { badges, taken } : { badges };
}

/** The edge the walk took after the atom, as its trace record says (ATOM_THEN_*: next, stop, skip or last). */
export function takenEdgeId(name: string, then: number): string {
  switch (then) {
    case L.ATOM_THEN_SKIP: return `skip:${name}`;
    case L.ATOM_THEN_STOP: return `stop:${name}`;
    case L.ATOM_THEN_LAST: return `done:${name}`;
    default: return `next:${name}`;
  }
}

const WHY_TEXT: Record<WaitReason, string> = {
  none: 'waits',
  disk: 'waits: disk',
  'disk-inflight': 'waits: read in flight',
  timer: 'waits: timer',
  'pipe-read': 'waits: pipe data',
  'pipe-write': 'waits: pipe room',
  fsync: 'waits: fsync',
  ring: 'waits: ring slot',
  events: 'waits: events',
  injected: 'waits: injected delay',
};

/** The badge's text, as the node shows it. */
export function badgeText(b: AtomBadge, format: (r: number) => string): string {
  if (b.kind === 'waiting') return WHY_TEXT[b.why];
  if (b.kind === 'running') return b.result === undefined ? 'running' : `returns ${format(b.result)}`;
  return b.fault ? `fault ${format(b.result)}` : `done = ${format(b.result)}`;
}
