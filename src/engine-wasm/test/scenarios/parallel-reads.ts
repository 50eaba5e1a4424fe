// Four syslets, each open -> read -> close of a different cold chapter file.
// Every read misses the page cache, so each async_exec returns 0 at once and
// four cachemiss threads wait for the disk side by side. One async_wait for all
// four returns when the ring (four entries) is full; then the program drains it.
import type { Kernel } from '../../host/kernel.ts';
import { UserImage } from '../../host/image.ts';
import { SYS_open, SYS_read, SYS_close, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import { O_RDONLY, SYSLET_STOP_ON_NEGATIVE } from '../../abi/flags.ts';
import { type ScenarioResult, userRingIdx, drain, ringSlots, result } from './libc.ts';

export const CHAPTERS = [1, 2, 3, 4].map((i) => `/usr/share/doc/syslet/chapter${i}.txt`);
const CHAPTER_BUF_BYTES = 8192;

export function parallelReads(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(CHAPTERS.length);
  const oflags = img.word(O_RDONLY);
  const count = img.word(CHAPTER_BUF_BYTES);
  const syslets = CHAPTERS.map((name) => {
    const path = img.word(img.string(name));
    const fd = img.word(0);
    const buf = img.alloc(CHAPTER_BUF_BYTES);
    const bufp = img.word(buf);
    const nread = img.word(0);
    const close = img.atom({ nr: SYS_close, args: [fd] });
    const read = img.atom({ nr: SYS_read, args: [fd, bufp, count], ret: nread, next: close });
    const open = img.atom({ nr: SYS_open, args: [path, oflags], ret: fd, flags: SYSLET_STOP_ON_NEGATIVE, next: read });
    return { open, close, fd, buf, nread };
  });

  const execs = syslets.map((s) => k.syscall(SYS_async_exec, s.open, r.ahu));
  const wait = k.syscall(SYS_async_wait, CHAPTERS.length, userRingIdx(k, r), r.ahu);
  const full = ringSlots(k, r);
  const completed = drain(k, r);
  return result(k, r, {
    execs, wait, full,
    closes: syslets.map((s) => s.close),
    fds: syslets.map((s) => k.i32(s.fd)),
    order: completed.map((a) => syslets.findIndex((s) => s.close === a) + 1),
    nread: syslets.map((s) => k.i32(s.nread)),
    texts: syslets.map((s) => k.readString(s.buf, Math.max(k.i32(s.nread), 0))),
  });
}
