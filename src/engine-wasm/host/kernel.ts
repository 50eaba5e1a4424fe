// Typed wrapper over the kernel's exports. It never caches a view of memory:
// memory.buffer may be replaced, so each access makes a fresh one.
import type { KernelExports } from './instantiate.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export class Kernel {
  constructor(readonly exports: KernelExports) {}

  get memory(): WebAssembly.Memory {
    return this.exports.memory;
  }
  get userBase(): number {
    return this.exports.user_base() >>> 0;
  }
  get userEnd(): number {
    return this.exports.user_end() >>> 0;
  }

  /** A fresh kernel: user memory zeroed, boot image, clock 0. */
  reset(seed = 1): void {
    this.exports.kernel_reset(seed >>> 0);
  }

  /** The user task enters the kernel. Returns the signed result (-errno on failure). */
  syscall(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): number {
    return this.exports.syscall(nr, a0, a1, a2, a3, a4, a5) | 0;
  }

  view(): DataView {
    return new DataView(this.exports.memory.buffer);
  }
  bytes(ptr: number, len: number): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, ptr, len);
  }
  u32(ptr: number): number {
    return this.view().getUint32(ptr, true);
  }
  i32(ptr: number): number {
    return this.view().getInt32(ptr, true);
  }
  setU32(ptr: number, value: number): void {
    this.view().setUint32(ptr, value >>> 0, true);
  }
  writeBytes(ptr: number, data: Uint8Array): void {
    this.bytes(ptr, data.length).set(data);
  }
  writeString(ptr: number, text: string, nul = true): number {
    const data = encoder.encode(nul ? text + '\0' : text);
    this.writeBytes(ptr, data);
    return data.length;
  }
  readString(ptr: number, len: number): string {
    return decoder.decode(this.bytes(ptr, len).slice());
  }

  /** The console (fds 1 and 2) since reset, oldest first. */
  consoleText(): string {
    return this.readString(this.exports.console_ptr() >>> 0, this.exports.console_len() >>> 0);
  }
}
