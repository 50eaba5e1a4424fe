// The playground's engine on the page: one kernel, one session for the
// current program, the run loop, and the actions the controls call. Module
// functions that update the store with setState (no hooks), as zustand
// suggests for actions outside React. The loop itself (run-loop.ts) and the
// source pipeline (source.ts) are plain modules tested on their own.
import { loadKernel } from '../../engine-wasm/host/browser.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { useStore, SHOWN_PANES, type ShownPane, type Speed } from '../store/index.ts';
import { Session } from './session.ts';
import type { RunSession } from './run-session.ts';
import { takeLive, takeSnapshot, takeTrace, type Live, type Snapshot } from './snapshot.ts';
import { PaneRefresh } from './pane-refresh.ts';
import { RunLoop, type RunWatch } from './run-loop.ts';
import { compileParsed, compileSource, type Compiled } from './source.ts';
import type { ParseResult } from '../lang/parse.ts';
import { breakKey, type BreakNames, type Breakpoint } from './breakpoints.ts';

let kernel: Kernel | null = null;
let session: RunSession | null = null;
let breakNames: BreakNames | null = null;
let runWatch: RunWatch | null = null;

/** A check the run loop makes after each event while playing (a lesson's wait), or null. */
export function setRunWatch(w: RunWatch | null): void {
  runWatch = w;
}

export function currentSession(): RunSession | null {
  return session;
}

/** While a program runs fast, each heavy pane refreshes at most this often; the ring and toolbar every frame. */
const FULL_EVERY_MS = 500;
/** At speed "max" more rarely still: the ring and the toolbar carry the run. */
const FULL_EVERY_MS_AT_MAX = 2000;

/** 'base': `snap` itself (the narration bar, the editor's lines, lessons); the rest: the panes' own copies. */
type Group = 'base' | ShownPane;
const GROUPS: readonly Group[] = ['base', ...SHOWN_PANES];
const refresh = new PaneRefresh<Group>(GROUPS);

/** The last snapshot taken, reused while the session has not moved (one snapshot serves every pane catching up). */
let latest: { readonly session: RunSession; readonly events: number; readonly snap: Snapshot } | null = null;

function snapshotOf(s: RunSession, live: Live, fresh: boolean): Snapshot {
  if (!fresh && latest && latest.session === s && latest.events === s.events && latest.snap.status === live.status) return latest.snap;
  const snap = takeSnapshot(s, s.lay.names.atoms, live);
  latest = { session: s, events: s.events, snap };
  return snap;
}

/** The Trace tab's records, read only while that tab shows them (a fast run writes thousands a frame). */
function traceFor(s: RunSession) {
  const state = useStore.getState();
  return state.inspectorTab === 'trace' ? takeTrace(s, state.trace) : null;
}

/** Hands `group` the snapshot `snap` (with `live`). */
function hand(group: Group, snap: Snapshot, live: Live, s: RunSession): void {
  if (group === 'base') useStore.setState({ live, snap });
  else useStore.setState((st) => ({ live, shown: { ...st.shown, [group]: snap }, ...(group === 'inspect' ? { trace: traceFor(s) } : {}) }));
}

/**
 * Hands the session's state to the panes: the live part (events, ring) every
 * time; every pane when asked (full: a Step, a pause, a slow run); else, while
 * a run goes fast, one pane whose copy is older than FULL_EVERY_MS, so no
 * frame draws them all.
 */
function publish(full: boolean): void {
  if (!session) return;
  const live = takeLive(session, session.lay.names.atoms);
  const now = performance.now();
  if (full) {
    refresh.all(now);
    const snap = snapshotOf(session, live, true);
    // The toolbar, the ring and the narration bar (what a Step is watched on) first; the heavy
    // panes in the next frame, so the click's frame paints without waiting for them.
    useStore.setState({ live, snap });
    if (!panesFrame) panesFrame = requestAnimationFrame(handPanes);
    return;
  }
  const every = useStore.getState().speed === Infinity ? FULL_EVERY_MS_AT_MAX : FULL_EVERY_MS;
  const group = refresh.due(now, every);
  if (group) hand(group, snapshotOf(session, live, false), live, session);
  else useStore.setState({ live });
}

let panesFrame = 0;

/** Hands every heavy pane the current snapshot (the frame after a Step, a pause, a seek). */
function handPanes(): void {
  panesFrame = 0;
  const s = session;
  if (!s) return;
  const snap = snapshotOf(s, takeLive(s, s.lay.names.atoms), false);
  const shown = Object.fromEntries(SHOWN_PANES.map((g) => [g, snap])) as Record<ShownPane, Snapshot>;
  useStore.setState({ shown, trace: traceFor(s) });
}

/** The snapshot `group` shows now. */
function shownBy(group: Group): Snapshot | null {
  const st = useStore.getState();
  return group === 'base' ? st.snap : st.shown[group];
}

/** After a fast run: the next pane still showing an older state gets the current one; true while another is behind. */
function catchUp(): boolean {
  if (!session) return false;
  const s = session;
  const live = takeLive(s, s.lay.names.atoms);
  const snap = snapshotOf(s, live, false);
  const behind = (g: Group) => shownBy(g) !== snap;
  const group = refresh.next(performance.now(), behind);
  if (!group) return false;
  hand(group, snap, live, s);
  return GROUPS.some(behind);
}

