// === struct async_head_user: checks and accessors ===
// The ahu lives in user memory and user space may change it at any time, so
// every use re-reads it and nothing here trusts an earlier check.

import {
  AHU_BYTES, AHU_KERNEL_RING_IDX, AHU_COMPLETION_RING, AHU_RING_SIZE_BYTES, AHU_NEW_THREAD_STACK,
} from '../abi/layout';
import { EFAULT, EINVAL } from '../abi/errno';
import { userOk } from './umem';

// @ts-ignore: decorator
@inline export function ahuKernelIdx(ahu: u32): u32 { return load<u32>(ahu, AHU_KERNEL_RING_IDX); }
// @ts-ignore: decorator
@inline export function setAhuKernelIdx(ahu: u32, v: u32): void { store<u32>(ahu, v, AHU_KERNEL_RING_IDX); }
// @ts-ignore: decorator
@inline export function ahuRing(ahu: u32): u32 { return load<u32>(ahu, AHU_COMPLETION_RING); }
// @ts-ignore: decorator
@inline export function ahuEntries(ahu: u32): u32 { return load<u32>(ahu, AHU_RING_SIZE_BYTES) >> 2; }
// @ts-ignore: decorator
@inline export function clearNewThreadStack(ahu: u32): void { store<u32>(ahu, 0, AHU_NEW_THREAD_STACK); }

/**
 * 0 if ahu and its ring are usable: the ahu inside user memory, ring_size_bytes
 * a non-zero multiple of 4, the ring inside user memory, kernel_ring_idx below
 * the entry count. Else -EFAULT (a pointer outside user memory) or -EINVAL.
 */
export function ahuCheck(ahu: u32): i32 {
  if (!userOk(ahu, AHU_BYTES)) return -EFAULT;
  const size = load<u32>(ahu, AHU_RING_SIZE_BYTES);
  if (size < 4 || (size & 3) != 0) return -EINVAL;
  if (!userOk(ahuRing(ahu), size)) return -EFAULT;
  if (ahuKernelIdx(ahu) >= size >> 2) return -EINVAL;
  return 0;
}
