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
import type { LinkExtras } from './codec.ts';
import { linkExtras } from './link-state.ts';
import { currentSession } from '../engine/runtime.ts';
import { openCFile } from '../c/c-runtime.ts';
import { C_NAME } from '../c/c-storage.ts';
import type * as ExportCModule from './export-c.ts';

export function showNotice(notice: NoticeData | null): void {
  useStore.setState({ notice });
}

/** The current event of the run (0 before it starts). */
export function currentEvent(): number {
  return currentSession()?.events ?? 0;
}

/**
 * The extras of a link: the program only (its breakpoints, as before), or the
 * moment — the event and the view (speed, theme, inspector tab, pane, lesson).
 */
function extrasFor(moment: number | null): LinkExtras {
  const s = useStore.getState();
  // The C tab's file travels with the program when it is the one that runs (docs/c.md).
  const c = s.lang === 'c' && s.cFile ? { c: { name: s.cFile.name, text: s.cFile.text } } : {};
  if (moment === null) return s.breakpoints.length > 0 ? { ...c, breakpoints: s.breakpoints } : c;
  return { ...c, ...linkExtras(s, moment) };
}

/** Puts the program (and what `moment` asks for) in the address bar; resolves to the full link. */
function linkInAddressBar(moment: number | null): string {
  const text = currentSource();
  const path = shareUrl(window.location, text, extrasFor(moment));
  window.history.replaceState(null, '', path);
  pageAutosave()?.setUrlText(text);
  return new URL(path, window.location.href).href;
}

/**
 * Copies a link to the program, or with `moment` to that event of its run.
 * Resolves to the link when the clipboard is unavailable or refuses, so the
 * caller can show it to copy by hand.
 */
export async function shareProgram(moment: number | null = null): Promise<string | null> {
  const link = linkInAddressBar(moment);
  try {
    if (!navigator.clipboard) return link;
    await navigator.clipboard.writeText(link);
    showNotice({ kind: 'info', text: moment === null ? 'Link copied' : `Link to event ${moment.toLocaleString('en')} copied` });
    return null;
  } catch {
    return link;
  }
}

/** The Log's "copy a link to this event": the link, or (no clipboard) a notice holding it to copy by hand. */
export async function copyEventLink(event: number): Promise<void> {
  const link = await shareProgram(event);
  if (link !== null) showNotice({ kind: 'info', text: `Link to event ${event.toLocaleString('en')}: ${link}` });
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
  if (/\.c$/i.test(file.name)) {
    const c = await importFile(file, ['c']);
    if (!c.ok) showNotice({ kind: 'error', text: `${c.error} Nothing was changed.` });
    else if (!C_NAME.test(file.name)) showNotice({ kind: 'error', text: `“${file.name.slice(0, 60)}” is not a usable C file name (letters, digits, . _ - and .c at the end). Nothing was changed.` });
    else {
      openCFile({ name: file.name, text: c.text });
      showNotice({ kind: 'info', text: `Opened ${file.name} in its own tab: it is compiled in the page and runs on the same kernel.` });
    }
    return;
  }
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

// The C exporter and its header load when first used (export-c.ts): the page's first load stays small.
type ExportC = typeof ExportCModule;
const loadExportC = (): Promise<ExportC | null> => loadPart('The C exporter', () => import('./export-c.ts'));

/**
 * A part of the page loaded when first used (a chunk of its own), or null when it cannot be
 * loaded (the site changed under an open page, say): then the notice says so, naming `what`.
 */
export async function loadPart<T>(what: string, load: () => Promise<T>): Promise<T | null> {
  try {
    return await load();
  } catch (e) {
    showNotice({ kind: 'error', text: `${what} could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page and try again.` });
    return null;
  }
}

/** Downloads syslet.h, the header exported C files include. */
export async function saveCHeader(): Promise<void> {
  const c = await loadExportC();
  if (c) downloadText(c.C_HEADER.text, browserDownload, c.C_HEADER.fileName);
}

/** Exports the program to C: downloads `<example or program>.c`, and offers syslet.h in the notice. */
export async function exportProgramC(): Promise<void> {
  const c = await loadExportC();
  if (!c) return;
  const { C_HEADER, programToC } = c;
  const result = programToC(currentSource(), useStore.getState().exampleName ?? 'program');
  if (!result.ok) {
    showNotice({ kind: 'error', text: result.error });
    return;
  }
  downloadText(result.text, browserDownload, result.fileName);
  showNotice({
    kind: 'info',
    text: `Exported ${result.fileName}. It includes ${C_HEADER.fileName}, the syslet header: keep the two side by side.`,
    actions: [{ label: `Download ${C_HEADER.fileName}`, run: () => void saveCHeader() }],
  });
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
