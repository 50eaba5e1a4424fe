// layout(program): real user-memory addresses for every declaration and the
// initial writes that encode them, by arithmetic on abi/layout.ts alone.
//
//   USER_BASE  async_head_user            32 B
//              completion ring            4 B a slot (ring N, default 8)
//              atoms, in source order     44 B each: SKIP_TO_NEXT_ON_STOP goes to u + 44
//              vars, in source order      4 B each
//              strings, then buffers      each 4-byte aligned; strings NUL-terminated
//
// Buffers and the ring start zeroed (kernel_reset clears user memory); the
// ring slots are written anyway so a reload without a reset starts clean.
import type { AtomDecl, Diagnostic, Expr, Ident, Item, Program, Span } from './ast.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { syscallByName } from '../../engine-wasm/host/syscalls.ts';
import { CONSTANTS, FLAG_ORDER } from './names.ts';
import { evalBinary, evalUnary } from './ops.ts';
import { spanToPos } from './lexer.ts';
import { MAX_RING } from './parse-decl.ts';
import { quote } from './print.ts';
import { printBuffer, programNames, type PrintBuffer, type ProgramNames } from './addresses.ts';

export const DEFAULT_RING = 8;

export interface Placed {
  readonly kind: 'atom' | 'var' | 'buffer';
  readonly addr: number;
  readonly bytes: number;
}

export interface MemWrite {
  readonly addr: number;
  readonly bytes: Uint8Array;
  /** What the bytes encode, for display: "atom hello", "var fd". */
  readonly what: string;
}

export interface Layout {
  /** False when the program does not fit: `writes` is then empty. */
  readonly ok: boolean;
  readonly ahu: number;
  /** Address of ring slot 0. */
  readonly ring: number;
  readonly ringEntries: number;
  readonly symbols: ReadonlyMap<string, Placed>;
  /** String-literal bytes -> address of the NUL-terminated copy (equal literals share it). */
  readonly strings: ReadonlyMap<string, number>;
  /** Vars whose initializer is not constant: they start at 0 and the driver assigns them. */
  readonly driverInits: ReadonlySet<string>;
  readonly writes: readonly MemWrite[];
  /** First byte after the image. */
  readonly end: number;
  /** Where `print` writes its text from (right after the image). */
  readonly print: PrintBuffer;
  /** What every address of the image is called (narration, memory view, threads). */
  readonly names: ProgramNames;
  readonly diagnostics: readonly Diagnostic[];
}

const align4 = (n: number) => (n + 3) & ~3;

/** Every string literal that needs memory, in order: all but `print "…"` text and `len("…")`. */
function collectStrings(items: readonly Item[], out: Map<string, Span>): void {
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case 'str': if (!out.has(e.value)) out.set(e.value, e.span); return;
      case 'slot': expr(e.index); return;
      case 'unary': expr(e.operand); return;
      case 'binary': expr(e.left); expr(e.right); return;
      case 'call': e.args.forEach(expr); return;
      default: return;
    }
  };
  for (const item of items) {
    switch (item.kind) {
      case 'var': if (item.init) expr(item.init); break;
      case 'assign': expr(item.target); expr(item.value); break;
      case 'expr': expr(item.expr); break;
      case 'assert': expr(item.cond); break;
      case 'print': for (const a of item.args) if (a.kind !== 'str') expr(a); break;
      case 'if':
        expr(item.cond);
        collectStrings(item.then.stmts, out);
        if (item.else) collectStrings(item.else.stmts, out);
        break;
      case 'while': expr(item.cond); collectStrings(item.body.stmts, out); break;
      default: break;
    }
  }
}

/** An expression's value when it is known before the driver runs; undefined otherwise. */
export function staticValue(e: Expr, lay: Pick<Layout, 'symbols' | 'strings'>): number | undefined {
  switch (e.kind) {
    case 'int': return e.value | 0;
    case 'str': return lay.strings.get(e.value);
    case 'len': return e.arg.value.length;
    case 'name': {
      const sym = lay.symbols.get(e.name);
      if (sym) return sym.kind === 'var' ? undefined : sym.addr;
      return CONSTANTS.get(e.name);
    }
    case 'addr': return lay.symbols.get(e.target.name)?.addr;
    case 'unary': {
      const v = staticValue(e.operand, lay);
      return v === undefined ? undefined : evalUnary(e.op, v);
    }
    case 'binary': {
      const a = staticValue(e.left, lay);
      const b = a === undefined ? undefined : staticValue(e.right, lay);
      return a === undefined || b === undefined ? undefined : evalBinary(e.op, a, b);
    }
    default: return undefined;
  }
}

