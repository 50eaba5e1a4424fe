// localStorage access that never throws: private windows, disabled storage
// and full quotas only cost the saved copy.
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The newest program any tab saved (what a new tab opens). */
export const SOURCE_KEY = 'syslet-playground:source';
export const THEME_KEY = 'syslet-playground:theme';
/** Earlier programs (history.ts). */
export const HISTORY_KEY = 'syslet-playground:history';
/** Set (to the tab and the time) from loading a program until the page has drawn it (share/loading-marker.ts). */
export const LOADING_KEY = 'syslet-playground:loading';
/** The workspace's layout: pane sizes, font zoom, presenter layout (workspace/view-storage.ts). */
export const VIEW_KEY = 'syslet-playground:view';
/** The C file open in the C tab, and whether that tab is shown: JSON `{ name, text, active }` (c/c-storage.ts). */
export const C_FILE_KEY = 'syslet-playground:c-file';
/** In sessionStorage: this tab's id, which survives a reload of the tab. */
export const TAB_KEY = 'syslet-playground:tab';

function browserStorage(which: 'localStorage' | 'sessionStorage'): StorageLike | null {
  try {
    return typeof globalThis[which] === 'undefined' ? null : globalThis[which];
  } catch {
    return null;
  }
}

/** The page's localStorage, or null when the browser refuses it. */
export function pageStorage(): StorageLike | null {
  return browserStorage('localStorage');
}

/** This tab's sessionStorage, or null. */
export function tabStorage(): StorageLike | null {
  return browserStorage('sessionStorage');
}

export function readItem(storage: StorageLike | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeItem(storage: StorageLike | null, key: string, value: string): boolean {
  try {
    storage?.setItem(key, value);
    return storage !== null;
  } catch {
    return false;
  }
}

export type ThemeName = 'dark' | 'light';

export function loadTheme(storage: StorageLike | null): ThemeName {
  return readItem(storage, THEME_KEY) === 'light' ? 'light' : 'dark';
}
