// The kernel keeps time: a timer that is due fires before the next thread runs,
// whatever else is runnable. Virtual time advances with every atom, so a syslet
// that never sleeps makes timers due; before this rule, timers fired only when
// nothing was runnable, and a spinning cachemiss thread starved every sleeper
// and every disk read.
import { beforeAll, beforeEach, afterEach, describe, expect, test } from 'vitest';
import { Vm, bootFile } from './vm-helpers.ts';
import { consume } from '../host/image.ts';
import { readThreads } from '../host/records.ts';
import { formatTrace } from '../host/trace-format.ts';
import * as L from '../abi/layout.ts';
import * as F from '../abi/flags.ts';
import * as S from '../abi/syscall.ts';

let vm: Vm;
beforeAll(async () => {
  vm = await Vm.load();
});
beforeEach(() => vm.fresh());
afterEach(() => vm.restoreOptions());

const MS = 1_000_000;

/** A syslet that never ends and never sleeps: umem_add(counter, 1), next = itself, SYSLET_ASYNC. */
function spinner(): { atom: number; counter: number } {
  const counter = vm.img.word(0);
  const atom = vm.img.alloc(L.ATOM_BYTES);
  vm.atom({ nr: S.SYS_umem_add, args: vm.args(counter, 1), flags: F.SYSLET_ASYNC, next: atom }, atom);
  return { atom, counter };
}

/** An atom nanosleep(ns). */
function sleepAtom(ns: number): number {
  const ts = vm.img.alloc(8);
  vm.k.setU32(ts, Math.floor(ns / 1e9));
  vm.k.setU32(ts + 4, ns % 1e9);
  return vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts, 0) });
}

describe('the kernel keeps time', () => {
  test('a 1 ms nanosleep beside a spinning cachemiss thread completes at 1 ms of virtual time', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const spin = spinner();
    const nap = sleepAtom(MS);
    expect(k.syscall(S.SYS_async_exec, spin.atom, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_exec, nap, r.ahu)).toBe(0);
    const sleeper = readThreads(k).find((t) => t.state === 'sleeping');
    expect(sleeper?.why).toBe('timer');
    const wakeAt = sleeper!.wakeAt;
    // The user task waits for one completion while the spinner runs without end.
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(consume(k, r)).toBe(nap);
    const wake = vm.trace().find((t) => t.kind === 'wake' && t.tid === sleeper!.tid);
    // The timer fires at the first atom boundary at or after its wake-up time.
    expect(wake!.time >= wakeAt).toBe(true);
    expect(wake!.time - wakeAt < vm.atomNs).toBe(true);
    // The woken thread runs once the spinner's time slice ends: within one quantum.
    const post = vm.trace().find((t) => t.kind === 'post');
    expect(post!.tid).toBe(sleeper!.tid);
    expect(post!.time - wake!.time <= BigInt(k.getOption(L.OPT_QUANTUM)) * vm.atomNs).toBe(true);
    // The spinner ran meanwhile and is still alive.
    expect(k.u32(spin.counter)).toBeGreaterThan(0);
    expect(readThreads(k).filter((t) => t.tid !== 0).map((t) => [t.state, t.atom])).toEqual([['runnable', spin.atom]]);
  });

  test('a cold read beside a spinning cachemiss thread completes with the file data', () => {
    const { k } = vm;
    vm.fixedDisk(2 * MS);
    const r = vm.img.ring(4);
    const spin = spinner();
    const fd = vm.open('/etc/motd');
    const buf = vm.buf(64);
    const ret = vm.img.word(0);
    const read = vm.atom({ nr: S.SYS_read, args: vm.args(fd, buf, 64), ret });
    expect(k.syscall(S.SYS_async_exec, spin.atom, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_exec, read, r.ahu)).toBe(0);
    expect(vm.file('/etc/motd').pages[0]).toBe('inflight');
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(consume(k, r)).toBe(read);
    const n = k.i32(ret);
    expect(n).toBeGreaterThan(0);
    const motd = new TextDecoder().decode(bootFile('/etc/motd').slice(0, n));
    expect(vm.text(buf, n)).toBe(motd);
    expect(vm.file('/etc/motd').pages[0]).toBe('cached');
    expect(k.u32(spin.counter)).toBeGreaterThan(0);
  });

  test('threads whose timers fall due at the same instant beside a spinner wake in the order they went to sleep', () => {
    const { k } = vm;
    vm.fixedDisk(MS);
    const r = vm.img.ring(4);
    const spin = spinner();
    const fd = vm.open('/usr/share/dict/words');
    const pread = () => vm.atom({ nr: S.SYS_pread64, args: vm.args(fd, vm.buf(4), 1, 0, 0) });
    const b = pread();
    const c = pread();
    expect(k.syscall(S.SYS_async_exec, spin.atom, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_exec, b, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_exec, c, r.ahu)).toBe(0);
    const sleepers = readThreads(k).filter((t) => t.state === 'sleeping');
    expect(sleepers.length).toBe(2);
    expect(new Set(sleepers.map((t) => t.wakeAt)).size).toBe(1);
    expect(k.syscall(S.SYS_async_wait, 2, 0, r.ahu)).toBe(2);
    const blocks = vm.trace().filter((t) => t.kind === 'block');
    const wakes = vm.trace().filter((t) => t.kind === 'wake');
    expect(wakes.map((t) => t.tid)).toEqual(blocks.map((t) => t.tid));
    expect(wakes[0].time).toBe(wakes[1].time);
    expect([consume(k, r), consume(k, r)]).toEqual([b, c]);
  });

  test('a run stepped one event at a time keeps the same time as a run at full speed', () => {
    const { k } = vm;
    const run = (stepped: boolean): string => {
      vm.fresh();
      k.setOption(L.OPT_QUANTUM, 300);
      const r = vm.img.ring(4);
      const spin = spinner();
      const nap = sleepAtom(MS / 4);
      expect(k.syscall(S.SYS_async_exec, spin.atom, r.ahu)).toBe(0);
      expect(k.syscall(S.SYS_async_exec, nap, r.ahu)).toBe(0);
      if (stepped) {
        expect(k.enter(S.SYS_async_wait, 1, 0, r.ahu)).toBe(0);
        while (k.busy) k.step(1);
        expect(k.result).toBe(1);
      } else {
        expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
      }
      return formatTrace(vm.trace().filter((t) => t.kind !== 'atom'));
    };
    const full = run(false);
    expect(full).toContain('wake');
    expect(run(true)).toBe(full);
  });
});

