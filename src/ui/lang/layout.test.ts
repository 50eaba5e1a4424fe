import { describe, expect, test } from 'vitest';
import { parse } from './parse.ts';
import { layout, staticValue, type Layout } from './layout.ts';
import { EXAMPLES } from '../examples/index.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { SYS_read, SYS_write } from '../../engine-wasm/abi/syscall.ts';
import { SYSLET_SKIP_TO_NEXT_ON_STOP, SYSLET_STOP_ON_NON_POSITIVE } from '../../engine-wasm/abi/flags.ts';

function lay(text: string): Layout {
  const { program, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return layout(program);
}

/** User memory after applying the initial writes. */
function memory(l: Layout): DataView {
  const mem = new Uint8Array(L.USER_END);
  for (const w of l.writes) mem.set(w.bytes, w.addr);
  return new DataView(mem.buffer);
}
const u32 = (m: DataView, a: number) => m.getUint32(a, true);

describe('hello', () => {
  const l = lay(EXAMPLES.hello);
  const m = memory(l);
  const at = (n: string) => l.symbols.get(n)?.addr;
  const base = L.USER_BASE;

  test('addresses: ahu, ring, atoms, vars, strings', () => {
    expect(l.ahu).toBe(base);
    expect(l.ring).toBe(base + 32);
    expect(l.ringEntries).toBe(4);
    expect(at('hello')).toBe(base + 48);
    expect([at('fd_out'), at('buf'), at('size'), at('done')]).toEqual([base + 92, base + 96, base + 100, base + 104]);
    expect([...l.strings]).toEqual([['Hello Syslet World!\n', base + 108]]);
    expect(l.end).toBe(base + 108 + 21);
  });

  test('the atom: flags, nr, ret_ptr, next, arg_ptr[6], private', () => {
    const a = base + 48;
    expect(u32(m, a + L.ATOM_FLAGS)).toBe(0);
    expect(u32(m, a + 4)).toBe(SYS_write);
    expect(SYS_write).toBe(4);
    expect(u32(m, a + L.ATOM_RET_PTR)).toBe(0);
    expect(u32(m, a + L.ATOM_NEXT)).toBe(0);
    const args = Array.from({ length: 6 }, (_, i) => u32(m, a + L.ATOM_ARG_PTR + 4 * i));
    expect(args).toEqual([at('fd_out'), at('buf'), at('size'), 0, 0, 0]);
    expect(u32(m, a + L.ATOM_PRIVATE)).toBe(0);
  });

  test('vars, the string, the ahu', () => {
    expect(u32(m, base + 92)).toBe(1);
    expect(u32(m, base + 96)).toBe(base + 108);
    expect(u32(m, base + 100)).toBe(20);
    expect(u32(m, base + 104)).toBe(0);
    expect(l.driverInits).toEqual(new Set(['done']));
    expect(new TextDecoder().decode(new Uint8Array(m.buffer, base + 108, 21))).toBe('Hello Syslet World!\n\0');
    expect(u32(m, base + L.AHU_COMPLETION_RING)).toBe(base + 32);
    expect(u32(m, base + L.AHU_RING_SIZE_BYTES)).toBe(16);
    expect(u32(m, base + L.AHU_KERNEL_RING_IDX)).toBe(0);
    expect(u32(m, base + L.AHU_USER_RING_IDX)).toBe(0);
  });

  test('writes are labelled records', () => {
    expect(l.writes.map((w) => w.what)).toEqual([
      'async_head_user', 'completion ring', 'atom hello', 'var fd_out', 'var buf', 'var size', 'var done', 'string "Hello Syslet World!\\n"',
    ]);
    expect(l.writes.map((w) => w.bytes.length)).toEqual([32, 16, 44, 4, 4, 4, 4, 21]);
  });
});

describe('layout rules', () => {
  test('atoms in source order, 44 bytes apart: read-loop skips from rd to cl', () => {
    const l = lay(EXAMPLES['read-loop']);
    const m = memory(l);
    const at = (n: string) => l.symbols.get(n)?.addr ?? -1;
    expect(at('cl')).toBe(at('rd') + L.ATOM_BYTES);
    expect(u32(m, at('rd') + L.ATOM_NR)).toBe(SYS_read);
    expect(u32(m, at('rd') + L.ATOM_FLAGS)).toBe(SYSLET_STOP_ON_NON_POSITIVE | SYSLET_SKIP_TO_NEXT_ON_STOP);
    expect(u32(m, at('rd') + L.ATOM_NEXT)).toBe(at('cnt'));
    expect(u32(m, at('rd') + L.ATOM_RET_PTR)).toBe(at('n'));
    expect(u32(m, at('cnt') + L.ATOM_NEXT)).toBe(at('rd'));
    expect(u32(m, at('pchunks'))).toBe(at('chunks'));
    expect(u32(m, at('bufp'))).toBe(at('chunk'));
  });

  test('the default ring has 8 slots', () => {
    const l = lay('var x\n');
    expect(l.ringEntries).toBe(8);
    expect(l.symbols.get('x')?.addr).toBe(L.USER_BASE + 32 + 32);
  });

  test('strings: shared when equal, not for print text or len; then aligned buffers', () => {
    const l = lay('var a = "ab"\nvar b = "ab"\nvar c = len("zz")\nprint "text"\nbuffer buf[3]\nbuffer buf2[1]\nwrite(1, "xyz", 3)\n');
    expect([...l.strings.keys()]).toEqual(['ab', 'xyz']);
    const ab = l.strings.get('ab') ?? 0;
    expect(l.strings.get('xyz')).toBe(ab + 4);
    expect(l.symbols.get('buf')?.addr).toBe(ab + 8);
    expect(l.symbols.get('buf2')?.addr).toBe(ab + 12);
    const m = memory(l);
    expect(u32(m, l.symbols.get('a')?.addr ?? 0)).toBe(ab);
    expect(u32(m, l.symbols.get('b')?.addr ?? 0)).toBe(ab);
    expect(u32(m, l.symbols.get('c')?.addr ?? 0)).toBe(2);
  });

  test('constant initializers are folded as 32-bit words; others run in the driver', () => {
    const l = lay('var x = -1\nvar y = 0xffffffff + 2\nvar z = O_CREAT | O_WRONLY\nvar w = &x\nvar v = x + 1\nvar q = 7 / 0\nvar e = -ENOENT\n');
    const m = memory(l);
    const word = (n: string) => m.getInt32(l.symbols.get(n)?.addr ?? 0, true);
    expect([word('x'), word('y'), word('z'), word('w'), word('e')]).toEqual([-1, 1, 0x41, l.symbols.get('x')?.addr, -2]);
    expect(l.driverInits).toEqual(new Set(['v', 'q']));
  });

  test('staticValue', () => {
    const { program } = parse('atom a = getpid()\nbuffer b[4]\nvar x = 1\n');
    const l = layout(program);
    const value = (src: string) => {
      const item = parse(`var t = ${src}\n`).program.items[0];
      return item.kind === 'var' && item.init ? staticValue(item.init, l) : 'none';
    };
    expect(value('a')).toBe(l.symbols.get('a')?.addr);
    expect(value('b + 1')).toBe((l.symbols.get('b')?.addr ?? 0) + 1);
    expect(value('x')).toBeUndefined();
    expect(value('reap()')).toBeUndefined();
    expect(value('-7 / 2')).toBe(-3);
    expect(value('-7 % 2')).toBe(-1);
    expect(value('1 << 33')).toBe(2);
    expect(value('-8 >> 1')).toBe(-4);
    expect(value('2147483647 + 1')).toBe(-2147483648);
    expect(value('!0 + !5 + (3 < -1) + (0 || 7) + (2 && 0)')).toBe(2);
    expect(value('len("é")')).toBe(2);
  });

  test('a program that does not fit gives a diagnostic, not a throw', () => {
    const l = lay('var x\nbuffer small[16]\nbuffer big[1048576]\n');
    expect(l.ok).toBe(false);
    expect(l.writes).toEqual([]);
    expect(l.diagnostics).toEqual([{
      line: 3, column: 1, endLine: 3, endColumn: 20, severity: 'error',
      message: `the program does not fit in user memory: it needs ${l.end - L.USER_BASE} bytes, and there are ${L.USER_BYTES}`,
    }]);
  });

  test('every example fits with room to spare', () => {
    for (const text of Object.values(EXAMPLES)) expect(lay(text).end).toBeLessThan(L.USER_BASE + 0x20000);
  });
});
