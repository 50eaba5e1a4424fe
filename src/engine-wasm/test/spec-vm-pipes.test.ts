// contract §4: pipes. pipe(fds) fills a user array; a pipe has a fixed capacity;
// read on an empty pipe waits for data (0 once no write end is open); write to
// a full pipe waits for room; -EPIPE when no read end is open.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Vm } from './vm-helpers.ts';
import { consume } from '../host/image.ts';
import type { Ring } from '../host/image.ts';
import { readThreads } from '../host/records.ts';
import * as L from '../abi/layout.ts';
import * as F from '../abi/flags.ts';
import * as S from '../abi/syscall.ts';
import * as E from '../abi/errno.ts';

let vm: Vm;
beforeAll(async () => {
  vm = await Vm.load();
});
beforeEach(() => vm.fresh());
afterEach(() => vm.restoreOptions());

const CAP = L.PIPE_BYTES; // the playground's pipe capacity

/** Submits one atom nr(args) with a ret word; expects it to block (async_exec returns 0). */
function blockedAtom(r: Ring, nr: number, args: number[]): { atom: number; ret: number } {
  const ret = vm.img.word(0x5555);
  const atom = vm.atom({ nr, args: vm.args(...args), ret });
  expect(vm.k.syscall(S.SYS_async_exec, atom, r.ahu)).toBe(0);
  expect(vm.k.u32(ret)).toBe(0x5555);
  return { atom, ret };
}

