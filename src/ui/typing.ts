// What is typed in the editor reaches the parser at most every 250 ms; Run and
// Step flush it first, so they judge the text as it is on the screen. A big
// text (more than BIG_TEXT characters) is parsed in a worker (lang/parse.worker.ts),
// so a keystroke never waits on the parser; only the judged result comes back to the page.
import { setSource } from './engine/runtime.ts';
import { compileParsed } from './engine/source.ts';
import type { ParseReply, ParseRequest } from './lang/parse.worker.ts';

const DELAY_MS = 250;
/** Texts longer than this (about 500 atom lines) are parsed off the page's thread. */
export const BIG_TEXT = 20_000;
let timer: ReturnType<typeof setTimeout> | undefined;
let pending: string | null = null;
/** The text sent to the worker and not judged yet, with its request's id. */
let inFlight: { id: number; text: string } | null = null;
let lastId = 0;
let worker: Worker | null = null;

function parser(): Worker | null {
  if (worker || typeof Worker === 'undefined') return worker;
  worker = new Worker(new URL('./lang/parse.worker.ts', import.meta.url), { type: 'module', name: 'syslet-parser' });
  worker.onmessage = (e: MessageEvent<ParseReply>) => {
    const { id, program, diagnostics } = e.data;
    // An answer for a text that is no longer the newest (typed on, flushed, or replaced) is dropped.
    if (!inFlight || inFlight.id !== id || pending !== null) return;
    // The page's half in tasks of its own, so a key pressed meanwhile is handled between them:
    // the answer's copy (this task), the layout, then the new session and the panes; a step that
    // newer text has outdated by its turn is dropped.
    const request = inFlight;
    later(request, () => {
      const judged = compileParsed({ program, diagnostics });
      later(request, () => {
        inFlight = null;
        setSource(request.text, null, judged);
      });
    });
  };
  worker.onerror = () => {
    // Without a working worker the page parses as it did before.
    worker = null;
    const text = inFlight?.text;
    inFlight = null;
    if (text !== undefined && pending === null) setSource(text);
  };
  return worker;
}

/** Runs `then` in a task of its own unless, by then, newer text outdated `request`. */
function later(request: { id: number; text: string }, then: () => void): void {
  setTimeout(() => {
    if (inFlight === request && pending === null) then();
  }, 0);
}

/** The editor's text changed. */
export function typed(text: string): void {
  pending = text;
  clearTimeout(timer);
  timer = setTimeout(parseLater, DELAY_MS);
}

/** The typing pause: a big text goes to the worker, a small one is parsed here. */
function parseLater(): void {
  if (pending === null) return;
  const w = pending.length > BIG_TEXT ? parser() : null;
  if (!w) return flushTyping();
  const request: ParseRequest = { id: ++lastId, text: pending };
  pending = null;
  inFlight = request;
  w.postMessage(request);
}

/** Parses what was typed and not yet judged, now (a text still in the worker too). */
export function flushTyping(): void {
  clearTimeout(timer);
  const text = pending ?? inFlight?.text ?? null;
  pending = null;
  inFlight = null;
  if (text !== null) setSource(text);
}

/**
 * The text was put in place some other way (an example, a file, a graph edit) and is newer than
 * what waits here: what waits must not land after it.
 */
export function dropTyping(): void {
  clearTimeout(timer);
  pending = null;
  inFlight = null;
}
