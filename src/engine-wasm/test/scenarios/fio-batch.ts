// fio's syslet engine in miniature: the file is opened once, then a batch of
// 16 pread64 "iocbs" at different offsets, one single-atom syslet each, is
// submitted in a loop (all miss the page cache, so all return 0), and reaped
// with async_wait(1, ahu->user_ring_idx, ahu) until every one has completed.
import type { Kernel } from '../../host/kernel.ts';
import { UserImage } from '../../host/image.ts';
import { SYS_open, SYS_close, SYS_pread64, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import { O_RDONLY } from '../../abi/flags.ts';
import { type ScenarioResult, userRingIdx, drain, result } from './libc.ts';

export const FIO_DEPTH = 16;
export const FIO_BLOCK = 512;
export const FIO_STRIDE = 1489; // some blocks share a page, some straddle two

export function fioBatch(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(FIO_DEPTH);
  const fdNum = k.syscall(SYS_open, img.string('/usr/share/dict/words'), O_RDONLY);
  const fd = img.word(fdNum);
  const count = img.word(FIO_BLOCK);
  const zero = img.word(0);
  const iocbs = Array.from({ length: FIO_DEPTH }, (_, i) => {
    const buf = img.alloc(FIO_BLOCK);
    const bufp = img.word(buf);
    const off = img.word(i * FIO_STRIDE);
    const res = img.word(0);
    const atom = img.atom({ nr: SYS_pread64, args: [fd, bufp, count, off, zero], ret: res });
    return { atom, buf, res };
  });

  const execs = iocbs.map((io) => k.syscall(SYS_async_exec, io.atom, r.ahu));
  const waits: number[] = [];
  const order: number[] = [];
  for (let reaped = 0; reaped < FIO_DEPTH && waits.length < 2 * FIO_DEPTH;) {
    waits.push(k.syscall(SYS_async_wait, 1, userRingIdx(k, r), r.ahu));
    for (const a of drain(k, r)) {
      order.push(iocbs.findIndex((io) => io.atom === a));
      reaped++;
    }
  }
  const closed = k.syscall(SYS_close, fdNum);
  return result(k, r, {
    fd: fdNum, execs, waits, order, closed,
    results: iocbs.map((io) => k.i32(io.res)),
    data: iocbs.map((io) => k.readString(io.buf, FIO_BLOCK)),
  });
}
