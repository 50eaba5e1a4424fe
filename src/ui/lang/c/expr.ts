// The language's expressions in C. Every value of the language is a 32-bit
// word, signed when compared or divided; in C each translated expression
// carries its C type, and a cast is written only where C would otherwise
// read the word differently: a pointer used as a number, an unsigned word
// compared or divided, a number passed where a pointer goes. Division goes
// through DIV/MOD (syslet.h) unless the divisor is a positive constant.
// Constant arithmetic that would overflow in C is written folded.
import type { BinaryOp, Expr } from '../ast.ts';
import type { Layout } from '../layout.ts';
import { CONSTANTS } from '../names.ts';
import { evalBinary, evalUnary } from '../ops.ts';
import { cString, cWord } from './literal.ts';
import { EXPORT_NAMES } from './names.ts';

/** C types of translated expressions: int/long/unsigned long, and the pointers. */
export type CType = 'int' | 'long' | 'ulong' | 'atom' | 'lptr' | 'chars' | 'str';

export interface CExpr {
  readonly code: string;
  readonly type: CType;
  /** C precedence of the outermost operator (16 primary … 4 ||). */
  readonly prec: number;
  /** The word's value, when it is an integer constant. */
  readonly value?: number;
  /** A constant expression that names no program global: fit for a static initializer. */
  readonly pure: boolean;
}

/** Where a value goes: a number (signed: compared or divided), or a pointer of some type. */
export type Target = 'long' | 'signed' | 'atom' | 'lptr' | 'voidp' | 'cvoidp' | 'ccharp' | 'intp' | 'tsp' | 'ctsp';

const POINTER_TYPES: Readonly<Record<Exclude<Target, 'long' | 'signed'>, string>> = {
  atom: 'struct syslet_uatom *', lptr: 'long *', voidp: 'void *', cvoidp: 'const void *', ccharp: 'const char *',
  intp: 'int *', tsp: 'struct timespec *', ctsp: 'const struct timespec *',
};

const PRIMARY = 16;
const UNARY = 15;
const C_PREC: Readonly<Record<BinaryOp, number>> = {
  '*': 13, '/': 13, '%': 13, '+': 12, '-': 12, '<<': 11, '>>': 11, '<': 10, '<=': 10, '>': 10, '>=': 10,
  '==': 9, '!=': 9, '&': 8, '^': 7, '|': 6, '&&': 5, '||': 4,
};

export interface Scope {
  readonly lay: Layout;
  /** Program name -> C name. */
  readonly names: ReadonlyMap<string, string>;
}

const isPointer = (t: CType) => t === 'atom' || t === 'lptr' || t === 'chars' || t === 'str';

export function paren(e: CExpr, prec: number): string {
  return e.prec < prec ? `(${e.code})` : e.code;
}

function castTo(e: CExpr, type: string, result: CType): CExpr {
  return { code: `(${type})${paren(e, UNARY)}`, type: result, prec: UNARY, pure: e.pure, value: e.value };
}

/** e as the value a target takes, cast where C would not convert it the same way. */
export function to(e: CExpr, t: Target): CExpr {
  if (t === 'long') return isPointer(e.type) ? castTo(e, 'long', 'long') : e;
  if (t === 'signed') return isPointer(e.type) || e.type === 'ulong' ? castTo(e, 'long', 'long') : e;
  if (!isPointer(e.type) && e.code === '0') return { code: 'NULL', type: t === 'atom' ? 'atom' : t === 'lptr' ? 'lptr' : 'chars', prec: PRIMARY, pure: true };
  if ((t === 'atom' && e.type === 'atom') || (t === 'lptr' && e.type === 'lptr')) return e;
  if ((t === 'voidp' || t === 'cvoidp') && isPointer(e.type)) return e;
  if (t === 'ccharp' && (e.type === 'chars' || e.type === 'str')) return e;
  return castTo(e, POINTER_TYPES[t], t === 'atom' ? 'atom' : t === 'lptr' ? 'lptr' : 'chars');
}

const I32_MIN = -0x80000000;
const I32_MAX = 0x7fffffff;

/** The exact (unwrapped) result of a constant + - * <<, to see whether C would overflow. */
function exact(op: BinaryOp, a: number, b: number): number | undefined {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return Number(BigInt(a) * BigInt(b));
    case '<<': return (b & 31) === b ? Number(BigInt(a) << BigInt(b)) : undefined;
    default: return undefined;
  }
}

function folded(v: number, type: CType): CExpr {
  const code = cWord(v);
  return { code, type, prec: code.startsWith('(') || !code.startsWith('-') ? PRIMARY : UNARY, value: v, pure: true };
}

function integerType(a: CType, b: CType): CType {
  if (a === 'ulong' || b === 'ulong') return 'ulong';
  return a === 'long' || b === 'long' ? 'long' : 'int';
}

