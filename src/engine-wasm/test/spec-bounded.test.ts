// contract §3: bounded work. Every call returns after a bounded amount of work;
// budgets hand syslets off or cut waits with -EINTR; deadlocks end in -EINTR;
// cachemiss threads are time-sliced and wake in sleep order.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Vm } from './vm-helpers.ts';
import { consume } from '../host/image.ts';
import { readThreads } from '../host/records.ts';
import * as L from '../abi/layout.ts';
import * as F from '../abi/flags.ts';
import * as S from '../abi/syscall.ts';
import { EINTR } from '../abi/errno.ts';

let vm: Vm;
beforeAll(async () => {
  vm = await Vm.load();
});
beforeEach(() => vm.fresh());
afterEach(() => vm.restoreOptions());

/** An endless syslet: one umem_add(counter, 1) atom whose next is itself. Returns [atom, counter]. */
function endlessLoop(flags = 0): [number, number] {
  const counter = vm.img.word(0);
  const at = vm.img.alloc(L.ATOM_BYTES);
  vm.atom({ nr: S.SYS_umem_add, args: vm.args(counter, 1), flags, next: at }, at);
  return [at, counter];
}

describe('§3 budgets', () => {
  test('§3 a syslet that exhausts its budget in the head is handed to a cachemiss thread and async_exec returns 0', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    k.setU32(r.ahu + L.AHU_NEW_THREAD_STACK, 0xdead);
    const [loop, counter] = endlessLoop();
    expect(k.syscall(S.SYS_async_exec, loop, r.ahu)).toBe(0);
    // The head ran a bounded number of atoms, at least 10,000 (contract §3).
    const ran = k.u32(counter);
    expect(ran).toBeGreaterThanOrEqual(10_000);
    expect(ran).toBeLessThanOrEqual(k.getOption(L.OPT_CALL_BUDGET));
    // Handed off "as if it had blocked": a live cachemiss thread at the loop atom, new_thread_stack cleared.
    const handoffs = vm.trace().filter((t) => t.kind === 'handoff');
    expect(handoffs.map((h) => [h.atom, h.aux2])).toEqual([[loop, L.HANDOFF_BUDGET]]);
    expect(k.counters().liveThreads).toBe(1);
    expect(k.u32(r.ahu + L.AHU_NEW_THREAD_STACK)).toBe(0);
    expect(readThreads(k).filter((t) => t.tid !== 0).map((t) => [t.state, t.atom])).toEqual([['runnable', loop]]);
  });

  test('§3 the smallest call budget the kernel accepts still lets the head run at least 10,000 atoms', () => {
    const { k } = vm;
    expect(() => k.setOption(L.OPT_CALL_BUDGET, 9_999)).toThrow(RangeError);
    k.setOption(L.OPT_CALL_BUDGET, 10_000);
    const r = vm.img.ring(4);
    const [loop, counter] = endlessLoop();
    expect(k.syscall(S.SYS_async_exec, loop, r.ahu)).toBe(0);
    expect(k.u32(counter)).toBeGreaterThanOrEqual(10_000);
  });

  test('§3 a syslet handed off for budget goes on in the cachemiss thread from where the head stopped', () => {
    const { k } = vm;
    k.setOption(L.OPT_CALL_BUDGET, 10_000);
    const r = vm.img.ring(4);
    const count = vm.img.word(15_000);
    const loop = vm.img.alloc(L.ATOM_BYTES);
    vm.atom({ nr: S.SYS_umem_add, args: vm.args(count, -1 >>> 0), flags: F.SYSLET_STOP_ON_ZERO, next: loop }, loop);
    const atoms0 = k.counters().atoms;
    expect(k.syscall(S.SYS_async_exec, loop, r.ahu)).toBe(0);
    const left = k.u32(count);
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThan(15_000);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(consume(k, r)).toBe(loop);
    expect(k.u32(count)).toBe(0);
    // Nothing was run twice or skipped: exactly 15,000 atoms in all.
    expect(k.counters().atoms - atoms0).toBe(15_000);
  });

  test('§3 async_wait that cannot finish within its budget returns -EINTR', () => {
    const { k } = vm;
    k.setOption(L.OPT_CALL_BUDGET, 10_000);
    const r = vm.img.ring(4);
    const [loop, counter] = endlessLoop(F.SYSLET_ASYNC);
    expect(k.syscall(S.SYS_async_exec, loop, r.ahu)).toBe(0);
    expect(k.u32(counter)).toBe(0);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(-EINTR);
    const ran = k.u32(counter);
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThanOrEqual(10_000);
    // The syslet is still outstanding: the next wait goes on with it.
    expect(k.counters().liveThreads).toBe(1);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(-EINTR);
    expect(k.u32(counter)).toBeGreaterThan(ran);
    expect(k.u32(r.ring)).toBe(0);
  });
});

