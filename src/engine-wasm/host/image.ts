// Lays out user-space records at real addresses in user memory: words, strings,
// buffers, atoms and an async_head_user with its ring. The host acts as user
// space, so these writes are what a C program's initialisers would do.
import type { Kernel } from './kernel.ts';
import * as L from '../abi/layout.ts';

export interface AtomSpec {
  nr: number;
  /** Addresses of argument words (arg_ptr[]); the list ends at the first 0. */
  args?: readonly number[];
  ret?: number;
  flags?: number;
  next?: number;
  priv?: number;
}

export interface Ring {
  readonly ahu: number;
  readonly ring: number;
  readonly entries: number;
}

export class UserImage {
  private top: number;

  constructor(readonly k: Kernel, start = k.userBase) {
    this.top = start;
  }

  /** Reserves n bytes (zeroed by kernel_reset), aligned; returns the address. */
  alloc(n: number, align = 4): number {
    this.top = Math.ceil(this.top / align) * align;
    const at = this.top;
    this.top += n;
    if (this.top > this.k.userEnd) throw new RangeError('user image does not fit in user memory');
    return at;
  }

  /** A 4-byte word holding value. */
  word(value = 0): number {
    const at = this.alloc(4);
    this.k.setU32(at, value);
    return at;
  }

  /** A NUL-terminated UTF-8 string; returns its address. */
  string(text: string): number {
    const bytes = new TextEncoder().encode(text + '\0');
    const at = this.alloc(bytes.length, 1);
    this.k.writeBytes(at, bytes);
    return at;
  }

  /** An atom (44 bytes) at a fresh address, or at `at`. */
  atom(spec: AtomSpec, at = this.alloc(L.ATOM_BYTES)): number {
    writeAtom(this.k, at, spec);
    return at;
  }

  /** An async_head_user and a ring of `entries` slots. */
  ring(entries: number): Ring {
    const ahu = this.alloc(L.AHU_BYTES);
    const ring = this.alloc(entries * 4);
    this.k.setU32(ahu + L.AHU_COMPLETION_RING, ring);
    this.k.setU32(ahu + L.AHU_RING_SIZE_BYTES, entries * 4);
    return { ahu, ring, entries };
  }
}

/** Writes an atom's fields at `at`. */
export function writeAtom(k: Kernel, at: number, spec: AtomSpec): void {
  k.setU32(at + L.ATOM_FLAGS, spec.flags ?? 0);
  k.setU32(at + L.ATOM_NR, spec.nr);
  k.setU32(at + L.ATOM_RET_PTR, spec.ret ?? 0);
  k.setU32(at + L.ATOM_NEXT, spec.next ?? 0);
  for (let i = 0; i < L.NATOMARG; i++) k.setU32(at + L.ATOM_ARG_PTR + 4 * i, spec.args?.[i] ?? 0);
  k.setU32(at + L.ATOM_PRIVATE, spec.priv ?? 0);
}

/**
 * User space consumes one completion as fio did: reads the slot at
 * user_ring_idx; if non-zero writes 0 back, advances user_ring_idx and returns
 * the atom's address; returns 0 if the slot is empty.
 */
export function consume(k: Kernel, r: Ring): number {
  const v = k.view();
  const idx = v.getUint32(r.ahu + L.AHU_USER_RING_IDX, true);
  const slot = r.ring + 4 * idx;
  const atom = v.getUint32(slot, true);
  if (atom === 0) return 0;
  v.setUint32(slot, 0, true);
  v.setUint32(r.ahu + L.AHU_USER_RING_IDX, (idx + 1) % r.entries, true);
  return atom;
}
