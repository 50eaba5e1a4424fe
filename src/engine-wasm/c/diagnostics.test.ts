import { expect, test } from 'vitest';
import { firstUse, parseDiagnostics } from './diagnostics.ts';

const LOG = `In file included from prog.c:1:
include/syslet.h:40:2: error: "not for this target"
   40 | #error "not for this target"
      |  ^
prog.c:3:11: warning: unused variable 'x' [-Wunused-variable]
prog.c:4:1: fatal error: 'nope.h' file not found
include/syslet.h:12:6: note: 'malloc' has been explicitly marked unavailable here
wasm-ld: error: /tmp/prog-1.o: undefined symbol: helper
wasm-ld: error: initial memory too small, 100 bytes needed
clang: error: linker command failed with exit code 1 (use -v to see invocation)
`;

test('clang\'s file:line:col lines and the linker\'s errors become diagnostics; the rest stays in the log', () => {
  const source = 'int main(void)\n{\n\tlong helper_x = helper(1);\n}\n';
  expect(parseDiagnostics(LOG, 'prog.c', source)).toEqual([
    { file: 'include/syslet.h', line: 40, col: 2, severity: 'error', message: '"not for this target"' },
    { file: 'prog.c', line: 3, col: 11, severity: 'warning', message: "unused variable 'x' [-Wunused-variable]" },
    { file: 'prog.c', line: 4, col: 1, severity: 'error', message: "'nope.h' file not found" },
    { file: 'include/syslet.h', line: 12, col: 6, severity: 'note', message: "'malloc' has been explicitly marked unavailable here" },
    { file: 'prog.c', line: 3, col: 18, severity: 'error', message: expect.stringMatching(/^`helper` is declared but defined nowhere/) },
    { file: 'prog.c', line: 1, col: 1, severity: 'error', message: 'linker: initial memory too small, 100 bytes needed' },
  ]);
  expect(firstUse('a\nb c\n', 'c')).toEqual({ line: 2, col: 3 });
  expect(firstUse('abc', 'zz')).toEqual({ line: 1, col: 1 });
});
