// syslet.h: the file in the repository is the header compileC uses, and its
// constants are the ABI's (the rules the C side relies on are tested by
// compiling and running C in toolchain.test.ts).
import { expect, test } from 'vitest';
import * as FLAGS from '../abi/flags.ts';
import * as ERRNO from '../abi/errno.ts';
import { SYSCALLS } from '../host/syscalls.ts';
import { headerNames, STD_HEADERS, stdHeaderText, SYSLET_H } from './header.ts';

/** NAME -> value of every `#define NAME <number>` line. */
function numericDefines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^#define\s+(\w+)\s+(0x[0-9a-f]+|\d+)\b/gm)) out.set(m[1], Number(m[2]));
  return out;
}

test('syslet.h beside the code is the header compileC gives the compiler (npx vitest run src/engine-wasm/c -u rewrites it)', async () => {
  await expect(SYSLET_H).toMatchFileSnapshot('./syslet.h');
});

test('every flag, open flag, whence, errno value and syscall number is the ABI\'s', () => {
  const defs = numericDefines(SYSLET_H);
  const expected = new Map<string, number>([
    ...Object.entries(FLAGS as Record<string, number>),
    ...Object.entries(ERRNO as Record<string, number>),
    ...SYSCALLS.map((s) => [`__NR_${s.name}`, s.nr] as [string, number]),
  ]);
  for (const [name, value] of expected) expect(defs.get(name), name).toBe(value);
  expect(defs.get('__NR_exit')).toBe(1);
});

test('the names a program must not take are the header\'s file-scope names, not its parameters', () => {
  const names = headerNames();
  for (const n of [
    'read', 'write', 'open', 'close', 'unlink', 'lseek', 'getpid', 'pipe', 'fsync', 'nanosleep', 'pread64', 'pwrite64',
    'sys_async_exec', 'sys_async_wait', 'umem_add', 'async_thread', 'init_atom', 'async_reap', 'syscall',
    'memset', 'memcpy', 'strlen', 'printf', 'exit', 'assert', 'DIV', 'MOD', 'ring_slot', 'syslet_while', 'syslet_fail',
    'size_t', 'ssize_t', 'off_t', 'pid_t', 'NULL', 'FILE', 'stdin', 'stdout', 'stderr', 'malloc', 'free', 'errno',
    '__syslet_failure', '__syslet_printf_buffer', 'SYSLET_ASYNC', 'O_CREAT', 'EFAULT', 'SYSLET_LOOP_LIMIT',
  ]) expect(names, n).toContain(n);
  for (const n of ['fd', 'buf', 'count', 'path', 'flags', 'atom', 'ahu', 'n', 's', 'o', 'v', 'line', 'syslet_uatom', 'timespec']) expect(names, n).not.toContain(n);
});

test('the standard headers a program may include are syslet.h', () => {
  expect(STD_HEADERS).toEqual(expect.arrayContaining(['stdio.h', 'stdlib.h', 'string.h', 'unistd.h', 'assert.h']));
  for (const h of STD_HEADERS) expect(stdHeaderText(h)).toContain('#include "syslet.h"');
});
