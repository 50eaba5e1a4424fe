// Start-up of the program text on the page (called by main.tsx before the
// engine starts): picks the text, restores the theme, and keeps autosave,
// address bar and document title in step with the store afterwards.
import { useStore } from '../store/index.ts';
import { setSource } from '../engine/runtime.ts';
import { EXAMPLES } from '../examples/index.ts';
import { plainUrl } from './address.ts';
import { createAutosave, flushSave, installAutosave, scheduleSave } from './autosave.ts';
import { initialSource, titleFor } from './startup.ts';
import { loadTheme, pageStorage } from './storage.ts';

export function bootSource(): void {
  const storage = pageStorage();
  const clearUrl = () => window.history.replaceState(null, '', plainUrl(window.location));
  const start = initialSource(window.location, storage, EXAMPLES);
  const autosave = createAutosave({ storage, clearUrl });
  installAutosave(autosave);
  if (start.notice) clearUrl();
  else if (start.from === 'link' || start.from === 'example') autosave.setUrlText(start.text);

  setSource(start.text, start.exampleName);
  useStore.setState({ notice: start.notice, theme: loadTheme(storage) });
  document.title = titleFor(start.exampleName);

  useStore.subscribe((s, prev) => {
    if (s.source !== prev.source) scheduleSave(s.source);
    if (s.exampleName !== prev.exampleName) document.title = titleFor(s.exampleName);
  });
  window.addEventListener('pagehide', flushSave);
}
