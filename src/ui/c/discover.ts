// What a C program's user memory holds, found by running it once: the atoms
// its syslets ran (from the trace, read from memory when first seen, plus the
// atoms their `next` and skip links reach), the ring head it passed to
// async_exec / async_wait, and the names its data symbols give. The result is
// the same pair the language gives the page — a Program (its atoms, for the
// graph) and a Layout (addresses and names, for every pane) — so the views
// need not know the program was C. The graph of a C program is read-only.
import type { AtomDecl, Ident, Item, Program, RingDecl, Span, VarDecl } from '../lang/ast.ts';
import type { Layout, Placed } from '../lang/layout.ts';
import { programNames } from '../lang/addresses.ts';
import { syscallName } from '../../engine-wasm/host/syscalls.ts';
import { readTrace } from '../../engine-wasm/host/records.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import * as F from '../../engine-wasm/abi/flags.ts';
import { SYS_async_exec, SYS_async_wait } from '../../engine-wasm/abi/syscall.ts';
import { FLAG_ORDER } from '../lang/names.ts';
import { cSymbols } from '../../engine-wasm/c/run.ts';
import { checkModuleMemory } from '../../engine-wasm/c/memory-check.ts';

/** An atom's words as user memory held them. */
export interface AtomWords {
  readonly addr: number;
  readonly flags: number;
  readonly nr: number;
  readonly ret: number;
  readonly next: number;
  /** arg_ptr[0..] up to the first zero. */
  readonly args: readonly number[];
}

/** The C program's data symbols (name -> address) and the extent of its data in user memory. */
export interface CSymbols {
  readonly names: ReadonlyMap<string, number>;
  readonly dataStart: number;
  readonly dataEnd: number;
}

export interface Found {
  /** Atoms by address, in the order they were first seen. */
  readonly atoms: ReadonlyMap<number, AtomWords>;
  readonly ahu: number;
  readonly ring: number;
  readonly ringEntries: number;
}

const inUser = (k: Kernel, addr: number, bytes: number) => addr >= k.userBase && addr + bytes <= k.userEnd;

export function readAtom(k: Kernel, addr: number): AtomWords | null {
  if (!inUser(k, addr, 16)) return null;
  const v = k.view();
  const args: number[] = [];
  for (let i = 0; i < 6 && inUser(k, addr + L.ATOM_ARG_PTR + 4 * i, 4); i++) {
    const p = v.getUint32(addr + L.ATOM_ARG_PTR + 4 * i, true);
    if (p === 0) break;
    args.push(p);
  }
  return {
    addr,
    flags: v.getUint32(addr + L.ATOM_FLAGS, true),
    nr: v.getUint32(addr + L.ATOM_NR, true),
    ret: v.getUint32(addr + L.ATOM_RET_PTR, true),
    next: v.getUint32(addr + L.ATOM_NEXT, true),
    args,
  };
}

/**
 * Collects atoms and the ring head while a run goes on: call `look` at each
 * system call the program makes (and once at the end); it reads the trace
 * written since the last look.
 */
export class Finder {
  private readonly atoms = new Map<number, AtomWords>();
  private ahu = 0;
  private ring = 0;
  private ringEntries = 0;
  private since = 0;

  constructor(private readonly k: Kernel) {
    this.since = readTrace(k, 0).next;
  }

  private see(addr: number): void {
    if (addr === 0 || this.atoms.has(addr)) return;
    const a = readAtom(this.k, addr);
    if (a) this.atoms.set(addr, a);
  }

  private seeAhu(ahu: number): void {
    if (this.ahu || !inUser(this.k, ahu, L.AHU_BYTES)) return;
    const v = this.k.view();
    const ring = v.getUint32(ahu + L.AHU_COMPLETION_RING, true);
    const entries = v.getUint32(ahu + L.AHU_RING_SIZE_BYTES, true) >>> 2;
    if (entries === 0 || !inUser(this.k, ring, entries * 4)) return;
    this.ahu = ahu;
    this.ring = ring;
    this.ringEntries = entries;
  }

  /** The program is about to make call `nr` (or, with no call, the run ended). */
  look(nr?: number, args?: readonly number[]): void {
    const { records, next } = readTrace(this.k, this.since);
    this.since = next;
    for (const r of records) {
      if (r.kind === 'syscall' && r.nr === SYS_async_exec) this.see(r.args[0]);
      else if (r.atom) this.see(r.atom);
    }
    if (nr === SYS_async_exec && args) {
      this.seeAhu(args[1]);
      this.see(args[0]);
    } else if (nr === SYS_async_wait && args) this.seeAhu(args[2]);
  }

  /** The atoms seen, and the ones their links reach (read as memory holds them now). */
  found(): Found {
    const queue = [...this.atoms.values()];
    for (let i = 0; i < queue.length && this.atoms.size < MAX_ATOMS; i++) {
      const a = queue[i];
      const reach = [a.next];
      if (a.flags & F.SYSLET_SKIP_TO_NEXT_ON_STOP && a.flags & F.SYSLET_STOP_MASK) reach.push(a.addr + L.ATOM_BYTES);
      for (const addr of reach) {
        if (addr === 0 || this.atoms.has(addr)) continue;
        const b = readAtom(this.k, addr);
        if (b) {
          this.atoms.set(addr, b);
          queue.push(b);
        }
      }
    }
    return { atoms: this.atoms, ahu: this.ahu, ring: this.ring, ringEntries: this.ringEntries };
  }
}

