// Large rings (more than CIRCLE_MAX_SLOTS) as a compact grid in index order;
// the cursors are tags and outlines on their slots.
import type { RingView } from '../../engine/snapshot.ts';
import type { RingPulses } from './useRingPulses.ts';
import { RingSlotItem } from './RingSlot.tsx';

interface Props {
  readonly ring: RingView;
  readonly pulses: RingPulses;
}

export function RingGrid({ ring, pulses }: Props) {
  return (
    <div className="cr-grid-wrap">
      {pulses.lostGen > 0 && <div key={pulses.lostGen} className="cr-grid-flash" aria-hidden="true" />}
      <ol role="list" className="cr-slots cr-grid" aria-label="Ring slots">
        {ring.slots.map((slot) => (
          <RingSlotItem
            key={slot.index}
            slot={slot}
            atKernel={slot.index === ring.kernelIdx}
            atUser={slot.index === ring.userIdx}
            pulse={pulses.slots.get(slot.index)}
            showNull={false}
            tags
          />
        ))}
      </ol>
    </div>
  );
}
