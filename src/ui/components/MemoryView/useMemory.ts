// The program image's bytes as of the latest snapshot (which carries a copy),
// with the bytes that changed since the previous snapshot.
import { useState } from 'react';
import { useStore, type Store } from '../../store/index.ts';
import type { Layout } from '../../lang/layout.ts';
import { imageOf, type Image } from './regions.ts';

export interface MemoryState {
  readonly lay: Layout | null;
  readonly image: Image | null;
  readonly bytes: Uint8Array;
  /** 1 where the byte changed since the previous read. */
  readonly changed: Uint8Array;
  /** Counts reads, so a changed byte flashes anew each time. */
  readonly gen: number;
  /**
   * Many bytes changed at once (a run at speed, a jump): they are marked
   * without animation, since a hundred flashing bytes tell nothing and cost
   * a repaint of each every frame.
   */
  readonly bulk: boolean;
}

/** More changed bytes than this in one read are marked, not flashed. */
const FLASH_MAX = 48;

const EMPTY: MemoryState = { lay: null, image: null, bytes: new Uint8Array(0), changed: new Uint8Array(0), gen: 0, bulk: false };

/**
 * A program's fields, worked out once: a render React restarts, or a second view of the same
 * program, reuses them (for 1,000 atoms they are ~11,000 objects, so building them again would
 * also cost the garbage collector).
 */
const images = new WeakMap<Layout, Image>();
function imageFor(lay: Layout): Image {
  let image = images.get(lay);
  if (!image) images.set(lay, (image = imageOf(lay)));
  return image;
}

function read(snap: Store['snap'], lay: Layout | null, old: MemoryState): MemoryState {
  if (!snap || !lay || snap.image.length === 0) return EMPTY;
  const image = imageFor(lay);
  const bytes = snap.image;
  if (bytes.length !== image.end - image.start) return EMPTY; // a snapshot of the previous program, not laid out like this one
  const changed = new Uint8Array(bytes.length);
  let n = 0;
  if (old.lay === lay && old.bytes.length === bytes.length) {
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i] !== old.bytes[i] ? 1 : 0;
      changed[i] = c;
      n += c;
    }
  }
  return { lay, image, bytes, changed, gen: old.gen + 1, bulk: n > FLASH_MAX };
}

const selectSnap = (s: Store) => s.shown.inspect;
const selectLayout = (s: Store) => s.layout;

interface Seen {
  readonly snap: Store['snap'];
  readonly lay: Layout | null;
  readonly mem: MemoryState;
}

/** The snapshot and the program the Memory view shows (MemoryView.tsx defers them). */
export function useMemorySource(): { snap: Store['shown']['inspect']; lay: Layout | null } {
  return { snap: useStore(selectSnap), lay: useStore(selectLayout) };
}

/** The memory as of `snap`; re-read during render when the snapshot or the program changed. */
export function useMemory(snap: Store['shown']['inspect'], lay: Layout | null): MemoryState {
  const [seen, setSeen] = useState<Seen>(() => ({ snap, lay, mem: read(snap, lay, EMPTY) }));
  if (seen.snap !== snap || seen.lay !== lay) {
    const next = { snap, lay, mem: read(snap, lay, seen.mem) };
    setSeen(next);
    return next.mem;
  }
  return seen.mem;
}
