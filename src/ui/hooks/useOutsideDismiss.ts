// Closes a popup when a pointer goes down outside it: the menus of the top bar
// (ListMenu, ViewMenu), the Kernel panel and the Trace tab's Export menu.
import { useEffect, type RefObject } from 'react';

/** While `open`, a pointerdown outside `root` calls `dismiss`. */
export function useOutsideDismiss(root: RefObject<HTMLElement | null>, open: boolean, dismiss: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) dismiss();
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [root, open, dismiss]);
}
