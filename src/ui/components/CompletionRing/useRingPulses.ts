// Remembers the ring of the previous render and turns each change into a
// short-lived "pulse": a slot that was filled, a slot that was drained (with
// the name it held), and the loss of a completion. Each pulse has a fresh
// generation number, used as a React key, so its CSS animation restarts.
import { useState } from 'react';
import type { RingView } from '../../engine/snapshot.ts';

export type PulseKind = 'fill' | 'drain' | 'lost';

export interface Pulse {
  readonly gen: number;
  readonly kind: PulseKind;
  /** For a drain: the atom name the slot held. */
  readonly was?: string;
}

export interface RingPulses {
  readonly slots: ReadonlyMap<number, Pulse>;
  /** Generation of the last loss (0 = none yet): key of the ring-wide flash. */
  readonly lostGen: number;
}

interface Tracked extends RingPulses {
  readonly ring: RingView | null;
  readonly lost: number;
  readonly gen: number;
}

function next(prev: Tracked, ring: RingView | null, lost: number, lostSlot: number): Tracked {
  const before = prev.ring;
  if (!ring || !before || before.entries !== ring.entries) {
    return { ring, lost, gen: prev.gen, slots: new Map(), lostGen: 0 };
  }
  let gen = prev.gen;
  const slots = new Map<number, Pulse>();
  for (const slot of ring.slots) {
    const old = before.slots[slot.index];
    if (old.atom === slot.atom) {
      const kept = prev.slots.get(slot.index);
      if (kept) slots.set(slot.index, kept);
    } else if (slot.atom) {
      slots.set(slot.index, { gen: ++gen, kind: 'fill' });
    } else {
      slots.set(slot.index, { gen: ++gen, kind: 'drain', was: old.name ?? '0x' + old.atom.toString(16) });
    }
  }
  let lostGen = prev.lostGen;
  if (lost > prev.lost) {
    lostGen = ++gen;
    if (lostSlot >= 0 && lostSlot < ring.entries) slots.set(lostSlot, { gen: lostGen, kind: 'lost' });
  }
  return { ring, lost, gen, slots, lostGen };
}

/** Pulses for the changes since the previous ring; `lostSlot` is where the latest loss hit (-1 if unknown). */
export function useRingPulses(ring: RingView | null, lost: number, lostSlot: number): RingPulses {
  const [tracked, setTracked] = useState<Tracked>(() => ({ ring, lost, gen: 0, slots: new Map(), lostGen: 0 }));
  if (tracked.ring !== ring || tracked.lost !== lost) {
    const updated = next(tracked, ring, lost, lostSlot);
    setTracked(updated);
    return updated;
  }
  return tracked;
}
