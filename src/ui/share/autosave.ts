// Autosave of the program text (debounced, flushed when the page hides), and
// the address bar kept honest: once the text differs from what a `#code/` or
// `?example=` URL says, the URL drops it so a reload restores the saved work.
import { SOURCE_KEY, writeItem, type StorageLike } from './storage.ts';

export interface AutosaveDeps {
  readonly storage: StorageLike | null;
  /** Replaces the address with the plain page (no query, no hash). */
  readonly clearUrl: () => void;
  readonly delayMs?: number;
}

export interface Autosave {
  schedule(text: string): void;
  flush(): void;
  /** The text the address bar stands for now (null: none). */
  setUrlText(text: string | null): void;
}

export const AUTOSAVE_DELAY_MS = 500;

export function createAutosave({ storage, clearUrl, delayMs = AUTOSAVE_DELAY_MS }: AutosaveDeps): Autosave {
  let pending: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let urlText: string | null = null;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending !== null) writeItem(storage, SOURCE_KEY, pending);
    pending = null;
  };
  return {
    schedule(text) {
      if (urlText !== null && text !== urlText) {
        urlText = null;
        clearUrl();
      }
      pending = text;
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    setUrlText(text) {
      urlText = text;
    },
  };
}

let current: Autosave | null = null;

/** Installs the page's autosave (main.tsx). */
export function installAutosave(a: Autosave): void {
  current = a;
}

/** Called on every change of the text (editor typing, store updates). */
export function scheduleSave(text: string): void {
  current?.schedule(text);
}

export function flushSave(): void {
  current?.flush();
}

export function setUrlText(text: string | null): void {
  current?.setUrlText(text);
}
