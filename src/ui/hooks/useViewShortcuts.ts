import { useEffect } from 'react';
import { PANE_IDS, useStore, type PaneId } from '../store/index.ts';
import { restorePanes, resetZoom, toggleMaximised, togglePresenter, zoomBy } from '../workspace/view-actions.ts';

/** The pane an element is in (its grid area in the workspace), or null. */
function paneOf(el: Element | null): PaneId | null {
  const area = el?.closest('[data-pane]')?.getAttribute('data-pane');
  return (PANE_IDS as readonly string[]).includes(area ?? '') ? (area as PaneId) : null;
}

/** Where Escape belongs to someone else: the editor, form fields, menus and dialogs close their own things with it. */
const OWNS_ESCAPE = '.monaco-editor, input, select, textarea, [role="dialog"], [role="listbox"], [role="menu"], .atom-editor, .view-menu';

/**
 * Layout keys, active everywhere on the page: Alt+M maximises the pane holding
 * the focus and restores it (also with the focus outside the panes); Escape restores too;
 * Alt+P switches the presenter layout; Ctrl+= / Ctrl+- / Ctrl+0 zoom the panes'
 * text (instead of the browser's page zoom).
 */
export function useViewShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      let handled = true;
      if (e.altKey && !mod && !e.shiftKey && e.code === 'KeyM') {
        const { maximised } = useStore.getState();
        const pane = paneOf(document.activeElement);
        if (maximised && (pane === null || pane === maximised)) restorePanes();
        else if (pane) toggleMaximised(pane);
        else handled = false;
      } else if (e.altKey && !mod && !e.shiftKey && e.code === 'KeyP') togglePresenter();
      else if (mod && !e.altKey && (e.key === '=' || e.key === '+')) zoomBy(1);
      else if (mod && !e.altKey && (e.key === '-' || e.key === '_')) zoomBy(-1);
      else if (mod && !e.altKey && !e.shiftKey && e.key === '0') resetZoom();
      else handled = false;
      if (handled) e.preventDefault();
    };
    // Escape listens in the bubbling phase: whoever owns it inside the page (a menu, the editor) goes first.
    const onEscape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || !useStore.getState().maximised) return;
      if ((e.target as Element | null)?.closest?.(OWNS_ESCAPE)) return;
      // On a phone the "maximised" pane is simply the tab shown.
      if (document.querySelector('.surface-phone')) return;
      restorePanes();
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keydown', onEscape);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keydown', onEscape);
    };
  }, []);
}
