// Breakpoints a debugger would offer, as plain data (they travel in share
// links), and the pure check the run loop makes after every event: which
// breakpoint, if any, the event's trace records hit. One stop per hit.
//
//   atom breakpoints   runs       before the atom starts running (the run stops
//                                 one event earlier: the state just before it)
//                      completes  when its syscall returns, optionally only if the
//                                 result meets a condition (result < 0, …)
//                      blocks     when it must wait (the head hands off or sleeps)
//                      posted     when its completion lands in the ring
//                      lost       when its completion is lost to a full ring
//   watch              a var's word changes (stops after the event that changed it)
import type { TraceRec } from '../../engine-wasm/host/records.ts';
import * as L from '../../engine-wasm/abi/layout.ts';

export type BreakWhen = 'runs' | 'completes' | 'blocks' | 'posted' | 'lost';
export const BREAK_WHENS: readonly BreakWhen[] = ['runs', 'completes', 'blocks', 'posted', 'lost'];
export const WHEN_LABEL: Readonly<Record<BreakWhen, string>> = {
  runs: 'before it runs', completes: 'when it completes', blocks: 'when it blocks', posted: 'when its completion is posted', lost: 'when its completion is lost',
};

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';
export const CMP_OPS: readonly CmpOp[] = ['==', '!=', '<', '<=', '>', '>='];

export interface ResultCondition {
  readonly op: CmpOp;
  readonly value: number;
}

export interface AtomBreak {
  readonly kind: 'atom';
  readonly atom: string;
  readonly when: BreakWhen;
  /** Only for `completes`: stop only when the result meets it. */
  readonly cond?: ResultCondition;
}

export interface WatchBreak {
  readonly kind: 'watch';
  /** A var of the program: the run stops when its word changes. */
  readonly name: string;
}

export type Breakpoint = AtomBreak | WatchBreak;

/** A stable key for lists and equality. */
export function breakKey(b: Breakpoint): string {
  return b.kind === 'watch' ? `watch:${b.name}` : `atom:${b.atom}:${b.when}${b.cond ? `:${b.cond.op}${b.cond.value}` : ''}`;
}

export function meets(c: ResultCondition, r: number): boolean {
  switch (c.op) {
    case '==': return r === c.value;
    case '!=': return r !== c.value;
    case '<': return r < c.value;
    case '<=': return r <= c.value;
    case '>': return r > c.value;
    case '>=': return r >= c.value;
  }
}

/** "before `s3` runs", "when `rd` completes with a result < 0", "when `n` changes". */
export function describeBreak(b: Breakpoint): string {
  if (b.kind === 'watch') return `when \`${b.name}\` changes`;
  const a = `\`${b.atom}\``;
  switch (b.when) {
    case 'runs': return `before ${a} runs`;
    case 'completes': return `when ${a} completes${b.cond ? ` with a result ${b.cond.op} ${b.cond.value}` : ''}`;
    case 'blocks': return `when ${a} blocks`;
    case 'posted': return `when the completion of ${a} is posted`;
    case 'lost': return `when the completion of ${a} is lost`;
  }
}

/** Checked data from a link or storage: well-formed breakpoints only, the rest dropped. */
export function parseBreakpoints(raw: unknown): Breakpoint[] {
  if (!Array.isArray(raw)) return [];
  const out: Breakpoint[] = [];
  const name = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(v);
  for (const b of raw.slice(0, 256)) {
    if (typeof b !== 'object' || b === null) continue;
    const o = b as Record<string, unknown>;
    if (o.kind === 'watch' && name(o.name)) out.push({ kind: 'watch', name: o.name });
    else if (o.kind === 'atom' && name(o.atom) && BREAK_WHENS.includes(o.when as BreakWhen)) {
      const c = o.cond as Record<string, unknown> | undefined;
      const cond = c && CMP_OPS.includes(c.op as CmpOp) && Number.isInteger(c.value) && (c.value as number) >= -(2 ** 31) && (c.value as number) < 2 ** 31
        ? { op: c.op as CmpOp, value: c.value as number } : undefined;
      out.push(cond && o.when === 'completes' ? { kind: 'atom', atom: o.atom, when: 'completes', cond } : { kind: 'atom', atom: o.atom, when: o.when as BreakWhen });
    }
  }
  return out;
}

/** What stopped the run. */
export interface Hit {
  readonly bp: Breakpoint;
  /** "paused at breakpoint: before `s3` runs". */
  readonly text: string;
  /** The hit is the atom starting: the run goes back one event, to just before it. */
  readonly before: boolean;
}

/** Atom address -> name, and var name -> address, for the program that runs. */
export interface BreakNames {
  readonly atoms: ReadonlyMap<number, string>;
  readonly vars: ReadonlyMap<string, number>;
}

/**
 * The first breakpoint the records of one event hit. `mid` maps each thread
 * that was in the middle of an atom before the event (asleep in it) to that
 * atom: its record in this event finishes that atom, it does not start it.
 * `words` are the watched vars' words before and after the event.
 */
export function checkEvent(
  bps: readonly Breakpoint[],
  records: readonly TraceRec[],
  names: BreakNames,
  mid: ReadonlyMap<number, number>,
  words: ReadonlyMap<string, { readonly before: number; readonly after: number }>,
): Hit | null {
  const inAtom = new Map(mid);
  for (const r of records) {
    const name = r.atom ? names.atoms.get(r.atom) : undefined;
    // Does this record start an atom (the walk reads it and runs its syscall)?
    let starts = false;
    if (r.kind === 'atom' || r.kind === 'block') {
      starts = inAtom.get(r.tid) !== r.atom;
      if (r.kind === 'block') inAtom.set(r.tid, r.atom);
      else inAtom.delete(r.tid);
    } else if (r.kind === 'handoff' && r.aux2 !== L.HANDOFF_ASYNC && r.aux2 !== L.HANDOFF_BUDGET) {
      starts = inAtom.get(r.tid) !== r.atom; // the head ran the atom and it must wait: the new thread sleeps in it
      inAtom.set(r.aux, r.atom);
    }
    if (!name) continue;
    for (const b of bps) {
      if (b.kind !== 'atom' || b.atom !== name) continue;
      const hit =
        (b.when === 'runs' && starts) ||
        (b.when === 'completes' && r.kind === 'atom' && (!b.cond || meets(b.cond, r.result))) ||
        (b.when === 'blocks' && (r.kind === 'block' || (r.kind === 'handoff' && r.aux2 !== L.HANDOFF_ASYNC && r.aux2 !== L.HANDOFF_BUDGET))) ||
        (b.when === 'posted' && r.kind === 'post') ||
        (b.when === 'lost' && r.kind === 'lost');
      if (hit) return { bp: b, text: `paused at breakpoint: ${describeBreak(b)}`, before: b.when === 'runs' };
    }
  }
  for (const b of bps) {
    if (b.kind !== 'watch') continue;
    const w = words.get(b.name);
    if (w && w.before !== w.after) return { bp: b, text: `paused at watch: \`${b.name}\` changed from ${w.before} to ${w.after}`, before: false };
  }
  return null;
}
