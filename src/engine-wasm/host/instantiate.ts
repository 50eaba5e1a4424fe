// Loads the kernel wasm in any environment (browser or Node) and checks that
// it offers the pinned ABI of contract §5 and the playground's exports before
// anything else touches it.
import { KERNEL_END } from '../abi/layout.ts';

/** The exports of release.wasm / debug.wasm. Numbers only cross the boundary. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  // contract §5, pinned
  kernel_reset(seed: number): void;
  user_base(): number;
  user_end(): number;
  syscall(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number;
  console_ptr(): number;
  console_len(): number;
  // docs/engine.md, the playground's own
  kernel_end(): number;
  kernel_set_option(id: number, value: number): number;
  kernel_get_option(id: number): number;
  ksys_enter(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number;
  kstep(limit: number): number;
  ksys_busy(): number;
  ksys_result(): number;
  // docs/engine.md, fault injection: an addition
  kernel_fault_set(atom: number, kind: number, value: number, nth: number): number;
  kernel_latency_set(path: number, len: number, page: number, ns: number): number;
  kernel_fault_clear(): void;
}

export const ABI_EXPORTS = ['memory', 'kernel_reset', 'user_base', 'user_end', 'syscall', 'console_ptr', 'console_len'] as const;
export const PLAYGROUND_EXPORTS = [
  'kernel_end', 'kernel_set_option', 'kernel_get_option', 'ksys_enter', 'kstep', 'ksys_busy', 'ksys_result',
  'kernel_fault_set', 'kernel_latency_set', 'kernel_fault_clear',
] as const;

export class KernelAbort extends Error {}

/** An AssemblyScript string (UTF-16LE; its byte length is the word before it), or '' if unreadable. */
function asString(memory: WebAssembly.Memory | undefined, ptr: number): string {
  ptr >>>= 0;
  if (!memory || ptr < 4 || ptr > memory.buffer.byteLength) return '';
  const bytes = new DataView(memory.buffer).getUint32(ptr - 4, true);
  if (bytes % 2 !== 0 || ptr + bytes > memory.buffer.byteLength) return '';
  return new TextDecoder('utf-16le').decode(new Uint8Array(memory.buffer, ptr, bytes));
}

/** env.abort: a failed assert() of the debug kernel (its message and source position), or a trap. */
function makeAbort(memoryOf: () => WebAssembly.Memory | undefined) {
  return (msgPtr: number, filePtr: number, line: number, col: number): never => {
    const memory = memoryOf();
    const msg = asString(memory, msgPtr) || `message @${msgPtr >>> 0}`;
    const file = asString(memory, filePtr) || `file @${filePtr >>> 0}`;
    throw new KernelAbort(`kernel abort: ${msg} (${file}:${line}:${col})`);
  };
}

export type WasmSource = BufferSource | Response | Promise<Response>;

/** Instantiates the kernel from bytes or a fetch() response. Throws a clear Error on a bad module. */
export async function instantiateKernel(source: WasmSource): Promise<KernelExports> {
  let instance: WebAssembly.Instance | undefined;
  const abort = makeAbort(() => (instance?.exports as { memory?: WebAssembly.Memory } | undefined)?.memory);
  const imports = { env: { abort } };
  if (source instanceof Promise || (typeof Response !== 'undefined' && source instanceof Response)) {
    const response = await source;
    if (!response.ok) throw new Error(`kernel wasm: HTTP ${response.status} for ${response.url}`);
    const fallback = response.clone();
    try {
      instance = (await WebAssembly.instantiateStreaming(response, imports)).instance;
    } catch {
      // A server without the application/wasm MIME type: compile from bytes instead.
      instance = (await WebAssembly.instantiate(await fallback.arrayBuffer(), imports)).instance;
    }
  } else {
    instance = (await WebAssembly.instantiate(source as BufferSource, imports)).instance;
  }
  const exports = instance.exports as unknown as KernelExports;
  const missing = [...ABI_EXPORTS, ...PLAYGROUND_EXPORTS].filter((name) => !(name in exports));
  if (missing.length) throw new Error(`kernel wasm lacks the exports: ${missing.join(', ')}`);
  if (exports.kernel_end() >>> 0 !== KERNEL_END) {
    throw new Error(`kernel wasm was built for another memory map (kernel_end ${exports.kernel_end() >>> 0}, host expects ${KERNEL_END})`);
  }
  return exports;
}
