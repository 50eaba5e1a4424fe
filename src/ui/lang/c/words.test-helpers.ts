// Random driver expressions over words, for the round trip of expression
// semantics: every operator, every kind of leaf, calls with side effects
// (umem_add) whose order shows, and addresses only where their value cannot
// show (== and != between pointers), since the C layout puts them elsewhere.
import fc from 'fast-check';

const LITERALS = ['0', '1', '2', '3', '7', '31', '32', '33', '255', '4096', '65535', '0x7fffffff', '0x80000000', '0xffffffff', '2147483647', '4294967295'];
const NUMBER_LEAVES = [
  ...LITERALS, 'x', 'y', 'SYSLET_SYNC', 'ENOENT', 'user_idx', 'kernel_idx', 'a.flags', 'a.nr', 'len("abc")', 'reap()', 'getpid()', 'umem_add(&y, 3)',
];
const POINTERS = ['&x', '&y', 'a', 'b', 'a.ret', 'a.next', '0'];
const BINARY = ['+', '-', '*', '/', '%', '<<', '>>', '&', '|', '^', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];

const { number } = fc.letrec<{ number: string }>((tie) => ({
  number: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...NUMBER_LEAVES),
    fc.tuple(fc.constantFrom('-', '!', '~'), tie('number')).map(([op, e]) => `${op}(${e})`),
    fc.tuple(tie('number'), fc.constantFrom(...BINARY), tie('number')).map(([l, op, r]) =>
      // A divisor is made odd: never zero, and -1 comes up (INT_MIN / -1 wraps).
      op === '/' || op === '%' ? `(${l} ${op} (${r} | 1))` : `(${l} ${op} ${r})`,
    ),
    fc.tuple(fc.constantFrom(...POINTERS), fc.constantFrom('==', '!='), fc.constantFrom(...POINTERS)).map(([l, op, r]) => `(${l} ${op} ${r})`),
    tie('number').map((e) => `ring[(${e}) & 1]`),
  ),
}));

/** A program of `count` statements printing and assigning random word expressions (the same for the same seed). */
export function wordsProgram(count: number, seed: number): string {
  const exprs = fc.sample(number, { numRuns: count, seed });
  const lines = ['ring 2', 'var x = 5', 'var y = -9', 'atom a = getpid() ret x', 'buffer b[4]'];
  exprs.forEach((e, i) => lines.push(i % 3 === 2 ? `x = ${e}` : `print ${e}, "\\n"`));
  lines.push('print x, " ", y, "\\n"');
  return lines.join('\n') + '\n';
}
