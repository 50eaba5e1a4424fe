// Start-up of the program text on the page (called by main.tsx before the
// engine starts): picks the text, restores the theme, and keeps autosave,
// history, address bar and document title in step with the store afterwards.
// While a program is being loaded the loading marker names this tab; the App
// clears it once it has drawn (markDrawn). Finding it still set at the next
// start means that program may have crashed the page: it is offered back
// instead of being loaded again (startup.ts; which markers count: loading-marker.ts).
import { useStore } from '../store/index.ts';
import { currentSource } from '../editing.ts';
import { EXAMPLES } from '../examples/index.ts';
import { plainUrl } from './address.ts';
import { createAutosave, installAutosave, pageAutosave } from './autosave.ts';
import { keepInHistory } from './history.ts';
import { initialSource, titleFor, type NoticeData, type StartupNotice } from './startup.ts';
import { LOADING_KEY, loadTheme, pageStorage, readItem, SOURCE_KEY, TAB_KEY, tabStorage, writeItem } from './storage.ts';
import { clearLoading, isCrashMarker, setLoading } from './loading-marker.ts';
import { openText, showNotice } from './actions.ts';
import { embedOptions } from './embed.ts';
import { bootEmbed } from './embed-boot.ts';
import { keepView } from '../workspace/view-storage.ts';
import { problemsText, readLinkState } from './link-state.ts';
import { landOn, setSource } from '../engine/runtime.ts';
import { bootC, linkCFile, whenRunReady } from '../c/c-runtime.ts';

/** This tab's id: kept in sessionStorage, so a reload is the same tab; null `before` for a new tab. */
function tabId(): { id: string; before: string | null } {
  const session = tabStorage();
  const before = readItem(session, TAB_KEY);
  if (before) return { id: before, before };
  const id = `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  writeItem(session, TAB_KEY, id);
  return { id, before: null };
}

function noticeFor(n: StartupNotice | null): NoticeData | null {
  if (!n) return null;
  const { offer } = n;
  if (!offer) return { kind: n.kind, text: n.text };
  return {
    kind: n.kind,
    text: n.text,
    actions: [
      { label: offer.label, run: () => openText(offer.text, 'the program') },
      { label: 'Keep it aside', run: () => showNotice(null) },
    ],
  };
}

export function bootSource(): void {
  // An embed reads its program from the address only and writes nothing (embed-boot.ts).
  const embed = embedOptions(window.location);
  if (embed) return bootEmbed(embed);
  keepView();
  const storage = pageStorage();
  const tab = tabId();
  const clearUrl = () => window.history.replaceState(null, '', plainUrl(window.location));
  const crashed = isCrashMarker(readItem(storage, LOADING_KEY), tab.before, Date.now());
  pageTab = tab.id;
  const start = initialSource(window.location, storage, EXAMPLES, { tab: tab.before, crashed });
  if (start.aside !== null) keepInHistory(storage, { id: `aside:${Date.now()}`, time: Date.now(), text: start.aside });

  const autosave = createAutosave({
    storage,
    read: currentSource,
    clearUrl,
    tab: tab.id,
    resume: start.resume ?? undefined,
    shipped: new Set(Object.values(EXAMPLES)),
  });
  installAutosave(autosave);
  autosave.setBaseline(start.text);
  if (start.notice?.kind === 'error' || start.aside !== null) clearUrl();
  else if (start.from === 'link' || start.from === 'example') autosave.setUrlText(start.text);

  setLoading(storage, tab.id, Date.now());
  let notice = noticeFor(start.notice);
  let exampleName = start.exampleName;
  try {
    setSource(start.text, exampleName);
  } catch (e) {
    // The text broke the parser or layout: keep it, open hello, say so.
    keepInHistory(storage, { id: `aside:${Date.now()}`, time: Date.now(), text: start.text });
    exampleName = 'hello';
    setSource(EXAMPLES.hello, exampleName);
    autosave.setBaseline(EXAMPLES.hello);
    clearUrl();
    notice = { kind: 'error', text: `The program could not be loaded (${e instanceof Error ? e.message : String(e)}); hello is open instead. It is kept in “Recover earlier work”.` };
  }
  // A link's moment and view (link-state.ts): each field checked; a bad one is named in the notice and ignored.
  // Breakpoints on names the program lacks are dropped with the session; the link's theme is not saved.
  const link = readLinkState(start.extras);
  const { event, problems, ...view } = link;
  notice = withProblems(notice, problemsText(problems));
  useStore.setState({ notice, theme: loadTheme(storage), ...view });
  document.title = titleFor(exampleName);
  bootC(linkCFile(start.extras.c), start.from === 'link' || start.from === 'example');
  if (event !== undefined) whenRunReady(() => openAtEvent(event));

  useStore.subscribe((s, prev) => {
    if (s.source !== prev.source) autosave.schedule();
    if (s.exampleName !== prev.exampleName) document.title = titleFor(s.exampleName);
  });
  window.addEventListener('pagehide', () => {
    autosave.flush();
    // Leaving the page (a reload, a link, closing the tab) before it drew is not a crash: a page
    // that crashed or hung runs no handler, so its marker stays.
    clearLoading(storage, tab.id);
  });
  let told = false;
  window.addEventListener('storage', (e) => {
    if (told || e.key !== SOURCE_KEY || e.newValue === null || e.newValue === currentSource()) return;
    told = true;
    showNotice({ kind: 'info', text: 'Another tab saved a different program. Each tab keeps its own work; both are in “Recover earlier work”.' });
  });
}

/** The notice with a sentence about the link's ignored fields added (an error notice, keeping its buttons). */
function withProblems(notice: NoticeData | null, text: string): NoticeData | null {
  if (!text) return notice;
  return notice ? { ...notice, kind: 'error', text: `${notice.text} ${text}` } : { kind: 'error', text };
}

/** Runs the link's program to its event; says so when the run cannot reach it. */
function openAtEvent(event: number): void {
  const landed = landOn(event);
  if (landed === 'reached') return;
  const why = landed === null
    ? `its event (${event.toLocaleString('en')}) is not reachable: the program has errors`
    : `its event (${event.toLocaleString('en')}) is past the end of the run (event ${landed.end.toLocaleString('en')})`;
  useStore.setState((s) => ({ notice: withProblems(s.notice, problemsText([why])) }));
}

/** The page has drawn the program it loaded (App): a crash after this is not a crash on loading. */
export function markDrawn(): void {
  if (pageAutosave() && pageTab !== null) clearLoading(pageStorage(), pageTab);
}

/** This tab's id once the page has started (null in an embed, which sets no marker). */
let pageTab: string | null = null;
