// Semantic checks on a parsed program: names (declared once, anywhere at the
// top level, and of the right kind), syscalls and their argument counts,
// flags, the single ring. Reports through the parser's cursor.
import type { AtomDecl, Block, Expr, Ident, LatencyDecl, Program, Span, Stmt } from './ast.ts';
import { LAT_PATH_MAX, NFAULT, NLATENCY } from '../../engine-wasm/abi/layout.ts';
import { SHORT_SYSCALLS } from './faults.ts';
import { quote } from './print.ts';
import type { Cursor } from './cursor.ts';
import { syscallByName } from '../../engine-wasm/host/syscalls.ts';
import { SYSLET_SKIP_TO_NEXT_ON_STOP, SYSLET_STOP_MASK } from '../../engine-wasm/abi/flags.ts';
import { BUILTINS, CONSTANTS, FLAG_ORDER, RING_INDICES, SYSCALL_NAMES, didYouMean, reservedKind } from './names.ts';

type SymKind = 'var' | 'atom' | 'buffer';
interface Sym { readonly kind: SymKind; readonly span: Span }

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const article = (kind: string) => `${kind === 'atom' ? 'an' : 'a'} ${kind}`;

export function check(program: Program, p: Cursor): void {
  const syms = new Map<string, Sym>();
  let ringLine = 0;
  const optionLines = new Map<string, number>();
  const latencyLines = new Map<string, number>();
  let faulted = 0;
  for (const item of program.items) {
    if (item.kind === 'atom' && item.fault && ++faulted === NFAULT + 1) {
      p.report(item.fault.span, `at most ${NFAULT} atoms may carry a fault (the kernel's table)`);
    }
    if (item.kind === 'latency') {
      latency(item, p, latencyLines);
    } else if (item.kind === 'option') {
      const before = optionLines.get(item.name.name);
      if (before) p.report(item.name.span, `\`option ${item.name.name}\` is already set at line ${before}`);
      else optionLines.set(item.name.name, item.span.line);
    } else if (item.kind === 'ring') {
      if (ringLine) p.report(item.span, `only one ring per program: the ring is already declared at line ${ringLine}`);
      else ringLine = item.span.line;
    } else if (item.kind === 'var' || item.kind === 'buffer' || item.kind === 'atom') {
      const { name, span } = item.name;
      const reserved = reservedKind(name);
      const prev = syms.get(name);
      if (reserved) p.report(span, `\`${name}\` is ${reserved} and cannot name ${article(item.kind)}`);
      else if (prev) p.report(span, `\`${name}\` is already declared at line ${prev.span.line}`);
      else syms.set(name, { kind: item.kind, span });
    }
  }
  new Checker(p, syms, program).run();
}

/** A `latency` line: an absolute path that fits the kernel's table, each file and page once, at most NLATENCY lines. */
function latency(item: LatencyDecl, p: Cursor, seen: Map<string, number>): void {
  const path = item.path.value;
  const where = `\`latency ${quote(path)}${item.page !== undefined ? ` page ${item.page}` : ''}\``;
  if (!path.startsWith('/')) p.report(item.path.span, 'a latency names a file by its absolute path, starting with `/`');
  else if (path.length > LAT_PATH_MAX) p.report(item.path.span, `a latency's path is at most ${LAT_PATH_MAX} bytes, not ${path.length}`);
  else if (path.includes('\0')) p.report(item.path.span, 'a path cannot hold a NUL byte (`\\0`)');
  const key = `${path}\0${item.page ?? '*'}`;
  const before = seen.get(key);
  if (before) p.report(item.span, `${where} is already set at line ${before}`);
  else if (seen.size === NLATENCY) p.report(item.span, `at most ${NLATENCY} latency lines (the kernel's table)`);
  else seen.set(key, item.span.line);
}

class Checker {
  private readonly atomOrder: string[];

  constructor(private readonly p: Cursor, private readonly syms: Map<string, Sym>, private readonly program: Program) {
    this.atomOrder = program.items.filter((i) => i.kind === 'atom').map((a) => a.name.name);
  }

  run(): void {
    for (const item of this.program.items) {
      if (item.kind === 'var') {
        if (item.init) this.expr(item.init);
      } else if (item.kind === 'atom') {
        this.atom(item);
      } else if (item.kind !== 'ring' && item.kind !== 'buffer' && item.kind !== 'option' && item.kind !== 'latency') {
        this.stmt(item);
      }
    }
  }

  private undeclared(id: Ident, extra: Iterable<string> = []): void {
    const hint = didYouMean(id.name, [...this.syms.keys(), ...extra]);
    this.p.report(id.span, `\`${id.name}\` is not declared${hint}`);
  }

  /** The symbol `id` names if it is of `kind`; reports otherwise. */
  private expect(id: Ident, kind: SymKind, role: string): void {
    const sym = this.syms.get(id.name);
    if (!sym) this.undeclared(id);
    else if (sym.kind !== kind) this.p.report(id.span, `${role} must name ${article(kind)}, and \`${id.name}\` is ${article(sym.kind)}`);
  }

  private syscallArity(callee: Ident, given: number, span: Span): void {
    const info = syscallByName(callee.name);
    if (!info) return;
    const max = info.params.length;
    if (given > max) {
      const params = max ? ` (${info.params.join(', ')})` : '';
      this.p.report(span, `\`${callee.name}\` takes ${plural(max, 'argument')}${params}, but ${given} ${given === 1 ? 'is' : 'are'} given`);
    }
  }

