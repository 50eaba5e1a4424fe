// One zustand store, cut into slices (source, run, view). Actions that touch
// the kernel live in engine/runtime.ts and call useStore.setState.
import { create } from 'zustand';
import type { Diagnostic, Program } from '../lang/ast.ts';
import type { Layout } from '../lang/layout.ts';
import type { Live, Snapshot, TraceSnap } from '../engine/snapshot.ts';
import { EXAMPLES } from '../examples/index.ts';
import type { Breakpoint } from '../engine/breakpoints.ts';
import type { NoticeData } from '../share/startup.ts';
import { DEFAULT_SIZES, type PaneSizes } from '../workspace/sizes.ts';
import type { EmbedOptions } from '../share/embed.ts';

export type EngineStatus = 'loading' | 'ready' | 'error';
/** The workspace's panes, by grid area (App.tsx, theme.css). */
export const PANE_IDS = ['editor', 'console', 'graph', 'threads', 'ring', 'inspect'] as const;
export type PaneId = (typeof PANE_IDS)[number];
/** The inspector's tabs. */
export const INSPECTOR_TABS = ['memory', 'files', 'log', 'trace', 'breakpoints'] as const;
export type InspectorTab = (typeof INSPECTOR_TABS)[number];
/** A lesson open at a step (0-based); the lesson's id names a shipped lesson or one opened from a file or link. */
export interface LessonAt {
  readonly id: string;
  readonly step: number;
}
export type Theme = 'dark' | 'light';

/** Events per second while playing; Infinity = as fast as the page allows. */
export const SPEEDS = [1, 4, 16, 64, 512, Infinity] as const;
export type Speed = (typeof SPEEDS)[number];

/**
 * Panes that draw from their own copy of the snapshot (`shown`): while a
 * program runs fast they are refreshed in turn, at most one a frame, and
 * catch up one a frame after the run (engine/pane-refresh.ts).
 */
export const SHOWN_PANES = ['console', 'graph', 'threads', 'inspect'] as const;
export type ShownPane = (typeof SHOWN_PANES)[number];
export type Shown = { readonly [P in ShownPane]: Snapshot | null };
export const NO_SHOWN: Shown = { console: null, graph: null, threads: null, inspect: null };

/** What the C toolchain is doing for the C tab (docs/c.md). */
export type CBuild =
  | { readonly phase: 'idle' }
  /** The compiler is being downloaded (bytes so far, of total; total 0 when unknown). */
  | { readonly phase: 'loading'; readonly done: number; readonly total: number }
  | { readonly phase: 'compiling' }
  /** Compiled and run once: the views follow it. `ms`: the compile's wall time. */
  | { readonly phase: 'ready'; readonly ms: number }
  /** The text does not compile (see the diagnostics), or the toolchain or the run failed (message). */
  | { readonly phase: 'error'; readonly message: string };

/** The C file open beside the program (its own editor tab), or null. */
export interface CFile {
  readonly name: string;
  readonly text: string;
}

export interface SourceSlice {
  source: string;
  /** Which document runs and is shown: the language program or the C file. */
  lang: 'syslet' | 'c';
  cFile: CFile | null;
  cBuild: CBuild;
  /** The C compiler's diagnostics for cFile (the language's are in `diagnostics`). */
  cDiagnostics: readonly Diagnostic[];
  diagnostics: readonly Diagnostic[];
  /**
   * The program of the text last judged as it parses, with errors or not (the atoms that parse),
   * with the text it came from: the graph shows it while the text has errors, without parsing again.
   */
  parsed: { readonly source: string; readonly program: Program } | null;
  /** The last program without errors, and its layout (what runs). */
  program: Program | null;
  layout: Layout | null;
  /** The example the text came from, while unedited. */
  exampleName: string | null;
}

export interface RunSlice {
  /** Everything the panes show; while a program runs fast it is refreshed a few times a second. */
  snap: Snapshot | null;
  /** Each heavy pane's copy of `snap`: the same object except while a fast run is on (SHOWN_PANES). */
  shown: Shown;
  /** Events, status and the ring: refreshed every frame. */
  live: Live | null;
  /** The run's trace records for the Trace tab, published with `snap` while that tab is open (else null). */
  trace: TraceSnap | null;
  playing: boolean;
  speed: Speed;
  /** Where the run pauses (atoms by name and kind, watched vars). */
  breakpoints: readonly Breakpoint[];
  /** Why the run is paused, when a breakpoint stopped it ("paused at breakpoint: before `s3` runs"). */
  pauseReason: string | null;
}

export interface ViewSlice {
  engineStatus: EngineStatus;
  engineDetail: string;
  theme: Theme;
  /** A message for the user (bad link, import failure, …), maybe with buttons; null when none. */
  notice: NoticeData | null;
  /** The pane shown alone over the workspace, or null. */
  maximised: PaneId | null;
  /** The inspector's selected tab. */
  inspectorTab: InspectorTab;
  /** The lesson being followed, or null. */
  lesson: LessonAt | null;
  /** The presenter layout: ring, threads and graph large, the narration bar larger (workspace/grid.ts). */
  presenter: boolean;
  /** The panes' font zoom (1 = 100 %; workspace/zoom.ts). */
  zoom: number;
  /** The workspace's column and row sizes, in percent, per layout (dragged dividers). */
  paneSizes: PaneSizes;
  /** The page is an embed (`?embed`): its panes and options; null for the full playground. */
  embed: EmbedOptions | null;
}

export type Store = SourceSlice & RunSlice & ViewSlice;

export const INITIAL_SOURCE = EXAMPLES.hello;

export const initialState: Store = {
  source: INITIAL_SOURCE,
  lang: 'syslet',
  cFile: null,
  cBuild: { phase: 'idle' },
  cDiagnostics: [],
  diagnostics: [],
  parsed: null,
  program: null,
  layout: null,
  exampleName: 'hello',
  snap: null,
  shown: NO_SHOWN,
  live: null,
  trace: null,
  playing: false,
  speed: 16,
  breakpoints: [],
  pauseReason: null,
  engineStatus: 'loading',
  engineDetail: 'loading the kernel…',
  theme: 'dark',
  notice: null,
  maximised: null,
  inspectorTab: 'memory',
  lesson: null,
  presenter: false,
  zoom: 1,
  paneSizes: DEFAULT_SIZES,
  embed: null,
};

export const useStore = create<Store>()(() => ({ ...initialState }));
