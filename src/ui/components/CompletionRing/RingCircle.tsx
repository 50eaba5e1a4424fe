// The ring drawn as a circle of slots (up to CIRCLE_MAX_SLOTS), with the two
// cursors as clock hands from the centre: kernel_ring_idx (long, kernel
// colour) and user_ring_idx (short, user colour). Hands turn the short way.
import { useState, type CSSProperties } from 'react';
import type { RingView } from '../../engine/snapshot.ts';
import type { RingPulses } from './useRingPulses.ts';
import { RingSlotItem } from './RingSlot.tsx';
import { nearestTurn, slotAngle, slotCentre, slotRadius, slotSize, tagDistance, TAG_SIZE } from './ring-geometry.ts';

function useHandAngle(target: number): number {
  const [angle, setAngle] = useState(target);
  const turned = nearestTurn(angle, target);
  if (turned !== angle) {
    setAngle(turned);
    return turned;
  }
  return angle;
}

interface HandProps {
  readonly who: 'kernel' | 'user';
  readonly angle: number;
  /** Length in % of the box width. */
  readonly length: number;
}

function Hand({ who, angle, length }: HandProps) {
  return <div className={`cr-hand ${who}`} style={{ width: `${length}%`, transform: `rotate(${angle - 90}deg)` }} aria-hidden="true" />;
}

interface TagProps {
  readonly tag: 'kernel' | 'user' | 'both';
  readonly angle: number;
  /** Distance of the tag's centre from the hub, in % of the box width. */
  readonly at: number;
}

/** A hand's name, on a carrier turning with the hand but drawn above both hands; the text stays upright. */
function HandTag({ tag, angle, at }: TagProps) {
  // A hand lying sideways would be hidden under its own tag: the tag rises above it (in screen space,
  // after the counter-rotation), by up to 1.1 tag heights for a horizontal hand.
  const lift = -110 * Math.sin((angle * Math.PI) / 180) ** 2;
  return (
    <div className="cr-tag-carrier" style={{ width: `${at}%`, transform: `rotate(${angle - 90}deg)` }} aria-hidden="true">
      <span className={`cr-hand-tag ${tag}`} style={{ transform: `translate(-50%, -50%) rotate(${90 - angle}deg) translateY(${lift.toFixed(1)}%)` }}>
        {tag === 'both' ? (
          <>
            <span className="kernel">kernel</span>
            <span className="user">user</span>
          </>
        ) : (
          tag
        )}
      </span>
    </div>
  );
}

interface Props {
  readonly ring: RingView;
  readonly pulses: RingPulses;
}

export function RingCircle({ ring, pulses }: Props) {
  const n = ring.entries;
  const size = slotSize(n);
  const radius = slotRadius(n);
  const kernelAngle = useHandAngle(slotAngle(ring.kernelIdx, n));
  const userAngle = useHandAngle(slotAngle(ring.userIdx, n));
  const reach = radius - (size * 100) / 2 - 2.5;
  const same = ring.kernelIdx === ring.userIdx;
  const boxStyle = { '--s': size } as CSSProperties;
  return (
    <div className="cr-stage">
      <div className="cr-box" style={boxStyle}>
        <svg className="cr-track" viewBox="0 0 100 100" aria-hidden="true">
          <circle cx="50" cy="50" r={radius} />
        </svg>
        {pulses.lostGen > 0 && <div key={pulses.lostGen} className="cr-box-flash" aria-hidden="true" />}
        <Hand who="kernel" angle={kernelAngle} length={reach} />
        <Hand who="user" angle={userAngle} length={reach * 0.58} />
        {/* The hub covers the hands' ends; the tags, pulled in toward it when a hand lies sideways, stay on top. */}
        <div className="cr-hub" aria-hidden="true" />
        <HandTag tag={same ? 'both' : 'kernel'} angle={kernelAngle} at={tagDistance(kernelAngle, reach * 0.62, reach, TAG_SIZE[same ? 'both' : 'kernel'])} />
        {!same && <HandTag tag="user" angle={userAngle} at={tagDistance(userAngle, reach * 0.32, reach, TAG_SIZE.user)} />}
        <ol role="list" className={`cr-slots cr-circle${n > 16 ? ' dense' : ''}`} aria-label="Ring slots">
          {ring.slots.map((slot) => {
            const c = slotCentre(slot.index, n);
            return (
              <RingSlotItem
                key={slot.index}
                slot={slot}
                atKernel={slot.index === ring.kernelIdx}
                atUser={slot.index === ring.userIdx}
                pulse={pulses.slots.get(slot.index)}
                showNull={n <= 12}
                style={{ left: `${c.left}%`, top: `${c.top}%` }}
              />
            );
          })}
        </ol>
      </div>
    </div>
  );
}
