// The driver's calls in C: async_exec, async_wait and reap name the program's
// ring head; a direct system call goes to syslet.h's wrapper of the same name,
// each argument as the wrapper's parameter takes it, missing ones as 0/NULL.
import type { Expr } from '../ast.ts';
import { EXPORT_NAMES } from './names.ts';
import { to, type CExpr, type Target } from './expr.ts';

/** The parameters of syslet.h's wrappers, as the language passes words to them. */
export const WRAPPER_PARAMS: Readonly<Record<string, readonly Target[]>> = {
  read: ['long', 'voidp', 'long'],
  write: ['long', 'cvoidp', 'long'],
  open: ['ccharp', 'long', 'long'],
  close: ['long'],
  unlink: ['ccharp'],
  lseek: ['long', 'long', 'long'],
  getpid: [],
  pipe: ['intp'],
  fsync: ['long'],
  nanosleep: ['ctsp', 'tsp'],
  pread64: ['long', 'voidp', 'long', 'long', 'long'],
  pwrite64: ['long', 'cvoidp', 'long', 'long', 'long'],
  umem_add: ['lptr', 'long'],
  async_thread: [],
};

const PRIMARY = 16;
const AHU = `&${EXPORT_NAMES.ahu}`;

/** A call of the driver in C, its arguments translated by `sub`. */
export function cCall(callee: string, args: readonly Expr[], sub: (e: Expr) => CExpr): CExpr {
  const made = (code: string, type: CExpr['type']): CExpr => ({ code, type, prec: PRIMARY, pure: false });
  if (callee === 'reap') return made(`async_reap(${AHU})`, 'atom');
  if (callee === 'async_exec') return made(`sys_async_exec(${to(sub(args[0]), 'atom').code}, ${AHU})`, 'atom');
  if (callee === 'async_wait') return made(`sys_async_wait(${to(sub(args[0]), 'long').code}, ${EXPORT_NAMES.ahu}.user_ring_idx, ${AHU})`, 'long');
  const params = WRAPPER_PARAMS[callee];
  if (!params) throw new Error(`\`${callee}\` has no C wrapper`);
  const given = args.map((a, i) => to(sub(a), params[i] ?? 'long').code);
  // open's mode is optional in C as in the language; every other wrapper takes all its words.
  const count = callee === 'open' ? Math.max(2, given.length) : params.length;
  for (let i = given.length; i < count; i++) given.push(params[i] === 'long' ? '0' : 'NULL');
  return made(`${callee}(${given.join(', ')})`, 'long');
}
