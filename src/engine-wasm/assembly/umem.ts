// === User memory: every pointer from user space is checked here ===
// A range is valid when it lies wholly inside [USER_BASE, USER_END). The checks
// are overflow-safe, so no user value can make the kernel trap.

import { USER_BASE, USER_END } from '../abi/layout';

/** True if [p, p + n) lies inside user memory. */
// @ts-ignore: decorator
@inline export function userOk(p: u32, n: u32): bool {
  return p >= <u32>USER_BASE && p <= <u32>USER_END && n <= <u32>USER_END - p;
}

/** True if a 4-byte word at p is readable. */
// @ts-ignore: decorator
@inline export function wordOk(p: u32): bool {
  return p >= <u32>USER_BASE && p <= <u32>USER_END - 4;
}

/** Clears all of user memory. */
export function userReset(): void {
  memory.fill(USER_BASE, 0, <usize>(USER_END - USER_BASE));
}
