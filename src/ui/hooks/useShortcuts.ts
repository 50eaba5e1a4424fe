import { useEffect } from 'react';
import { play, step, stepBack, reset, pause } from '../engine/runtime.ts';
import { whenRunnable } from '../engine/run-guard.ts';
import { useStore } from '../store/index.ts';

/**
 * Keyboard shortcuts for the run controls, active everywhere on the page:
 * F5 run/pause, F6 pause, F10 step, Shift+F10 step back, Ctrl+Shift+Backspace reset.
 * Alt+→ / Alt+← step and step back too (F-keys are awkward on many laptops).
 * Run and Step refuse a text with errors (engine/run-guard.ts).
 */
function runOrPause(): void {
  if (useStore.getState().playing) pause();
  else whenRunnable(play);
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      let handled = true;
      if (e.key === 'F5') runOrPause();
      else if (e.key === 'F6') pause();
      else if (e.key === 'F10' && e.shiftKey) stepBack();
      else if (e.key === 'F10') whenRunnable(step);
      else if (e.altKey && e.key === 'ArrowRight') whenRunnable(step);
      else if (e.altKey && e.key === 'ArrowLeft') stepBack();
      else if (e.ctrlKey && e.shiftKey && e.key === 'Backspace') reset();
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
