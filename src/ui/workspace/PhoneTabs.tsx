// On a phone the workspace shows one pane at a time; these tabs choose it (the
// store's `maximised`, so a link's pane opens on a phone too). Arrow keys, Home
// and End move between tabs, as in the Inspector.
import { useRef, type KeyboardEvent } from 'react';
import { useStore, type PaneId } from '../store/index.ts';
import { PHONE_DEFAULT } from './grid.ts';

const LABELS: Record<PaneId, string> = { editor: 'Code', console: 'Console', graph: 'Graph', threads: 'Threads', ring: 'Ring', inspect: 'Inspect' };
/** Tabs in the order a viewer wants them: what runs first, the text last. */
const ORDER: readonly PaneId[] = ['ring', 'threads', 'graph', 'console', 'inspect', 'editor'];

export function PhoneTabs() {
  const shown = useStore((s) => s.maximised ?? PHONE_DEFAULT);
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);
  const selected = ORDER.indexOf(shown);
  const select = (i: number) => {
    const next = (i + ORDER.length) % ORDER.length;
    useStore.setState({ maximised: ORDER[next] });
    tabs.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: selected + 1, ArrowLeft: selected - 1, Home: 0, End: ORDER.length - 1 };
    if (!(e.key in moves)) return;
    e.preventDefault();
    select(moves[e.key]);
  };
  return (
    <div className="phone-tabs" role="tablist" aria-label="Panes" onKeyDown={onKeyDown}>
      {ORDER.map((p, i) => (
        <button
          key={p}
          ref={(el) => {
            tabs.current[i] = el;
          }}
          type="button"
          role="tab"
          aria-selected={p === shown}
          aria-controls={`pane-area-${p}`}
          tabIndex={p === shown ? 0 : -1}
          className={`phone-tab${p === shown ? ' selected' : ''}`}
          onClick={() => select(i)}
        >
          {LABELS[p]}
        </button>
      ))}
    </div>
  );
}
