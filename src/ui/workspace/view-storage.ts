// The workspace's layout survives a reload: pane sizes, font zoom and the
// presenter layout, as one JSON entry in localStorage. Read once at start-up,
// written whenever one of them changes. An embed neither reads nor writes it.
import { useStore, type Store } from '../store/index.ts';
import { pageStorage, readItem, VIEW_KEY, writeItem, type StorageLike } from '../share/storage.ts';
import { parseSizes, type PaneSizes } from './sizes.ts';
import { parseZoom } from './zoom.ts';

export interface SavedView {
  readonly presenter: boolean;
  readonly zoom: number;
  readonly paneSizes: PaneSizes;
}

/** The saved layout, checked field by field (a malformed field gets its default). */
export function readView(storage: StorageLike | null): SavedView {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(readItem(storage, VIEW_KEY) ?? '{}');
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // A damaged entry: the defaults.
  }
  return { presenter: raw.presenter === true, zoom: parseZoom(raw.zoom), paneSizes: parseSizes(raw.paneSizes) };
}

const pick = (s: Store): SavedView => ({ presenter: s.presenter, zoom: s.zoom, paneSizes: s.paneSizes });

/** Restores the saved layout into the store and keeps saving it (boot.ts, not for embeds). */
export function keepView(storage: StorageLike | null = pageStorage()): void {
  useStore.setState(readView(storage));
  useStore.subscribe((s, prev) => {
    if (s.presenter !== prev.presenter || s.zoom !== prev.zoom || s.paneSizes !== prev.paneSizes) writeItem(storage, VIEW_KEY, JSON.stringify(pick(s)));
  });
}
