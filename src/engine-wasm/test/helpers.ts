// Shared setup for the contract §1/§2 unit tests (spec-records, spec-walk,
// spec-cachemiss, spec-ring). The host plays user space: everything here lays
// out user memory the way a C program would, then calls the kernel.
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { UserImage } from '../host/image.ts';
import type { AtomSpec, Ring } from '../host/image.ts';
import { readTrace, readThreads } from '../host/records.ts';
import type { TraceKind, TraceRec, ThreadRec } from '../host/records.ts';
import * as L from '../abi/layout.ts';
import {
  SYS_async_exec, SYS_async_wait, SYS_open, SYS_pipe, SYS_write, SYS_nanosleep, SYS_read, SYS_getpid,
  SYS_umem_add,
} from '../abi/syscall.ts';

export { L };

/** Option values of a freshly instantiated kernel, captured once per kernel. */
const DEFAULT_OPTS = new WeakMap<Kernel, number[]>();

/** Instantiates the debug kernel (once per test file, in beforeAll). */
export async function loadKernel(): Promise<Kernel> {
  const k = await loadKernelNode('debug');
  const opts: number[] = [];
  for (let id = 0; id < L.NOPT; id++) opts.push(k.getOption(id));
  DEFAULT_OPTS.set(k, opts);
  return k;
}

/**
 * A fresh machine for one test: options back to their defaults and no injected
 * faults (both survive kernel_reset, and a test may have changed them), kernel_reset(seed), and a
 * user image allocating from user_base.
 */
export function fresh(k: Kernel, seed = 1): UserImage {
  const opts = DEFAULT_OPTS.get(k);
  if (!opts) throw new Error('kernel not made by loadKernel()');
  opts.forEach((v, id) => k.setOption(id, v));
  k.clearFaults(); // injected faults survive kernel_reset too
  k.reset(seed);
  return new UserImage(k);
}

// ── Words and arguments (arguments are passed BY POINTER) ─────────────────

/** Words holding each value; the addresses go into arg_ptr[]. */
export function argWords(img: UserImage, ...values: number[]): number[] {
  return values.map((v) => img.word(v >>> 0));
}

/** A "pointer word": a word holding the address `p` (e.g. a buffer's). */
export function ptrWord(img: UserImage, p: number): number {
  return img.word(p >>> 0);
}

/** An i386 struct timespec { i32 tv_sec; i32 tv_nsec } for `ns`. */
export function timespec(img: UserImage, ns: number): number {
  const at = img.alloc(8);
  img.k.setU32(at, Math.floor(ns / 1e9));
  img.k.setU32(at + 4, ns % 1e9);
  return at;
}

/** Args of write(fd, text): words holding fd, the buffer address and the length. */
export function writeArgs(img: UserImage, fd: number, text: string): number[] {
  const buf = img.string(text);
  return argWords(img, fd, buf, new TextEncoder().encode(text).length);
}

/** An atom writing `text` to fd 1 (the console). */
export function writeAtom(img: UserImage, text: string, spec: Omit<AtomSpec, 'nr' | 'args'> = {}): number {
  return img.atom({ ...spec, nr: SYS_write, args: writeArgs(img, 1, text) });
}

/** An atom nanosleep(ns). */
export function sleepAtom(img: UserImage, ns: number, spec: Omit<AtomSpec, 'nr' | 'args'> = {}): number {
  return img.atom({ ...spec, nr: SYS_nanosleep, args: [ptrWord(img, timespec(img, ns))] });
}

/** An atom getpid() (never waits, returns 1). */
export function getpidAtom(img: UserImage, spec: Omit<AtomSpec, 'nr' | 'args'> = {}): number {
  return img.atom({ ...spec, nr: SYS_getpid });
}

/** An atom umem_add(uptr, inc): arg_ptr[0] points at a word holding uptr. */
export function umemAtom(img: UserImage, uptr: number, inc: number, spec: Omit<AtomSpec, 'nr' | 'args'> = {}): number {
  return img.atom({ ...spec, nr: SYS_umem_add, args: argWords(img, uptr, inc) });
}

/** Opens `path` with a direct syscall (never waits); returns the fd. */
export function openFd(k: Kernel, img: UserImage, path: string, flags = 0): number {
  const fd = k.syscall(SYS_open, img.string(path), flags);
  if (fd < 0) throw new Error(`open ${path} = ${fd}`);
  return fd;
}

