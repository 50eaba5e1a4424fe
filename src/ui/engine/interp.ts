// The driver's evaluator: expressions and statements over user memory. A
// statement is re-evaluated from its start each time it resumes; the results
// of the calls it already made come back from `memo`, in order, so the
// evaluation is restartable and its state stays plain data.
import type { Expr, PrintStmt, Stmt } from '../lang/ast.ts';
import type { Layout } from '../lang/layout.ts';
import { CONSTANTS } from '../lang/names.ts';
import { evalBinary, evalUnary } from '../lang/ops.ts';
import { printExpr } from '../lang/print.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { syscallByName } from '../../engine-wasm/host/syscalls.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { SYS_async_exec, SYS_async_wait, SYS_write } from '../../engine-wasm/abi/syscall.ts';

/** The statement must make a system call before it can go on. */
export class Suspend {
  constructor(
    readonly nr: number,
    readonly args: readonly number[],
  ) {}
}

/** The program cannot go on: a failed assert, a division by zero, a runaway loop. */
export class RunError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

export interface Env {
  readonly k: Kernel;
  readonly lay: Layout;
}

/** The calls made so far by the statement being evaluated. */
export interface CallLog {
  readonly memo: number[];
  next: number;
}

function call(log: CallLog, perform: () => number | Suspend): number {
  if (log.next < log.memo.length) return log.memo[log.next++];
  const r = perform();
  if (r instanceof Suspend) throw r;
  log.memo.push(r);
  log.next++;
  return r;
}

/** User space consumes the slot at user_ring_idx (fio's way); 0 if it is empty. */
export function reap(env: Env): number {
  const v = env.k.view();
  const { ahu, ring, ringEntries } = env.lay;
  const idx = v.getUint32(ahu + L.AHU_USER_RING_IDX, true);
  if (idx >= ringEntries) return 0;
  const atom = v.getUint32(ring + 4 * idx, true);
  if (atom === 0) return 0;
  v.setUint32(ring + 4 * idx, 0, true);
  v.setUint32(ahu + L.AHU_USER_RING_IDX, (idx + 1) % ringEntries, true);
  return atom | 0;
}

function word(env: Env, addr: number, line: number): number {
  if (addr < env.k.userBase || addr + 4 > env.k.userEnd) throw new RunError(`address 0x${(addr >>> 0).toString(16)} is outside user memory`, line);
  return env.k.view().getInt32(addr, true);
}

const FIELD_OFFSET = { flags: L.ATOM_FLAGS, nr: L.ATOM_NR, ret: L.ATOM_RET_PTR, next: L.ATOM_NEXT } as const;

export function evaluate(e: Expr, env: Env, log: CallLog): number {
  const line = e.span.line;
  switch (e.kind) {
    case 'int': return e.value | 0;
    case 'str': return env.lay.strings.get(e.value) ?? 0;
    case 'len': return e.arg.value.length;
    case 'name': {
      const sym = env.lay.symbols.get(e.name);
      if (sym) return sym.kind === 'var' ? word(env, sym.addr, line) : sym.addr;
      const c = CONSTANTS.get(e.name);
      if (c === undefined) throw new RunError(`\`${e.name}\` is not declared`, line);
      return c;
    }
    case 'addr': return env.lay.symbols.get(e.target.name)?.addr ?? 0;
    case 'slot': {
      const i = evaluate(e.index, env, log);
      if (i < 0 || i >= env.lay.ringEntries) throw new RunError(`ring[${i}] is outside the ring (0 to ${env.lay.ringEntries - 1})`, line);
      return word(env, env.lay.ring + 4 * i, line);
    }
    case 'idx': return word(env, env.lay.ahu + (e.which === 'user_idx' ? L.AHU_USER_RING_IDX : L.AHU_KERNEL_RING_IDX), line);
    case 'field': return word(env, (env.lay.symbols.get(e.atom.name)?.addr ?? 0) + FIELD_OFFSET[e.field], line);
    case 'unary': return evalUnary(e.op, evaluate(e.operand, env, log));
    case 'binary': {
      const a = evaluate(e.left, env, log);
      if (e.op === '&&' && a === 0) return 0;
      if (e.op === '||' && a !== 0) return 1;
      const r = evalBinary(e.op, a, evaluate(e.right, env, log));
      if (r === undefined) throw new RunError(`division by zero in \`${printExpr(e)}\``, line);
      return r;
    }
    case 'call': {
      const name = e.callee.name;
      if (name === 'reap') return call(log, () => reap(env));
      const args = e.args.map((a) => evaluate(a, env, log));
      if (name === 'async_exec') return call(log, () => new Suspend(SYS_async_exec, [args[0], env.lay.ahu]));
      if (name === 'async_wait') {
        return call(log, () => new Suspend(SYS_async_wait, [args[0], word(env, env.lay.ahu + L.AHU_USER_RING_IDX, line), env.lay.ahu]));
      }
      const info = syscallByName(name);
      if (!info) throw new RunError(`\`${name}\` is not a system call`, line);
      return call(log, () => new Suspend(info.nr, args));
    }
  }
}

/** The bytes `print` writes: strings as text, numbers in decimal. */
function printText(s: PrintStmt, env: Env, log: CallLog): string {
  return s.args.map((a) => (a.kind === 'str' ? a.value : String(evaluate(a, env, log)))).join('');
}

/** Runs statement s to its end, or throws Suspend at the first call not yet made. */
export function execute(s: Stmt, env: Env, log: CallLog): void {
  const line = s.span.line;
  switch (s.kind) {
    case 'assign': {
      const value = evaluate(s.value, env, log);
      const t = s.target;
      const addr = t.kind === 'name' ? env.lay.symbols.get(t.name)?.addr : (env.lay.symbols.get(t.atom.name)?.addr ?? 0) + FIELD_OFFSET[t.field];
      if (addr === undefined) throw new RunError('cannot assign here', line);
      env.k.view().setInt32(addr, value, true);
      return;
    }
    case 'expr':
      evaluate(s.expr, env, log);
      return;
    case 'assert':
      if (evaluate(s.cond, env, log) === 0) throw new RunError(`assertion failed: ${printExpr(s.cond)}`, line);
      return;
    case 'print': {
      // printf: the text goes through write(1, …) from a buffer in user memory.
      const text = printText(s, env, log);
      const { addr, bytes: room } = env.lay.print;
      for (let at = 0; at < text.length; at += room) {
        const chunk = text.slice(at, at + room);
        call(log, () => {
          const bytes = Uint8Array.from(chunk, (c) => c.charCodeAt(0) & 0xff);
          env.k.writeBytes(addr, bytes);
          return new Suspend(SYS_write, [1, addr, bytes.length]);
        });
      }
      return;
    }
    default:
      throw new RunError('this statement cannot run here', line);
  }
}
