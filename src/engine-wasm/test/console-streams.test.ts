// stderr apart from stdout: the console buffer (console_ptr/console_len, pinned)
// mixes fds 1 and 2; CONERR marks which bytes came from fd 2, and the host's
// consoleStreams() gives the runs of each stream, oldest first.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Vm } from './vm-helpers.ts';
import * as L from '../abi/layout.ts';
import * as S from '../abi/syscall.ts';
import { consolePosition, consoleUnreadable, readConsoleSince } from '../host/console-read.ts';

let vm: Vm;
beforeAll(async () => {
  vm = await Vm.load();
});
beforeEach(() => vm.fresh());
afterEach(() => vm.restoreOptions());

const joined = () => vm.k.consoleStreams().map((r) => r.text).join('');

describe('console streams', () => {
  test('runs of stdout and stderr in the order they were written, covering the console text', () => {
    expect(vm.k.consoleStreams()).toEqual([]);
    expect(vm.write(1, 'out\n')).toBe(4);
    expect(vm.write(2, 'oops\n')).toBe(5);
    expect(vm.write(2, 'again\n')).toBe(6);
    expect(vm.write(1, 'more')).toBe(4);
    expect(vm.k.consoleStreams()).toEqual([
      { fd: 1, text: 'out\n' },
      { fd: 2, text: 'oops\nagain\n' },
      { fd: 1, text: 'more' },
    ]);
    expect(joined()).toBe(vm.k.consoleText());
  });

  test('the stream is the fd written to: /dev/tty opened anew writes stdout, or stderr once it is fd 2', () => {
    const tty = vm.open('/dev/tty', 1);
    expect(tty).toBe(3);
    vm.write(tty, 'via 3;');
    expect(vm.close(2)).toBe(0);
    expect(vm.open('/dev/tty', 1)).toBe(2);
    vm.write(2, 'via new 2');
    expect(vm.k.consoleStreams()).toEqual([{ fd: 1, text: 'via 3;' }, { fd: 2, text: 'via new 2' }]);
  });

  test('an atom writing to fd 2 in a cachemiss thread is stderr', () => {
    const { k } = vm;
    const r = vm.img.ring(4);
    const msg = vm.data('from a syslet\n');
    const ts = vm.img.alloc(8);
    k.setU32(ts + 4, 1000);
    const say = vm.atom({ nr: S.SYS_write, args: vm.args(2, msg.ptr, msg.len) });
    const nap = vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts, 0), next: say });
    expect(k.syscall(S.SYS_async_exec, nap, r.ahu)).toBe(0);
    vm.write(1, 'head\n');
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(vm.trace().some((t) => t.kind === 'atom' && t.nr === S.SYS_write && t.tid !== 0)).toBe(true);
    expect(k.consoleStreams()).toEqual([{ fd: 1, text: 'head\n' }, { fd: 2, text: 'from a syslet\n' }]);
  });

  test('a UTF-8 character stays whole in its run', () => {
    vm.write(1, 'Grüße ');
    vm.write(2, 'ünïcödé ✓');
    vm.write(1, ' 日本');
    expect(vm.k.consoleStreams()).toEqual([{ fd: 1, text: 'Grüße ' }, { fd: 2, text: 'ünïcödé ✓' }, { fd: 1, text: ' 日本' }]);
    expect(joined()).toBe(vm.k.consoleText());
  });

  test('when the console keeps only its newest bytes, the streams follow the window', () => {
    // A host model of the stream: every byte with its fd; the console keeps the last CONSOLE_BYTES.
    const model: number[] = [];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    const sizes = [...Array.from({ length: 60 }, () => 1 + rand(3000)), L.CONSOLE_BYTES + 123, 5, 40_000, 17];
    sizes.forEach((n, i) => {
      const fd = i % 3 === 1 || n > L.CONSOLE_BYTES ? 2 : 1;
      const ch = 'a'.charCodeAt(0) + (i % 26);
      expect(vm.write(fd, new Uint8Array(n).fill(ch))).toBe(n);
      for (let j = 0; j < n; j++) model.push(fd);
    });
    const kept = model.slice(-L.CONSOLE_BYTES);
    expect(vm.k.exports.console_len()).toBe(L.CONSOLE_BYTES);
    const runs: { fd: number; n: number }[] = [];
    for (const fd of kept) {
      if (runs.length && runs[runs.length - 1].fd === fd) runs[runs.length - 1].n++;
      else runs.push({ fd, n: 1 });
    }
    expect(vm.k.consoleStreams().map((r) => ({ fd: r.fd, n: r.text.length }))).toEqual(runs);
    expect(joined()).toBe(vm.k.consoleText());
  });

  test('the stderr marks leave the pinned layout alone: same user region, same console_ptr window', () => {
    expect(vm.k.userBase).toBe(L.USER_BASE);
    expect(vm.k.userEnd).toBe(L.USER_END);
    expect(L.CONERR_END).toBeLessThanOrEqual(L.KERNEL_END);
    expect(L.CONERR_BASE).toBeGreaterThanOrEqual(L.TRACE_END);
    vm.write(2, 'e');
    expect(vm.k.consoleText()).toBe('e');
    expect(vm.k.exports.console_ptr()).toBe(L.CONSOLE_BASE);
  });
});

describe('the console read as a stream (host/console-read.ts, the command line)', () => {
  const text = (runs: { fd: number; bytes: Uint8Array }[]) => runs.map((r) => ({ fd: r.fd, text: new TextDecoder().decode(r.bytes) }));

  test('the bytes since a position, in runs of one fd, and the position to read from next', () => {
    const start = consolePosition(vm.k);
    expect(start).toBe(0);
    vm.write(1, 'out\n');
    vm.write(2, 'oops\n');
    const first = readConsoleSince(vm.k, start);
    expect(text(first.runs)).toEqual([{ fd: 1, text: 'out\n' }, { fd: 2, text: 'oops\n' }]);
    expect(first).toMatchObject({ next: 9, lost: 0 });
    vm.write(2, 'again\n');
    vm.write(1, 'more');
    const second = readConsoleSince(vm.k, first.next);
    expect(text(second.runs)).toEqual([{ fd: 2, text: 'again\n' }, { fd: 1, text: 'more' }]);
    expect(readConsoleSince(vm.k, second.next)).toEqual({ runs: [], next: second.next, lost: 0 });
    // Read from the start, the runs are consoleStreams()'s.
    expect(text(readConsoleSince(vm.k, 0).runs)).toEqual(vm.k.consoleStreams());
  });

  test('bytes the window no longer holds are counted lost, the rest read exactly', () => {
    vm.write(1, new Uint8Array(1000).fill(0x61));
    const from = consolePosition(vm.k);
    vm.write(2, new Uint8Array(L.CONSOLE_BYTES).fill(0x62));
    vm.write(1, new Uint8Array(100).fill(0x63));
    expect(consoleUnreadable(vm.k, from)).toBe(100);
    const r = readConsoleSince(vm.k, from);
    expect(r.lost).toBe(100);
    expect(r.runs.map((x) => ({ fd: x.fd, n: x.bytes.length, b: x.bytes[0] }))).toEqual([
      { fd: 2, n: L.CONSOLE_BYTES - 100, b: 0x62 },
      { fd: 1, n: 100, b: 0x63 },
    ]);
    expect(consoleUnreadable(vm.k, r.next)).toBe(0);
  });
});
