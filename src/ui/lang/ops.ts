// Operator semantics on 32-bit words, shared by the layout's constant folding
// and the driver's interpreter. Values are signed i32 (a syscall result of
// -ENOENT compares below 0); arithmetic wraps; `/` and `%` truncate as in C.
import type { BinaryOp, UnaryOp } from './ast.ts';

export function evalUnary(op: UnaryOp, v: number): number {
  switch (op) {
    case '-': return -v | 0;
    case '!': return v === 0 ? 1 : 0;
    case '~': return ~v;
  }
}

/** The result, or undefined for a division (or remainder) by zero. */
export function evalBinary(op: BinaryOp, a: number, b: number): number | undefined {
  a |= 0;
  b |= 0;
  switch (op) {
    case '+': return (a + b) | 0;
    case '-': return (a - b) | 0;
    case '*': return Math.imul(a, b);
    case '/': return b === 0 ? undefined : Math.trunc(a / b) | 0;
    case '%': return b === 0 ? undefined : (a % b) | 0;
    case '<<': return a << (b & 31);
    case '>>': return a >> (b & 31);
    case '&': return a & b;
    case '|': return a | b;
    case '^': return a ^ b;
    case '==': return a === b ? 1 : 0;
    case '!=': return a !== b ? 1 : 0;
    case '<': return a < b ? 1 : 0;
    case '<=': return a <= b ? 1 : 0;
    case '>': return a > b ? 1 : 0;
    case '>=': return a >= b ? 1 : 0;
    case '&&': return a !== 0 && b !== 0 ? 1 : 0;
    case '||': return a !== 0 || b !== 0 ? 1 : 0;
  }
}
