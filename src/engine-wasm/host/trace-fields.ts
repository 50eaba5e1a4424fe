// What each field of a trace record means, kind by kind: which records name a
// system call with its arguments, which carry a result, and what else the
// kind says (the handoff's new thread, the post's slot, …). One table, read by
// the exporters (text, Chrome trace JSON) and the page's trace view. A kind
// that has no entry yet (a new one) still shows truthfully: its call when the
// record names a known system call, its result when not 0, its aux words raw.
import type { TraceKind, TraceRec } from './records.ts';
import { WHY_NAMES } from './records.ts';
import { FAULT_NAMES, atomText, waitText, type AtomNames } from './trace-format.ts';
import { formatResult, syscallByNr, syscallName } from './syscalls.ts';
import * as L from '../abi/layout.ts';
import * as S from '../abi/syscall.ts';

const hex = (n: number) => '0x' + n.toString(16);

/** One argument of a call: its parameter name (from the syscall table) and value. */
export interface TraceArg {
  readonly name: string;
  readonly value: number;
}

/** A record's fields as the view's columns show them ('' / [] where the kind has none). */
export interface TraceFields {
  /** The system call the record is about ("read"), or ''. */
  readonly syscall: string;
  readonly args: readonly TraceArg[];
  /** "440", "-ENOENT", an atom for async_exec ("0x110b0 <op>"), or ''. */
  readonly result: string;
  /** What the kind adds: "to thread 1 (disk)", "slot 0", "next = 0: final atom", … */
  readonly detail: string;
}

interface KindSpec {
  /** The record's nr and argument words are the call it concerns. */
  readonly call: boolean;
  readonly result?: (r: TraceRec, names?: AtomNames) => string;
  readonly detail?: (r: TraceRec, names?: AtomNames) => string;
}

/** What the walk does after an atom (TR_ATOM aux2 >> ATOM_THEN_SHIFT). */
const THEN: Readonly<Record<number, string>> = {
  [L.ATOM_THEN_NEXT]: 'on to next',
  [L.ATOM_THEN_STOP]: 'stop condition held: final atom',
  [L.ATOM_THEN_SKIP]: 'stop condition held: skip to the atom + 44',
  [L.ATOM_THEN_LAST]: 'next = 0: final atom',
};
/** How the head reached a cached return (TR_CACHED aux). */
const CACHED: Readonly<Record<number, string>> = {
  [L.CACHED_NOTHING_BLOCKED]: 'async_exec returns the final atom: nothing blocked',
  [L.CACHED_SLEPT_SYNC]: 'async_exec returns the final atom: the head slept in place (SYSLET_SYNC)',
  [L.CACHED_SLEPT_NOTHREAD]: 'async_exec returns the final atom: the head slept in place (no free cachemiss thread)',
};

/** Why the head handed off (TR_HANDOFF aux2): a wait reason, SYSLET_ASYNC or the budget. */
export function handoffReason(aux2: number): string {
  if (aux2 === L.HANDOFF_ASYNC) return 'SYSLET_ASYNC';
  if (aux2 === L.HANDOFF_BUDGET) return 'budget';
  return WHY_NAMES[aux2] ?? String(aux2);
}

/** "then" part of an atom record: what the walk did next. */
export function atomThen(r: TraceRec): string {
  return THEN[r.aux2 >>> L.ATOM_THEN_SHIFT] ?? `then ${r.aux2 >>> L.ATOM_THEN_SHIFT}`;
}

const result = (r: TraceRec) => formatResult(r.result);

