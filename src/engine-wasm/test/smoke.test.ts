import { test, expect } from 'vitest';
import { loadKernelNode } from '../host/node.ts';
import { UserImage, consume } from '../host/image.ts';
import { SYS_write, SYS_async_exec, SYS_async_wait, SYS_open, SYS_read, SYS_close, SYS_umem_add } from '../abi/syscall.ts';
import * as F from '../abi/flags.ts';

test('smoke', async () => {
  const k = await loadKernelNode('debug');
  const img = new UserImage(k);
  const fd = img.word(1);
  const buf = img.string('Hello Syslet World!\n');
  const size = img.word(20);
  const r = img.ring(4);
  const bufp = img.word(buf);
  const atom = img.atom({ nr: SYS_write, args: [fd, bufp, size] });
  const done = k.syscall(SYS_async_exec, atom, r.ahu);
  expect(done).toBe(atom);
  expect(k.consoleText()).toBe('Hello Syslet World!\n');
  // cold read
  const path = img.string('/etc/motd');
  const flags = img.word(0);
  const fdv = img.word(0);
  const rbuf = img.alloc(4096);
  const rbufp = img.word(rbuf);
  const cnt = img.word(4096);
  const pathp = img.word(path);
  const nread = img.word(0);
  const close = img.atom({ nr: SYS_close, args: [fdv] });
  const read = img.atom({ nr: SYS_read, args: [fdv, rbufp, cnt], ret: nread, next: close });
  const open = img.atom({ nr: SYS_open, args: [pathp, flags], ret: fdv, next: read, flags: F.SYSLET_STOP_ON_NEGATIVE });
  const res = k.syscall(SYS_async_exec, open, r.ahu);
  expect(res).toBe(0);
  const w = k.syscall(SYS_async_wait, 1, 0, r.ahu);
  expect(w).toBe(1);
  expect(consume(k, r)).toBe(close);
  console.log(k.i32(nread), k.readString(rbuf, k.i32(nread)), k.counters());
  // countdown
  const count = img.word(1000);
  const countp = img.word(count);
  const m1 = img.word(-1 >>> 0);
  const cd = img.alloc(44);
  img.atom({ nr: SYS_umem_add, args: [countp, m1], flags: F.SYSLET_STOP_ON_ZERO, next: cd }, cd);
  expect(k.syscall(SYS_async_exec, cd, r.ahu)).toBe(cd);
  expect(k.u32(count)).toBe(0);
});

import { readTrace } from '../host/records.ts';
import { formatTrace } from '../host/trace-format.ts';
test('trace print: one readable line per record, in the order the story happens', async () => {
  const k = await loadKernelNode('debug');
  k.reset(1);
  const img = new UserImage(k);
  const r = img.ring(4);
  const path = img.string('/etc/motd');
  const pathp = img.word(path);
  const flags = img.word(0);
  const fdv = img.word(0);
  const rbuf = img.alloc(4096);
  const rbufp = img.word(rbuf);
  const cnt = img.word(4096);
  const close = img.atom({ nr: SYS_close, args: [fdv] });
  const read = img.atom({ nr: SYS_read, args: [fdv, rbufp, cnt], next: close });
  const open = img.atom({ nr: SYS_open, args: [pathp, flags], ret: fdv, next: read });
  expect(k.syscall(SYS_async_exec, open, r.ahu)).toBe(0);
  expect(k.syscall(SYS_async_wait, 1, 0, r.ahu)).toBe(1);
  const lines = formatTrace(readTrace(k).records).trimEnd().split('\n');
  const hex = (n: number) => '0x' + n.toString(16);
  // Each line: time, thread, what happened; the records' kinds in the order of the cold read's story.
  for (const line of lines) expect(line).toMatch(/^t=\d+ thr=\d+ \S/);
  expect(lines.map((l) => l.split(' ')[2])).toEqual(['syscall', 'head', 'handoff', 'block', 'sysret', 'syscall', 'wake', 'ran', 'ran', 'post', 'exit', 'sysret']);
  expect(lines[1]).toContain(`atom=${hex(open)} open(`);
  expect(lines[1]).toMatch(/= 3$/);
  expect(lines[2]).toBe(`${lines[2].split(' ').slice(0, 2).join(' ')} handoff atom=${hex(read)} -> thread 1 (disk)`);
  expect(lines[7]).toContain(`ran atom=${hex(read)} read(3, ${hex(rbuf)}, 4096) = `);
  expect(lines[8]).toContain(`ran atom=${hex(close)} close(3) = 0 -> last`);
  expect(lines[9]).toContain(`post atom=${hex(close)} slot=0`);
  expect(lines[11]).toMatch(/sysret async_wait = 1$/);
});
