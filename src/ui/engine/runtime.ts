// The playground's engine on the page: one kernel, one session for the
// current program, and the actions the controls call. Module-level functions
// that update the store with setState (no hooks), as zustand suggests for
// actions outside React.
import { loadKernel } from '../../engine-wasm/host/browser.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { parse } from '../lang/parse.ts';
import { layout } from '../lang/layout.ts';
import { useStore, type Speed } from '../store/index.ts';
import { Session } from './session.ts';
import { takeLive, takeSnapshot } from './snapshot.ts';
import { FramePacer } from './pacer.ts';

let kernel: Kernel | null = null;
let session: Session | null = null;
let names: ReadonlyMap<number, string> = new Map<number, string>();
let frame = 0;

/** Main-thread time the kernel may take per frame at the slower speeds (a handful of events). */
const FRAME_BUDGET_MS = 3;
/** At speed "max" the kernel's share of a frame follows the display's pace. */
const pacer = new FramePacer();
/** The kernel runs in slices of about this long: a misjudged slice overshoots the frame by little. */
const SLICE_MS = 1;
/** Events per millisecond, measured as the program runs: sizes the slices so a frame's budget is not overshot. */
let rate = 50;

export function currentSession(): Session | null {
  return session;
}
export function currentKernel(): Kernel | null {
  return kernel;
}

const FULL_EVERY_MS = 500;
/** At speed "max" the heavy panes refresh more rarely still: the ring and the toolbar carry the run. */
const FULL_EVERY_MS_AT_MAX = 2000;
let lastFull = 0;

/**
 * Hands the session's state to the panes. While a program runs fast only the
 * live part (events, ring) is refreshed every frame; the full snapshot (threads,
 * memory, graph, narration) at most every FULL_EVERY_MS, so frames stay short.
 */
function publish(full = true): void {
  if (!session) return;
  const live = takeLive(session, names);
  const now = performance.now();
  const every = useStore.getState().speed === Infinity ? FULL_EVERY_MS_AT_MAX : FULL_EVERY_MS;
  if (full || now - lastFull >= every) {
    if (fullNextFrame) cancelAnimationFrame(fullNextFrame);
    fullNextFrame = 0;
    lastFull = now;
    useStore.setState({ live, snap: takeSnapshot(session, names, live) });
  } else {
    useStore.setState({ live });
  }
}

let fullNextFrame = 0;
/** A full publish at the next frame (see tick: the end of a fast run). */
function publishNextFrame(): void {
  if (!fullNextFrame) {
    fullNextFrame = requestAnimationFrame(() => {
      fullNextFrame = 0;
      publish();
    });
  }
}

/** Parses text; a program without errors replaces the running one (the last good one stays otherwise). */
export function setSource(text: string, exampleName: string | null = null): void {
  const { program, diagnostics } = parse(text);
  const hasErrors = diagnostics.some((d) => d.severity === 'error');
  const lay = hasErrors ? null : layout(program);
  const all = lay ? [...diagnostics, ...lay.diagnostics] : diagnostics;
  useStore.setState({ source: text, diagnostics: all, exampleName });
  if (!lay || !lay.ok) return;
  useStore.setState({ program, layout: lay });
  pause();
  if (kernel) {
    session = new Session(kernel, program, lay);
    names = lay.names.atoms;
    const known = new Set(names.values());
    useStore.setState((s) => ({ breakpoints: s.breakpoints.filter((b) => known.has(b)) }));
    publish();
  }
}

/** Loads the kernel, then builds the session for the text already in the store. */
export async function startEngine(): Promise<void> {
  try {
    kernel = await loadKernel(1);
    const hex = (n: number) => '0x' + n.toString(16).padStart(6, '0');
    useStore.setState({ engineStatus: 'ready', engineDetail: `user memory ${hex(kernel.userBase)}–${hex(kernel.userEnd)}` });
    const { source, exampleName } = useStore.getState();
    setSource(source, exampleName);
  } catch (e) {
    useStore.setState({ engineStatus: 'error', engineDetail: `the kernel did not load: ${(e as Error).message}` });
  }
}

