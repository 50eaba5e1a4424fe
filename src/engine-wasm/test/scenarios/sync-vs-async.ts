// The same blocking read three times, the page cache dropped before each:
//   SYSLET_SYNC   the head sleeps in place; async_exec returns the atom;
//   no flag       the head hands off at the cachemiss; async_exec returns 0;
//   SYSLET_ASYNC  the head hands off before running the atom; returns 0.
// The last two complete through the ring. The program offers a thread stack in
// ahu->new_thread_stack each time: a hand-off clears it, the cached path does not.
import type { Kernel } from '../../host/kernel.ts';
import { UserImage, consume } from '../../host/image.ts';
import { SYS_open, SYS_write, SYS_close, SYS_pread64, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import { O_RDONLY, O_WRONLY, SYSLET_SYNC, SYSLET_ASYNC } from '../../abi/flags.ts';
import { AHU_NEW_THREAD_STACK } from '../../abi/layout.ts';
import { type ScenarioResult, userRingIdx, result } from './libc.ts';

export const THREAD_STACK = 0xbeef0;

export const VARIANTS = [
  { name: 'sync', flags: SYSLET_SYNC },
  { name: 'plain', flags: 0 },
  { name: 'async', flags: SYSLET_ASYNC },
] as const;

export function syncVsAsync(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(4);
  const fdNum = k.syscall(SYS_open, img.string('/etc/motd'), O_RDONLY);
  const dropFd = k.syscall(SYS_open, img.string('/proc/sys/vm/drop_caches'), O_WRONLY);
  const one = img.string('1');
  const fd = img.word(fdNum);
  const count = img.word(4096);
  const zero = img.word(0);

  const vars: Record<string, number> = { fd: fdNum, dropFd };
  for (const v of VARIANTS) {
    const buf = img.alloc(4096);
    const res = img.word(0);
    const atom = img.atom({ nr: SYS_pread64, args: [fd, img.word(buf), count, zero, zero], ret: res, flags: v.flags });
    vars[`${v.name}.drop`] = k.syscall(SYS_write, dropFd, one, 1); // echo 1 > drop_caches
    k.setU32(r.ahu + AHU_NEW_THREAD_STACK, THREAD_STACK);
    const exec = k.syscall(SYS_async_exec, atom, r.ahu);
    vars[`${v.name}.stack`] = k.u32(r.ahu + AHU_NEW_THREAD_STACK);
    vars[`${v.name}.atom`] = atom;
    vars[`${v.name}.exec`] = exec;
    if (exec === 0) {
      vars[`${v.name}.wait`] = k.syscall(SYS_async_wait, 1, userRingIdx(k, r), r.ahu);
      vars[`${v.name}.completed`] = consume(k, r);
    }
    vars[`${v.name}.res`] = k.i32(res);
  }
  vars.closed = k.syscall(SYS_close, fdNum);
  vars.dropClosed = k.syscall(SYS_close, dropFd);
  return result(k, r, vars);
}