describe('§3 the budget counts work (engine.md, "What one call may cost")', () => {
  /** Runs a loop of the atom `nr(args)` (next = itself) through async_exec; returns the atoms the head ran. */
  function headAtoms(nr: number, args: number[]): number {
    const { k } = vm;
    const r = vm.img.ring(4);
    const at = vm.img.alloc(L.ATOM_BYTES);
    vm.atom({ nr, args, next: at }, at);
    const atoms0 = k.counters().atoms;
    expect(k.syscall(S.SYS_async_exec, at, r.ahu)).toBe(0); // handed off when the budget is spent
    expect(vm.trace().filter((t) => t.kind === 'handoff').map((h) => h.aux2)).toEqual([L.HANDOFF_BUDGET]);
    return k.counters().atoms - atoms0;
  }

  test('§3 an atom that fills a megabyte costs one event plus one per 64 bytes: 65 of them spend the default budget', () => {
    const n = 0xfe000;
    const fd = vm.open('/dev/zero');
    const budget = vm.k.getOption(L.OPT_CALL_BUDGET);
    const perAtom = 1 + Math.floor(n / 64);
    // The walk ends after the atom whose work spends what is left: the first k with k * perAtom >= budget.
    expect(headAtoms(S.SYS_read, vm.args(fd, vm.img.alloc(n), n))).toBe(Math.ceil(budget / perAtom));
  });

  test('§3 at the smallest budget, one expensive atom still runs, and cheap atoms still run 10,000 times', () => {
    vm.k.setOption(L.OPT_CALL_BUDGET, 10_000);
    const fd = vm.open('/dev/zero');
    expect(headAtoms(S.SYS_read, vm.args(fd, vm.img.alloc(0xfe000), 0xfe000))).toBe(1);
    vm.fresh();
    vm.k.setOption(L.OPT_CALL_BUDGET, 10_000);
    expect(headAtoms(S.SYS_getpid, [])).toBeGreaterThanOrEqual(10_000);
  });

  test('§3 a long path costs its bytes: open of a 4,095-byte path runs fewer atoms per call than open of a short one', () => {
    const long = vm.img.string('/' + 'p'.repeat(4094));
    const short = vm.img.string('/p');
    const longAtoms = headAtoms(S.SYS_open, vm.args(long, 0));
    vm.fresh();
    const shortAtoms = headAtoms(S.SYS_open, vm.args(short, 0));
    expect(longAtoms).toBeLessThan(shortAtoms / 100);
    expect(longAtoms).toBeGreaterThan(0);
  });

  test('§3 pipe data is charged by the byte: a write and read of 4 KiB in a loop is cut long before the event budget', () => {
    const { rfd, wfd } = vm.pipe();
    const { k } = vm;
    const r = vm.img.ring(4);
    const buf = vm.img.alloc(4096);
    const wr = vm.img.alloc(L.ATOM_BYTES);
    const rd = vm.img.alloc(L.ATOM_BYTES);
    vm.atom({ nr: S.SYS_write, args: vm.args(wfd, buf, 4096), next: rd }, wr);
    vm.atom({ nr: S.SYS_read, args: vm.args(rfd, buf, 4096), next: wr }, rd);
    const atoms0 = k.counters().atoms;
    expect(k.syscall(S.SYS_async_exec, wr, r.ahu)).toBe(0);
    const ran = k.counters().atoms - atoms0;
    // Each atom moves 4,096 bytes (64 more) and wakes the other end (a scan of 257 threads, 64 more).
    expect(ran).toBeGreaterThan(1_000);
    expect(ran).toBeLessThan(k.getOption(L.OPT_CALL_BUDGET) / 64);
  });

  test('§3 the tables a call scans are charged: pipe() with every fd open costs its fd-table scan', () => {
    const { k } = vm;
    for (let fd = 3; fd < L.NOFILE; fd++) expect(vm.open('/dev/null')).toBe(fd);
    const budget = k.getOption(L.OPT_CALL_BUDGET);
    // Each atom: its event and the scan of 64 fds (64 steps, 16 events); pipe() then gives -EMFILE.
    expect(headAtoms(S.SYS_pipe, vm.args(vm.img.alloc(8)))).toBe(Math.ceil(budget / (1 + L.NOFILE / 4)));
  });

  test('§3 a thread that sleeps costs 8 events more than the events it runs (its wait, wake-up and switches)', () => {
    const { k } = vm;
    k.setOption(L.OPT_CALL_BUDGET, 10_000);
    const r = vm.img.ring(4);
    const ts = vm.img.alloc(8);
    k.setU32(ts + 4, 1_000); // 1 µs
    const at = vm.img.alloc(L.ATOM_BYTES);
    vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts, 0), flags: F.SYSLET_ASYNC, next: at }, at);
    expect(k.syscall(S.SYS_async_exec, at, r.ahu)).toBe(0);
    const before = k.counters();
    expect(k.syscall(S.SYS_async_wait, 1, k.u32(r.ahu + L.AHU_USER_RING_IDX), r.ahu)).toBe(-EINTR);
    const after = k.counters();
    const sleeps = vm.trace().filter((t) => t.kind === 'block' && t.nr === S.SYS_nanosleep && t.event > before.events).length;
    const events = after.events - before.events;
    // The call ends once its events and its sleeps' charges reach the budget.
    expect(sleeps).toBeGreaterThan(100);
    expect(events + 8 * sleeps).toBeGreaterThanOrEqual(10_000);
    expect(events + 8 * sleeps).toBeLessThan(10_000 + 8 + 4);
  });
});

