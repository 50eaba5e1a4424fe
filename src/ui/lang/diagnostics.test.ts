// Every diagnostic the front end gives, with its exact position.
import { describe, expect, test } from 'vitest';
import { parse } from './parse.ts';

const show = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity === 'warning' ? 'W ' : ''}${d.message}`);

const CASES: [string, string, string[]][] = [
  ['unknown syscall in an atom', 'atom a = reed(&x)\nvar x', ['1:10-1:14 unknown syscall `reed` — did you mean `read`?']],
  ['unknown syscall called directly', 'opn("/x", 0)', ['1:1-1:4 unknown syscall `opn` — did you mean `open`?']],
  ['atom arguments that are not &var', 'var x\natom a = read(x, 1, "s")', [
    '2:15-2:16 atom arguments are pointers to words: write `&x`, not `x`',
    '2:18-2:19 atom arguments are pointers to words: declare `var x = 1` at the top level and pass `&x`',
    '2:21-2:24 atom arguments are pointers to words: declare `var s = "…"` at the top level and pass `&s`',
  ]],
  ['an atom argument pointing at a buffer', 'buffer b[8]\natom a = read(&b)', [
    '2:16-2:17 an atom argument must point to a var, and `b` is a buffer: declare `var p = b` and pass `&p`',
  ]],
  ['more than six atom arguments', 'var x\natom a = getpid(&x, &x, &x, &x, &x, &x, &x)', [
    '2:1-2:44 `getpid` takes 0 arguments, but 7 are given',
    '2:42-2:43 an atom has at most 6 arguments',
  ]],
  ['too many syscall arguments', 'var x\natom a = close(&x, &x)\nclose(1, 2)', [
    '2:1-2:23 `close` takes 1 argument (fd), but 2 are given',
    '3:1-3:12 `close` takes 1 argument (fd), but 2 are given',
  ]],
  ['ret and next of the wrong kind or undeclared', 'var count\natom a = close(&count) ret cont next count', [
    '2:28-2:32 `cont` is not declared — did you mean `count`?',
    '2:38-2:43 `next` must name an atom, and `count` is a var',
  ]],
  ['ret naming an atom', 'var x\natom a = close(&x) ret a', ['2:24-2:25 `ret` must name a var, and `a` is an atom']],
  ['flags: unknown, a mask, given twice', 'var x\natom a = close(&x) flags SYSLET_ASYN | SYSLET_STOP_MASK | SYSLET_SYNC | SYSLET_SYNC', [
    '2:26-2:37 unknown flag `SYSLET_ASYN` — did you mean `SYSLET_ASYNC`?',
    '2:40-2:56 `SYSLET_STOP_MASK` is a mask, not a flag: name the SYSLET_STOP_* flags you want',
    '2:73-2:84 W `SYSLET_SYNC` is given twice',
  ]],
  ['a flag that is not a name', 'var x\natom a = close(&x) flags 0x80', ['2:26-2:30 expected a flag name (SYSLET_…), found `0x80`']],
  ['skip without a stop flag, and on the last atom', 'var x\natom a = close(&x) flags SYSLET_SKIP_TO_NEXT_ON_STOP\natom b = close(&x) flags SYSLET_STOP_ON_ZERO | SYSLET_SKIP_TO_NEXT_ON_STOP', [
    '2:26-2:53 W SYSLET_SKIP_TO_NEXT_ON_STOP does nothing without a SYSLET_STOP_* flag',
    '3:48-3:75 W on a stop `b` skips to the atom written right after it, but it is the last atom',
  ]],
  ['an atom running async_exec', 'var x\natom c = async_exec(&x)', ['2:10-2:20 W `async_exec` run as an atom returns -ENOSYS: syslets do not nest']],
  ['bad atom clauses', 'var x\natom a = close(&x) nxt a\natom b = close(&x) ret x ret x', [
    '2:20-2:23 expected `ret`, `flags`, `next` or `fault` in the atom declaration, found `nxt` — did you mean `next`?',
    '3:26-3:29 `ret` is given twice in this atom',
  ]],
  ['ring size out of range, more than one ring', 'ring 0\nring 2000\nring 4', [
    '1:6-1:7 a ring has 1 to 1024 slots, not 0',
    '2:1-2:10 only one ring per program: the ring is already declared at line 1',
    '2:6-2:10 a ring has 1 to 1024 slots, not 2000',
    '3:1-3:7 only one ring per program: the ring is already declared at line 1',
  ]],
  ['ring without a number', 'ring x', ['1:6-1:7 `ring` takes the number of slots, as in `ring 8`; found `x`']],
  ['string escapes', 'var x = "a\\qb\\x4"', [
    '1:11-1:13 unknown escape `\\q` in a string (use \\n \\t \\\\ \\" \\0 or \\xNN)',
    '1:14-1:16 `\\x` needs two hex digits, as in `\\x41`',
  ]],
  ['an unclosed string', 'var s = "abc\nvar t = 1', ['1:9-1:13 this string is not closed: add `"` before the end of the line']],
  ['duplicate and reserved names', 'var x\nvar x\nbuffer read[4]\nvar O_RDONLY\natom user_idx = getpid()', [
    '2:5-2:6 `x` is already declared at line 1',
    '3:8-3:12 `read` is a syscall name and cannot name a buffer',
    '4:5-4:13 `O_RDONLY` is a constant and cannot name a var',
    '5:6-5:14 `user_idx` is a ring index and cannot name an atom',
  ]],
  ['a keyword as a name', 'var next = 1', ['1:5-1:9 `next` is a keyword and cannot be used as a name after `var`']],
  ['undeclared names', 'var count\nx = cont\nprint SYSLET_ASYN', [
    '2:1-2:2 `x` is not declared: add `var x` at the top level',
    '2:5-2:9 `cont` is not declared — did you mean `count`?',
    '3:7-3:18 `SYSLET_ASYN` is not declared — did you mean `SYSLET_ASYNC`?',
  ]],
  ['statements: unknown, misplaced', 'prnt "x"\nvar x\nif x {\n  var y = 2\n}\nelse {\n}', [
    '1:1-1:5 unknown statement `prnt` — did you mean `print`?',
    '4:3-4:6 declarations go at the top level, not inside a block: declare `var x` at the top level and assign `x = …` here',
    '6:1-6:5 `else` must follow the `}` of an `if` on the same line: write `} else {`',
  ]],
  ['atom clauses outside an atom', 'ret x', ['1:1-1:4 `ret` belongs in an atom declaration, after the syscall\'s arguments']],
  ['unbalanced braces', '}\nif 1 {\n', ['1:1-1:2 this `}` has no matching `{`', '2:6-2:7 this `{` is never closed: add a `}`']],
  ['conditions', 'if {\n}\nwhile 1 2 {\n}', [
    '1:4-1:5 `if` needs a condition before `{`',
    '3:9-3:10 expected `{` after the condition of `while`, found `2`',
  ]],
  ['numbers', 'var x = 99999999999\nvar y = 12ab\nvar z = 0x', [
    '1:9-1:20 integer `99999999999` does not fit in 32 bits (the largest is 4294967295, 0xffffffff)',
    '2:9-2:13 `12ab` is not a number (write decimal digits, or 0x and hex digits)',
    '3:9-3:11 `0x` is not a number (write decimal digits, or 0x and hex digits)',
  ]],
  ['a bad character', 'var x = 1 @', ['1:11-1:12 unexpected character `@`']],
  ['two statements on a line', 'var x\nx = 1 x = 2', ['2:7-2:8 expected the end of the line after the statement, found `x`: each statement goes on its own line']],
  ['driver calls with the wrong number of arguments', 'reap(1)\nasync_exec()\nasync_wait(1, 2)', [
    '1:1-1:8 `reap` takes no arguments: `reap()`',
    '2:1-2:13 `async_exec` takes one argument: `async_exec(atom)` (the ring\'s async_head_user is passed for you)',
    '3:1-3:17 `async_wait` takes one argument: `async_wait(min_events)` (the ring\'s async_head_user is passed for you)',
  ]],
  ['fields', 'var v\natom a = getpid()\nv = v.next\nv = a.nxt\nv = q.ret', [
    '3:5-3:6 only atoms have fields, and `v` is a var',
    '4:7-4:10 unknown atom field `nxt` — did you mean `next`? (the fields are flags, nr, ret, next)',
    '5:5-5:6 `q` is not declared',
  ]],
  ['misused names', 'atom a = getpid()\nvar v\na = 1\nv = a()\nprint read\nv = &O_RDONLY\nbuffer b[4]\nb = 1', [
    '3:1-3:2 `a` is an atom: only vars and atom fields can be assigned',
    '4:5-4:6 `a` is an atom, not a syscall: run it with `async_exec(a)`',
    '5:7-5:11 `read` is a call: write `read(…)`',
    '6:5-6:14 `O_RDONLY` is a constant and has no address',
    '8:1-8:2 `b` is a buffer: only vars and atom fields can be assigned',
  ]],
  ['expressions that do nothing', 'var v\n1 + 2\nv == 1\n3 = v', [
    '2:1-2:6 this expression does nothing on its own (only calls can stand alone)',
    '3:1-3:7 this expression does nothing on its own (only calls can stand alone) — did you mean `=`?',
    '4:1-4:2 only a var (`x = …`) or an atom field (`a.next = …`) can be assigned',
  ]],
  ['buffers, len, ring and & misuse', 'buffer b[0]\nbuffer c[x]\nvar q = len(3)\nvar r = ring\nvar d = &if', [
    '1:10-1:11 a buffer needs at least 1 byte',
    '2:10-2:11 the size of a buffer is a number of bytes, as in `buffer b[4096]`; found `x`',
    '3:13-3:14 `len` takes a string literal, as in `len("hello\\n")`',
    '4:9-4:13 in an expression `ring` needs a slot index, as in `ring[user_idx]`',
    '5:10-5:12 `&` takes the address of a name, as in `&x`; found `if`',
  ]],
  ['print without values, expressions cut short', 'print\nvar x = (1 + 2\nvar y = 1 +', [
    '1:1-1:6 `print` needs something to print, as in `print "hello\\n"` or `print n, "\\n"`',
    '2:15-2:16 expected `)` to close the `(`, found the end of the line',
    '3:12-3:13 expected an expression, found the end of the program',
  ]],
];

describe('diagnostics', () => {
  test.each(CASES)('%s', (_name, text, expected) => {
    expect(show(text)).toEqual(expected);
  });

  test('severities: errors block, warnings do not', () => {
    const { diagnostics } = parse('var x\natom c = async_exec(&x)');
    expect(diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });
});
