// What is typed in the editor reaches the parser at most every 250 ms; Run and
// Step flush it first, so they judge the text as it is on the screen.
import { setSource } from './engine/runtime.ts';

const DELAY_MS = 250;
let timer: ReturnType<typeof setTimeout> | undefined;
let pending: string | null = null;

/** The editor's text changed. */
export function typed(text: string): void {
  pending = text;
  clearTimeout(timer);
  timer = setTimeout(flushTyping, DELAY_MS);
}

/** Parses what was typed and not yet parsed, now. */
export function flushTyping(): void {
  clearTimeout(timer);
  if (pending === null) return;
  const text = pending;
  pending = null;
  setSource(text);
}

/**
 * The text was put in place some other way (an example, a file, a graph edit) and is newer than
 * what waits here: what waits must not land after it.
 */
export function dropTyping(): void {
  clearTimeout(timer);
  pending = null;
}