describe('§3 deadlock', () => {
  test('§3 a direct call that waits with nothing runnable and no timer pending returns -EINTR', () => {
    const { k } = vm;
    const p = vm.pipe();
    expect(p.r).toBe(0);
    const buf = vm.buf(16);
    const { r, dt } = vm.timed(() => k.syscall(S.SYS_read, p.rfd, buf, 16));
    expect(r).toBe(-EINTR);
    expect(dt).toBe(vm.syscallNs); // no virtual time passes in a deadlock
    expect(vm.trace().filter((t) => t.kind === 'deadlock')).toHaveLength(1);
    // The pipe still works afterwards.
    expect(vm.write(p.wfd, 'ok')).toBe(2);
    expect(vm.read(p.rfd, 16).text).toBe('ok');
  });

  test('§3 async_wait whose syslets can never finish returns -EINTR (deadlock)', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const p = vm.pipe();
    const ret = vm.img.word(0x5555);
    const a = vm.atom({ nr: S.SYS_read, args: vm.args(p.rfd, vm.buf(8), 8), ret });
    expect(k.syscall(S.SYS_async_exec, a, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(-EINTR);
    expect(vm.trace().some((t) => t.kind === 'deadlock')).toBe(true);
    // The cachemiss thread still waits for data; giving it some ends the syslet.
    expect(k.u32(ret)).toBe(0x5555);
    expect(vm.write(p.wfd, 'abc')).toBe(3);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(consume(k, r)).toBe(a);
    expect(k.i32(ret)).toBe(3);
  });

  test('§3 a SYNC atom in a deadlock gets -EINTR stored and the walk goes on', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const p = vm.pipe();
    const ret1 = vm.img.word(0x5555);
    const ret2 = vm.img.word(0x5555);
    const second = vm.atom({ nr: S.SYS_getpid, ret: ret2 });
    const first = vm.atom({ nr: S.SYS_read, args: vm.args(p.rfd, vm.buf(8), 8), ret: ret1, flags: F.SYSLET_SYNC, next: second });
    // The head slept in place and finished the syslet: the cached path returns the final atom.
    expect(k.syscall(S.SYS_async_exec, first, r.ahu)).toBe(second);
    expect(k.i32(ret1)).toBe(-EINTR);
    expect(k.i32(ret2)).toBe(S.PLAYGROUND_PID);
    expect(k.counters().liveThreads).toBe(0);
    expect(k.u32(r.ring)).toBe(0);
  });

  test('§3 the stop conditions see the -EINTR of a deadlocked SYNC atom', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const p = vm.pipe();
    const ret1 = vm.img.word(0);
    const ret2 = vm.img.word(0x5555);
    const second = vm.atom({ nr: S.SYS_getpid, ret: ret2 });
    const first = vm.atom({
      nr: S.SYS_read, args: vm.args(p.rfd, vm.buf(8), 8), ret: ret1,
      flags: F.SYSLET_SYNC | F.SYSLET_STOP_ON_NEGATIVE, next: second,
    });
    expect(k.syscall(S.SYS_async_exec, first, r.ahu)).toBe(first);
    expect(k.i32(ret1)).toBe(-EINTR);
    expect(k.u32(ret2)).toBe(0x5555);
  });
});

