// One readable line per trace record, for golden files, the text export and
// debugging. Addresses print in hex; results with errno names; given the
// program's atom names, an atom's address is followed by its name.
import type { TraceRec } from './records.ts';
import { WHY_NAMES, INJECT_KINDS, byCode } from './records.ts';
import { syscallName, formatResult, syscallByNr } from './syscalls.ts';
import * as L from '../abi/layout.ts';

const hex = (n: number) => '0x' + n.toString(16);

/** Atom names by address (the program's layout knows them); absent: addresses only. */
export type AtomNames = ReadonlyMap<number, string>;

/** "0x110b0", or "0x110b0 <rd>" when the atom has a name. */
export function atomText(addr: number, names?: AtomNames): string {
  const name = names?.get(addr);
  return name === undefined ? hex(addr) : `${hex(addr)} <${name}>`;
}
export const FAULT_NAMES = byCode({ [L.FAULT_ATOM]: 'atom', [L.FAULT_RET]: 'ret_ptr', [L.FAULT_RING]: 'ring' });
/** What the walk does after an atom (TR_ATOM aux2 >> ATOM_THEN_SHIFT); on to `next` says nothing. */
const THEN: Readonly<Record<number, string>> = { [L.ATOM_THEN_STOP]: ' -> stop', [L.ATOM_THEN_SKIP]: ' -> skip', [L.ATOM_THEN_LAST]: ' -> last' };
/** How the head reached a cached return (TR_CACHED aux). */
const CACHED: Readonly<Record<number, string>> = { [L.CACHED_SLEPT_SYNC]: ' (head slept in place: SYSLET_SYNC)', [L.CACHED_SLEPT_NOTHREAD]: ' (head slept in place: no free thread)' };

function call(r: TraceRec, names?: AtomNames): string {
  const info = syscallByNr(r.nr);
  const n = info ? info.params.length : 6;
  return `${syscallName(r.nr)}(${r.args.slice(0, n).map((a) => (a > 0xffff ? atomText(a, names) : String(a))).join(', ')})`;
}

/** What a thread waits on: "disk (ino 4, page 0)", "pipe-read (pipe 0)", … */
export function waitText(why: number, arg: number): string {
  switch (why) {
    case L.WHY_DISK:
    case L.WHY_DISK_INFLIGHT: return `${WHY_NAMES[why]} (ino ${arg >>> 16}, page ${arg & 0xffff})`;
    case L.WHY_PIPE_READ:
    case L.WHY_PIPE_WRITE: return `${WHY_NAMES[why]} (pipe ${arg})`;
    case L.WHY_FSYNC: return `fsync (ino ${arg})`;
    case L.WHY_RING: return `ring (ahu ${hex(arg)})`;
    case L.WHY_INJECTED: return `injected (${arg} ns)`;
    default: return WHY_NAMES[why] ?? String(why);
  }
}

/** An `inject` record: what was injected, and on which run of the atom. */
function injectText(r: TraceRec): string {
  const run = r.aux >>> L.INJ_RUN_SHIFT;
  const nth = run ? ` (run ${run})` : '';
  switch (r.aux & 0xff) {
    case L.INJ_ERRNO: return `errno ${syscallName(r.nr)} = ${formatResult(r.result)}${nth}`;
    case L.INJ_BLOCK: return `block ${r.aux2} ns before ${syscallName(r.nr)}${nth}`;
    case L.INJ_SHORT: return `short ${syscallName(r.nr)} count ${r.result >>> 0} -> ${r.aux2}${nth}`;
    case L.INJ_CACHED: return `cached ${syscallName(r.nr)} skips ${waitText(r.aux2, r.result >>> 0)}${nth}`;
    case L.INJ_LATENCY: {
      const where = (r.result & 0xffff) === 0xffff ? 'fsync' : `page ${r.result & 0xffff}`;
      return `latency ${r.aux2} ns (ino ${r.result >>> 16}, ${where})`;
    }
    default: return INJECT_KINDS[r.aux & 0xff] ?? String(r.aux);
  }
}

/** The event part of a line, without time and thread. */
export function describe(r: TraceRec, names?: AtomNames): string {
  const at = r.atom ? ` atom=${atomText(r.atom, names)}` : '';
  switch (r.kind) {
    case 'atom': return `${r.aux ? 'head' : 'ran'}${at} ${call(r, names)} = ${formatResult(r.result)}${THEN[r.aux2 >>> L.ATOM_THEN_SHIFT] ?? ''}`;
    case 'handoff': return `handoff${at} -> thread ${r.aux} (${r.aux2 === L.HANDOFF_BUDGET ? 'budget' : r.aux2 === L.HANDOFF_ASYNC ? 'SYSLET_ASYNC' : WHY_NAMES[r.aux2]})`;
    case 'block': return `block${at} ${syscallName(r.nr)} on ${waitText(r.aux, r.aux2)}`;
    case 'wake': return `wake${at} (${WHY_NAMES[r.aux]})`;
    case 'post': return `post${at} slot=${r.aux}`;
    case 'lost': return `LOST${at} slot=${r.aux} full (held ${atomText(r.aux2, names)})`;
    case 'ringwait': return `ringwait${at} slot=${r.aux} full`;
    case 'fault': return `fault ${FAULT_NAMES[r.aux2] ?? r.aux2} at ${hex(r.aux)}${at}`;
    case 'cached': return `cached${at}${CACHED[r.aux] ?? ''}`;
    case 'syscall': return `syscall ${call(r, names)}`;
    case 'sysret': return `sysret ${syscallName(r.nr)} = ${r.result > 0xffff ? atomText(r.result, names) : formatResult(r.result)}`;
    case 'exit': return `exit last=${atomText(r.atom, names)}`;
    case 'deadlock': return `deadlock: nothing can run -> -EINTR`;
    case 'inject': return `inject${at} ${injectText(r)}`;
  }
}

/** "t=2271169 thr=1 post atom=0x10154 slot=0" (with names: "atom=0x10154 <cl>") */
export function formatTraceLine(r: TraceRec, names?: AtomNames): string {
  return `t=${r.time} thr=${r.tid} ${describe(r, names)}`;
}

export function formatTrace(records: readonly TraceRec[], names?: AtomNames): string {
  return records.map((r) => formatTraceLine(r, names)).join('\n') + '\n';
}
