// The typed AST of the syslet language (docs/language.md). Pure data: the
// parser (parse.ts) builds it, print.ts prints it, layout.ts places it in user
// memory. Positions are 1-based; `endCol` is exclusive, as Monaco's markers.

export interface Span {
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly message: string;
  readonly severity: Severity;
}

/** A `#` comment; `text` is what follows the `#`, right-trimmed. */
export interface Comment {
  readonly text: string;
  /** A blank line stands before it in the source (never for the first thing in a block). */
  readonly blankBefore: boolean;
}

/** Comments and spacing that travel with a declaration or statement. */
export interface Trivia {
  readonly leading: readonly Comment[];
  readonly blankBefore: boolean;
  /** The comment at the end of the item's (last) line. */
  readonly trailing?: string;
}

export interface Ident {
  readonly name: string;
  readonly span: Span;
}

// ── Expressions ──────────────────────────────────────────────────────────────

/** A 32-bit word, 0..0xffffffff as written; `-5` is a unary minus of 5. */
export interface IntLit { readonly kind: 'int'; readonly value: number; readonly hex: boolean; readonly span: Span }
/** A string literal; `value` holds its bytes, one char (0..255) per byte, UTF-8 for non-ASCII. */
export interface StrLit { readonly kind: 'str'; readonly value: string; readonly span: Span }
/** A var's value, an atom's or buffer's address, or a constant (SYSLET_*, O_*, SEEK_*, E*). */
export interface NameExpr { readonly kind: 'name'; readonly name: string; readonly span: Span }
/** `&x`: the address of a var (or of a buffer or atom). */
export interface AddrOf { readonly kind: 'addr'; readonly target: Ident; readonly span: Span }
/** `len("…")`: the string's length in bytes, without the NUL. */
export interface LenExpr { readonly kind: 'len'; readonly arg: StrLit; readonly span: Span }
/** `ring[i]`: the completion-ring slot i. */
export interface SlotExpr { readonly kind: 'slot'; readonly index: Expr; readonly span: Span }
/** `user_idx` / `kernel_idx`: the async_head_user's ring indices. */
export interface IdxExpr { readonly kind: 'idx'; readonly which: 'user_idx' | 'kernel_idx'; readonly span: Span }
export type AtomField = 'flags' | 'nr' | 'ret' | 'next';
/** `a.field` of an atom (`ret` is its ret_ptr). */
export interface FieldExpr { readonly kind: 'field'; readonly atom: Ident; readonly field: AtomField; readonly span: Span }
export type UnaryOp = '-' | '!' | '~';
export interface UnaryExpr { readonly kind: 'unary'; readonly op: UnaryOp; readonly operand: Expr; readonly span: Span }
export type BinaryOp =
  | '||' | '&&' | '|' | '^' | '&' | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '<<' | '>>' | '+' | '-' | '*' | '/' | '%';
export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}
/**
 * A call: the driver's `async_exec(a)`, `async_wait(n)` and `reap()`, or a
 * direct system call by name (SYSCALLS in engine-wasm/host/syscalls.ts).
 */
export interface CallExpr { readonly kind: 'call'; readonly callee: Ident; readonly args: readonly Expr[]; readonly span: Span }

export type Expr =
  | IntLit | StrLit | NameExpr | AddrOf | LenExpr | SlotExpr | IdxExpr | FieldExpr | UnaryExpr | BinaryExpr | CallExpr;

import type { DurationUnit, OptionValue } from './options.ts';

// ── Declarations (user memory, and the kernel's options) ───────────────────────────────────────────────

/** `ring N`: the async_head_user and a completion ring of N slots. */
export interface RingDecl extends Trivia { readonly kind: 'ring'; readonly size: number; readonly span: Span }
/** `var x [= EXPR]`: a word. */
export interface VarDecl extends Trivia { readonly kind: 'var'; readonly name: Ident; readonly init?: Expr; readonly span: Span }
/** `buffer b[N]`: N zeroed bytes. */
export interface BufferDecl extends Trivia { readonly kind: 'buffer'; readonly name: Ident; readonly size: number; readonly span: Span }
/**
 * What `fault …` injects into an atom's call (faults.ts; the kernel's FK_*):
 * an errno instead of the call, a delay before it, a short count, or no wait.
 */
export type FaultSpec =
  | { readonly kind: 'errno'; readonly errno: Ident }
  | { readonly kind: 'short'; readonly bytes: number }
  | { readonly kind: 'block'; readonly value: number; readonly unit: DurationUnit }
  | { readonly kind: 'cached' };
