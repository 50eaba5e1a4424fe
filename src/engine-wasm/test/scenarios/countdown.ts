// A one-atom loop: umem_add(&count, -1) with SYSLET_STOP_ON_ZERO and next
// pointing at itself, from 1000. It never blocks: async_exec runs all 1000
// atoms in the head and returns the atom (cached).
import type { Kernel } from '../../host/kernel.ts';
import { UserImage } from '../../host/image.ts';
import { SYS_umem_add, SYS_async_exec } from '../../abi/syscall.ts';
import { SYSLET_STOP_ON_ZERO } from '../../abi/flags.ts';
import { ATOM_BYTES } from '../../abi/layout.ts';
import { type ScenarioResult, result } from './libc.ts';

export const COUNTDOWN_FROM = 1000;

export function countdown(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(4);
  const count = img.word(COUNTDOWN_FROM);
  const pcount = img.word(count);
  const minusOne = img.word(-1);
  const last = img.word(-1);
  const atom = img.alloc(ATOM_BYTES);
  img.atom({ nr: SYS_umem_add, args: [pcount, minusOne], ret: last, flags: SYSLET_STOP_ON_ZERO, next: atom }, atom);

  const done = k.syscall(SYS_async_exec, atom, r.ahu);
  return result(k, r, { atom, done, count: k.u32(count), last: k.i32(last) });
}
