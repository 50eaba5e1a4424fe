// Loads the kernel wasm in any environment (browser or Node) and checks that
// it offers the pinned ABI of SPEC.md §5 before anything else touches it.

/** The exports of release.wasm / debug.wasm. Numbers only cross the boundary. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  kernel_reset(seed: number): void;
  user_base(): number;
  user_end(): number;
  syscall(nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number;
  console_ptr(): number;
  console_len(): number;
}

export const ABI_EXPORTS = ['memory', 'kernel_reset', 'user_base', 'user_end', 'syscall', 'console_ptr', 'console_len'] as const;

export class KernelAbort extends Error {}

function abort(msgPtr: number, filePtr: number, line: number, col: number): never {
  throw new KernelAbort(`kernel abort at ${line}:${col} (message @${msgPtr >>> 0}, file @${filePtr >>> 0})`);
}

export type WasmSource = BufferSource | Response | Promise<Response>;

/** Instantiates the kernel from bytes or a fetch() response. Throws a clear Error on a bad module. */
export async function instantiateKernel<E extends KernelExports = KernelExports>(source: WasmSource): Promise<E> {
  const imports = { env: { abort } };
  let instance: WebAssembly.Instance;
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
  const exports = instance.exports as unknown as E;
  const missing = ABI_EXPORTS.filter((name) => !(name in exports));
  if (missing.length) throw new Error(`kernel wasm lacks the ABI exports: ${missing.join(', ')}`);
  return exports;
}
