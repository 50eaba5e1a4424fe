import { describe, expect, test } from 'vitest';
import { MAX_IF_BRANCHES, parse } from './parse.ts';
import { withoutSpans, type AtomDecl, type Expr, type IfStmt, type Item, type Program } from './ast.ts';

function clean(text: string): Program {
  const { program, diagnostics } = parse(text);
  expect(diagnostics).toEqual([]);
  return program;
}
const only = (text: string): Item => clean(text).items[0];
/** The value expression of `var x` then `x = EXPR`, without spans. */
function expr(src: string, decls = 'var x\nvar y\natom a = getpid()\n'): Expr {
  const items = clean(`${decls}x = ${src}\n`).items;
  const last = items[items.length - 1];
  if (last.kind !== 'assign') throw new Error('not an assignment');
  return withoutSpans(last.value);
}

describe('declarations', () => {
  test('ring', () => {
    expect(withoutSpans(only('ring 16'))).toEqual({ kind: 'ring', size: 16, leading: [], blankBefore: false });
  });
  test('var with and without an initializer', () => {
    const [a, b] = clean('var x\nvar y = 0x10\n').items;
    expect(withoutSpans(a)).toEqual({ kind: 'var', name: { name: 'x' }, leading: [], blankBefore: false });
    expect(withoutSpans(b)).toMatchObject({ kind: 'var', name: { name: 'y' }, init: { kind: 'int', value: 16, hex: true } });
  });
  test('buffer', () => {
    expect(withoutSpans(only('buffer b[4096]'))).toMatchObject({ kind: 'buffer', name: { name: 'b' }, size: 4096 });
  });
  test('atom with every clause, flags sorted by bit', () => {
    const a = clean('var fd\nvar b\nvar n\natom rd = read(&fd, &b, &n) next rd flags SYSLET_SKIP_TO_NEXT_ON_STOP | SYSLET_STOP_ON_NON_POSITIVE ret n\natom cl = close(&fd)\n')
      .items[3] as AtomDecl;
    expect(withoutSpans(a)).toEqual({
      kind: 'atom', name: { name: 'rd' }, syscall: { name: 'read' },
      args: [{ name: 'fd' }, { name: 'b' }, { name: 'n' }], ret: { name: 'n' },
      flags: [{ name: 'SYSLET_STOP_ON_NON_POSITIVE' }, { name: 'SYSLET_SKIP_TO_NEXT_ON_STOP' }],
      next: { name: 'rd' }, leading: [], blankBefore: false,
    });
    expect(a.span).toEqual({ line: 4, col: 1, endLine: 4, endCol: 106 });
    expect(a.args[1].span).toEqual({ line: 4, col: 22, endLine: 4, endCol: 23 });
  });
  test('an atom without arguments or clauses', () => {
    expect(withoutSpans(only('atom g = getpid()'))).toMatchObject({ args: [], flags: [] });
  });
  test('names may be used before their declaration', () => {
    clean('atom a = close(&fd) next b\natom b = close(&fd)\nvar fd\n');
  });
});

