// The button on a pane's title that shows the pane alone over the workspace (Alt+M), and restores it.
import { useStore, type PaneId } from '../store/index.ts';
import { PANE_NAMES } from './grid.ts';
import { toggleMaximised } from './view-actions.ts';

export function MaximiseButton({ pane }: { pane: PaneId }) {
  const on = useStore((s) => s.maximised === pane);
  const name = PANE_NAMES[pane];
  return (
    <button
      type="button"
      className={`pane-max${on ? ' on' : ''}`}
      aria-label={on ? `Restore ${name}` : `Maximise ${name}`}
      title={on ? 'Restore the layout (Alt+M or Escape)' : 'Maximise this pane (Alt+M)'}
      aria-keyshortcuts="Alt+M"
      onClick={() => toggleMaximised(pane)}
    >
      <span className="pane-max-glyph" aria-hidden="true" />
    </button>
  );
}