function hitBreakpoint(before: number): boolean {
  const { breakpoints } = useStore.getState();
  if (!session || breakpoints.length === 0) return false;
  const recent = session.recent();
  for (let i = recent.length - 1; i >= 0 && recent[i].event > before - 1; i--) {
    const t = recent[i].trace;
    if (t?.kind === 'atom' && breakpoints.includes(names.get(t.atom) ?? '')) return true;
  }
  return false;
}

let carry = 0;
let lastTime = 0;

function tick(time: number): void {
  frame = 0;
  const s = useStore.getState();
  if (!session || !s.playing) return;
  const dt = lastTime ? Math.min(time - lastTime, 100) : 16;
  lastTime = time;
  const exact = s.breakpoints.length > 0;
  const start = performance.now();
  if (s.speed === Infinity) {
    const budget = pacer.frame(time);
    let left = budget;
    do {
      // A checkpoint (~2 ms here) that would not fit in what is left of the frame starts the next one.
      if (!exact && session.checkpointDue && left < budget && left < session.checkpointMs) break;
      const before = session.events;
      const cp = session.checkpointTotalMs;
      const t0 = performance.now();
      session.run(exact ? 1 : Math.max(16, Math.min(4000, Math.floor(rate * Math.min(left * 0.8, SLICE_MS)))), exact);
      const took = performance.now() - t0 - (session.checkpointTotalMs - cp);
      if (!exact && took > 0.2) rate = 0.7 * rate + 0.3 * ((session.events - before) / took);
      if (exact && hitBreakpoint(before)) return stopAt('breakpoint');
      left = budget - (performance.now() - start);
    } while (!session.finished && left > 0.25 * budget);
  } else {
    pacer.pause();
    carry += (s.speed * dt) / 1000;
    while (carry >= 1 && !session.finished && performance.now() - start < FRAME_BUDGET_MS) {
      carry -= 1;
      const before = session.events;
      session.step();
      if (hitBreakpoint(before)) return stopAt('breakpoint');
    }
  }
  const slow = s.speed <= 64;
  publish(slow);
  if (session.finished) {
    useStore.setState({ playing: false });
    // After a fast run the toolbar and the ring show the end in this frame, and every other
    // pane catches up in the next one: the run's last frame stays as light as the others.
    if (!slow) publishNextFrame();
    return;
  }
  frame = requestAnimationFrame(tick);
}

function stopAt(_why: 'breakpoint'): void {
  useStore.setState({ playing: false });
  publish();
}

export function play(): void {
  if (!session) return;
  if (session.finished) session.reset();
  carry = 0;
  lastTime = 0;
  lastFull = performance.now(); // the panes show the state the run starts from
  pacer.pause();
  useStore.setState({ playing: true });
  if (!frame) frame = requestAnimationFrame(tick);
}

export function pause(): void {
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  if (useStore.getState().playing) {
    useStore.setState({ playing: false });
    publish();
  }
}

export function togglePlay(): void {
  if (useStore.getState().playing) pause();
  else play();
}

/** One event forward. */
export function step(): void {
  pause();
  if (!session || session.finished) return;
  session.step();
  publish();
}

/** One event back: restores exactly the state before the last event. */
export function stepBack(): void {
  pause();
  if (!session || session.events === 0) return;
  session.seek(session.events - 1);
  publish();
}

/** Goes to any event between 0 and the furthest reached (the scrubber). */
export function seek(event: number): void {
  pause();
  if (!session) return;
  session.seek(Math.min(event, Math.max(session.horizon, session.events)));
  publish();
}

export function reset(): void {
  pause();
  if (!session) return;
  session.reset();
  publish();
}

export function setSpeed(speed: Speed): void {
  useStore.setState({ speed });
}

export function toggleBreakpoint(atomName: string): void {
  useStore.setState((s) => ({
    breakpoints: s.breakpoints.includes(atomName) ? s.breakpoints.filter((b) => b !== atomName) : [...s.breakpoints, atomName],
  }));
}
