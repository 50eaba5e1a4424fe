// Public surface of the host layer (no React, no DOM beyond fetch).
export { Kernel } from './kernel.ts';
export type { KernelCounters } from './kernel.ts';
export { instantiateKernel, KernelAbort, ABI_EXPORTS, PLAYGROUND_EXPORTS } from './instantiate.ts';
export type { KernelExports, WasmSource } from './instantiate.ts';
export { UserImage, writeAtom, consume } from './image.ts';
export type { AtomSpec, Ring } from './image.ts';
export { readThread, readThreads, readTrace, readFiles, readRing } from './records.ts';
export type { ThreadRec, TraceRec, FileRec, RingRec, TraceKind, ThreadState, PageState, WaitReason } from './records.ts';
export { formatTrace, formatTraceLine, describe } from './trace-format.ts';
export { SYSCALLS, syscallByNr, syscallByName, syscallName, formatResult } from './syscalls.ts';
export type { SyscallInfo } from './syscalls.ts';
