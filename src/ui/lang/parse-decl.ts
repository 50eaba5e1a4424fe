// Declarations: ring, var, buffer, atom. Names are checked against their
// declarations later (check.ts); here only the shape is.
import type { AtomDecl, AtomFault, BufferDecl, Expr, FaultSpec, Ident, LatencyDecl, OptionDecl, RingDecl, VarDecl, WithoutTrivia } from './ast.ts';
import { injectDuration } from './faults.ts';
import { OPTION_NAMES, judge, optionSpec, type OptionValue } from './options.ts';
import { type Cursor, describe, spanFrom } from './cursor.ts';
import type { Token } from './lexer.ts';
import { ERRNO_NAMES, FAULT_WORDS, FLAG_ORDER, KEYWORDS, didYouMean } from './names.ts';
import { identOf, parseExpr } from './parse-expr.ts';
import { NATOMARG, NFILEBLOCK } from '../../engine-wasm/abi/layout.ts';

export const MAX_RING = 1024;

type Bare<T> = WithoutTrivia<T>;

/** A name that is not a keyword. */
export function expectIdent(p: Cursor, context: string): Ident {
  const t = p.peek();
  if (t.kind === 'name' && KEYWORDS.has(t.text)) {
    return p.fail(t.span, `\`${t.text}\` is a keyword and cannot be used as a name ${context}`);
  }
  return identOf(p.expectName(context));
}

export function parseRing(p: Cursor, kw: Token): Bare<RingDecl> {
  const n = p.peek();
  if (n.kind !== 'int') return p.fail(n.span, `\`ring\` takes the number of slots, as in \`ring 8\`; found ${describe(n)}`);
  p.next();
  const size = n.value ?? 0;
  if (size < 1 || size > MAX_RING) p.report(n.span, `a ring has 1 to ${MAX_RING} slots, not ${n.text}`);
  return { kind: 'ring', size, span: spanFrom(kw.span, n.span) };
}

export function parseVar(p: Cursor, kw: Token): Bare<VarDecl> {
  const name = expectIdent(p, 'after `var`');
  if (!p.isOp('=')) return { kind: 'var', name, span: spanFrom(kw.span, name.span) };
  p.next();
  const init = parseExpr(p);
  return { kind: 'var', name, init, span: spanFrom(kw.span, init.span) };
}

export function parseBuffer(p: Cursor, kw: Token): Bare<BufferDecl> {
  const name = expectIdent(p, 'after `buffer`');
  p.expectOp('[', 'after the buffer name, as in `buffer b[4096]`');
  const n = p.peek();
  if (n.kind !== 'int') return p.fail(n.span, `the size of a buffer is a number of bytes, as in \`buffer b[4096]\`; found ${describe(n)}`);
  p.next();
  if (n.value === 0) p.report(n.span, 'a buffer needs at least 1 byte');
  const close = p.expectOp(']', 'after the buffer size');
  return { kind: 'buffer', name, size: n.value ?? 0, span: spanFrom(kw.span, close.span) };
}

function badArg(e: Expr): string {
  const pointers = 'atom arguments are pointers to words';
  switch (e.kind) {
    case 'name': return `${pointers}: write \`&${e.name}\`, not \`${e.name}\``;
    case 'int': return `${pointers}: declare \`var x = ${e.value}\` at the top level and pass \`&x\``;
    case 'str': return `${pointers}: declare \`var s = "…"\` at the top level and pass \`&s\``;
    default: return `${pointers}: declare a var holding the value and pass \`&\` and its name`;
  }
}

function parseArgs(p: Cursor): Ident[] {
  const args: Ident[] = [];
  p.expectOp('(', 'after the syscall name');
  if (p.isOp(')')) {
    p.next();
    return args;
  }
  for (;;) {
    if (p.isOp('&') && p.isName(undefined, 1) && !KEYWORDS.has(p.peek(1).text)) {
      p.next();
      const arg = identOf(p.next());
      if (args.length === NATOMARG) p.report(arg.span, `an atom has at most ${NATOMARG} arguments`);
      args.push(arg);
    } else {
      const e = parseExpr(p);
      p.report(e.span, badArg(e));
    }
    if (!p.isOp(',')) break;
    p.next();
  }
  p.expectOp(')', 'to close the argument list');
  return args;
}