/** `fault SPEC [nth N]`: the atom's injected fault, on every run or only its nth. */
export interface AtomFault {
  readonly spec: FaultSpec;
  readonly nth?: number;
  readonly span: Span;
}

/** `atom a = SYSCALL(&x, …) [ret r] [flags F | …] [next b] [fault …]`: a struct syslet_uatom. */
export interface AtomDecl extends Trivia {
  readonly kind: 'atom';
  readonly name: Ident;
  readonly syscall: Ident;
  /** The vars whose addresses are arg_ptr[0..]. */
  readonly args: readonly Ident[];
  readonly ret?: Ident;
  /** SYSLET_* names, deduplicated, in ascending bit order (unknown names last). */
  readonly flags: readonly Ident[];
  readonly next?: Ident;
  readonly fault?: AtomFault;
  readonly span: Span;
}

/** `latency "PATH" [page N] = DURATION`: the disk latency of a file, or of one of its pages (injected). */
export interface LatencyDecl extends Trivia {
  readonly kind: 'latency';
  readonly path: StrLit;
  readonly page?: number;
  readonly value: number;
  readonly unit: DurationUnit;
  readonly span: Span;
}

/** `option NAME = VALUE`: a kernel knob applied at every reset (options.ts). */
export interface OptionDecl extends Trivia {
  readonly kind: 'option';
  readonly name: Ident;
  readonly value: OptionValue;
  readonly span: Span;
}

export type Decl = RingDecl | VarDecl | BufferDecl | AtomDecl | OptionDecl | LatencyDecl;

// ── Driver statements ────────────────────────────────────────────────────────

export interface Block {
  readonly stmts: readonly Stmt[];
  /** The comment after `{`. */
  readonly openComment?: string;
  /** Full-line comments after the last statement. */
  readonly endComments: readonly Comment[];
  /** The comment after the closing `}`. */
  readonly closeComment?: string;
  readonly span: Span;
}

export interface AssignStmt extends Trivia {
  readonly kind: 'assign';
  readonly target: NameExpr | FieldExpr;
  readonly value: Expr;
  readonly span: Span;
}
export interface ExprStmt extends Trivia { readonly kind: 'expr'; readonly expr: Expr; readonly span: Span }
export interface IfStmt extends Trivia {
  readonly kind: 'if';
  readonly cond: Expr;
  readonly then: Block;
  readonly else?: Block;
  readonly span: Span;
}
export interface WhileStmt extends Trivia { readonly kind: 'while'; readonly cond: Expr; readonly body: Block; readonly span: Span }
/** `print E, …`: string literals as text, everything else in decimal; no separators, no newline added. */
export interface PrintStmt extends Trivia { readonly kind: 'print'; readonly args: readonly Expr[]; readonly span: Span }
export interface AssertStmt extends Trivia { readonly kind: 'assert'; readonly cond: Expr; readonly span: Span }

export type Stmt = AssignStmt | ExprStmt | IfStmt | WhileStmt | PrintStmt | AssertStmt;

/** Top-level items in source order: declarations lay out memory, statements drive. */
export type Item = Decl | Stmt;

export interface Program {
  readonly items: readonly Item[];
  /** Full-line comments after the last item. */
  readonly endComments: readonly Comment[];
}

/** A declaration or statement before its comments are attached. */
export type WithoutTrivia<T> = T extends unknown ? Omit<T, 'leading' | 'blankBefore' | 'trailing'> : never;

export function isDecl(item: Item): item is Decl {
  return item.kind === 'ring' || item.kind === 'var' || item.kind === 'buffer' || item.kind === 'atom' || item.kind === 'option' || item.kind === 'latency';
}

export function latencies(program: Program): LatencyDecl[] {
  return program.items.filter((i): i is LatencyDecl => i.kind === 'latency');
}

export function options(program: Program): OptionDecl[] {
  return program.items.filter((i): i is OptionDecl => i.kind === 'option');
}

export function atoms(program: Program): AtomDecl[] {
  return program.items.filter((i): i is AtomDecl => i.kind === 'atom');
}

/** A deep copy without `span` fields: programs compare equal with it when only positions differ. */
export function withoutSpans<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutSpans(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k !== 'span' && v !== undefined) out[k] = withoutSpans(v);
  }
  return out as T;
}
