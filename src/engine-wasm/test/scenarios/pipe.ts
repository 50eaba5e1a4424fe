// A pipe between two syslets. The reader syslet (read, then write what it got
// to standard output) blocks on the empty pipe and moves to a cachemiss
// thread; the writer syslet fills the pipe without blocking (cached) and wakes
// the reader, which finishes while the program waits for its completion.
import type { Kernel } from '../../host/kernel.ts';
import { UserImage, consume } from '../../host/image.ts';
import { SYS_pipe, SYS_read, SYS_write, SYS_close, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import { SYSLET_STOP_ON_NON_POSITIVE } from '../../abi/flags.ts';
import { type ScenarioResult, userRingIdx, result } from './libc.ts';

export const PIPE_MESSAGE = 'through the pipe, from one syslet to another\n';

export function pipe(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(4);
  const fds = img.alloc(8);
  const piped = k.syscall(SYS_pipe, fds);
  const rfd = fds;
  const wfd = fds + 4;
  const stdout = img.word(1);

  const buf = img.alloc(64);
  const bufp = img.word(buf);
  const cap = img.word(64);
  const n = img.word(0);
  const echoed = img.word(0);
  const echo = img.atom({ nr: SYS_write, args: [stdout, bufp, n], ret: echoed });
  const read = img.atom({ nr: SYS_read, args: [rfd, bufp, cap], ret: n, flags: SYSLET_STOP_ON_NON_POSITIVE, next: echo });

  const msg = img.word(img.string(PIPE_MESSAGE));
  const len = img.word(PIPE_MESSAGE.length);
  const wrote = img.word(0);
  const write = img.atom({ nr: SYS_write, args: [wfd, msg, len], ret: wrote });

  const readerExec = k.syscall(SYS_async_exec, read, r.ahu);
  const writerExec = k.syscall(SYS_async_exec, write, r.ahu);
  const wait = k.syscall(SYS_async_wait, 1, userRingIdx(k, r), r.ahu);
  const completed = consume(k, r);
  const closes = [k.syscall(SYS_close, k.u32(wfd)), k.syscall(SYS_close, k.u32(rfd))];
  return result(k, r, {
    piped, fds: [k.u32(rfd), k.u32(wfd)], read, echo, write, readerExec, writerExec, wait, completed, closes,
    n: k.i32(n), echoed: k.i32(echoed), wrote: k.i32(wrote), data: k.readString(buf, Math.max(k.i32(n), 0)),
  });
}
