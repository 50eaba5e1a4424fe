// A ring of two entries and four blocking syslets (nanosleep of 1..4 ms), and
// nobody drains the ring meanwhile: the first two completions are posted, the
// other two find their slot full and are lost (RING_LOSE, the default).
import type { Kernel } from '../../host/kernel.ts';
import { UserImage } from '../../host/image.ts';
import { SYS_nanosleep, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import { type ScenarioResult, userRingIdx, result } from './libc.ts';

export function fullRing(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(2);
  const sleeps = [1, 2, 3, 4].map((ms) => {
    const ts = img.alloc(8); // struct timespec { tv_sec, tv_nsec }
    k.setU32(ts + 4, ms * 1_000_000);
    const req = img.word(ts);
    const ret = img.word(-1);
    return { atom: img.atom({ nr: SYS_nanosleep, args: [req], ret }), ret };
  });

  const execs = sleeps.map((s) => k.syscall(SYS_async_exec, s.atom, r.ahu));
  const wait = k.syscall(SYS_async_wait, sleeps.length, userRingIdx(k, r), r.ahu);
  const c = k.counters();
  return result(k, r, {
    atoms: sleeps.map((s) => s.atom), execs, wait,
    rets: sleeps.map((s) => k.i32(s.ret)), posted: c.posted, lost: c.lost,
  });
}