describe('§3 virtual-time budget', () => {
  test('§3 a direct wait longer than the virtual-time budget returns -EINTR when the budget is spent', () => {
    const { k } = vm;
    k.setOption(L.OPT_WAIT_NS_MAX, 3_000_000);
    const over = vm.timed(() => vm.nanosleep(0, 3_000_001));
    expect(over.r).toBe(-EINTR);
    expect(over.dt).toBe(vm.syscallNs + 3_000_000n);
    // A wait of exactly the budget does not outlast it.
    const exact = vm.timed(() => vm.nanosleep(0, 3_000_000));
    expect(exact.r).toBe(0);
    expect(exact.dt).toBe(vm.syscallNs + 3_000_000n);
  });

  test('§3 the default virtual-time budget cuts a 5 s nanosleep', () => {
    const max = BigInt(vm.k.getOption(L.OPT_WAIT_NS_MAX));
    expect(max).toBeLessThan(5_000_000_000n);
    const { r, dt } = vm.timed(() => vm.nanosleep(5, 0));
    expect(r).toBe(-EINTR);
    expect(dt).toBe(vm.syscallNs + max);
  });

  test('§3 a SYNC atom that outlasts the virtual-time budget stores -EINTR and the walk goes on', () => {
    const { k } = vm;
    k.setOption(L.OPT_WAIT_NS_MAX, 1_000_000);
    const r = vm.img.ring(4);
    const ts = vm.img.alloc(8);
    k.setU32(ts, 1); // 1 s
    const ret1 = vm.img.word(0);
    const ret2 = vm.img.word(0);
    const second = vm.atom({ nr: S.SYS_getpid, ret: ret2 });
    const first = vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts), ret: ret1, flags: F.SYSLET_SYNC, next: second });
    const { r: res, dt } = vm.timed(() => k.syscall(S.SYS_async_exec, first, r.ahu));
    expect(res).toBe(second);
    expect(k.i32(ret1)).toBe(-EINTR);
    expect(k.i32(ret2)).toBe(S.PLAYGROUND_PID);
    expect(dt).toBe(vm.syscallNs + 1_000_000n + 2n * vm.atomNs);
  });

  test('§3 async_wait longer than the virtual-time budget returns -EINTR; the syslet goes on', () => {
    const { k } = vm;
    k.setOption(L.OPT_WAIT_NS_MAX, 1_000_000);
    const r = vm.img.ring(4);
    const ts = vm.img.alloc(8);
    k.setU32(ts + 4, 2_500_000); // 2.5 ms
    const a = vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts) });
    expect(k.syscall(S.SYS_async_exec, a, r.ahu)).toBe(0);
    const t0 = vm.clock();
    const w1 = vm.timed(() => k.syscall(S.SYS_async_wait, 1, 0, r.ahu));
    expect(w1).toEqual({ r: -EINTR, dt: vm.syscallNs + 1_000_000n });
    const w2 = vm.timed(() => k.syscall(S.SYS_async_wait, 1, 0, r.ahu));
    expect(w2).toEqual({ r: -EINTR, dt: vm.syscallNs + 1_000_000n });
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(consume(k, r)).toBe(a);
    // The sleep began when async_exec ran the atom (t0) and ended 2.5 ms later (plus the atom's cost).
    expect(vm.clock()).toBe(t0 + 2_500_000n + vm.atomNs);
  });
});

