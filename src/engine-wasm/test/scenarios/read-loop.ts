// A loop: read /usr/share/dict/words (several cold pages) in 4 KiB chunks.
// read stops on a non-positive result and skips to the atom laid out right
// after it (u + 44), which is close; otherwise it goes on to two umem_add
// atoms, one moving the read buffer on by the bytes just read, one counting
// chunks, and back to the read. Every chunk misses the page cache.
import type { Kernel } from '../../host/kernel.ts';
import { UserImage, consume } from '../../host/image.ts';
import { SYS_open, SYS_read, SYS_close, SYS_umem_add, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import {
  O_RDONLY, SYSLET_STOP_ON_NEGATIVE, SYSLET_STOP_ON_NON_POSITIVE, SYSLET_SKIP_TO_NEXT_ON_STOP,
} from '../../abi/flags.ts';
import { ATOM_BYTES } from '../../abi/layout.ts';
import { type ScenarioResult, userRingIdx, result } from './libc.ts';

export const WORDS_BUF_BYTES = 32768;

export function readLoop(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(4);
  const path = img.word(img.string('/usr/share/dict/words'));
  const oflags = img.word(O_RDONLY);
  const fd = img.word(0);
  const buf = img.alloc(WORDS_BUF_BYTES);
  const bufp = img.word(buf); // read's buffer argument; the loop moves it on
  const pbufp = img.word(bufp); // umem_add's uptr: &bufp
  const chunk = img.word(4096);
  const nread = img.word(0);
  const chunks = img.word(0);
  const pchunks = img.word(chunks);
  const one = img.word(1);
  const closed = img.word(-1);

  const read = img.alloc(2 * ATOM_BYTES); // read at u, close at u + 44
  const close = read + ATOM_BYTES;
  const count = img.atom({ nr: SYS_umem_add, args: [pchunks, one], next: read });
  const advance = img.atom({ nr: SYS_umem_add, args: [pbufp, nread], next: count });
  img.atom({
    nr: SYS_read, args: [fd, bufp, chunk], ret: nread, next: advance,
    flags: SYSLET_STOP_ON_NON_POSITIVE | SYSLET_SKIP_TO_NEXT_ON_STOP,
  }, read);
  img.atom({ nr: SYS_close, args: [fd], ret: closed }, close);
  const open = img.atom({ nr: SYS_open, args: [path, oflags], ret: fd, flags: SYSLET_STOP_ON_NEGATIVE, next: read });

  const exec = k.syscall(SYS_async_exec, open, r.ahu);
  const wait = k.syscall(SYS_async_wait, 1, userRingIdx(k, r), r.ahu);
  const completed = consume(k, r);
  const bytes = k.u32(bufp) - buf;
  return result(k, r, {
    open, read, close, advance, count, exec, wait, completed,
    chunks: k.u32(chunks), bytes, lastRead: k.i32(nread), closed: k.i32(closed),
    text: k.readString(buf, bytes),
  });
}
