// The loading marker (localStorage LOADING_KEY): set by a page from the moment it starts loading a
// program until it has drawn it (or is left: a reload, a link, a closed tab). Found still set at the
// next start, it means that program may have crashed or hung the page, so it is offered back
// instead of being loaded again (startup.ts).
//
// The marker names the tab that set it and when. Two tabs that start at the same moment (a browser
// restoring its session) see each other's fresh marker: that is another tab still loading, not a
// crash. A marker is taken as a crash when it is this very tab's (the crashed tab reloaded), or
// another tab's that has stayed set for LIVE_LOAD_MS.
import { LOADING_KEY, readItem, writeItem, type StorageLike } from './storage.ts';

/** Longer than any page takes from its start to drawing its program (a 3,800-atom paste draws in ~3 s here). */
export const LIVE_LOAD_MS = 10_000;

interface Marker {
  readonly tab: string;
  readonly at: number;
}

function parse(raw: string): Marker | null {
  try {
    const m: unknown = JSON.parse(raw);
    if (typeof m !== 'object' || m === null) return null;
    const { tab, at } = m as Record<string, unknown>;
    return typeof tab === 'string' && typeof at === 'number' && Number.isFinite(at) ? { tab, at } : null;
  } catch {
    return null;
  }
}

/**
 * Whether the marker found at start means the last load may have crashed the page. `tabBefore`:
 * this tab's id if the tab is being reloaded (null for a new tab). "1" (the marker before it named
 * its tab) and a marker that cannot be read count as a crash: offering the program back loses nothing.
 */
export function isCrashMarker(raw: string | null, tabBefore: string | null, now: number): boolean {
  if (raw === null || raw === '0') return false;
  const m = parse(raw);
  if (!m) return true;
  return m.tab === tabBefore || now - m.at >= LIVE_LOAD_MS || now < m.at;
}

/** Sets the marker: this tab starts loading a program. */
export function setLoading(storage: StorageLike | null, tab: string, now: number): void {
  writeItem(storage, LOADING_KEY, JSON.stringify({ tab, at: now }));
}

/** Clears the marker if this tab set it (a marker another tab set since is that tab's to clear). */
export function clearLoading(storage: StorageLike | null, tab: string): void {
  const raw = readItem(storage, LOADING_KEY);
  if (raw !== null && parse(raw)?.tab === tab) writeItem(storage, LOADING_KEY, '0');
}
