// What the page is shown on: a desktop (or projector), a phone, or an iframe embed.
import { useSyncExternalStore } from 'react';
import { useStore } from '../store/index.ts';
import type { Surface } from './grid.ts';

/** Up to this width the page is the phone's read-only viewer (one pane at a time). */
export const PHONE_QUERY = '(max-width: 640px)';

const query = () => (typeof window.matchMedia === 'function' ? window.matchMedia(PHONE_QUERY) : null);
const subscribe = (notify: () => void) => {
  const q = query();
  q?.addEventListener('change', notify);
  return () => q?.removeEventListener('change', notify);
};
const narrow = () => query()?.matches ?? false;

export function useSurface(): Surface {
  const embed = useStore((s) => s.embed !== null);
  const phone = useSyncExternalStore(subscribe, narrow, () => false);
  return embed ? 'embed' : phone ? 'phone' : 'desktop';
}

/** A phone and an embed are viewers: the text and the graph cannot be edited there. */
export function useReadOnly(): boolean {
  return useSurface() !== 'desktop';
}
