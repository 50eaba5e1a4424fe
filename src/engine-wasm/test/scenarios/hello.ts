// The seed's Hello World (syslet-design.txt, 2007-02-28): one write atom to
// standard output. Nothing blocks, so async_exec returns the atom (cached) and
// the program prints "completed an cached syslet atom!".
import type { Kernel } from '../../host/kernel.ts';
import { UserImage, consume } from '../../host/image.ts';
import { SYS_write, SYS_async_exec, SYS_async_wait } from '../../abi/syscall.ts';
import { type ScenarioResult, printf, userRingIdx, result } from './libc.ts';

export function hello(k: Kernel): ScenarioResult {
  const img = new UserImage(k);
  const r = img.ring(4); // async_head_init()
  const fdOut = img.word(1); // standard output
  const buf = img.word(img.string('Hello Syslet World!\n'));
  const size = img.word(20); // strlen(buf)
  const atom = img.atom({ nr: SYS_write, args: [fdOut, buf, size] });

  const done = k.syscall(SYS_async_exec, atom, r.ahu);
  let wait = 0;
  if (!done) {
    wait = k.syscall(SYS_async_wait, 1, userRingIdx(k, r), r.ahu);
    if (consume(k, r) === atom) printf(k, img, 'completed an async syslet atom!\n');
  } else {
    printf(k, img, 'completed an cached syslet atom!\n');
  }
  return result(k, r, { atom, done, wait });
}
