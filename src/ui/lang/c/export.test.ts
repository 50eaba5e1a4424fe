// The exporter's rules, read off the C it writes (the round trip in
// roundtrip.test.ts compiles and runs the examples).
import { describe, expect, test } from 'vitest';
import { parse } from '../parse.ts';
import { layout } from '../layout.ts';
import { SYSCALLS } from '../../../engine-wasm/host/syscalls.ts';
import { exportC } from './export.ts';
import { WRAPPER_PARAMS } from './calls.ts';
import { cString } from './literal.ts';
import { readOptionPragmas } from './pragma.ts';
import { knobsOf } from '../options.ts';
import { options } from '../ast.ts';
import fc from 'fast-check';
import { EXAMPLES } from '../../examples/index.ts';
import { wordsProgram } from './words.test-helpers.ts';

function exported(text: string, name = 'test') {
  const { program, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return exportC(program, layout(program), { name });
}

/** The C lines of main's body, trimmed. */
function mainLines(text: string): string[] {
  const body = text.slice(text.indexOf('int main(void)'));
  return body.split('\n').map((l) => l.trim()).filter((l) => l && !['{', '}', 'setup();', 'return 0;', 'int main(void)'].includes(l));
}

describe('exportC', () => {
  test('Hello World reads as the design document\'s: init_atom, sys_async_exec, the ring drained', () => {
    const c = exported('ring 4\nvar fd_out = 1\nvar buf = "Hello\\n"\nvar size = len("Hello\\n")\natom hello = write(&fd_out, &buf, &size)\nvar done = async_exec(hello)\nif !done {\n    async_wait(1)\n    if ring[user_idx] == hello {\n        reap()\n    }\n}\n', 'hello');
    expect(c.fileName).toBe('hello.c');
    expect(c.text).toContain('#include "syslet.h"');
    expect(c.text).toContain('struct syslet_uatom *completion_ring[4];');
    expect(c.text).toContain('long buf = (long)"Hello\\n";');
    expect(c.text).toContain('long size = sizeof("Hello\\n") - 1;');
    expect(c.text).toContain('struct syslet_uatom hello = { 0 };');
    expect(c.text).toContain('init_atom(&hello, __NR_write, &fd_out, &buf, &size, NULL, NULL, NULL,\n\t\t  NULL, 0, NULL);');
    expect(mainLines(c.text)).toEqual([
      'done = (long)sys_async_exec(&hello, &ahu);',
      'if (!done) {',
      'sys_async_wait(1, ahu.user_ring_idx, &ahu);',
      'if (ring_slot(&ahu, ahu.user_ring_idx) == &hello) {',
      'async_reap(&ahu);',
    ]);
  });

  test('the program\'s comments travel with what they describe', () => {
    const c = exported('# what the program does\nring 2\n\nvar x = 1  # one\n# the atom\natom a = getpid() ret x\n# drive it\nasync_exec(a)  # go\n# set by the driver\nvar y = getpid()\n# the end\n');
    expect(c.text.match(/set by the driver \*\//g)).toHaveLength(1 + 1); // the comment once, and the note on y's line
    expect(c.text).toContain('long y = 0;\t/* set by the driver */');
    expect(c.text).toMatch(/#include "syslet.h"\n\n\/\* what the program does \*\/\n\n\/\* The completion ring/);
    expect(c.text).toContain('long x = 1;\t/* one */');
    expect(c.text).toContain('\t/* the atom */\n\tinit_atom(&a, __NR_getpid,');
    expect(c.text).toContain('\t/* drive it */\n\tsys_async_exec(&a, &ahu);\t/* go */\n\t/* set by the driver */\n\ty = getpid();\n\t/* the end */\n');
  });

  test('every value is a word: casts only where C would read it differently', () => {
    const c = exported([
      'var a = 0', 'var b = 0', 'var n = 0', 'buffer buf[8]', 'atom at = getpid() ret a',
      'a = b / 2', 'a = b / n', 'a = b % n', 'a = b >> n', 'a = b << 3', 'a = b < user_idx', 'a = at', 'a = buf',
      'a = 0xffffffff', 'a = -2147483648', 'a = 2147483647 + 1', 'a = 65536 * 65536', 'a = --b', 'a = len("ab") - 5 < 0',
      'at.next = at', 'at.next = 0', 'at.ret = &b', 'at.flags = SYSLET_SYNC', 'a = at.next == at', 'a = reap() == at', 'a = reap() != 0',
      'a = pread64(b, buf, 8)', 'a = nanosleep(&a, 0)', 'a = pipe(&a)', 'a = open("/x", O_RDONLY)', 'a = write(1, "hi", 2)',
    ].join('\n') + '\n');
    expect(mainLines(c.text)).toEqual([
      'a = b / 2;',
      'a = DIV(b, n);',
      'a = MOD(b, n);',
      'a = b >> (n & 31);',
      'a = b << 3;',
      'a = b < (long)ahu.user_ring_idx;',
      'a = (long)&at;',
      'a = (long)buf;',
      'a = (long)0xffffffffu;',
      'a = (-2147483647 - 1);',
      'a = (-2147483647 - 1);',
      'a = 0;',
      'a = -(-b);',
      'a = (long)(sizeof("ab") - 1 - 5) < 0;',
      'at.next = &at;',
      'at.next = NULL;',
      'at.ret_ptr = &b;',
      'at.flags = SYSLET_SYNC;',
      'a = at.next == &at;',
      'a = async_reap(&ahu) == &at;',
      'a = async_reap(&ahu) != 0;',
      'a = pread64(b, buf, 8, 0, 0);',
      'a = nanosleep((const struct timespec *)&a, NULL);',
      'a = pipe((int *)&a);',
      'a = open("/x", O_RDONLY);',
      'a = write(1, "hi", 2);',
    ]);
  });

  test('parentheses where C programmers expect them (and clang insists on them)', () => {
    const c = exported('var a = 0\nvar b = 0\nvar c = 0\na = a < b <= c\na = a == b & c\na = a & b | c\na = a && b || c\na = a + b << c\na = !a & b\na = b >> (a == c)\na = len("x") << 2\n');
    expect(mainLines(c.text)).toEqual([
      'a = (a < b) <= c;',
      'a = (a == b) & c;',
      'a = (a & b) | c;',
      'a = (a && b) || c;',
      'a = (a + b) << (c & 31);',
      'a = (!a) & b;',
      'a = b >> ((a == c) & 31);',
      'a = (sizeof("x") - 1) << 2;',
    ]);
  });

  test('print is one printf: % doubled, a NUL byte as %c, comparisons as %d, words as %ld', () => {
    const c = exported('var n = 3\nprint "100% of ", n, " is ", n == 3, "\\0!\\n"\n');
    expect(mainLines(c.text)).toEqual(['printf("100%% of %ld is %d%c!\\n", n, n == 3, 0);']);
  });

  test('vars keep their order; the ones holding addresses are set in setup(), the driver sets the rest', () => {
    const c = exported('var p = &q\nvar q = 5\nvar r = q + 1\nbuffer b[4]\nvar s = "x"\n');
    expect(c.text).toMatch(/long p = 0;\t\/\* set in setup\(\) \*\/\nlong q = 5;\nlong r = 0;\t\/\* set by the driver \*\/\nchar b\[4\];\nlong s = \(long\)"x";/);
    expect(c.text).toContain('static void setup(void)\n{\n\tp = (long)&q;\n}');
    expect(mainLines(c.text)).toEqual(['r = q + 1;']);
  });

  test('loops are bounded as the playground\'s; SKIP_TO_NEXT_ON_STOP gets its layout checked', () => {
    const c = exported('var x = 0\nvar f = 0\natom a = read(&f) ret x flags SYSLET_STOP_ON_ZERO | SYSLET_SKIP_TO_NEXT_ON_STOP next a\natom b = close(&f)\nwhile x < 3 {\n    x = x + 1\n}\n');
    expect(mainLines(c.text)).toEqual(['syslet_while (x < 3) {', 'x = x + 1;']);
    expect(c.text).toContain('\tassert(&a + 1 == &b);\n}');
  });

  test('names C or syslet.h has are renamed; the map tells them', () => {
    const c = exported('var int = 1\nvar int_ = 2\nvar printf = 3\nvar main = 4\nvar exit = 5\nvar fd = 6\nprint int, printf\n');
    expect([...c.names]).toEqual([['int', 'int__'], ['int_', 'int_'], ['printf', 'printf_'], ['main', 'main_'], ['exit', 'exit_'], ['fd', 'fd']]);
    expect(c.text).toContain('long int__ = 1;');
    expect(mainLines(c.text)).toEqual(['printf("%ld%ld", int__, printf_);']);
  });

  test('option lines become pragmas that read back as the same knobs', () => {
    const text = 'option ring_policy = wait  # keep them\noption disk_latency = 5ms\noption seed = 7\nvar x = 1\n';
    const c = exported(text);
    expect(c.text).toContain('#pragma syslet option ring_policy = wait\t/* keep them */\n#pragma syslet option disk_latency = 5ms\n#pragma syslet option seed = 7\n');
    const read = readOptionPragmas(c.text);
    expect(read.diagnostics).toEqual([]);
    expect(read.knobs).toEqual(knobsOf(options(parse(text).program)));
  });

  test('a direct call passes every word its wrapper takes', () => {
    for (const s of SYSCALLS) {
      if (s.name === 'async_exec' || s.name === 'async_wait') continue;
      expect(WRAPPER_PARAMS[s.name], s.name).toHaveLength(s.params.length);
    }
  });
});

describe('option pragmas read back', () => {
  test('bad ones are errors at their line; commented-out ones do not count', () => {
    const src = '#pragma syslet option ring_polcy = wait\n#pragma syslet option seed = -1\n  #pragma syslet option seed = 3\n#pragma syslet option seed = 4\n#pragma syslet opt\n/* #pragma syslet option seed = 9 */\n// #pragma syslet option seed = 9\n#pragma once\n';
    const read = readOptionPragmas(src);
    expect(read.diagnostics).toEqual([
      { line: 1, col: 1, severity: 'error', message: 'unknown option `ring_polcy` — did you mean `ring_policy`?' },
      { line: 2, col: 1, severity: 'error', message: '`-1` is not a value for `seed`' },
      { line: 4, col: 1, severity: 'error', message: 'option `seed` is set twice' },
      { line: 5, col: 1, severity: 'error', message: expect.stringMatching(/^a syslet pragma reads `#pragma syslet option NAME = VALUE`/) },
    ]);
    expect(read.knobs.seed).toBe(3);
  });
});

describe('C string literals', () => {
  test('bytes as C reads them back: UTF-8 kept, other bytes in octal, no trigraphs', () => {
    expect(cString('a\0' + '1')).toBe('"a\\0001"');
    expect(cString('a\0b')).toBe('"a\\0b"');
    expect(cString('\x01\xff')).toBe('"\\001\\377"');
    expect(cString('\xc3\xa9t\xc3\xa9')).toBe('"été"');
    expect(cString('??=')).toBe('"?\\?="');
    expect(cString('50%', true)).toBe('"50%%"');
    expect(cString('tab\there "q" \\')).toBe('"tab\\there \\"q\\" \\\\"');
  });
});

describe('exportC never throws for a program without errors', () => {
  test('examples with statements left out, and random word expressions', () => {
    const cut = fc.tuple(fc.constantFrom(...Object.values(EXAMPLES)), fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }))
      .map(([text, keep]) => text.split('\n').filter((l, i) => /[{}]|^(var|atom|buffer|ring|option) /.test(l) || keep[i % keep.length]).join('\n'));
    let exported = 0;
    fc.assert(
      fc.property(cut, (text) => {
        const { program, diagnostics } = parse(text);
        const lay = layout(program);
        if ([...diagnostics, ...lay.diagnostics].some((d) => d.severity === 'error')) return;
        const c = exportC(program, lay, { name: 'cut' });
        expect(readOptionPragmas(c.text).diagnostics).toEqual([]);
        expect(c.text.split('{').length).toBe(c.text.split('}').length);
        exported++;
      }),
      { numRuns: 300 },
    );
    expect(exported).toBeGreaterThan(20);
    const words = parse(wordsProgram(200, 7)).program;
    expect(() => exportC(words, layout(words), { name: 'words' })).not.toThrow();
  });
});