describe('§3 when things run', () => {
  test('§3 each executed atom costs a small fixed virtual time', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    let next = 0;
    for (let i = 0; i < 5; i++) next = vm.atom({ nr: S.SYS_getpid, next });
    const { r: res, dt } = vm.timed(() => k.syscall(S.SYS_async_exec, next, r.ahu));
    expect(res).not.toBe(0);
    expect(vm.atomNs).toBeGreaterThan(0n);
    expect(dt).toBe(vm.syscallNs + 5n * vm.atomNs);
  });

  test('§3 cachemiss threads run only while the user task is inside a waiting call', () => {
    const { k } = vm;
    vm.fixedDisk(1_000_000);
    const r = vm.img.ring(4);
    const fd = vm.open('/etc/motd');
    const a = vm.atom({ nr: S.SYS_read, args: vm.args(fd, vm.buf(64), 64) });
    expect(k.syscall(S.SYS_async_exec, a, r.ahu)).toBe(0);
    // Calls that do not wait let no time pass for the thread.
    for (let i = 0; i < 3; i++) expect(k.syscall(S.SYS_getpid)).toBe(S.PLAYGROUND_PID);
    expect(k.u32(r.ring)).toBe(0);
    expect(readThreads(k)[1].state).toBe('sleeping');
    // A blocking syscall of the user task lets it run: it finishes and posts during the nanosleep.
    expect(vm.nanosleep(0, 2_000_000)).toBe(0);
    expect(k.u32(r.ring)).toBe(a);
    expect(k.counters().liveThreads).toBe(0);
  });

  test('§3 cachemiss threads are time-sliced: two looping syslets both progress', () => {
    const { k } = vm;
    k.setOption(L.OPT_CALL_BUDGET, 10_000);
    k.setOption(L.OPT_QUANTUM, 100);
    const r = vm.img.ring(4);
    const [la, ca] = endlessLoop(F.SYSLET_ASYNC);
    const [lb, cb] = endlessLoop(F.SYSLET_ASYNC);
    expect(k.syscall(S.SYS_async_exec, la, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_exec, lb, r.ahu)).toBe(0);
    const atoms0 = k.counters().atoms;
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(-EINTR);
    const a = k.u32(ca);
    const b = k.u32(cb);
    expect(a + b).toBe(k.counters().atoms - atoms0);
    expect(a + b).toBeGreaterThan(5_000);
    expect(Math.abs(a - b)).toBeLessThanOrEqual(100);
  });

  test('§3 threads that become runnable at the same instant run in the order they went to sleep', () => {
    const { k } = vm;
    vm.fixedDisk(1_000_000);
    const r = vm.img.ring(4);
    const fd = vm.open('/usr/share/dict/words');
    const pread = () => vm.args(fd, vm.buf(4), 1, 0, 0);
    // A is submitted first but sleeps last: its first atom is handed off with SYSLET_ASYNC.
    const a1 = vm.atom({ nr: S.SYS_pread64, args: pread() });
    const a0 = vm.atom({ nr: S.SYS_getpid, flags: F.SYSLET_ASYNC, next: a1 });
    const b = vm.atom({ nr: S.SYS_pread64, args: pread() });
    const c = vm.atom({ nr: S.SYS_pread64, args: pread() });
    for (const atom of [a0, b, c]) expect(k.syscall(S.SYS_async_exec, atom, r.ahu)).toBe(0);
    // B (tid 2) and C (tid 3) sleep on page 0 now; A (tid 1) reaches it only inside async_wait.
    // Step async_wait until all three sleep: they wake at one instant, the end of the disk read.
    expect(k.enter(S.SYS_async_wait, 3, 0, r.ahu)).toBe(0);
    while (vm.trace().filter((t) => t.kind === 'block').length < 3) expect(k.step(1)).toBe(1);
    const sleepers = readThreads(k).filter((t) => t.tid !== 0);
    // B started the disk read; C and A wait for that read in flight.
    expect(sleepers.map((t) => [t.tid, t.state, t.why])).toEqual([[1, 'sleeping', 'disk-inflight'], [2, 'sleeping', 'disk'], [3, 'sleeping', 'disk-inflight']]);
    expect(new Set(sleepers.map((t) => t.wakeAt)).size).toBe(1);
    while (k.busy) k.step(1000);
    expect(k.result).toBe(3);
    const blocks = vm.trace().filter((t) => t.kind === 'block');
    const wakes = vm.trace().filter((t) => t.kind === 'wake');
    expect(blocks.map((t) => t.tid)).toEqual([2, 3, 1]);
    expect(wakes.map((t) => t.tid)).toEqual([2, 3, 1]);
    expect([consume(k, r), consume(k, r), consume(k, r)]).toEqual([b, c, a1]);
  });
});