/** Waits for the one outstanding syslet; returns its stored result. */
function finish(r: Ring, s: { atom: number; ret: number }): number {
  expect(vm.k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
  expect(consume(vm.k, r)).toBe(s.atom);
  return vm.k.i32(s.ret);
}

function why(tid: number): string {
  return readThreads(vm.k)[tid]?.why ?? 'none';
}

describe('§4 pipes', () => {
  test('§4 pipe stores a read fd and a write fd in the user array; bytes come out in order', () => {
    const { k } = vm;
    const fds = vm.img.alloc(8);
    expect(k.syscall(S.SYS_pipe, fds)).toBe(0);
    const rfd = k.i32(fds);
    const wfd = k.i32(fds + 4);
    expect([rfd, wfd]).toEqual([3, 4]);
    expect(vm.write(wfd, 'hello')).toBe(5);
    expect(vm.write(wfd, ' world')).toBe(6);
    expect(vm.read(rfd, 3).text).toBe('hel');
    expect(vm.read(rfd, 100)).toMatchObject({ r: 8, text: 'lo world' });
    // Each end does one thing; pipes do not seek (Linux errors).
    expect(vm.write(rfd, 'x')).toBe(-E.EBADF);
    expect(vm.read(wfd, 1).r).toBe(-E.EBADF);
    expect(vm.lseek(rfd, 0, F.SEEK_SET)).toBe(-E.ESPIPE);
  });

  test('§4 a pipe holds PIPE_BYTES bytes; writes that fit complete at once', () => {
    const { k } = vm;
    const p = vm.pipe();
    const big = vm.buf(CAP, 0x61);
    expect(vm.timed(() => k.syscall(S.SYS_write, p.wfd, big, CAP - 100))).toEqual({ r: CAP - 100, dt: vm.syscallNs });
    expect(vm.timed(() => k.syscall(S.SYS_write, p.wfd, big, 100))).toEqual({ r: 100, dt: vm.syscallNs });
    // Full: one more byte must wait, and the user task alone can never make room (§3 deadlock).
    expect(k.syscall(S.SYS_write, p.wfd, big, 1)).toBe(-E.EINTR);
    const out = vm.buf(2 * CAP);
    expect(k.syscall(S.SYS_read, p.rfd, out, 2 * CAP)).toBe(CAP);
    expect(k.bytes(out, CAP).every((b) => b === 0x61)).toBe(true);
  });

  test('§4 write to a full pipe waits for room', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const p = vm.pipe();
    expect(k.syscall(S.SYS_write, p.wfd, vm.buf(CAP, 0x61), CAP)).toBe(CAP);
    const z = vm.data('Z');
    const w = blockedAtom(r, S.SYS_write, [p.wfd, z.ptr, 1]);
    expect(why(1)).toBe('pipe-write');
    // A wait that does not read leaves the writer blocked.
    expect(vm.nanosleep(0, 1_000_000)).toBe(0);
    expect(k.u32(w.ret)).toBe(0x5555);
    expect(vm.read(p.rfd, 10).r).toBe(10);
    expect(finish(r, w)).toBe(1);
    const rest = vm.read(p.rfd, 2 * CAP);
    expect(rest.r).toBe(CAP - 10 + 1);
    expect(rest.text.at(-1)).toBe('Z');
  });

  test('§4 writes of at most PIPE_BYTES are atomic: they wait until all of it fits', () => {
    // Kernel choice, as POSIX PIPE_BUF: no partial write of a small write.
    const { k } = vm;
    const r = vm.img.ring(4);
    const p = vm.pipe();
    expect(k.syscall(S.SYS_write, p.wfd, vm.buf(CAP, 0x61), CAP - 100)).toBe(CAP - 100);
    const w = blockedAtom(r, S.SYS_write, [p.wfd, vm.buf(200, 0x62), 200]);
    expect(vm.read(p.rfd, 96).r).toBe(96); // room 196: still too little
    expect(vm.nanosleep(0, 1000)).toBe(0);
    expect(k.u32(w.ret)).toBe(0x5555);
    expect(vm.read(p.rfd, 4).r).toBe(4); // room 200
    expect(finish(r, w)).toBe(200);
    // A write larger than the pipe puts in what fits and returns that count.
    const q = vm.pipe();
    expect(k.syscall(S.SYS_write, q.wfd, vm.buf(CAP + 500), CAP + 500)).toBe(CAP);
  });

  test('§4 read on an empty pipe waits for data', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const p = vm.pipe();
    const buf = vm.buf(16);
    const rd = blockedAtom(r, S.SYS_read, [p.rfd, buf, 16]);
    expect(why(1)).toBe('pipe-read');
    expect(vm.nanosleep(0, 1_000_000)).toBe(0);
    expect(k.u32(rd.ret)).toBe(0x5555);
    expect(vm.write(p.wfd, 'hi')).toBe(2);
    expect(finish(r, rd)).toBe(2);
    expect(vm.text(buf, 2)).toBe('hi');
  });

  test('§4 read on an empty pipe returns 0 once no write end is open', () => {
    const { k } = vm;
    const p = vm.pipe();
    // Buffered bytes are read first, then end of file at once.
    expect(vm.write(p.wfd, 'ab')).toBe(2);
    expect(vm.close(p.wfd)).toBe(0);
    expect(vm.read(p.rfd, 16).text).toBe('ab');
    expect(vm.timed(() => vm.read(p.rfd, 16).r)).toEqual({ r: 0, dt: vm.syscallNs });
    // A reader already waiting wakes with 0 when the last write end closes.
    const r = vm.img.ring(4);
    const q = vm.pipe();
    const rd = blockedAtom(r, S.SYS_read, [q.rfd, vm.buf(8), 8]);
    expect(vm.close(q.wfd)).toBe(0);
    expect(finish(r, rd)).toBe(0);
    expect(k.counters().liveThreads).toBe(0);
  });

  test('§4 write to a pipe whose read end is closed gives -EPIPE', () => {
    const p = vm.pipe();
    expect(vm.close(p.rfd)).toBe(0);
    expect(vm.write(p.wfd, 'x')).toBe(-E.EPIPE);
    // A writer waiting for room gets -EPIPE when the last read end closes.
    const { k } = vm;
    const r = vm.img.ring(4);
    const q = vm.pipe();
    expect(k.syscall(S.SYS_write, q.wfd, vm.buf(CAP), CAP)).toBe(CAP);
    const w = blockedAtom(r, S.SYS_write, [q.wfd, vm.buf(1), 1]);
    expect(vm.close(q.rfd)).toBe(0);
    expect(finish(r, w)).toBe(-E.EPIPE);
  });

  test('§4 pipes connect cachemiss threads: a writer syslet feeds a blocked reader syslet', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const p = vm.pipe();
    const buf = vm.buf(8);
    const rd = blockedAtom(r, S.SYS_read, [p.rfd, buf, 8]);
    const msg = vm.data('syslet');
    const wret = vm.img.word(0);
    const wr = vm.atom({ nr: S.SYS_write, args: vm.args(p.wfd, msg.ptr, msg.len), ret: wret, flags: F.SYSLET_ASYNC });
    expect(k.syscall(S.SYS_async_exec, wr, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_wait, 2, 0, r.ahu)).toBe(2);
    expect(new Set([consume(k, r), consume(k, r)])).toEqual(new Set([rd.atom, wr]));
    expect(k.i32(wret)).toBe(6);
    expect(k.i32(rd.ret)).toBe(6);
    expect(vm.text(buf, 6)).toBe('syslet');
  });
});
