// Expressions: precedence climbing over C's operator levels. Depth and size
// are bounded (MAX_EXPR_DEPTH, MAX_EXPR_NODES) so hostile input cannot blow
// the stack here or in the passes that walk the tree.
import type { AtomField, BinaryOp, Expr, Ident, StrLit, UnaryOp } from './ast.ts';
import { type Cursor, MAX_EXPR_DEPTH, MAX_EXPR_NODES, describe, spanFrom } from './cursor.ts';
import type { Token } from './lexer.ts';
import { ATOM_FIELDS, KEYWORDS, RING_INDICES, didYouMean } from './names.ts';

/** Binding strength of each binary operator; all are left-associative. */
export const BINARY_PREC: Readonly<Record<BinaryOp, number>> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6,
  '<': 7, '<=': 7, '>': 7, '>=': 7, '<<': 8, '>>': 8, '+': 9, '-': 9, '*': 10, '/': 10, '%': 10,
};
export const UNARY_PREC = 11;
const UNARY_OPS = new Set(['-', '!', '~']);

function binaryOp(t: Token): BinaryOp | undefined {
  return t.kind === 'op' && Object.hasOwn(BINARY_PREC, t.text) ? (t.text as BinaryOp) : undefined;
}

function count<T extends Expr>(p: Cursor, e: T): T {
  if (++p.exprNodes > MAX_EXPR_NODES) {
    p.fail(e.span, `this expression is too long (more than ${MAX_EXPR_NODES} parts): split it over several statements`);
  }
  return e;
}

/** An expression; the size limit counts the parts of each outermost expression on its own. */
export function parseExpr(p: Cursor): Expr {
  if (p.exprDepth === 0) p.exprNodes = 0;
  return parseBinary(p, 1);
}

function parseBinary(p: Cursor, minPrec: number): Expr {
  let left = parseUnary(p);
  for (;;) {
    const op = binaryOp(p.peek());
    if (op === undefined || BINARY_PREC[op] < minPrec) return left;
    p.next();
    const right = parseBinary(p, BINARY_PREC[op] + 1);
    left = count(p, { kind: 'binary', op, left, right, span: spanFrom(left.span, right.span) });
  }
}

function parseUnary(p: Cursor): Expr {
  const t = p.peek();
  if (++p.exprDepth > MAX_EXPR_DEPTH) {
    p.fail(t.span, `this expression nests too deeply (more than ${MAX_EXPR_DEPTH} levels)`);
  }
  try {
    if (t.kind === 'op' && UNARY_OPS.has(t.text)) {
      p.next();
      const operand = parseUnary(p);
      return count(p, { kind: 'unary', op: t.text as UnaryOp, operand, span: spanFrom(t.span, operand.span) });
    }
    return parsePrimary(p);
  } finally {
    p.exprDepth--;
  }
}

export function identOf(t: Token): Ident {
  return { name: t.text, span: t.span };
}

function parsePrimary(p: Cursor): Expr {
  const t = p.peek();
  if (t.kind === 'int') {
    p.next();
    if (t.unit) p.report(t.span, `\`${t.text}\` is a duration: only an \`option\` line takes one, as in \`option disk_latency = ${t.text}\`; a value here is a plain number`);
    return count(p, { kind: 'int', value: t.value ?? 0, hex: t.hex ?? false, span: t.span });
  }
  if (t.kind === 'str') {
    p.next();
    return count(p, { kind: 'str', value: t.bytes ?? '', span: t.span });
  }
  if (t.kind === 'name') {
    p.next();
    return parseNamed(p, t);
  }
  if (p.isOp('(')) {
    p.next();
    const e = parseExpr(p);
    p.expectOp(')', 'to close the `(`');
    return e;
  }
  if (p.isOp('&')) {
    p.next();
    const n = p.peek();
    if (n.kind !== 'name' || KEYWORDS.has(n.text)) {
      return p.fail(n.span, `\`&\` takes the address of a name, as in \`&x\`; found ${describe(n)}`);
    }
    p.next();
    return count(p, { kind: 'addr', target: identOf(n), span: spanFrom(t.span, n.span) });
  }
  return p.fail(t.span, `expected an expression, found ${describe(t)}`);
}

function parseNamed(p: Cursor, t: Token): Expr {
  if (t.text === 'len') {
    p.expectOp('(', 'after `len`');
    const s = p.peek();
    if (s.kind !== 'str') return p.fail(s.span, '`len` takes a string literal, as in `len("hello\\n")`');
    p.next();
    const arg: StrLit = count(p, { kind: 'str', value: s.bytes ?? '', span: s.span });
    const close = p.expectOp(')', 'after the string of `len`');
    return count(p, { kind: 'len', arg, span: spanFrom(t.span, close.span) });
  }
  if (t.text === 'ring') {
    if (!p.isOp('[')) return p.fail(t.span, 'in an expression `ring` needs a slot index, as in `ring[user_idx]`');
    p.next();
    const index = parseExpr(p);
    const close = p.expectOp(']', 'to close `ring[`');
    return count(p, { kind: 'slot', index, span: spanFrom(t.span, close.span) });
  }
  if (RING_INDICES.has(t.text)) {
    return count(p, { kind: 'idx', which: t.text as 'user_idx' | 'kernel_idx', span: t.span });
  }
  if (KEYWORDS.has(t.text)) return p.fail(t.span, `unexpected keyword \`${t.text}\` in an expression`);
  if (p.isOp('(')) {
    p.next();
    const args: Expr[] = [];
    if (!p.isOp(')')) {
      for (;;) {
        args.push(parseExpr(p));
        if (!p.isOp(',')) break;
        p.next();
      }
    }
    const close = p.expectOp(')', `to close the call of \`${t.text}\``);
    return count(p, { kind: 'call', callee: identOf(t), args, span: spanFrom(t.span, close.span) });
  }
  if (p.isOp('.')) {
    p.next();
    const f = p.peek();
    if (f.kind !== 'name') return p.fail(f.span, `expected an atom field after \`${t.text}.\` (${ATOM_FIELDS.join(', ')})`);
    p.next();
    if (!(ATOM_FIELDS as readonly string[]).includes(f.text)) {
      return p.fail(f.span, `unknown atom field \`${f.text}\`${didYouMean(f.text, ATOM_FIELDS)} (the fields are ${ATOM_FIELDS.join(', ')})`);
    }
    return count(p, { kind: 'field', atom: identOf(t), field: f.text as AtomField, span: spanFrom(t.span, f.span) });
  }
  return count(p, { kind: 'name', name: t.text, span: t.span });
}
