// The completion ring of the program's async_head_user: the slots as a circle
// (a compact grid for large rings), the two cursors, what was posted and what
// was lost because the ring was full.
import { useStore } from '../../store/index.ts';
import type { Store } from '../../store/index.ts';
import type { Narration } from '../../engine/session.ts';
import { useRingPulses, type RingPulses } from './useRingPulses.ts';
import { RingCircle } from './RingCircle.tsx';
import { RingGrid } from './RingGrid.tsx';
import { CIRCLE_MAX_SLOTS } from './ring-geometry.ts';
import './CompletionRing.css';

const selectRing = (s: Store) => s.live?.ring ?? null;
const selectLost = (s: Store) => s.live?.lost ?? 0;
const selectPosted = (s: Store) => s.live?.posted ?? 0;
const selectNarration = (s: Store) => s.snap?.narration;
/** At speed "max" the ring changes every frame: slots show their state without fill/drain animations. */
const selectFast = (s: Store) => s.playing && s.speed === Infinity;
const NO_PULSES: RingPulses = { slots: new Map(), lostGen: 0 };

/** Slot of the newest "lost" trace record, or -1. */
function lastLostSlot(narration: readonly Narration[] | undefined): number {
  if (!narration) return -1;
  for (let i = narration.length - 1; i >= 0; i--) {
    const t = narration[i].trace;
    if (t?.kind === 'lost') return t.aux;
  }
  return -1;
}

export function CompletionRing() {
  const ring = useStore(selectRing);
  const lost = useStore(selectLost);
  const posted = useStore(selectPosted);
  const narration = useStore(selectNarration);
  const fast = useStore(selectFast);
  const tracked = useRingPulses(ring, lost, lastLostSlot(narration));
  const pulses = fast ? NO_PULSES : tracked;
  const filled = ring ? ring.slots.reduce((n, s) => n + (s.atom ? 1 : 0), 0) : 0;
  return (
    <section className={`pane cr-pane${fast ? ' cr-fast' : ''}`} aria-label="Completion ring">
      <header className="pane-title">
        Completion ring
        <span className="cr-counts" aria-label="Counts">
          {ring && (
            <span className="cr-count">
              filled <b data-testid="filled-count">{filled}</b>/{ring.entries}
            </span>
          )}
          <span className="cr-count">
            posted <b data-testid="posted-count">{posted}</b>
          </span>
          <span className={`cr-count ${lost > 0 ? 'bad' : ''}`}>
            lost <b>{lost}</b>
          </span>
        </span>
      </header>
      {lost > 0 && (
        <div key={lost} className="cr-lost" role="status" data-testid="lost-count">
          {lost === 1 ? '1 completion lost' : `${lost} completions lost`} — the ring was full
        </div>
      )}
      {ring ? (
        <>
          {ring.entries > CIRCLE_MAX_SLOTS ? <RingGrid ring={ring} pulses={pulses} /> : <RingCircle ring={ring} pulses={pulses} />}
          <div className="cr-legend">
            <p className="cr-key kernel">
              <span className="cr-swatch" aria-hidden="true" />
              <code>kernel_ring_idx</code> <b data-testid="kernel-idx">{ring.kernelIdx}</b>
              <span className="cr-key-note">the kernel posts here next</span>
            </p>
            <p className="cr-key user">
              <span className="cr-swatch" aria-hidden="true" />
              <code>user_ring_idx</code> <b data-testid="user-idx">{ring.userIdx}</b>
              <span className="cr-key-note">user space reaps here next</span>
            </p>
          </div>
        </>
      ) : (
        <p className="pane-empty">The ring appears when a program without errors is loaded.</p>
      )}
    </section>
  );
}
