import { useStore } from '../../store/index.ts';
import type { Store } from '../../store/index.ts';

const selectRing = (s: Store) => s.snap?.ring ?? null;
const selectLost = (s: Store) => s.snap?.counters.lost ?? 0;

export function CompletionRing() {
  const ring = useStore(selectRing);
  const lost = useStore(selectLost);
  return (
    <section className="pane ring-pane" aria-label="Completion ring">
      <header className="pane-title">
        Completion ring
        {ring && <span className="pane-hint">{ring.entries} slots</span>}
        {lost > 0 && <span className="pane-badge bad" data-testid="lost-count">{lost} lost</span>}
      </header>
      {ring ? (
        <ol className="ring-slots" aria-label="Ring slots">
          {ring.slots.map((slot) => (
            <li key={slot.index} data-state={slot.atom ? 'filled' : 'empty'} className={`ring-slot ${slot.atom ? 'filled' : 'empty'}`}>
              <span className="slot-index">{slot.index}</span>
              <span className="slot-atom">{slot.atom ? (slot.name ?? '0x' + slot.atom.toString(16)) : 'NULL'}</span>
              {slot.index === ring.kernelIdx && <span className="cursor kernel">kernel_ring_idx</span>}
              {slot.index === ring.userIdx && <span className="cursor user">user_ring_idx</span>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="pane-empty">The ring appears when a program without errors is loaded.</p>
      )}
    </section>
  );
}