function parseFlags(p: Cursor): Ident[] {
  const flags: Ident[] = [];
  const seen = new Set<string>();
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'name') return p.fail(t.span, `expected a flag name (SYSLET_…), found ${describe(t)}`);
    p.next();
    if (seen.has(t.text)) p.report(t.span, `\`${t.text}\` is given twice`, 'warning');
    else flags.push(identOf(t));
    seen.add(t.text);
    if (!p.isOp('|')) break;
    p.next();
  }
  const rank = (f: Ident) => {
    const i = FLAG_ORDER.indexOf(f.name);
    return i < 0 ? FLAG_ORDER.length : i;
  };
  return flags.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

const CLAUSES = ['ret', 'flags', 'next', 'fault'];
const FAULT_USAGE = '`fault EIO`, `fault short 16`, `fault block 5ms` or `fault cached`';

/** A plain number (no unit) after `what`; `min` is the least it may be. */
function plainNumber(p: Cursor, what: string, usage: string, min: number): { value: number; span: Token['span'] } {
  const n = p.peek();
  if (n.kind !== 'int') return p.fail(n.span, `${what} takes a number, as in \`${usage}\`; found ${describe(n)}`);
  p.next();
  if (n.unit) p.report(n.span, `${what} is a plain number, without a unit, as in \`${usage}\``);
  else if ((n.value ?? 0) < min) p.report(n.span, `${what} is at least ${min}, not ${n.text}`);
  return { value: n.value ?? 0, span: n.span };
}

/** A duration token (`5ms`) after `what`, judged: the lexer has reported a malformed number already. */
function duration(p: Cursor, what: string, min: number): { value: number; unit: 'ns' | 'us' | 'ms' | 's'; span: Token['span'] } {
  const n = p.peek();
  if (n.kind !== 'int') return p.fail(n.span, `${what} takes a duration, as in \`5ms\`; found ${describe(n)}`);
  p.next();
  if (/^\d+(ns|us|ms|s)?$/.test(n.text)) {
    const j = injectDuration(n.value ?? 0, n.unit, what, min);
    if (!j.ok) p.report(n.span, j.error);
  }
  return { value: n.value ?? 0, unit: n.unit ?? 'ns', span: n.span };
}

/** `fault EIO | short N | block DURATION | cached` and an optional `nth N`, after the word `fault`. */
function parseFault(p: Cursor, kw: Token): AtomFault {
  const t = p.peek();
  if (t.kind === 'op' && t.text === '-' && p.isName(undefined, 1) && ERRNO_NAMES.includes(p.peek(1).text)) {
    const e = p.peek(1).text;
    return p.fail(spanFrom(t.span, p.peek(1).span), `write the errno's name without the minus: \`fault ${e}\` (the atom's result is then -${e})`);
  }
  if (t.kind !== 'name') return p.fail(t.span, `\`fault\` takes ${FAULT_USAGE}; found ${describe(t)}`);
  p.next();
  let spec: FaultSpec;
  if (t.text === 'short') spec = { kind: 'short', bytes: plainNumber(p, '`fault short`', 'fault short 16', 0).value };
  else if (t.text === 'block') {
    const d = duration(p, '`fault block`', 1);
    spec = { kind: 'block', value: d.value, unit: d.unit };
  } else if (t.text === 'cached') spec = { kind: 'cached' };
  else if (ERRNO_NAMES.includes(t.text)) spec = { kind: 'errno', errno: identOf(t) };
  else {
    const hint = didYouMean(t.text, [...FAULT_WORDS, ...ERRNO_NAMES]);
    return p.fail(t.span, `\`${t.text}\` is not a fault: write ${FAULT_USAGE}${hint}`);
  }
  let end = p.peek(-1).span;
  let nth: number | undefined;
  if (p.isName('nth')) {
    p.next();
    const n = plainNumber(p, '`nth`', 'fault EIO nth 3', 1);
    nth = n.value;
    end = n.span;
  }
  return { spec, ...(nth !== undefined ? { nth } : {}), span: spanFrom(kw.span, end) };
}