/** The graph draws a few hundred atoms at most; discovery stops following links well past that. */
const MAX_ATOMS = 4096;

const NO_SPAN: Span = { line: 0, col: 0, endLine: 0, endCol: 0 };
const ident = (name: string): Ident => ({ name, span: NO_SPAN }) as Ident;
const hexName = (prefix: string, addr: number) => `${prefix}_${(addr >>> 0).toString(16)}`;

/** Symbols sorted by address, each reaching to the next one (or the end of the data). */
function extents(sym: CSymbols): { name: string; addr: number; bytes: number }[] {
  const list = [...sym.names].filter(([, a]) => a >= sym.dataStart && a < sym.dataEnd).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const out: { name: string; addr: number; bytes: number }[] = [];
  for (let i = 0; i < list.length; i++) {
    const [name, addr] = list[i];
    if (out.length && out[out.length - 1].addr === addr) continue; // aliases: the first name
    let end = sym.dataEnd;
    for (let j = i + 1; j < list.length; j++) if (list[j][1] > addr) { end = list[j][1]; break; }
    out.push({ name, addr, bytes: end - addr });
  }
  return out;
}

/** A name for an address from the symbols: `hello`, `atoms_2` (an atom inside an array), `fds_4`, else undefined. */
function symbolName(ext: ReturnType<typeof extents>, addr: number, stride: number): string | undefined {
  for (const e of ext) {
    if (addr === e.addr) return e.name;
    if (addr > e.addr && addr < e.addr + e.bytes) {
      const off = addr - e.addr;
      return off % stride === 0 ? `${e.name}_${off / stride}` : `${e.name}_${off}`;
    }
  }
  return undefined;
}

/** The Program (atoms, vars, ring) and Layout the page shows for a C program. */
export function describe(found: Found, sym: CSymbols, optionItems: readonly Item[] = []): { program: Program; lay: Layout } {
  const ext = extents(sym);
  const used = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; used.has(n); i++) n = `${name}_${i}`;
    used.add(n);
    return n;
  };
  const atomName = new Map<number, string>();
  for (const a of found.atoms.values()) atomName.set(a.addr, unique(symbolName(ext, a.addr, L.ATOM_BYTES) ?? hexName('atom', a.addr)));
  const wordName = new Map<number, string>();
  const word = (addr: number) => {
    let n = wordName.get(addr);
    if (n === undefined) wordName.set(addr, (n = unique(symbolName(ext, addr, 4) ?? hexName('w', addr))));
    return n;
  };
  const decls: AtomDecl[] = [];
  for (const a of found.atoms.values()) {
    const flags = FLAG_ORDER.filter((f) => (a.flags & (F as unknown as Record<string, number>)[f]) !== 0);
    decls.push({
      kind: 'atom',
      name: ident(atomName.get(a.addr)!),
      syscall: ident(syscallName(a.nr)),
      args: a.args.map((p) => ident(word(p))),
      ...(a.ret ? { ret: ident(word(a.ret)) } : {}),
      flags: flags.map(ident),
      ...(a.next && atomName.has(a.next) ? { next: ident(atomName.get(a.next)!) } : {}),
      span: NO_SPAN,
      leading: [],
      blankBefore: false,
    } as AtomDecl);
  }
  const vars: VarDecl[] = [...wordName.values()].map((name) => ({ kind: 'var', name: ident(name), span: NO_SPAN, leading: [], blankBefore: false }) as VarDecl);
  const ringDecl: RingDecl[] = found.ringEntries ? [{ kind: 'ring', size: found.ringEntries, span: NO_SPAN, leading: [], blankBefore: false } as RingDecl] : [];
  const program: Program = { items: [...optionItems, ...ringDecl, ...vars, ...decls], endComments: [] };

  const symbols = new Map<string, Placed>();
  for (const [addr, name] of atomName) symbols.set(name, { kind: 'atom', addr, bytes: L.ATOM_BYTES });
  for (const [addr, name] of wordName) symbols.set(name, { kind: 'var', addr, bytes: 4 });
  const taken = new Set([...symbols.values()].map((p) => p.addr));
  for (const e of ext) {
    if (taken.has(e.addr) || symbols.has(e.name) || e.addr === found.ahu || e.addr === found.ring) continue;
    symbols.set(e.name, { kind: e.bytes === 4 ? 'var' : 'buffer', addr: e.addr, bytes: e.bytes });
  }
  const print = { addr: sym.dataEnd, bytes: 0 };
  const placed = { ahu: found.ahu, ring: found.ring, ringEntries: found.ringEntries, symbols, strings: new Map<string, number>(), print };
  const lay: Layout = {
    ...placed,
    ok: true,
    names: programNames(placed),
    driverInits: new Set(),
    writes: [],
    end: sym.dataEnd,
    diagnostics: [],
  };
  return { program, lay };
}

/** The module's data symbols and the extent of its data (the page's and the worker's view of a compiled module). */
export function moduleSymbols(wasm: Uint8Array, k: Kernel): CSymbols {
  const fit = checkModuleMemory(wasm, k.userBase, k.userEnd);
  const names = cSymbols(wasm);
  return fit.ok ? { names, dataStart: fit.dataStart, dataEnd: fit.dataEnd } : { names, dataStart: k.userBase, dataEnd: k.userBase };
}
