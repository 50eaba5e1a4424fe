// Public surface of the host layer (no React, no DOM beyond fetch).
export { Kernel } from './kernel.ts';
export { instantiateKernel, KernelAbort, ABI_EXPORTS } from './instantiate.ts';
export type { KernelExports, WasmSource } from './instantiate.ts';
