// Helpers for the contract §3–§5 tests (spec-bounded, spec-vm-*): one debug kernel
// per test file, a fresh kernel and default options per test, and small
// wrappers that play user space (strings, buffers, argument words, timed calls).
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { UserImage } from '../host/image.ts';
import type { AtomSpec } from '../host/image.ts';
import { readTrace, readFiles } from '../host/records.ts';
import type { TraceRec, FileRec } from '../host/records.ts';
import * as L from '../abi/layout.ts';
import * as S from '../abi/syscall.ts';

const encoder = new TextEncoder();

/** Contents of a file of the boot image, as the repository holds it (src/engine-wasm/boot/). */
export function bootFile(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../boot${path}`, import.meta.url)));
}

export class Vm {
  img: UserImage;
  /** Every option's value in a freshly instantiated kernel (the defaults of assembly/param.ts). */
  readonly defaults: readonly number[];

  private constructor(readonly k: Kernel) {
    this.defaults = Array.from({ length: L.NOPT }, (_, id) => k.getOption(id));
    this.img = new UserImage(k);
  }

  /** A debug kernel, loaded once per test file. */
  static async load(): Promise<Vm> {
    return new Vm(await loadKernelNode('debug'));
  }

  /** Puts every option back to its default (options survive kernel_reset). */
  restoreOptions(): void {
    this.defaults.forEach((v, id) => this.k.setOption(id, v));
  }

  /** Default options, no injected faults, kernel_reset(seed), and an empty user image. */
  fresh(seed = 1): void {
    this.restoreOptions();
    this.k.clearFaults(); // injected faults survive kernel_reset too
    this.k.reset(seed);
    this.img = new UserImage(this.k);
  }

  /** Disk reads and fsyncs take exactly `latencyNs` (no jitter). */
  fixedDisk(latencyNs: number): void {
    this.k.setOption(L.OPT_DISK_LATENCY_NS, latencyNs);
    this.k.setOption(L.OPT_DISK_JITTER_NS, 0);
  }

  clock(): bigint {
    return this.k.counters().clockNs;
  }
  /** Virtual time one direct syscall entry costs. */
  get syscallNs(): bigint {
    return BigInt(this.k.getOption(L.OPT_SYSCALL_NS));
  }
  /** Virtual time one executed atom costs. */
  get atomNs(): bigint {
    return BigInt(this.k.getOption(L.OPT_ATOM_NS));
  }

  /** Runs fn and returns its result with the virtual time it took. */
  timed(fn: () => number): { r: number; dt: bigint } {
    const t0 = this.clock();
    const r = fn();
    return { r, dt: this.clock() - t0 };
  }

  // ── User memory ──────────────────────────────────────────────────────────
  str(text: string): number {
    return this.img.string(text);
  }
  /** n bytes of user memory, each set to `fill`. */
  buf(n: number, fill = 0): number {
    const at = this.img.alloc(Math.max(n, 1));
    this.k.bytes(at, n).fill(fill);
    return at;
  }
  /** Bytes placed in user memory (no NUL). */
  data(bytes: Uint8Array | string): { ptr: number; len: number } {
    const b = typeof bytes === 'string' ? encoder.encode(bytes) : bytes;
    const ptr = this.img.alloc(Math.max(b.length, 1), 1);
    this.k.writeBytes(ptr, b);
    return { ptr, len: b.length };
  }
  /** Argument words holding `values`: what an atom's arg_ptr[] points at. */
  args(...values: number[]): number[] {
    return values.map((v) => this.img.word(v));
  }
  atom(spec: AtomSpec, at?: number): number {
    return at === undefined ? this.img.atom(spec) : this.img.atom(spec, at);
  }
  text(ptr: number, len: number): string {
    return this.k.readString(ptr, len);
  }

  // ── Direct syscalls of the user task ─────────────────────────────────────
  open(path: string, flags = 0): number {
    return this.k.syscall(S.SYS_open, this.str(path), flags);
  }
  close(fd: number): number {
    return this.k.syscall(S.SYS_close, fd);
  }
  write(fd: number, text: Uint8Array | string): number {
    const d = this.data(text);
    return this.k.syscall(S.SYS_write, fd, d.ptr, d.len);
  }
  /** read(fd, n): the result and the bytes read as text. */
  read(fd: number, n: number): { r: number; text: string; ptr: number } {
    const ptr = this.buf(n);
    const r = this.k.syscall(S.SYS_read, fd, ptr, n);
    return { r, text: r > 0 ? this.text(ptr, r) : '', ptr };
  }
  lseek(fd: number, off: number, whence: number): number {
    return this.k.syscall(S.SYS_lseek, fd, off, whence);
  }
  /** nanosleep({sec, nsec}, NULL). */
  nanosleep(sec: number, nsec: number): number {
    const ts = this.img.alloc(8);
    this.k.setU32(ts, sec);
    this.k.setU32(ts + 4, nsec);
    return this.k.syscall(S.SYS_nanosleep, ts, 0);
  }
  /** pipe(fds): the result and both fds. */
  pipe(): { r: number; rfd: number; wfd: number } {
    const fds = this.img.alloc(8);
    const r = this.k.syscall(S.SYS_pipe, fds);
    return { r, rfd: this.k.i32(fds), wfd: this.k.i32(fds + 4) };
  }

  // ── Kernel records ───────────────────────────────────────────────────────
  trace(): TraceRec[] {
    return readTrace(this.k).records;
  }
  file(path: string): FileRec {
    const f = readFiles(this.k).find((x) => x.path === path && x.linked);
    if (!f) throw new Error(`no file ${path}`);
    return f;
  }
}
