// The top bar's "View" button: the presenter layout, the panes' font zoom and
// the pane sizes, each with its key. A disclosure: Tab moves through its
// buttons, Escape closes it and gives the focus back to "View".
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useStore } from '../store/index.ts';
import { resetSizes, resetZoom, togglePresenter, zoomBy } from './view-actions.ts';
import { DEFAULT_ZOOM, ZOOM_STEPS, zoomLabel } from './zoom.ts';
import { DEFAULT_SIZES } from './sizes.ts';
import { useOutsideDismiss } from '../hooks/useOutsideDismiss.ts';

export function ViewMenu() {
  const [open, setOpen] = useState(false);
  const presenter = useStore((s) => s.presenter);
  const zoom = useStore((s) => s.zoom);
  const sized = useStore((s) => JSON.stringify(s.paneSizes) !== JSON.stringify(DEFAULT_SIZES));
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const id = useId();

  useEffect(() => {
    if (open) root.current?.querySelector<HTMLButtonElement>('.view-panel button')?.focus();
  }, [open]);
  useOutsideDismiss(root, open, useCallback(() => setOpen(false), []));

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div
      className="view-menu"
      ref={root}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <button ref={button} type="button" className={`btn${presenter ? ' view-on' : ''}`} aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => (open ? close() : setOpen(true))} title="Presenter layout, text size, pane sizes">
        View <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="view-panel" id={`${id}-panel`} role="group" aria-label="View">
          <button type="button" className="btn view-row" aria-pressed={presenter} aria-keyshortcuts="Alt+P" onClick={togglePresenter}>
            <span>Presenter layout</span>
            <kbd>Alt+P</kbd>
          </button>
          <div className="view-zoom" role="group" aria-label="Text size in the panes">
            <button type="button" className="btn" aria-label="Smaller text" aria-keyshortcuts="Control+-" title="Smaller text (Ctrl+−)" disabled={zoom <= ZOOM_STEPS[0]} onClick={() => zoomBy(-1)}>
              A−
            </button>
            <output className="view-zoom-level" data-testid="zoom-level" aria-live="polite">
              {zoomLabel(zoom)}
            </output>
            <button type="button" className="btn" aria-label="Larger text" aria-keyshortcuts="Control+=" title="Larger text (Ctrl+=)" disabled={zoom >= ZOOM_STEPS[ZOOM_STEPS.length - 1]} onClick={() => zoomBy(1)}>
              A+
            </button>
            <button type="button" className="btn" aria-keyshortcuts="Control+0" title="Text size 100 % (Ctrl+0)" disabled={zoom === DEFAULT_ZOOM} onClick={resetZoom}>
              100 %
            </button>
          </div>
          <button type="button" className="btn view-row" disabled={!sized} onClick={resetSizes}>
            <span>Reset pane sizes</span>
          </button>
          <p className="view-hint">
            Maximise a pane with the button on its title or <kbd>Alt+M</kbd> (the pane holding the focus); <kbd>Escape</kbd> restores. Drag the gaps between panes, or focus one
            and use the arrow keys.
          </p>
        </div>
      )}
    </div>
  );
}
