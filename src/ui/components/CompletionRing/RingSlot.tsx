// One slot of the ring (an <li>): its index, the atom it points at (or NULL),
// the cursors standing on it, and the flash of its latest change.
import type { CSSProperties } from 'react';
import type { RingSlot as Slot } from '../../engine/snapshot.ts';
import type { Pulse } from './useRingPulses.ts';

interface Props {
  readonly slot: Slot;
  readonly atKernel: boolean;
  readonly atUser: boolean;
  readonly pulse: Pulse | undefined;
  /** Show "NULL" in empty slots (off when slots are too small to read it). */
  readonly showNull: boolean;
  /** Grid view: the cursors are drawn as tags inside the slot. */
  readonly tags?: boolean;
  readonly style?: CSSProperties;
}

export function slotLabel(slot: Slot): string {
  return slot.atom ? (slot.name ?? '0x' + slot.atom.toString(16)) : 'NULL';
}

export function RingSlotItem({ slot, atKernel, atUser, pulse, showNull, tags, style }: Props) {
  const filled = slot.atom !== 0;
  const label = slotLabel(slot);
  const cursors = [atKernel && 'kernel_ring_idx', atUser && 'user_ring_idx'].filter(Boolean).join(', ');
  const cls = ['cr-slot', filled ? 'filled' : 'empty', atKernel ? 'at-kernel' : '', atUser ? 'at-user' : ''].filter(Boolean).join(' ');
  return (
    <li
      role="listitem"
      className={cls}
      data-state={filled ? 'filled' : 'empty'}
      style={style}
      title={`slot ${slot.index}: ${filled ? `atom ${label} (0x${slot.atom.toString(16)})` : 'empty (NULL)'}${cursors ? ` · ${cursors}` : ''}`}
    >
      <span className="cr-slot-index">{slot.index}</span>
      <span className="cr-slot-name">{filled || showNull ? label : ''}</span>
      {tags && (atKernel || atUser) && (
        <span className="cr-slot-tags" aria-hidden="true">
          {atKernel && <span className="cr-tag kernel">K</span>}
          {atUser && <span className="cr-tag user">U</span>}
        </span>
      )}
      {cursors && <span className="cr-sr">{cursors}</span>}
      {pulse && (
        <span key={pulse.gen} className={`cr-pulse ${pulse.kind}`} aria-hidden="true">
          {pulse.kind === 'drain' ? pulse.was : null}
        </span>
      )}
    </li>
  );
}