describe('statements', () => {
  test('assignment to a var and to an atom field', () => {
    const items = clean('var x\natom a = getpid()\nx = 1\na.next = a\n').items;
    expect(withoutSpans(items[2])).toMatchObject({ kind: 'assign', target: { kind: 'name', name: 'x' }, value: { value: 1 } });
    expect(withoutSpans(items[3])).toMatchObject({ kind: 'assign', target: { kind: 'field', atom: { name: 'a' }, field: 'next' } });
  });
  test('call statements', () => {
    const items = clean('atom a = getpid()\nasync_exec(a)\nasync_wait(1)\nreap()\nclose(3)\n').items.slice(1);
    expect(items.map((i) => i.kind === 'expr' && i.expr.kind === 'call' && i.expr.callee.name)).toEqual(['async_exec', 'async_wait', 'reap', 'close']);
  });
  test('if / else if / else and while', () => {
    const s = only('if 1 {\n    print "a"\n} else if 2 {\n    print "b"\n} else {\n    while 0 {\n    }\n}\n') as IfStmt;
    expect(s.kind).toBe('if');
    expect(s.then.stmts).toHaveLength(1);
    const inner = s.else?.stmts[0] as IfStmt;
    expect(inner.kind).toBe('if');
    expect(inner.else?.stmts[0].kind).toBe('while');
    expect(s.span).toEqual({ line: 1, col: 1, endLine: 8, endCol: 2 });
  });
  test('a one-line block', () => {
    const s = only('if 1 { print 1 }') as IfStmt;
    expect(s.then.stmts[0].kind).toBe('print');
  });
  test('print with several values, assert', () => {
    const [p, a] = clean('print "n=", 1 + 2, "\\n"\nassert 1 < 2\n').items;
    expect(withoutSpans(p)).toMatchObject({ kind: 'print', args: [{ kind: 'str', value: 'n=' }, { kind: 'binary' }, { value: '\n' }] });
    expect(withoutSpans(a)).toMatchObject({ kind: 'assert', cond: { kind: 'binary', op: '<' } });
  });
});

describe('expressions', () => {
  test('literals, names and constants', () => {
    expect(expr('4294967295')).toEqual({ kind: 'int', value: 4294967295, hex: false });
    expect(expr('-ENOENT')).toEqual({ kind: 'unary', op: '-', operand: { kind: 'name', name: 'ENOENT' } });
    expect(expr('y')).toEqual({ kind: 'name', name: 'y' });
    expect(expr('"a\\tb\\x41\\0\\\\\\""')).toEqual({ kind: 'str', value: 'a\tbA\0\\"' });
    expect(expr('"é"')).toEqual({ kind: 'str', value: '\xc3\xa9' });
  });
  test('&name, len, ring[i], user_idx, kernel_idx, a.field', () => {
    expect(expr('&y')).toEqual({ kind: 'addr', target: { name: 'y' } });
    expect(expr('len("héllo\\n")')).toEqual({ kind: 'len', arg: { kind: 'str', value: 'h\xc3\xa9llo\n' } });
    expect(expr('ring[user_idx]')).toEqual({ kind: 'slot', index: { kind: 'idx', which: 'user_idx' } });
    expect(expr('kernel_idx')).toEqual({ kind: 'idx', which: 'kernel_idx' });
    expect(expr('a.ret')).toEqual({ kind: 'field', atom: { name: 'a' }, field: 'ret' });
  });
  test('calls yield values', () => {
    expect(expr('async_exec(a) + reap()')).toMatchObject({
      kind: 'binary', left: { kind: 'call', callee: { name: 'async_exec' }, args: [{ kind: 'name' }] }, right: { kind: 'call', args: [] },
    });
  });
  test('precedence and associativity follow C', () => {
    const shape = (e: Expr): string => (e.kind === 'binary' ? `(${shape(e.left)} ${e.op} ${shape(e.right)})`
      : e.kind === 'unary' ? `${e.op}${shape(e.operand)}` : e.kind === 'int' ? String(e.value) : e.kind === 'name' ? e.name : '?');
    expect(shape(expr('1 + 2 * 3 - 4'))).toBe('((1 + (2 * 3)) - 4)');
    expect(shape(expr('1 - (2 - 3)'))).toBe('(1 - (2 - 3))');
    expect(shape(expr('!y == 0 || y < 1 && y >= 2'))).toBe('((!y == 0) || ((y < 1) && (y >= 2)))');
    expect(shape(expr('1 | 2 ^ 3 & 4 << 5 % 6'))).toBe('(1 | (2 ^ (3 & (4 << (5 % 6)))))');
    expect(shape(expr('-~!y'))).toBe('-~!y');
  });
});

