import { useEffect } from 'react';
import { togglePlay, step, stepBack, reset, pause } from '../engine/runtime.ts';

/**
 * Keyboard shortcuts for the run controls, active everywhere on the page:
 * F5 run/pause, F6 pause, F10 step, Shift+F10 step back, Ctrl+Shift+Backspace reset.
 * Alt+→ / Alt+← step and step back too (F-keys are awkward on many laptops).
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      let handled = true;
      if (e.key === 'F5') togglePlay();
      else if (e.key === 'F6') pause();
      else if (e.key === 'F10' && e.shiftKey) stepBack();
      else if (e.key === 'F10') step();
      else if (e.altKey && e.key === 'ArrowRight') step();
      else if (e.altKey && e.key === 'ArrowLeft') stepBack();
      else if (e.ctrlKey && e.shiftKey && e.key === 'Backspace') reset();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