export function layout(program: Program): Layout {
  const diagnostics: Diagnostic[] = [];
  const symbols = new Map<string, Placed>();
  const strings = new Map<string, number>();
  const ringDecl = program.items.find((i) => i.kind === 'ring');
  const ringEntries = ringDecl && ringDecl.size >= 1 && ringDecl.size <= MAX_RING ? ringDecl.size : DEFAULT_RING;
  const ahu = L.USER_BASE;
  const ring = ahu + L.AHU_BYTES;
  let top = ring + 4 * ringEntries;
  let overflow: Span | undefined;
  const place = (name: string, kind: Placed['kind'], bytes: number, span: Span) => {
    if (kind === 'buffer') top = align4(top);
    if (!symbols.has(name)) symbols.set(name, { kind, addr: top, bytes });
    top += bytes;
    if (top > L.USER_END && !overflow) overflow = span;
  };
  for (const i of program.items) if (i.kind === 'atom') place(i.name.name, 'atom', L.ATOM_BYTES, i.span);
  for (const i of program.items) if (i.kind === 'var') place(i.name.name, 'var', 4, i.span);
  const literals = new Map<string, Span>();
  collectStrings(program.items, literals);
  for (const [bytes, span] of literals) {
    top = align4(top);
    strings.set(bytes, top);
    top += bytes.length + 1;
    if (top > L.USER_END && !overflow) overflow = span;
  }
  for (const i of program.items) if (i.kind === 'buffer') place(i.name.name, 'buffer', i.size, i.span);

  const placed = { ahu, ring, ringEntries, symbols, strings, end: top, print: printBuffer(top) };
  const base = { ...placed, names: programNames(placed) };
  if (overflow) {
    const message = `the program does not fit in user memory: it needs ${top - L.USER_BASE} bytes, and there are ${L.USER_BYTES}`;
    diagnostics.push({ ...spanToPos(overflow), message, severity: 'error' });
    return { ...base, ok: false, driverInits: new Set(), writes: [], diagnostics };
  }

  const writes: MemWrite[] = [];
  const record = (addr: number, n: number, what: string) => {
    const bytes = new Uint8Array(n);
    writes.push({ addr, bytes, what });
    return new DataView(bytes.buffer);
  };
  const ahuView = record(ahu, L.AHU_BYTES, 'async_head_user');
  ahuView.setUint32(L.AHU_COMPLETION_RING, ring, true);
  ahuView.setUint32(L.AHU_RING_SIZE_BYTES, 4 * ringEntries, true);
  record(ring, 4 * ringEntries, 'completion ring');

  const addrOf = (id: Ident | undefined, kind: Placed['kind']): number => {
    if (!id) return 0;
    const sym = symbols.get(id.name);
    if (sym?.kind === kind) return sym.addr;
    diagnostics.push({ ...spanToPos(id.span), message: `cannot lay out \`${id.name}\`: it is not a declared ${kind}`, severity: 'error' });
    return 0;
  };
  const encodeAtom = (a: AtomDecl) => {
    const v = record(symbols.get(a.name.name)?.addr ?? 0, L.ATOM_BYTES, `atom ${a.name.name}`);
    let flags = 0;
    for (const f of a.flags) if (FLAG_ORDER.includes(f.name)) flags |= CONSTANTS.get(f.name) ?? 0;
    v.setUint32(L.ATOM_FLAGS, flags, true);
    v.setUint32(L.ATOM_NR, syscallByName(a.syscall.name)?.nr ?? 0, true);
    v.setUint32(L.ATOM_RET_PTR, addrOf(a.ret, 'var'), true);
    v.setUint32(L.ATOM_NEXT, addrOf(a.next, 'atom'), true);
    a.args.slice(0, L.NATOMARG).forEach((arg, k) => v.setUint32(L.ATOM_ARG_PTR + 4 * k, addrOf(arg, 'var'), true));
  };
  for (const i of program.items) if (i.kind === 'atom' && symbols.get(i.name.name)?.kind === 'atom') encodeAtom(i);

  const driverInits = new Set<string>();
  for (const i of program.items) {
    if (i.kind !== 'var' || symbols.get(i.name.name)?.kind !== 'var') continue;
    const value = i.init ? staticValue(i.init, base) : 0;
    if (value === undefined) driverInits.add(i.name.name);
    record(symbols.get(i.name.name)?.addr ?? 0, 4, `var ${i.name.name}`).setUint32(0, (value ?? 0) >>> 0, true);
  }
  for (const [bytes, addr] of strings) {
    const text = quote(bytes.length > 24 ? bytes.slice(0, 24) : bytes) + (bytes.length > 24 ? '…' : '');
    const out = record(addr, bytes.length + 1, `string ${text}`);
    for (let k = 0; k < bytes.length; k++) out.setUint8(k, bytes.charCodeAt(k));
  }
  return { ...base, ok: true, driverInits, writes, diagnostics };
}