/** A read(fd, buf, count) atom on a fresh buffer; `buf` is where the data lands. */
export function readAtom(
  img: UserImage, fd: number, count: number, spec: Omit<AtomSpec, 'nr' | 'args'> = {},
): { atom: number; buf: number } {
  const buf = img.alloc(count);
  return { atom: img.atom({ ...spec, nr: SYS_read, args: argWords(img, fd, buf, count) }), buf };
}

/** A read atom of a cold boot file (opened first): it must wait for the disk. */
export function coldReadAtom(
  k: Kernel, img: UserImage, path = '/etc/motd', count = 4096, spec: Omit<AtomSpec, 'nr' | 'args'> = {},
): { atom: number; buf: number; fd: number } {
  const fd = openFd(k, img, path);
  return { ...readAtom(img, fd, count, spec), fd };
}

/** A pipe made with a direct syscall. */
export function makePipe(k: Kernel, img: UserImage): { r: number; w: number } {
  const fds = img.alloc(8);
  const rc = k.syscall(SYS_pipe, fds);
  if (rc !== 0) throw new Error(`pipe = ${rc}`);
  return { r: k.i32(fds), w: k.i32(fds + 4) };
}

/** Direct write(fd, text) by the user task. */
export function userWrite(k: Kernel, img: UserImage, fd: number, text: string): number {
  const buf = img.string(text);
  return k.syscall(SYS_write, fd, buf, new TextEncoder().encode(text).length);
}

/** Direct nanosleep(ns) by the user task: lets cachemiss threads run for ns of virtual time. */
export function userSleep(k: Kernel, img: UserImage, ns: number): number {
  return k.syscall(SYS_nanosleep, timespec(img, ns), 0);
}

// ── async_exec / async_wait ───────────────────────────────────────────────

export function asyncExec(k: Kernel, atom: number, ahu: number): number {
  return k.syscall(SYS_async_exec, atom, ahu);
}

export function asyncWait(k: Kernel, minEvents: number, userRingIdx: number, ahu: number): number {
  return k.syscall(SYS_async_wait, minEvents, userRingIdx, ahu);
}

/** The ring's slots as user memory holds them now. */
export function slots(k: Kernel, r: Ring): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.entries; i++) out.push(k.u32(r.ring + 4 * i));
  return out;
}

export function kernelRingIdx(k: Kernel, ahu: number): number {
  return k.u32(ahu + L.AHU_KERNEL_RING_IDX);
}

// ── Trace and threads ─────────────────────────────────────────────────────

export function trace(k: Kernel, since = 0): TraceRec[] {
  return readTrace(k, since).records;
}

export function traceOf(k: Kernel, kind: TraceKind, since = 0): TraceRec[] {
  return trace(k, since).filter((r) => r.kind === kind);
}

/** Trace kinds since `since`, without the user task's syscall/sysret bracketing. */
export function kinds(k: Kernel, since = 0): TraceKind[] {
  return trace(k, since).map((r) => r.kind).filter((x) => x !== 'syscall' && x !== 'sysret');
}

/** The trace sequence number now (pass to trace()/kinds() to read only later records). */
export function traceMark(k: Kernel): number {
  return readTrace(k).next;
}

/** Live cachemiss threads (tid 0 excluded). */
export function cachemiss(k: Kernel): ThreadRec[] {
  return readThreads(k).filter((t) => t.tid !== 0);
}

// ── Memory ────────────────────────────────────────────────────────────────

/** A copy of all of user memory. */
export function userMem(k: Kernel): Uint8Array {
  return k.bytes(k.userBase, k.userEnd - k.userBase).slice();
}

/** Addresses of the 4-byte-aligned words (relative to user_base) that differ. */
export function changedWords(k: Kernel, before: Uint8Array, after: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < before.length; i += 4) {
    if (before[i] !== after[i] || before[i + 1] !== after[i + 1] || before[i + 2] !== after[i + 2] || before[i + 3] !== after[i + 3]) {
      out.push(k.userBase + i);
    }
  }
  return out;
}

/** Raw atom fields written at `at` by offset, without the UserImage helper. */
export function rawAtom(k: Kernel, at: number, f: { flags?: number; nr: number; ret?: number; next?: number; args?: number[]; priv?: number }): void {
  k.setU32(at + 0, f.flags ?? 0);
  k.setU32(at + 4, f.nr);
  k.setU32(at + 8, f.ret ?? 0);
  k.setU32(at + 12, f.next ?? 0);
  const args = f.args ?? [];
  for (let i = 0; i < args.length; i++) k.setU32(at + 16 + 4 * i, args[i]);
  if (f.priv !== undefined) k.setU32(at + 40, f.priv);
}

export const MS = 1_000_000;
export const SEC = 1_000_000_000;