const loop = new RunLoop({
  session: () => session,
  speed: () => useStore.getState().speed,
  breakpoints: () => useStore.getState().breakpoints,
  names: () => breakNames,
  watch: () => runWatch,
  setPlaying: (playing) => {
    if (playing) refresh.all(performance.now()); // the panes show the state the run starts from
    useStore.setState({ playing });
  },
  setPaused: (reason) => {
    if (useStore.getState().pauseReason !== reason) useStore.setState({ pauseReason: reason });
  },
  publish,
  catchUp,
  requestFrame: (cb) => requestAnimationFrame(cb),
  cancelFrame: (id) => cancelAnimationFrame(id),
  now: () => performance.now(),
});

function namesFor(s: RunSession): BreakNames {
  const vars = new Map<string, number>();
  for (const [name, sym] of s.lay.symbols) if (sym.kind === 'var') vars.set(name, sym.addr);
  return { atoms: s.lay.names.atoms, vars };
}

/**
 * Parses text (or takes `judged`, its parse from the worker, or its parse and layout); a program
 * without errors replaces the running one (the last good one stays otherwise).
 */
export function setSource(text: string, exampleName: string | null = null, judged?: ParseResult | Compiled): void {
  const c = !judged ? compileSource(text) : 'layout' in judged ? judged : compileParsed(judged);
  useStore.setState({ source: text, diagnostics: c.diagnostics, parsed: { source: text, program: c.parsed }, exampleName });
  // While the C tab runs, the program's text is kept and judged, and runs when its tab is shown again.
  if (!c.program || !c.layout || useStore.getState().lang !== 'syslet') return;
  useStore.setState({ program: c.program, layout: c.layout });
  loop.stop();
  if (!kernel) return;
  const old = session;
  installSession(new Session(kernel, c.program, c.layout));
  if (old instanceof Session) old.retire();
}

/** Makes `s` the run the page shows (its program and layout are in the store already). */
export function installSession(s: RunSession): void {
  loop.stop();
  session = s;
  breakNames = namesFor(s);
  // Breakpoints on names the new program no longer has are dropped.
  const atoms = new Set(breakNames.atoms.values());
  const keep = (b: Breakpoint) => (b.kind === 'atom' ? atoms.has(b.atom) : breakNames!.vars.has(b.name));
  useStore.setState((st) => (st.breakpoints.every(keep) ? {} : { breakpoints: st.breakpoints.filter(keep) }));
  publish(true);
}

/** The page's kernel, once loaded. */
export function pageKernel(): Kernel | null {
  return kernel;
}

// Opening the Trace tab reads the trace at once (publish reads it only while the tab is open).
useStore.subscribe((s, prev) => {
  if (s.inspectorTab === 'trace' && prev.inspectorTab !== 'trace') publish(true);
});

/** Called once the kernel has loaded and the first session is built (or at once if that happened already). */
const onStarted: (() => void)[] = [];
let started = false;
export function whenEngineStarted(cb: () => void): void {
  if (started) cb();
  else onStarted.push(cb);
}

/**
 * Opens the run at `event` (a link's moment): runs forward to it, breakpoints
 * not stopping it. Returns where the run ends when it ends before `event` (the
 * run is then left at event 0), null without a session, else 'reached'.
 */
export function landOn(event: number): 'reached' | { end: number } | null {
  if (!session) return null;
  session.seek(event);
  const end = session.events;
  loop.seek(end < event ? 0 : event);
  return end < event ? { end } : 'reached';
}

/** Loads the kernel, then builds the session for the text already in the store. */
export async function startEngine(): Promise<void> {
  try {
    kernel = await loadKernel(1);
    const hex = (n: number) => '0x' + n.toString(16).padStart(6, '0');
    useStore.setState({ engineStatus: 'ready', engineDetail: `user memory ${hex(kernel.userBase)}–${hex(kernel.userEnd)}` });
    const { source, exampleName } = useStore.getState();
    setSource(source, exampleName);
    started = true;
    for (const cb of onStarted.splice(0)) cb();
  } catch (e) {
    useStore.setState({ engineStatus: 'error', engineDetail: `the kernel did not load: ${(e as Error).message}` });
  }
}

export const play = (): void => loop.play();
export const pause = (): void => loop.pause();
export const togglePlay = (): void => loop.toggle();
/** One event forward. */
export const step = (): void => loop.step();
/** One event back: restores exactly the state before the last event. */
export const stepBack = (): void => loop.stepBack();
/** Goes to any event between 0 and the furthest reached (the scrubber, the log). */
export const seek = (event: number): void => loop.seek(event);
export const reset = (): void => loop.reset();

export function setSpeed(speed: Speed): void {
  useStore.setState({ speed });
}

/** Sets or clears the breakpoint (same key: same atom, kind and condition, or the same watched var). */
export function toggleBreakpoint(b: Breakpoint): void {
  const key = breakKey(b);
  useStore.setState((s) => ({
    breakpoints: s.breakpoints.some((x) => breakKey(x) === key) ? s.breakpoints.filter((x) => breakKey(x) !== key) : [...s.breakpoints, b],
  }));
}

export function setBreakpoints(list: readonly Breakpoint[]): void {
  useStore.setState({ breakpoints: list });
}
