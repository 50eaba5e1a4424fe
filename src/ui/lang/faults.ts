// The fault and latency lab's side of the language (docs/language.md, "Injected
// faults"): what a `fault` clause and a `latency` line may say, and what the
// session hands the kernel at every reset (kernel_fault_set, kernel_latency_set;
// docs/engine.md, "Fault injection"). Pure: no kernel.
import * as L from '../../engine-wasm/abi/layout.ts';
import * as ERRNO from '../../engine-wasm/abi/errno.ts';
import { atoms, latencies, type FaultSpec, type Program } from './ast.ts';
import type { Layout } from './layout.ts';
import { UNIT_NS, type DurationUnit } from './options.ts';

/** The syscalls a `fault short` clamps (their third argument is the count). */
export const SHORT_SYSCALLS: readonly string[] = ['read', 'write', 'pread64', 'pwrite64'];
/** Longest injected delay or latency: 1 s, as `option disk_latency`. */
export const MAX_INJECT_NS = 1_000_000_000;

const errnoValue = (name: string): number | undefined => (ERRNO as Record<string, number>)[name];

/** A duration's ns, or why it is not one a fault or latency takes (`what` names it). */
export function injectDuration(value: number, unit: DurationUnit | undefined, what: string, min: number): { ok: true; ns: number } | { ok: false; error: string } {
  if (!unit) return { ok: false, error: `${what} is a duration: give it a unit (ns, us, ms or s), as in \`5ms\`` };
  const ns = value * UNIT_NS[unit];
  if (ns < min || ns > MAX_INJECT_NS) return { ok: false, error: `${what} is ${min === 0 ? '0' : '1ns'} to 1s, not ${value}${unit}` };
  return { ok: true, ns };
}

/** One fault as the kernel takes it (kernel_fault_set). */
export interface InjectedFault {
  readonly atom: number;
  /** The atom's name, for messages. */
  readonly name: string;
  readonly kind: number;
  readonly value: number;
  readonly nth: number;
}

/** One latency as the kernel takes it (kernel_latency_set); page undefined: every page. */
export interface InjectedLatency {
  /** The path's bytes, exactly as the string literal gives them (the kernel compares bytes). */
  readonly path: Uint8Array;
  readonly page?: number;
  readonly ns: number;
}

export interface Injections {
  readonly faults: readonly InjectedFault[];
  readonly latencies: readonly InjectedLatency[];
}

/** The kernel's FK_* kind and value of a fault spec (the parser has judged it). */
export function faultValue(spec: FaultSpec): { kind: number; value: number } {
  switch (spec.kind) {
    case 'errno': return { kind: L.FK_ERRNO, value: errnoValue(spec.errno.name) ?? L.MAX_ERRNO };
    case 'short': return { kind: L.FK_SHORT, value: spec.bytes };
    case 'block': return { kind: L.FK_BLOCK, value: Math.max(1, spec.value * UNIT_NS[spec.unit]) };
    case 'cached': return { kind: L.FK_CACHED, value: 0 };
  }
}

/** A string literal's bytes (the lexer keeps them as one char per byte). */
const literalBytes = (bytes: string): Uint8Array => Uint8Array.from(bytes, (c) => c.charCodeAt(0));

/** What a program injects, at its laid-out addresses: applied by the session at every reset. */
export function injectionsOf(program: Program, lay: Layout): Injections {
  const faults: InjectedFault[] = [];
  for (const a of atoms(program)) {
    const sym = lay.symbols.get(a.name.name);
    if (!a.fault || sym?.kind !== 'atom') continue;
    faults.push({ atom: sym.addr, name: a.name.name, ...faultValue(a.fault.spec), nth: a.fault.nth ?? 0 });
  }
  const lats = latencies(program).map((l) => ({
    path: literalBytes(l.path.value),
    ...(l.page !== undefined ? { page: l.page } : {}),
    ns: l.value * UNIT_NS[l.unit],
  }));
  return { faults, latencies: lats };
}

/** The canonical text of a fault clause, without the word `fault`: `EIO`, `short 16`, `block 5ms nth 3`. */
export function faultText(spec: FaultSpec, nth?: number): string {
  const body = spec.kind === 'errno' ? spec.errno.name : spec.kind === 'short' ? `short ${spec.bytes}` : spec.kind === 'block' ? `block ${spec.value}${spec.unit}` : 'cached';
  return nth !== undefined ? `${body} nth ${nth}` : body;
}

/** A fault in a few words, for the graph's badge (its tooltip says the rest): `returns -EIO · run 3`. */
export function faultWords(spec: FaultSpec, nth?: number): string {
  const body = spec.kind === 'errno' ? `returns -${spec.errno.name}` : spec.kind === 'short' ? `short: ${spec.bytes} bytes` : spec.kind === 'block' ? `blocks ${spec.value}${spec.unit} first` : 'never waits';
  return nth !== undefined ? `${body} · run ${nth}` : body;
}

/** What a fault does, in a sentence (the badge's tooltip, the editor's hint). */
export function faultMeaning(spec: FaultSpec, nth?: number): string {
  const when = nth !== undefined ? `On its run ${nth} since reset (only that one), ` : 'Every time it runs, ';
  switch (spec.kind) {
    case 'errno': return `${when}the kernel does not make the call: the atom's result is -${spec.errno.name} (injected).`;
    case 'short': return `${when}the count of its ${SHORT_SYSCALLS.join('/')} is clamped to ${spec.bytes} bytes (injected).`;
    case 'block': return `${when}the atom waits ${spec.value}${spec.unit} of virtual time before its call runs (injected): in the head that hands the syslet off, as a real block would.`;
    case 'cached': return `${when}the call does not wait: file pages count as cached for it, fsync and nanosleep return at once, a pipe that would wait gives -EAGAIN (injected).`;
  }
}