  private atom(a: AtomDecl): void {
    const name = a.syscall.name;
    if (!syscallByName(name)) {
      this.p.report(a.syscall.span, `unknown syscall \`${name}\`${didYouMean(name, SYSCALL_NAMES)}`);
    } else {
      this.syscallArity(a.syscall, a.args.length, a.span);
      if (name === 'async_exec' || name === 'async_wait') {
        this.p.report(a.syscall.span, `\`${name}\` run as an atom returns -ENOSYS: syslets do not nest`, 'warning');
      }
    }
    for (const arg of a.args) {
      const sym = this.syms.get(arg.name);
      if (!sym) this.undeclared(arg);
      else if (sym.kind !== 'var') {
        this.p.report(arg.span, `an atom argument must point to a var, and \`${arg.name}\` is ${article(sym.kind)}: declare \`var p = ${arg.name}\` and pass \`&p\``);
      }
    }
    if (a.fault?.spec.kind === 'short' && syscallByName(name) && !SHORT_SYSCALLS.includes(name)) {
      this.p.report(a.fault.span, `\`fault short\` clamps the count of ${SHORT_SYSCALLS.join(', ')}; \`${name}\` has no count`);
    }
    if (a.ret) this.expect(a.ret, 'var', '`ret`');
    if (a.next) this.expect(a.next, 'atom', '`next`');
    let bits = 0;
    for (const f of a.flags) {
      if (FLAG_ORDER.includes(f.name)) bits |= CONSTANTS.get(f.name) ?? 0;
      else if (f.name === 'SYSLET_STOP_MASK') this.p.report(f.span, '`SYSLET_STOP_MASK` is a mask, not a flag: name the SYSLET_STOP_* flags you want');
      else this.p.report(f.span, `unknown flag \`${f.name}\`${didYouMean(f.name, FLAG_ORDER)}`);
    }
    if (bits & SYSLET_SKIP_TO_NEXT_ON_STOP) {
      const skip = a.flags.find((f) => f.name === 'SYSLET_SKIP_TO_NEXT_ON_STOP')?.span ?? a.span;
      if (!(bits & SYSLET_STOP_MASK)) {
        this.p.report(skip, 'SYSLET_SKIP_TO_NEXT_ON_STOP does nothing without a SYSLET_STOP_* flag', 'warning');
      } else if (this.atomOrder[this.atomOrder.length - 1] === a.name.name) {
        this.p.report(skip, `on a stop \`${a.name.name}\` skips to the atom written right after it, but it is the last atom`, 'warning');
      }
    }
  }

  private block(b: Block): void {
    for (const s of b.stmts) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    switch (s.kind) {
      case 'assign':
        if (s.target.kind === 'name') this.assignTarget(s.target.name, s.target.span);
        else this.expr(s.target);
        this.expr(s.value);
        return;
      case 'expr': this.expr(s.expr); return;
      case 'if':
        this.expr(s.cond);
        this.block(s.then);
        if (s.else) this.block(s.else);
        return;
      case 'while':
        this.expr(s.cond);
        this.block(s.body);
        return;
      case 'print': for (const e of s.args) this.expr(e); return;
      case 'assert': this.expr(s.cond); return;
    }
  }

  private assignTarget(name: string, span: Span): void {
    const sym = this.syms.get(name);
    if (sym?.kind === 'var') return;
    if (sym) this.p.report(span, `\`${name}\` is ${article(sym.kind)}: only vars and atom fields can be assigned`);
    else if (CONSTANTS.has(name) || RING_INDICES.has(name)) this.p.report(span, `\`${name}\` cannot be assigned`);
    else this.p.report(span, `\`${name}\` is not declared: add \`var ${name}\` at the top level${didYouMean(name, this.syms.keys())}`);
  }

  private expr(e: Expr): void {
    switch (e.kind) {
      case 'name': {
        if (this.syms.has(e.name) || CONSTANTS.has(e.name)) return;
        if (syscallByName(e.name) || BUILTINS.has(e.name)) this.p.report(e.span, `\`${e.name}\` is a call: write \`${e.name}(…)\``);
        else this.undeclared({ name: e.name, span: e.span }, [...CONSTANTS.keys(), ...RING_INDICES]);
        return;
      }
      case 'addr':
        if (CONSTANTS.has(e.target.name)) this.p.report(e.span, `\`${e.target.name}\` is a constant and has no address`);
        else if (!this.syms.has(e.target.name)) this.undeclared(e.target);
        return;
      case 'field': {
        const sym = this.syms.get(e.atom.name);
        if (!sym) this.undeclared(e.atom);
        else if (sym.kind !== 'atom') this.p.report(e.atom.span, `only atoms have fields, and \`${e.atom.name}\` is ${article(sym.kind)}`);
        return;
      }
      case 'slot': this.expr(e.index); return;
      case 'unary': this.expr(e.operand); return;
      case 'binary': this.expr(e.left); this.expr(e.right); return;
      case 'call': this.call(e); return;
      default: return;
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): void {
    for (const a of e.args) this.expr(a);
    const name = e.callee.name;
    const builtin = BUILTINS.get(name);
    if (builtin) {
      if (e.args.length !== builtin.arity) {
        const what = builtin.arity ? 'one argument' : 'no arguments';
        const ahu = name === 'reap' ? '' : ' (the ring\'s async_head_user is passed for you)';
        this.p.report(e.span, `\`${name}\` takes ${what}: \`${builtin.usage}\`${ahu}`);
      }
      return;
    }
    const sym = this.syms.get(name);
    if (sym) {
      const hint = sym.kind === 'atom' ? `: run it with \`async_exec(${name})\`` : '';
      this.p.report(e.callee.span, `\`${name}\` is ${article(sym.kind)}, not a syscall${hint}`);
    } else if (!syscallByName(name)) {
      this.p.report(e.callee.span, `unknown syscall \`${name}\`${didYouMean(name, [...SYSCALL_NAMES, ...BUILTINS.keys()])}`);
    } else {
      this.syscallArity(e.callee, e.args.length, e.span);
    }
  }
}
