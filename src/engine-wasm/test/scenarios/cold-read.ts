// open -> read -> close of /etc/motd, which starts cold: the read misses the
// page cache, the head hands the syslet to a cachemiss thread and async_exec
// returns 0; async_wait then sees one completion, the close atom. The program
// cats what it read.
import type { Kernel } from '../../host/kernel.ts';
import { UserImage, consume } from '../../host/image.ts';
import { SYS_open, SYS_read, SYS_close, SYS_write, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import { O_RDONLY, SYSLET_STOP_ON_NEGATIVE } from '../../abi/flags.ts';
import { type ScenarioResult, userRingIdx, result } from './libc.ts';

export function coldRead(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(4);
  const path = img.word(img.string('/etc/motd'));
  const oflags = img.word(O_RDONLY);
  const fd = img.word(0);
  const buf = img.alloc(4096);
  const bufp = img.word(buf);
  const count = img.word(4096);
  const nread = img.word(0);
  const closed = img.word(-1);

  const close = img.atom({ nr: SYS_close, args: [fd], ret: closed });
  const read = img.atom({ nr: SYS_read, args: [fd, bufp, count], ret: nread, next: close });
  const open = img.atom({ nr: SYS_open, args: [path, oflags], ret: fd, flags: SYSLET_STOP_ON_NEGATIVE, next: read });

  const exec = k.syscall(SYS_async_exec, open, r.ahu);
  const wait = k.syscall(SYS_async_wait, 1, userRingIdx(k, r), r.ahu);
  const completed = consume(k, r);
  const n = k.i32(nread);
  const text = k.readString(buf, Math.max(n, 0));
  k.syscall(SYS_write, 1, buf, Math.max(n, 0)); // cat
  return result(k, r, { open, read, close, exec, wait, completed, fd: k.i32(fd), nread: n, closed: k.i32(closed), text });
}
