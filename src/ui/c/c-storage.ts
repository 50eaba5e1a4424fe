// The C file survives a reload: it is saved (name, text, and whether its tab
// is shown) whenever it changes, after a short pause and when the page hides,
// and opened again at start-up. One slot for the page: the last tab to save
// wins, as for the newest program (docs/c.md).
import { useStore, type CFile } from '../store/index.ts';
import { C_FILE_KEY, pageStorage, readItem, writeItem, type StorageLike } from '../share/storage.ts';
import { MAX_TEXT_CHARS } from '../share/codec.ts';

/** A C file's name in the tab: `hello.c`; what a name must look like. */
export const C_NAME = /^[A-Za-z0-9_.-]{1,64}\.c$/;

export interface SavedC extends CFile {
  readonly active: boolean;
}

/** The saved C file, or null when there is none or it is not one (a damaged entry is ignored). */
export function readSavedC(storage: StorageLike | null): SavedC | null {
  const raw = readItem(storage, C_FILE_KEY);
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<SavedC>;
    if (typeof v.name !== 'string' || !C_NAME.test(v.name) || typeof v.text !== 'string' || v.text.length > MAX_TEXT_CHARS) return null;
    return { name: v.name, text: v.text, active: v.active === true };
  } catch {
    return null;
  }
}

export function writeSavedC(storage: StorageLike | null, c: SavedC | null): void {
  writeItem(storage, C_FILE_KEY, c ? JSON.stringify(c) : '');
}

const DELAY_MS = 500;

/** Saves the C file as it changes (installed once at start-up). */
export function keepCFile(): void {
  const storage = pageStorage();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = undefined;
    const { cFile, lang } = useStore.getState();
    writeSavedC(storage, cFile ? { ...cFile, active: lang === 'c' } : null);
  };
  useStore.subscribe((s, prev) => {
    if (s.cFile === prev.cFile && s.lang === prev.lang) return;
    clearTimeout(timer);
    timer = setTimeout(save, DELAY_MS);
  });
  window.addEventListener('pagehide', () => timer !== undefined && save());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && timer !== undefined && save());
}