const KINDS: Partial<Readonly<Record<TraceKind, KindSpec>>> = {
  atom: { call: true, result, detail: (r) => `${r.aux ? 'in the head; ' : ''}${atomThen(r)}` },
  handoff: { call: true, detail: (r) => `to thread ${r.aux} (${handoffReason(r.aux2)})` },
  block: { call: true, detail: (r) => `waits on ${waitText(r.aux, r.aux2)}` },
  wake: { call: true, detail: (r) => `woke from ${waitText(r.aux, r.aux2)}` },
  post: { call: false, detail: (r) => `posted to slot ${r.aux}` },
  lost: { call: false, detail: (r, n) => `slot ${r.aux} full (it holds ${atomText(r.aux2, n)}): completion lost` },
  ringwait: { call: false, detail: (r) => `slot ${r.aux} full: waits for it to be freed` },
  fault: { call: false, result: (r) => (r.result ? formatResult(r.result) : ''), detail: (r) => `${FAULT_NAMES[r.aux2] ?? r.aux2} at ${hex(r.aux)}` },
  cached: { call: false, result: (r, n) => atomText(r.result >>> 0, n), detail: (r) => CACHED[r.aux] ?? `cached (${r.aux})` },
  syscall: { call: true, detail: () => 'the user task enters the kernel' },
  sysret: {
    call: false,
    result: (r, n) => (r.nr === S.SYS_async_exec && r.result > 0 ? atomText(r.result, n) : formatResult(r.result)),
    detail: () => 'back to user space',
  },
  exit: { call: false, detail: () => 'the cachemiss thread ends its syslet' },
  deadlock: { call: true, result, detail: () => 'nothing can run and no timer is pending' },
};

/** For a kind without an entry: what the record itself holds, nothing guessed. */
const UNKNOWN: KindSpec = {
  call: false,
  result: (r) => (r.result ? formatResult(r.result) : ''),
  detail: (r) => `aux ${r.aux}, aux2 ${r.aux2}`,
};

function specOf(kind: TraceKind): KindSpec {
  return KINDS[kind] ?? UNKNOWN;
}

/** The arguments of the call a record names (as many as the call takes; all six for an unknown number). */
export function callArgs(r: TraceRec): TraceArg[] {
  const info = syscallByNr(r.nr);
  const params = info ? info.params : ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];
  return params.map((name, i) => ({ name, value: r.args[i] ?? 0 }));
}

/** Parameters of the syscall table that hold user addresses. */
const ADDRESS_PARAMS: ReadonlySet<string> = new Set(['buf', 'path', 'fds', 'req', 'rem', 'atom', 'ahu', 'uptr']);

/**
 * An argument's value as the view shows it: an address in hex (with the
 * atom's name if it is one; 0 is NULL), any other parameter as a signed
 * number; a parameter of an unknown call is taken for an address when it is
 * large.
 */
export function argValue(a: TraceArg, names?: AtomNames): string | number {
  if (ADDRESS_PARAMS.has(a.name)) return a.value === 0 ? 'NULL' : atomText(a.value >>> 0, names);
  return /^a\d$/.test(a.name) && a.value > 0xffff ? atomText(a.value >>> 0, names) : a.value | 0;
}

export function argText(a: TraceArg, names?: AtomNames): string {
  return String(argValue(a, names));
}

/** Does record r name a call with its arguments (its kind's entry, or for an unknown kind a known call number)? */
function hasCall(r: TraceRec, spec: KindSpec): boolean {
  return spec.call || (spec === UNKNOWN && r.nr !== 0 && syscallByNr(r.nr) !== undefined);
}

/** The system call record r is about ("read"), or '' — traceFields(r).syscall without the rest. */
export function callName(r: TraceRec): string {
  return hasCall(r, specOf(r.kind)) || r.kind === 'sysret' ? syscallName(r.nr) : '';
}

/** The fields of record r as the view and the exporters show them. */
export function traceFields(r: TraceRec, names?: AtomNames): TraceFields {
  const spec = specOf(r.kind);
  const call = hasCall(r, spec);
  return {
    syscall: callName(r),
    args: call ? callArgs(r) : [],
    result: spec.result?.(r, names) ?? '',
    detail: spec.detail?.(r, names) ?? '',
  };
}

/** "fd=3 buf=0x10048 count=4096" */
export function argsText(args: readonly TraceArg[], names?: AtomNames): string {
  return args.map((a) => `${a.name}=${argText(a, names)}`).join(' ');
}
