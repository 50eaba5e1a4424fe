// Does a linked C module keep to the user region? Its data segments are
// written into the kernel's memory at instantiation and its stack lives there
// too, so both must lie in [userBase, userEnd); it may import nothing but
// env.memory and env.syscall. compileC checks its output, runC every module
// it is given.
import { wasmInfo, type WasmInfo } from './wasm-info.ts';

export interface ModuleMemory {
  /** First and end byte of its data. */
  readonly dataStart: number;
  readonly dataEnd: number;
  /** Its stack: [stackLow, stackHigh), growing down from stackHigh. */
  readonly stackLow: number;
  readonly stackHigh: number;
}

export type MemoryCheck = ({ readonly ok: true } & ModuleMemory) | { readonly ok: false; readonly message: string };

const hex = (v: number) => `0x${v.toString(16)}`;

function imports(info: WasmInfo): string | undefined {
  const foreign = info.imports.filter((i) => !(i.module === 'env' && ((i.name === 'memory' && i.kind === 'memory') || (i.name === 'syscall' && i.kind === 'function'))));
  if (foreign.length) {
    const names = foreign.map((i) => `${i.module}.${i.name}`).join(', ');
    return `the module imports ${names}: a syslet program may import only env.memory and env.syscall (docs/c.md)`;
  }
  if (!info.imports.some((i) => i.name === 'memory')) return 'the module has a memory of its own: it must import the kernel\'s (env.memory; link with --import-memory)';
  return undefined;
}

export function checkModuleMemory(wasm: Uint8Array, userBase: number, userEnd: number): MemoryCheck {
  let info: WasmInfo;
  try {
    info = wasmInfo(wasm);
  } catch (e) {
    return { ok: false, message: `the module cannot be read: ${(e as Error).message}` };
  }
  const bad = imports(info);
  if (bad) return { ok: false, message: bad };
  if (info.unplacedSegments) return { ok: false, message: 'the module has data whose address is not fixed (passive or relocatable segments): link it as compileC does (docs/c.md)' };
  const starts = info.segments.filter((s) => s.bytes > 0);
  const dataStart = starts.length ? Math.min(...starts.map((s) => s.offset)) : userBase;
  const dataEnd = Math.max(info.globals.get('__data_end') ?? dataStart, ...starts.map((s) => s.offset + s.bytes));
  const stackHigh = info.globals.get('__stack_high') ?? info.globals.get('__heap_base') ?? dataEnd;
  const stackLow = info.globals.get('__stack_low') ?? dataEnd;
  const region = `the user region [${hex(userBase)}, ${hex(userEnd)})`;
  if (dataStart < userBase) return { ok: false, message: `the module's data starts at ${hex(dataStart)}, below ${region} (link with --global-base=${userBase})` };
  const top = Math.max(dataEnd, stackHigh, info.globals.get('__heap_base') ?? 0);
  if (top > userEnd) {
    return { ok: false, message: `the program needs memory up to ${hex(top)} (data and stack: ${(top - dataStart).toLocaleString('en')} bytes), past the end of ${region}: ${(top - userEnd).toLocaleString('en')} bytes too many` };
  }
  if (stackLow < userBase) return { ok: false, message: `the module's stack starts at ${hex(stackLow)}, below ${region} (link with --no-stack-first)` };
  return { ok: true, dataStart, dataEnd, stackLow, stackHigh };
}