function binary(op: BinaryOp, l: CExpr, r: CExpr): CExpr {
  const p = C_PREC[op];
  const both = l.value !== undefined && r.value !== undefined;
  const value = both ? evalBinary(op, l.value!, r.value!) : undefined;
  const pure = l.pure && r.pure;
  const join = (a: CExpr, b: CExpr, type: CType): CExpr => ({ code: `${paren(a, p)} ${op} ${paren(b, p + 1)}`, type, prec: p, value, pure });
  switch (op) {
    case '&&':
    case '||':
      return join(l, r, 'int');
    case '==':
    case '!=': {
      const direct = (isPointer(l.type) && isPointer(r.type) && l.type === r.type) || (isPointer(l.type) && r.code === '0') || (l.code === '0' && isPointer(r.type));
      return direct ? join(l, r, 'int') : join(to(l, 'long'), to(r, 'long'), 'int');
    }
    case '<': case '<=': case '>': case '>=':
      return join(to(l, 'signed'), to(r, 'signed'), 'int');
    case '/':
    case '%': {
      const a = to(l, 'signed');
      const b = to(r, 'signed');
      if (r.value !== undefined && r.value > 0) return join(a, b, integerType(a.type, b.type));
      return { code: `${op === '/' ? 'DIV' : 'MOD'}(${a.code}, ${b.code})`, type: 'long', prec: PRIMARY, pure: false };
    }
    case '<<':
    case '>>': {
      const a = to(l, op === '>>' ? 'signed' : 'long');
      const n = to(r, 'long');
      const count = r.value !== undefined && r.value >= 0 && r.value <= 31 ? n : { ...n, code: `(${paren(n, 9)} & 31)`, prec: PRIMARY };
      const signed = a.type !== 'ulong';
      const x = both ? exact(op, l.value!, r.value!) : undefined;
      if (signed && value !== undefined && x !== undefined && (x < I32_MIN || x > I32_MAX)) return folded(value, a.type);
      return join(a, count, a.type);
    }
    default: {
      const a = to(l, 'long');
      const b = to(r, 'long');
      const type = integerType(a.type, b.type);
      const x = both ? exact(op, l.value!, r.value!) : undefined;
      if (type !== 'ulong' && value !== undefined && x !== undefined && (x < I32_MIN || x > I32_MAX)) return folded(value, type);
      return join(a, b, type);
    }
  }
}

/** A call the translator leaves to the statement level (the driver's calls and syscalls). */
export type CallTranslator = (callee: string, args: readonly Expr[]) => CExpr;

export function translate(e: Expr, scope: Scope, call: CallTranslator): CExpr {
  const sub = (x: Expr) => translate(x, scope, call);
  const cname = (n: string) => scope.names.get(n) ?? n;
  switch (e.kind) {
    case 'int': {
      const text = e.hex ? `0x${e.value.toString(16)}` : String(e.value);
      if (e.value <= I32_MAX) return { code: text, type: 'int', prec: PRIMARY, value: e.value, pure: true };
      return { code: `(long)${text}u`, type: 'long', prec: UNARY, value: e.value | 0, pure: true };
    }
    case 'str': return { code: cString(e.value), type: 'str', prec: PRIMARY, pure: true };
    case 'len': return { code: `sizeof(${cString(e.arg.value)}) - 1`, type: 'ulong', prec: 12, value: e.arg.value.length, pure: true };
    case 'name': {
      const sym = scope.lay.symbols.get(e.name);
      if (sym?.kind === 'var') return { code: cname(e.name), type: 'long', prec: PRIMARY, pure: false };
      if (sym?.kind === 'atom') return { code: `&${cname(e.name)}`, type: 'atom', prec: UNARY, pure: false };
      if (sym?.kind === 'buffer') return { code: cname(e.name), type: 'chars', prec: PRIMARY, pure: false };
      return { code: e.name, type: 'int', prec: PRIMARY, value: CONSTANTS.get(e.name), pure: true };
    }
    case 'addr': {
      const sym = scope.lay.symbols.get(e.target.name);
      if (sym?.kind === 'buffer') return { code: cname(e.target.name), type: 'chars', prec: PRIMARY, pure: false };
      return { code: `&${cname(e.target.name)}`, type: sym?.kind === 'atom' ? 'atom' : 'lptr', prec: UNARY, pure: false };
    }
    case 'slot': return { code: `ring_slot(&${EXPORT_NAMES.ahu}, ${to(sub(e.index), 'long').code})`, type: 'atom', prec: PRIMARY, pure: false };
    case 'idx': return { code: `${EXPORT_NAMES.ahu}.${e.which === 'user_idx' ? 'user_ring_idx' : 'kernel_ring_idx'}`, type: 'ulong', prec: PRIMARY, pure: false };
    case 'field': {
      const a = cname(e.atom.name);
      if (e.field === 'ret') return { code: `${a}.ret_ptr`, type: 'lptr', prec: PRIMARY, pure: false };
      if (e.field === 'next') return { code: `${a}.next`, type: 'atom', prec: PRIMARY, pure: false };
      return { code: `${a}.${e.field}`, type: 'ulong', prec: PRIMARY, pure: false };
    }
    case 'unary': {
      const o = sub(e.operand);
      if (e.op === '!') return { code: `!${paren(o, UNARY)}`, type: 'int', prec: UNARY, pure: o.pure, value: o.value === undefined ? undefined : evalUnary('!', o.value) };
      const n = to(o, 'long');
      const value = n.value === undefined ? undefined : evalUnary(e.op, n.value);
      if (e.op === '-' && n.type !== 'ulong' && n.value === I32_MIN) return folded(I32_MIN, n.type);
      const inner = paren(n, UNARY);
      return { code: `${e.op}${inner.startsWith('-') || inner.startsWith('~') ? `(${inner})` : inner}`, type: n.type, prec: UNARY, value, pure: n.pure };
    }
    case 'binary': return binary(e.op, sub(e.left), sub(e.right));
    case 'call': return call(e.callee.name, e.args);
  }
}
