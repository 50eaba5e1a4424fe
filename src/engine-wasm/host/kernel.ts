// Typed wrapper over the kernel's exports. Its DataView is checked against
// memory.buffer on every access, so a grown memory never leaves it stale.
import type { KernelExports } from './instantiate.ts';
import * as L from '../abi/layout.ts';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Kernel counters from KSTATE. */
export interface KernelCounters {
  readonly clockNs: bigint;
  readonly events: number;
  readonly atoms: number;
  readonly posted: number;
  readonly lost: number;
  readonly traceSeq: number;
  readonly liveThreads: number;
  readonly seed: number;
}

export class Kernel {
  private cachedView: DataView;

  constructor(readonly exports: KernelExports) {
    this.cachedView = new DataView(exports.memory.buffer);
  }

  get memory(): WebAssembly.Memory {
    return this.exports.memory;
  }
  get userBase(): number {
    return this.exports.user_base() >>> 0;
  }
  get userEnd(): number {
    return this.exports.user_end() >>> 0;
  }

  /** A fresh kernel: user memory zeroed, boot image, clock 0. Options are kept. */
  reset(seed = 1): void {
    this.exports.kernel_reset(seed >>> 0);
  }

  /** One whole system call of the user task. Returns the signed result (-errno on failure). */
  syscall(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): number {
    return this.exports.syscall(nr, a0 >>> 0, a1 >>> 0, a2 >>> 0, a3 >>> 0, a4 >>> 0, a5 >>> 0) | 0;
  }

  /** Enters a syscall without running it; run it with step(). Returns 0 or -EBUSY. */
  enter(nr: number, a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0): number {
    return this.exports.ksys_enter(nr, a0 >>> 0, a1 >>> 0, a2 >>> 0, a3 >>> 0, a4 >>> 0, a5 >>> 0) | 0;
  }
  /** Runs at most `limit` kernel events; returns how many ran. */
  step(limit = 1): number {
    return this.exports.kstep(limit >>> 0) >>> 0;
  }
  /** True while the user task is inside the kernel. */
  get busy(): boolean {
    return this.exports.ksys_busy() !== 0;
  }
  /** Result of the user task's last finished call. */
  get result(): number {
    return this.exports.ksys_result() | 0;
  }

  setOption(id: number, value: number): void {
    if (this.exports.kernel_set_option(id, value >>> 0) !== 0) throw new RangeError(`kernel option ${id} = ${value} is not valid`);
  }
  getOption(id: number): number {
    return this.exports.kernel_get_option(id) >>> 0;
  }

  /**
   * Injects a fault into the atom at `atom` (kind L.FK_*; L.FK_NONE removes it):
   * `value` is the errno, the ns or the byte count; `nth` 0 for every run, else
   * only that run since reset. Kept across reset(), like the options.
   */
  setFault(atom: number, kind: number, value = 0, nth = 0): void {
    const rc = this.exports.kernel_fault_set(atom >>> 0, kind >>> 0, value >>> 0, nth >>> 0);
    if (rc === -2) throw new RangeError(`at most ${L.NFAULT} atoms may carry a fault`);
    if (rc !== 0) throw new RangeError(`fault ${kind} = ${value} on the atom at 0x${(atom >>> 0).toString(16)} is not valid`);
  }
  /** Gives `path` (text as UTF-8, or its bytes) a disk latency of `ns` for page `page`, or every page. Kept across reset(). */
  setLatency(path: string | Uint8Array, ns: number, page: number = L.LAT_ALL): void {
    const bytes = typeof path === 'string' ? encoder.encode(path) : path;
    if (bytes.length === 0 || bytes.length > L.LAT_PATH_MAX) throw new RangeError(`a latency's path is 1 to ${L.LAT_PATH_MAX} bytes`);
    this.writeBytes(L.LAT_PATHBUF, bytes);
    const rc = this.exports.kernel_latency_set(L.LAT_PATHBUF, bytes.length, page >>> 0, ns >>> 0);
    if (rc === -2) throw new RangeError(`at most ${L.NLATENCY} latencies may be set`);
    if (rc !== 0) throw new RangeError(`latency ${ns} ns for ${decoder.decode(bytes)} page ${page} is not valid`);
  }
  /** Removes every injected fault and latency. */
  clearFaults(): void {
    this.exports.kernel_fault_clear();
  }

  /** A copy of the whole machine state (memory below kernel_end). */
  snapshot(): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, 0, L.KERNEL_END).slice();
  }
  /** Puts back a state taken with snapshot(). */
  restore(state: Uint8Array): void {
    new Uint8Array(this.exports.memory.buffer, 0, L.KERNEL_END).set(state);
  }

  counters(): KernelCounters {
    const v = this.view();
    const k = L.KSTATE_BASE;
    return {
      clockNs: v.getBigUint64(k + L.KSTATE_CLOCK, true),
      events: v.getUint32(k + L.KSTATE_EVENTS, true),
      atoms: v.getUint32(k + L.KSTATE_ATOMS, true),
      posted: v.getUint32(k + L.KSTATE_POSTED, true),
      lost: v.getUint32(k + L.KSTATE_LOST, true),
      traceSeq: v.getUint32(k + L.KSTATE_TRACE_SEQ, true),
      liveThreads: v.getUint32(k + L.KSTATE_NLIVE, true),
      seed: v.getUint32(k + L.KSTATE_SEED, true),
    };
  }

  /** A DataView of memory; made anew whenever memory.buffer has been replaced. */
  view(): DataView {
    const buffer = this.exports.memory.buffer;
    if (this.cachedView.buffer !== buffer) this.cachedView = new DataView(buffer);
    return this.cachedView;
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
  /** Writes text as UTF-8 (NUL-terminated unless nul = false); returns the bytes written. */
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

  /**
   * The console as runs of consecutive bytes from one stream, oldest first:
   * fd 2 (stderr) or fd 1 (stdout, and any other fd on the tty). Their texts
   * joined are exactly consoleText(). A UTF-8 character stays in the run of
   * its first byte.
   */
  consoleStreams(): { fd: 1 | 2; text: string }[] {
    const len = this.exports.console_len() >>> 0;
    const bytes = this.bytes(this.exports.console_ptr() >>> 0, len).slice();
    const v = this.view();
    const first = (v.getUint32(L.KSTATE_BASE + L.KSTATE_CON_TOTAL, true) - len) >>> 0;
    const mask = this.bytes(L.CONERR_BASE, L.CONERR_BYTES);
    const runs: { fd: 1 | 2; text: string }[] = [];
    let start = 0;
    let fd: 1 | 2 = 1;
    for (let j = 0; j <= len; j++) {
      let next: 1 | 2 = fd;
      if (j < len && (j === 0 || (bytes[j] & 0xc0) !== 0x80)) {
        const p = (first + j) % L.CONSOLE_BYTES;
        next = (mask[p >> 3] >> (p & 7)) & 1 ? 2 : 1;
      }
      if (j === len || (j > start && next !== fd)) {
        if (j > start) runs.push({ fd, text: decoder.decode(bytes.subarray(start, j)) });
        start = j;
      }
      fd = next;
    }
    return runs;
  }
}
