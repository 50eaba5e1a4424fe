// A read that finds its page already being read from disk waits for that read:
// its wait reason is WHY_DISK_INFLIGHT ('disk-inflight'), not WHY_DISK ('disk',
// "this read started a disk read"), in the thread table and in the block, wake
// and handoff trace records.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Vm } from './vm-helpers.ts';
import { consume } from '../host/image.ts';
import { readThreads } from '../host/records.ts';
import * as L from '../abi/layout.ts';
import * as S from '../abi/syscall.ts';

let vm: Vm;
beforeAll(async () => {
  vm = await Vm.load();
});
beforeEach(() => {
  vm.fresh();
  vm.fixedDisk(2_000_000);
});
afterEach(() => vm.restoreOptions());

const WORDS = '/usr/share/dict/words';

/** A pread64(fd, buf, n, off) atom. */
function pread(fd: number, n: number, off: number): number {
  return vm.atom({ nr: S.SYS_pread64, args: vm.args(fd, vm.buf(n), n, off, 0) });
}

describe('waiting for a disk read already in flight', () => {
  test('the first reader of a cold page waits on disk, a second reader of that page on disk-inflight', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const fd = vm.open(WORDS);
    const first = pread(fd, 16, 0);
    const second = pread(fd, 16, 100);
    expect(k.syscall(S.SYS_async_exec, first, r.ahu)).toBe(0);
    expect(vm.file(WORDS).pages[0]).toBe('inflight');
    expect(k.syscall(S.SYS_async_exec, second, r.ahu)).toBe(0);
    const waits = readThreads(k).filter((t) => t.tid !== 0).map((t) => [t.tid, t.state, t.why, t.waitArg]);
    const ino = vm.file(WORDS).ino;
    expect(waits).toEqual([[1, 'sleeping', 'disk', ino << 16], [2, 'sleeping', 'disk-inflight', ino << 16]]);
    const blocks = vm.trace().filter((t) => t.kind === 'block');
    expect(blocks.map((b) => [b.tid, b.aux, b.aux2])).toEqual([[1, L.WHY_DISK, ino << 16], [2, L.WHY_DISK_INFLIGHT, ino << 16]]);
    const handoffs = vm.trace().filter((t) => t.kind === 'handoff');
    expect(handoffs.map((h) => h.aux2)).toEqual([L.WHY_DISK, L.WHY_DISK_INFLIGHT]);
    // One disk read serves both: they wake at the instant it completes, and both get their data.
    expect(k.syscall(S.SYS_async_wait, 2, 0, r.ahu)).toBe(2);
    const wakes = vm.trace().filter((t) => t.kind === 'wake');
    expect(wakes.map((w) => [w.tid, w.aux])).toEqual([[1, L.WHY_DISK], [2, L.WHY_DISK_INFLIGHT]]);
    expect(wakes[0].time).toBe(wakes[1].time);
    expect([consume(k, r), consume(k, r)]).toEqual([first, second]);
    expect(vm.file(WORDS).pages[0]).toBe('cached');
  });

  test('a read over an in-flight page and a cold one starts a read itself: it waits on disk', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const fd = vm.open(WORDS);
    expect(k.syscall(S.SYS_async_exec, pread(fd, 16, 0), r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_exec, pread(fd, 200, L.PAGE_BYTES - 100), r.ahu)).toBe(0);
    expect(readThreads(k).filter((t) => t.tid !== 0).map((t) => t.why)).toEqual(['disk', 'disk']);
    expect(vm.file(WORDS).pages.slice(0, 2)).toEqual(['inflight', 'inflight']);
  });

  test('the user task reading a page a cachemiss thread is reading waits on disk-inflight', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const fd = vm.open(WORDS);
    expect(k.syscall(S.SYS_async_exec, pread(fd, 16, 0), r.ahu)).toBe(0);
    const buf = vm.buf(16);
    expect(k.enter(S.SYS_pread64, fd, buf, 16, 0, 0)).toBe(0);
    while (!vm.trace().some((t) => t.kind === 'block' && t.tid === 0)) expect(k.step(1)).toBe(1);
    expect(readThreads(k)[0].why).toBe('disk-inflight');
    while (k.busy) k.step(100);
    expect(k.result).toBe(16);
    expect(vm.trace().filter((t) => t.kind === 'wake').map((w) => [w.tid, w.aux])).toEqual([[1, L.WHY_DISK], [0, L.WHY_DISK_INFLIGHT]]);
  });
});
