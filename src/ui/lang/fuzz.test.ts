// Property tests: parse() never throws, whatever the input, and what it
// returns always prints and re-parses to the same program.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parse } from './parse.ts';
import { print } from './print.ts';
import { layout } from './layout.ts';
import { withoutSpans } from './ast.ts';

const VOCAB = [
  'ring', 'var', 'buffer', 'atom', 'ret', 'flags', 'next', 'if', 'else', 'while', 'print', 'assert', 'len',
  'async_exec', 'async_wait', 'reap', 'read', 'write', 'open', 'close', 'umem_add', 'user_idx', 'kernel_idx',
  'x', 'y', 'a', 'b', 'fd', 'SYSLET_ASYNC', 'SYSLET_STOP_ON_ZERO', 'SYSLET_SKIP_TO_NEXT_ON_STOP', 'O_RDONLY', 'ENOENT',
  '0', '1', '4096', '0x80', '99999999999', '"s"', '"a\\n"', '"\\q"', '"open', '(', ')', '{', '}', '[', ']', ',', '&', '&&',
  '|', '||', '!', '!=', '=', '==', '<', '<=', '<<', '>', '>=', '>>', '+', '-', '*', '/', '%', '.', '^', '~', '#c', '@', '\t',
];
const SEPS = [' ', ' ', '\n', '', '\n\n', '  '];

const soup = fc
  .array(fc.tuple(fc.constantFrom(...VOCAB), fc.constantFrom(...SEPS)), { maxLength: 80 })
  .map((parts) => parts.map(([t, s]) => t + s).join(''));

function sane(text: string): void {
  const { program, diagnostics } = parse(text);
  expect(Array.isArray(program.items)).toBe(true);
  for (const d of diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.endLine * 1e6 + d.endColumn).toBeGreaterThan(d.line * 1e6 + d.column);
    expect(d.message.length).toBeGreaterThan(0);
  }
  expect(() => layout(program)).not.toThrow();
}

/** Whatever parse returns, printing it gives text that parses back to it. */
function stable(text: string): void {
  const first = parse(text).program;
  const printed = print(first);
  const second = parse(printed).program;
  expect(withoutSpans(second)).toEqual(withoutSpans(first));
  expect(print(second)).toBe(printed);
}

describe('parse never throws', () => {
  test('random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), sane), { numRuns: 500 });
  });
  test('random full-Unicode strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), sane), { numRuns: 300 });
  });
  test('random token soups', () => {
    fc.assert(fc.property(soup, sane), { numRuns: 1000 });
  });
  test('non-strings and pathological shapes', () => {
    expect(() => parse(undefined as unknown as string)).not.toThrow();
    for (const text of ['{'.repeat(5000), '}'.repeat(5000), '('.repeat(5000), '-'.repeat(5000) + '1', 'if 1 {\n'.repeat(3000),
      'var x = ' + '1 + '.repeat(20000) + '1', '"'.repeat(5000), 'atom a = getpid() flags ' + 'A | '.repeat(20000) + 'A',
      'x\n'.repeat(50000), '\u0000\uffff\ud800'.repeat(1000)]) {
      sane(text);
    }
  });
});

// Valid programs from a grammar: a fixed set of declarations, then random
// expressions and statements with random spacing, parentheses and comments.
const PREAMBLE = 'ring 4\nvar x\nvar y = 1\nbuffer b[8]\natom a = getpid()\n';
const sp = fc.constantFrom('', ' ', '  ');
const comment = fc.option(fc.stringMatching(/^[ -~]{0,12}$/).map((t) => `#${t}`), { nil: '' });
const leaf = fc.oneof(
  fc.nat({ max: 0xffffffff }).map(String),
  fc.nat({ max: 0xffffffff }).map((n) => '0x' + n.toString(16)),
  fc.constantFrom('x', 'y', 'b', 'a', '&x', '&b', 'O_RDONLY', 'ENOENT', 'user_idx', 'kernel_idx', 'a.next', 'a.flags', 'reap()'),
  fc.string({ maxLength: 8 }).map((t) => JSON.stringify(t).replace(/\\u00([0-9a-f]{2})/g, '\\x$1')),
  fc.string({ maxLength: 8 }).map((t) => `len(${JSON.stringify(t).replace(/\\u00([0-9a-f]{2})/g, '\\x$1')})`),
);
const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(fc.constantFrom('-', '!', '~'), tie('expr')).map(([op, e]) => `${op}(${e})`),
    fc.tuple(tie('expr'), fc.constantFrom('||', '&&', '|', '^', '&', '==', '!=', '<', '<=', '>', '>=', '<<', '>>', '+', '-', '*', '/', '%'), tie('expr'), sp)
      .map(([l, op, r, s]) => `(${l}${s}${op}${s}${r})`),
    tie('expr').map((e) => `ring[${e}]`),
    tie('expr').map((e) => `async_exec(${e})`),
    fc.tuple(tie('expr'), tie('expr')).map(([e, f]) => `write(1, ${e}, ${f})`),
  ),
}));
const { block } = fc.letrec<{ stmt: string[]; block: string[] }>((tie) => ({
  stmt: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom('x', 'y', 'a.next'), expr, comment).map(([t, e, c]) => [`${t} = ${e} ${c}`]),
    fc.tuple(fc.array(expr, { minLength: 1, maxLength: 3 }), comment).map(([es, c]) => [`print ${es.join(', ')} ${c}`]),
    expr.map((e) => [`assert ${e}`]),
    fc.constant<string[]>(['async_wait(1)']),
    fc.tuple(expr, tie('block'), fc.option(tie('block')), comment).map(([e, t, el, c]) => [
      `if ${e} { ${c}`, ...t, ...(el ? ['} else {', ...el] : []), '}',
    ]),
    fc.tuple(expr, tie('block'), comment).map(([e, body, c]) => [`while ${e} {`, ...body, `} ${c}`]),
    comment.map((c) => [c]),
    fc.constant<string[]>(['']),
  ),
  block: fc.array(tie('stmt'), { maxLength: 4 }).map((ss) => ss.flat()),
}));
const flagSets = fc.subarray(['SYSLET_ASYNC', 'SYSLET_SYNC', 'SYSLET_STOP_ON_ZERO', 'SYSLET_STOP_ON_NEGATIVE', 'SYSLET_SKIP_TO_NEXT_ON_STOP']);
const atomDecl = fc.tuple(fc.nat({ max: 99 }), flagSets, fc.boolean(), fc.boolean())
  .map(([n, fl, r, nx]) => `atom a${n}x = read(&x, &y)${r ? ' ret x' : ''}${fl.length ? ' flags ' + fl.join('|') : ''}${nx ? ' next a' : ''}`);
const validProgram = fc.tuple(fc.uniqueArray(atomDecl, { maxLength: 4, selector: (s) => s.split(' ')[1] }), block)
  .map(([as, body]) => PREAMBLE + [...as, ...body].join('\n') + '\n');

describe('print is the inverse of parse', () => {
  test('on token soups, errors and all', () => {
    fc.assert(fc.property(soup, stable), { numRuns: 1000 });
  });
  test('on valid programs from the grammar', () => {
    fc.assert(fc.property(validProgram, (text) => {
      const errors = parse(text).diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toEqual([]);
      stable(text);
      expect(parse(print(parse(text).program)).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    }), { numRuns: 500 });
  });
});
