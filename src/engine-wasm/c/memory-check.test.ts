// checkModuleMemory on small modules built byte by byte: what a module
// linked some other way (its own memory, a stack below the user region, data
// outside it, foreign imports) is told.
import { expect, test } from 'vitest';
import { checkModuleMemory } from './memory-check.ts';
import { wasmInfo } from './wasm-info.ts';

const BASE = 0x10000;
const END = 0x110000;

const u32 = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
const s32 = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const name = (s: string) => [...u32(s.length), ...new TextEncoder().encode(s)];
const section = (id: number, items: number[][]) => {
  const body = [...u32(items.length), ...items.flat()];
  return [id, ...u32(body.length), ...body];
};

interface Spec {
  readonly ownMemory?: boolean;
  readonly importMalloc?: boolean;
  readonly segments?: readonly [offset: number, bytes: number][];
  readonly globals?: Readonly<Record<string, number>>;
}

function wasm(spec: Spec): Uint8Array {
  const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (spec.importMalloc) bytes.push(...section(1, [[0x60, 0x00, 0x00]]));
  const imports: number[][] = [];
  if (!spec.ownMemory) imports.push([...name('env'), ...name('memory'), 0x02, 0x00, 0x01]);
  if (spec.importMalloc) imports.push([...name('env'), ...name('malloc'), 0x00, 0x00]);
  if (imports.length) bytes.push(...section(2, imports));
  if (spec.ownMemory) bytes.push(...section(5, [[0x00, 0x20]]));
  const globals = Object.entries(spec.globals ?? {});
  if (globals.length) {
    bytes.push(...section(6, globals.map(([, v]) => [0x7f, 0x00, 0x41, ...s32(v | 0), 0x0b])));
    bytes.push(...section(7, globals.map(([n], i) => [...name(n), 0x03, ...u32(i)])));
  }
  if (spec.segments?.length) bytes.push(...section(11, spec.segments.map(([off, n]) => [0x00, 0x41, ...s32(off | 0), 0x0b, ...u32(n), ...new Array<number>(n).fill(1)])));
  const out = new Uint8Array(bytes);
  expect(WebAssembly.validate(out as BufferSource)).toBe(true);
  return out;
}

test('a module inside the user region passes, with where its data and stack are', () => {
  const m = wasm({ segments: [[BASE, 16], [BASE + 32, 8]], globals: { __data_end: BASE + 40, __stack_low: BASE + 48, __stack_high: BASE + 48 + 4096, __heap_base: BASE + 48 + 4096, counter: BASE + 32 } });
  expect(checkModuleMemory(m, BASE, END)).toEqual({ ok: true, dataStart: BASE, dataEnd: BASE + 40, stackLow: BASE + 48, stackHigh: BASE + 48 + 4096 });
  expect(wasmInfo(m).globals.get('counter')).toBe(BASE + 32);
});

test('data or a stack outside the user region, foreign imports and an own memory are refused, saying why', () => {
  const refuse = (spec: Spec) => {
    const r = checkModuleMemory(wasm(spec), BASE, END);
    expect(r.ok).toBe(false);
    return r.ok ? '' : r.message;
  };
  expect(refuse({ segments: [[0x400, 4]] })).toBe('the module\'s data starts at 0x400, below the user region [0x10000, 0x110000) (link with --global-base=65536)');
  expect(refuse({ segments: [[END - 16, 32]] })).toBe('the program needs memory up to 0x110010 (data and stack: 32 bytes), past the end of the user region [0x10000, 0x110000): 16 bytes too many');
  expect(refuse({ segments: [[BASE + 0x1000, 4]], globals: { __stack_low: 0, __stack_high: BASE } })).toMatch(/^the module's stack starts at 0x0, below the user region .*--no-stack-first/);
  expect(refuse({ importMalloc: true })).toBe('the module imports env.malloc: a syslet program may import only env.memory and env.syscall (docs/c.md)');
  expect(refuse({ ownMemory: true })).toMatch(/has a memory of its own/);
  expect(checkModuleMemory(new Uint8Array([1, 2, 3]), BASE, END)).toEqual({ ok: false, message: 'the module cannot be read: not a WebAssembly module' });
});
