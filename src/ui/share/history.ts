// Earlier programs kept in localStorage so nothing typed is lost: each tab's
// autosaved work (one entry per tab and version, a version starting whenever
// a program replaces it), programs set aside when an example, link or file
// replaced them, and a program that may have crashed the page. The newest
// MAX_ENTRIES are kept; "Recover earlier work" lists them.
import { HISTORY_KEY, readItem, writeItem, type StorageLike } from './storage.ts';

export const MAX_ENTRIES = 12;

export interface SavedEntry {
  /** `<tab>:<version start>`: autosave updates its own entry in place. */
  readonly id: string;
  /** Milliseconds since 1970 (host clock) of the last save. */
  readonly time: number;
  readonly text: string;
}

function isEntry(e: unknown): e is SavedEntry {
  if (typeof e !== 'object' || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o.id === 'string' && typeof o.time === 'number' && typeof o.text === 'string';
}

/** The kept programs, newest first; a damaged record reads as none. */
export function readHistory(storage: StorageLike | null): SavedEntry[] {
  const raw = readItem(storage, HISTORY_KEY);
  if (raw === null) return [];
  try {
    const list: unknown = JSON.parse(raw);
    return Array.isArray(list) ? list.filter(isEntry).sort((a, b) => b.time - a.time) : [];
  } catch {
    return [];
  }
}

/**
 * Keeps `entry` (replacing the one with its id, and any older copy of the same
 * text). When storage is full the oldest entries go first; the newest is kept
 * if it fits at all. Returns whether it was stored.
 */
export function keepInHistory(storage: StorageLike | null, entry: SavedEntry): boolean {
  if (entry.text.trim() === '') return false;
  const rest = readHistory(storage).filter((e) => e.id !== entry.id && e.text !== entry.text);
  const list = [entry, ...rest].sort((a, b) => b.time - a.time).slice(0, MAX_ENTRIES);
  while (list.length > 0) {
    if (writeItem(storage, HISTORY_KEY, JSON.stringify(list))) return list.includes(entry);
    list.pop();
  }
  return false;
}

/** The newest entry a tab saved (its ids start with `<tab>:`). */
export function newestOfTab(entries: readonly SavedEntry[], tab: string): SavedEntry | undefined {
  return entries.find((e) => e.id.startsWith(tab + ':'));
}

/** The first line with something on it, cut short: how a menu names a program. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '(empty)';
  return line.length > 60 ? line.slice(0, 60) + '…' : line;
}
