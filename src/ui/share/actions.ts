// What the top-bar controls do on the page: share, open, save, examples and
// theme. The pure parts (codec, startup, file checks) live beside this file.
import { useStore } from '../store/index.ts';
import { currentSource, replaceSource } from '../editing.ts';
import { EXAMPLES } from '../examples/index.ts';
import { exampleUrl, shareUrl } from './address.ts';
import { flushSave, setUrlText } from './autosave.ts';
import { browserDownload, downloadText, importFile, type FileLike } from './file.ts';
import { pageStorage, THEME_KEY, writeItem } from './storage.ts';
import type { NoticeData } from './startup.ts';

export function showNotice(notice: NoticeData | null): void {
  useStore.setState({ notice });
}

/** Puts the program in the address bar; resolves to the full link. */
function linkInAddressBar(): string {
  const text = currentSource();
  const path = shareUrl(window.location, text);
  window.history.replaceState(null, '', path);
  setUrlText(text);
  return new URL(path, window.location.href).href;
}

/**
 * Copies a link to the program. Resolves to the link when the clipboard is
 * unavailable or refuses, so the caller can show it to copy by hand.
 */
export async function shareProgram(): Promise<string | null> {
  const link = linkInAddressBar();
  try {
    if (!navigator.clipboard) return link;
    await navigator.clipboard.writeText(link);
    showNotice({ kind: 'info', text: 'Link copied' });
    return null;
  } catch {
    return link;
  }
}

export async function openProgramFile(file: FileLike): Promise<void> {
  const result = await importFile(file);
  if (!result.ok) {
    showNotice({ kind: 'error', text: `${result.error} The current program is unchanged.` });
    return;
  }
  replaceSource(result.text, null);
  showNotice({ kind: 'info', text: `Opened ${file.name}` });
}

export function saveProgramFile(): void {
  downloadText(currentSource(), browserDownload);
}

/** Loads a shipped example and points the address bar at it. */
export function loadExample(name: string): void {
  const text = EXAMPLES[name];
  if (text === undefined) return;
  replaceSource(text, name);
  window.history.replaceState(null, '', exampleUrl(window.location, name));
  setUrlText(text);
  flushSave();
  showNotice(null);
}

export function toggleTheme(): void {
  const theme = useStore.getState().theme === 'dark' ? 'light' : 'dark';
  useStore.setState({ theme });
  writeItem(pageStorage(), THEME_KEY, theme);
}
