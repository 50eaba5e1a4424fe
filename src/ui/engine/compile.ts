// Compiles a program's driver (its top-level statements) into a flat list of
// ops with explicit jumps. The interpreter's whole state is then plain data —
// an op index, the results of the calls made so far in the current statement,
// loop counters — so a checkpoint can hold it and step-back can restore it.
import type { AssertStmt, AssignStmt, Expr, ExprStmt, Item, PrintStmt, Program, Stmt } from '../lang/ast.ts';
import type { Layout } from '../lang/layout.ts';

export type Op =
  | { readonly kind: 'stmt'; readonly stmt: AssignStmt | ExprStmt | PrintStmt | AssertStmt; readonly line: number }
  /** `var x = EXPR` whose value is only known at run time. */
  | { readonly kind: 'init'; readonly name: string; readonly value: Expr; readonly line: number }
  /** Evaluates cond; goes on to the next op if it is non-zero, else to `ifFalse`. */
  | { readonly kind: 'branch'; readonly cond: Expr; readonly ifFalse: number; readonly line: number; readonly loop?: number }
  /** A `while` loop's back edge (`loop` set) or the jump over an `else`. */
  | { readonly kind: 'jump'; readonly to: number; readonly line: number; readonly loop?: number }
  | { readonly kind: 'end'; readonly line: number };

export interface Compiled {
  readonly ops: readonly Op[];
  readonly loops: number;
}

export function compileDriver(program: Program, lay: Layout): Compiled {
  const ops: Op[] = [];
  let loops = 0;
  const patch = (at: number, op: Op) => {
    ops[at] = op;
  };
  const emitStmts = (stmts: readonly (Item | Stmt)[]) => {
    for (const s of stmts) {
      switch (s.kind) {
        case 'var':
          if (s.init && lay.driverInits.has(s.name.name)) ops.push({ kind: 'init', name: s.name.name, value: s.init, line: s.span.line });
          break;
        case 'assign':
        case 'expr':
        case 'print':
        case 'assert':
          ops.push({ kind: 'stmt', stmt: s, line: s.span.line });
          break;
        case 'if': {
          const branchAt = ops.length;
          ops.push({ kind: 'end', line: s.span.line }); // patched below
          emitStmts(s.then.stmts);
          if (s.else) {
            const jumpAt = ops.length;
            ops.push({ kind: 'end', line: s.span.line });
            patch(branchAt, { kind: 'branch', cond: s.cond, ifFalse: ops.length, line: s.span.line });
            emitStmts(s.else.stmts);
            patch(jumpAt, { kind: 'jump', to: ops.length, line: s.else.span.line });
          } else {
            patch(branchAt, { kind: 'branch', cond: s.cond, ifFalse: ops.length, line: s.span.line });
          }
          break;
        }
        case 'while': {
          const loop = loops++;
          const top = ops.length;
          ops.push({ kind: 'end', line: s.span.line });
          emitStmts(s.body.stmts);
          ops.push({ kind: 'jump', to: top, line: s.body.span.endLine, loop });
          patch(top, { kind: 'branch', cond: s.cond, ifFalse: ops.length, line: s.span.line, loop });
          break;
        }
        default:
          break; // ring, buffer, atom and constant vars live in the memory image
      }
    }
  };
  emitStmts(program.items);
  const last = program.items.length ? program.items[program.items.length - 1].span.endLine : 1;
  ops.push({ kind: 'end', line: last });
  return { ops, loops };
}
