// Autosave of the program text, scheduled in one place (boot.ts, when the
// store's text changes) and flushed when the page hides. A save writes the
// newest text (the editor's, which may be ahead of the store) to the shared
// "newest program" slot and to this tab's own entry in the history, so two
// tabs never lose each other's work. Nothing is written while the text is the
// one the page started with: opening the page never overwrites saved work.
// The address bar is kept honest too: once the text differs from what a
// `#code/` or `?example=` URL says, the URL drops it so a reload restores the
// saved work.
import { keepInHistory } from './history.ts';
import { SOURCE_KEY, writeItem, type StorageLike } from './storage.ts';

export interface AutosaveDeps {
  readonly storage: StorageLike | null;
  /** The newest text. */
  readonly read: () => string;
  /** Replaces the address with the plain page (no query, no hash). */
  readonly clearUrl: () => void;
  /** This tab's id, and the history entry it continues (a reloaded tab's own), if any. */
  readonly tab: string;
  readonly resume?: string;
  /** Texts not worth a history entry (the shipped examples). */
  readonly shipped?: ReadonlySet<string>;
  readonly now?: () => number;
  readonly delayMs?: number;
}

export interface Autosave {
  /** The text changed: save it after a pause. */
  schedule(): void;
  flush(): void;
  /** The text the address bar stands for now (null: none). */
  setUrlText(text: string | null): void;
  /** The text now loaded is not the user's edit (start-up, an example, a link): no save until it changes. */
  setBaseline(text: string): void;
  /** A program is about to replace this one: later saves go to a new history entry. */
  newVersion(): void;
}

export const AUTOSAVE_DELAY_MS = 500;

export function createAutosave(deps: AutosaveDeps): Autosave {
  const { storage, read, clearUrl, tab, shipped, now = Date.now, delayMs = AUTOSAVE_DELAY_MS } = deps;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let urlText: string | null = null;
  let baseline: string | null = null;
  let version = deps.resume ?? `${tab}:${now()}`;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const text = read();
    if (text === baseline) return;
    baseline = text;
    writeItem(storage, SOURCE_KEY, text);
    if (!shipped?.has(text)) keepInHistory(storage, { id: version, time: now(), text });
  };
  return {
    schedule() {
      if (urlText !== null && read() !== urlText) {
        urlText = null;
        clearUrl();
      }
      clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    setUrlText(text) {
      urlText = text;
    },
    setBaseline(text) {
      clearTimeout(timer);
      timer = undefined;
      baseline = text;
    },
    newVersion() {
      version = `${tab}:${now()}`;
    },
  };
}

let current: Autosave | null = null;

/** Installs the page's autosave (boot.ts). */
export function installAutosave(a: Autosave | null): void {
  current = a;
}

export function pageAutosave(): Autosave | null {
  return current;
}
