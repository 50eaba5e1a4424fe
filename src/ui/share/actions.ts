// What the top-bar controls do on the page: share, open, save, examples,
// recovery and theme. The pure parts (codec, startup, file checks, history)
// live beside this file.
import { useStore } from '../store/index.ts';
import { currentSource, editorIsUp, replaceSource, undoSource } from '../editing.ts';
import { EXAMPLES } from '../examples/index.ts';
import { exampleUrl, plainUrl, shareUrl } from './address.ts';
import { pageAutosave } from './autosave.ts';
import { browserDownload, downloadText, importFile, type FileLike } from './file.ts';
import { keepInHistory } from './history.ts';
import { pageStorage, THEME_KEY, writeItem } from './storage.ts';
import type { NoticeData } from './startup.ts';

export function showNotice(notice: NoticeData | null): void {
  useStore.setState({ notice });
}

/** Puts the program (and its breakpoints, if any) in the address bar; resolves to the full link. */
function linkInAddressBar(): string {
  const text = currentSource();
  const { breakpoints } = useStore.getState();
  const path = shareUrl(window.location, text, breakpoints.length > 0 ? { breakpoints } : {});
  window.history.replaceState(null, '', path);
  pageAutosave()?.setUrlText(text);
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

const isShipped = (text: string) => Object.values(EXAMPLES).includes(text);

/**
 * Replaces the program with `text`. Edited work it replaces is not lost: it
 * stays one Undo away (when the editor is up) and goes into the history, and
 * the notice says so. Returns that notice's words about it ('' when the
 * replaced text was empty, unchanged or a shipped example).
 */
export function replaceProgram(text: string, exampleName: string | null): string {
  const before = currentSource();
  const edited = before !== text && before.trim() !== '' && !isShipped(before);
  const autosave = pageAutosave();
  if (edited) {
    autosave?.flush();
    keepInHistory(pageStorage(), { id: `aside:${Date.now()}`, time: Date.now(), text: before });
  }
  autosave?.newVersion();
  replaceSource(text, exampleName);
  if (!edited) return '';
  return editorIsUp() ? 'Your edited program is one Undo away and in “Recover earlier work”.' : 'Your edited program is in “Recover earlier work”.';
}

function reportReplaced(opened: string, kept: string): void {
  if (!kept) {
    showNotice({ kind: 'info', text: opened });
    return;
  }
  const undo = editorIsUp() ? [{ label: 'Undo', run: () => (undoSource(), showNotice(null)) }] : [];
  showNotice({ kind: 'info', text: `${opened}. ${kept}`, actions: undo });
}

/** Opens a text the user chose (a damaged link's text, a program set aside, a recovered version). */
export function openText(text: string, what: string): void {
  const kept = replaceProgram(text, null);
  window.history.replaceState(null, '', plainUrl(window.location));
  pageAutosave()?.setUrlText(null);
  reportReplaced(`Opened ${what}`, kept);
}

export async function openProgramFile(file: FileLike): Promise<void> {
  const result = await importFile(file);
  if (!result.ok) {
    showNotice({ kind: 'error', text: `${result.error} The current program is unchanged.` });
    return;
  }
  openText(result.text, file.name);
}

export function saveProgramFile(): void {
  downloadText(currentSource(), browserDownload);
}

/** Loads a shipped example and points the address bar at it. */
export function loadExample(name: string): void {
  const text = EXAMPLES[name];
  if (text === undefined) return;
  const kept = replaceProgram(text, name);
  window.history.replaceState(null, '', exampleUrl(window.location, name));
  pageAutosave()?.setUrlText(text);
  pageAutosave()?.setBaseline(text);
  if (kept) reportReplaced(`Opened the example ${name}`, kept);
  else showNotice(null);
}

export function toggleTheme(): void {
  const theme = useStore.getState().theme === 'dark' ? 'light' : 'dark';
  useStore.setState({ theme });
  writeItem(pageStorage(), THEME_KEY, theme);
}