export function parseAtom(p: Cursor, kw: Token): Bare<AtomDecl> {
  const name = expectIdent(p, 'after `atom`');
  p.expectOp('=', `after \`atom ${name.name}\`, as in \`atom ${name.name} = read(&fd, &buf, &count)\``);
  const syscall = expectIdent(p, 'of a syscall');
  const args = parseArgs(p);
  let ret: Ident | undefined;
  let next: Ident | undefined;
  let fault: AtomFault | undefined;
  let flags: Ident[] = [];
  const seen = new Set<string>();
  while (!p.atLineEnd() && !p.isOp('}')) {
    const t = p.peek();
    if (t.kind !== 'name' || !CLAUSES.includes(t.text)) {
      const hint = t.kind === 'name' ? didYouMean(t.text, CLAUSES) : '';
      return p.fail(t.span, `expected \`ret\`, \`flags\`, \`next\` or \`fault\` in the atom declaration, found ${describe(t)}${hint}`);
    }
    p.next();
    if (seen.has(t.text)) p.report(t.span, `\`${t.text}\` is given twice in this atom`);
    seen.add(t.text);
    if (t.text === 'flags') {
      flags = parseFlags(p);
    } else if (t.text === 'fault') {
      fault = parseFault(p, t);
    } else {
      const id = expectIdent(p, `after \`${t.text}\``);
      if (t.text === 'ret') ret = id;
      else next = id;
    }
  }
  return {
    kind: 'atom', name, syscall, args,
    ...(ret ? { ret } : {}), flags, ...(next ? { next } : {}), ...(fault ? { fault } : {}),
    span: spanFrom(kw.span, p.peek(-1).span),
  };
}

/** `option NAME = VALUE`: the name and value are judged here (options.ts), duplicates in check.ts. */
export function parseOption(p: Cursor, kw: Token): Bare<OptionDecl> {
  const n = p.peek();
  if (n.kind !== 'name') return p.fail(n.span, `\`option\` takes a name, as in \`option ring_policy = wait\`; found ${describe(n)}`);
  p.next();
  const name = identOf(n);
  const spec = optionSpec(n.text);
  if (!spec) p.report(n.span, `\`${n.text}\` is not a kernel option (${OPTION_NAMES.join(', ')})${didYouMean(n.text, OPTION_NAMES)}`);
  p.expectOp('=', `after \`option ${n.text}\`, as in \`option ${n.text} = ${spec?.def ?? '…'}\``);
  const v = p.peek();
  let value: OptionValue;
  if (v.kind === 'int') value = { kind: 'number', value: v.value ?? 0, ...(v.unit ? { unit: v.unit } : {}) };
  else if (v.kind === 'name') value = { kind: 'word', word: v.text };
  else return p.fail(v.span, `expected the value of \`${n.text}\`${spec ? `, as in \`option ${n.text} = ${spec.def}\`` : ''}; found ${describe(v)}`);
  p.next();
  // A malformed number was reported by the lexer already: one message is enough.
  const wellFormed = v.kind === 'name' || /^(\d+(ns|us|ms|s)?|0[xX][0-9a-fA-F]+)$/.test(v.text);
  if (spec && wellFormed) {
    const j = judge(spec, value);
    if (!j.ok) p.report(v.span, j.error + (spec.kind === 'word' && value.kind === 'word' ? didYouMean(value.word, spec.words.map((w) => w.word)) : ''));
  }
  return { kind: 'option', name, value, span: spanFrom(kw.span, v.span) };
}

/** `latency "PATH" [page N] = DURATION`: the path and page are judged here, duplicates and the table's size in check.ts. */
export function parseLatency(p: Cursor, kw: Token): Bare<LatencyDecl> {
  const usage = '`latency "/usr/share/dict/words" = 20ms`';
  const s = p.peek();
  if (s.kind !== 'str') return p.fail(s.span, `\`latency\` takes a file's path in quotes, as in ${usage}; found ${describe(s)}`);
  p.next();
  const path = { kind: 'str' as const, value: s.bytes ?? '', span: s.span };
  let page: number | undefined;
  if (p.isName('page')) {
    p.next();
    const n = plainNumber(p, '`page`', 'latency "/usr/share/dict/words" page 3 = 20ms', 0);
    if (n.value >= NFILEBLOCK) p.report(n.span, `a file has pages 0 to ${NFILEBLOCK - 1} (4 KiB each), not ${n.value}`);
    page = n.value;
  }
  p.expectOp('=', `after the path${page !== undefined ? ' and page' : ''}, as in ${usage}`);
  const d = duration(p, '`latency`', 0);
  return { kind: 'latency', path, ...(page !== undefined ? { page } : {}), value: d.value, unit: d.unit, span: spanFrom(kw.span, d.span) };
}