describe('comments and spacing', () => {
  test('full-line comments lead the next item; line-end comments trail it', () => {
    const [a, b] = clean('# one\n# two\nvar x = 1  # x\n\n#  three\nvar y\n# end\n').items;
    expect(withoutSpans(a)).toMatchObject({ leading: [{ text: ' one', blankBefore: false }, { text: ' two', blankBefore: false }], trailing: ' x' });
    expect(withoutSpans(b)).toMatchObject({ leading: [{ text: '  three', blankBefore: true }], blankBefore: false });
    expect(clean('var x\n\n\nvar y\n# end\n').items[1].blankBefore).toBe(true);
    expect(clean('var x\n# end\n\n#more\n').endComments).toEqual([{ text: ' end', blankBefore: false }, { text: 'more', blankBefore: true }]);
  });
  test('block comments: after {, before }, after }', () => {
    const s = only('if 1 {  # open\n    print 1\n    # inside\n}  # close\n') as IfStmt;
    expect(s.then).toMatchObject({ openComment: ' open', endComments: [{ text: ' inside' }], closeComment: ' close' });
  });
});

describe('robustness', () => {
  test('several errors are reported at once', () => {
    const { diagnostics, program } = parse('var x = \nvar ok = 1\natom a = reed(&ok)\nprint\nvar ok2\n');
    expect(diagnostics.map((d) => d.line)).toEqual([1, 3, 4]);
    expect(program.items.map((i) => i.kind)).toEqual(['var', 'atom', 'var']);
  });
  test('an if whose condition is broken still parses its block', () => {
    const { diagnostics } = parse('if x == {\n    print @\n}\n');
    expect(diagnostics.map((d) => `${d.line}:${d.column}`)).toEqual(['1:9', '2:5', '2:11']);
  });
  test('very long or deeply nested input gives a diagnostic', () => {
    expect(parse('#'.repeat(200_001)).diagnostics[0].message).toMatch(/too long/);
    expect(parse('var x = ' + '('.repeat(1000) + '1' + ')'.repeat(1000)).diagnostics[0].message).toMatch(/nests too deeply/);
    expect(parse('var x = ' + Array(1000).fill('1').join(' + ')).diagnostics[0].message).toMatch(/too long/);
    const deep = 'if 1 {\n'.repeat(40) + '}\n'.repeat(40);
    expect(parse(deep).diagnostics.map((d) => d.message)).toContain('blocks nest too deeply (more than 32 levels)');
    expect(parse('x\n'.repeat(500)).diagnostics.at(-1)?.message).toMatch(/too many problems/);
  });

  /** `if x == 0 {…} else if x == 1 {…} …` with `n` branches, each condition 3 parts. */
  const chain = (n: number) => {
    let s = 'var x = 3\nvar y = 0\nif x == 0 {\n  y = 0\n}';
    for (let i = 1; i < n; i++) s += ` else if x == ${i} {\n  y = ${i}\n}`;
    return s + '\n';
  };
  const depth = (stmt: IfStmt): number => (stmt.else?.stmts[0]?.kind === 'if' ? 1 + depth(stmt.else.stmts[0]) : 1);

  test('the expression size limit counts each expression, not an else-if chain', () => {
    const { diagnostics, program } = parse(chain(501));
    expect(diagnostics).toEqual([]);
    expect(depth(program.items[2] as IfStmt)).toBe(501);
    expect(parse(chain(MAX_IF_BRANCHES)).diagnostics).toEqual([]);
    // A single expression over the limit is still refused, inside a chain too.
    const long = chain(3).replace('x == 1', Array(600).fill('1').join(' + ') + ' == x');
    expect(parse(long).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/this expression is too long \(more than 500 parts\)/)]);
    const nested = chain(3).replace('x == 1', '('.repeat(100) + 'x' + ')'.repeat(100) + ' == 1');
    expect(parse(nested).diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/nests too deeply/)]);
  });

  test('an absurdly long else-if chain gets one clear message, not a stack overflow', () => {
    const { diagnostics } = parse(chain(5000));
    expect(diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      `${3 + 2 * MAX_IF_BRANCHES}: this \`if\` chain has more than ${MAX_IF_BRANCHES} branches: split it (for example by ranges of the value) or use a \`while\` loop`,
    ]);
  });
});
