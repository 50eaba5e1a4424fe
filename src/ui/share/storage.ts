// localStorage access that never throws: private windows, disabled storage
// and full quotas only cost the saved copy.
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const SOURCE_KEY = 'syslet-playground:source';
export const THEME_KEY = 'syslet-playground:theme';

/** The page's localStorage, or null when the browser refuses it. */
export function pageStorage(): StorageLike | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
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
