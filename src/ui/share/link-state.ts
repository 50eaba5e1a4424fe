// What a share link carries beside the program text (its "extras", codec.ts):
// the moment (event number), breakpoints, speed, theme, the inspector's tab,
// the maximised pane and the lesson step. Pure: `linkExtras` builds them from
// the store, `readLinkState` checks them on the way in. A field that is
// malformed or out of range is named in `problems` and ignored; fields this
// version does not know are ignored without a word (a newer link still opens).
import { INSPECTOR_TABS, PANE_IDS, SPEEDS, type InspectorTab, type LessonAt, type PaneId, type Speed, type Theme } from '../store/index.ts';
import { parseBreakpoints, type Breakpoint } from '../engine/breakpoints.ts';
import type { LinkExtras } from './codec.ts';

/** JSON has no Infinity: speed "max" travels as the string "max". */
const speedWord = (s: Speed): number | 'max' => (s === Infinity ? 'max' : s);
const SPEED_WORDS = SPEEDS.map(speedWord);
/** The longest lesson id a link may carry. */
const MAX_LESSON_ID = 100;

export interface LinkView {
  readonly speed: Speed;
  readonly theme: Theme;
  readonly inspectorTab: InspectorTab;
  readonly maximised: PaneId | null;
  readonly lesson: LessonAt | null;
  readonly breakpoints: readonly Breakpoint[];
}

/**
 * The extras of a link to the current program: the view (speed, theme, tab,
 * pane, lesson, breakpoints), and with `event` the moment to open at.
 * Fields at their start-up defaults are left out, so plain links stay short.
 */
export function linkExtras(view: LinkView, event: number | null): LinkExtras {
  const out: Record<string, unknown> = {};
  if (event !== null && event > 0) out.event = event;
  if (view.breakpoints.length > 0) out.breakpoints = view.breakpoints;
  if (view.speed !== 16) out.speed = speedWord(view.speed);
  out.theme = view.theme;
  if (view.inspectorTab !== 'memory') out.inspectorTab = view.inspectorTab;
  if (view.maximised !== null) out.maximised = view.maximised;
  if (view.lesson !== null) out.lesson = { id: view.lesson.id, step: view.lesson.step };
  return out;
}

export interface LinkState {
  readonly event?: number;
  readonly speed?: Speed;
  readonly theme?: Theme;
  readonly inspectorTab?: InspectorTab;
  readonly maximised?: PaneId | null;
  readonly lesson?: LessonAt | null;
  readonly breakpoints?: readonly Breakpoint[];
  /** One sentence per field that was present but unusable (and so ignored). */
  readonly problems: readonly string[];
}

/** A value as it may be quoted in a sentence (short, one line). */
function shown(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}

const nat = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Checks a link's extras field by field. */
export function readLinkState(extras: LinkExtras): LinkState {
  const problems: string[] = [];
  const out: { -readonly [K in keyof LinkState]?: LinkState[K] } = {};
  const bad = (field: string, v: unknown, want: string) => problems.push(`its ${field} (${shown(v)}) is not ${want}`);
  const has = (k: string) => Object.prototype.hasOwnProperty.call(extras, k);

  if (has('event')) {
    if (nat(extras.event)) out.event = extras.event;
    else bad('event', extras.event, 'an event number (0 or more)');
  }
  if (has('speed')) {
    const i = SPEED_WORDS.indexOf(extras.speed as number | 'max');
    if (i >= 0) out.speed = SPEEDS[i];
    else bad('speed', extras.speed, `a speed (${SPEED_WORDS.join(', ')})`);
  }
  if (has('theme')) {
    if (extras.theme === 'dark' || extras.theme === 'light') out.theme = extras.theme;
    else bad('theme', extras.theme, 'dark or light');
  }
  if (has('inspectorTab')) {
    if (INSPECTOR_TABS.includes(extras.inspectorTab as InspectorTab)) out.inspectorTab = extras.inspectorTab as InspectorTab;
    else bad('inspector tab', extras.inspectorTab, `one of ${INSPECTOR_TABS.join(', ')}`);
  }
  if (has('maximised')) {
    if (extras.maximised === null || PANE_IDS.includes(extras.maximised as PaneId)) out.maximised = extras.maximised as PaneId | null;
    else bad('maximised pane', extras.maximised, `one of ${PANE_IDS.join(', ')}`);
  }
  if (has('lesson')) {
    const l = extras.lesson as Record<string, unknown> | null;
    if (l === null) out.lesson = null;
    else if (typeof l === 'object' && !Array.isArray(l) && typeof l.id === 'string' && l.id.length > 0 && l.id.length <= MAX_LESSON_ID && nat(l.step)) {
      out.lesson = { id: l.id, step: l.step };
    } else bad('lesson', extras.lesson, 'a lesson and step ({ id, step })');
  }
  if (has('breakpoints')) {
    const list = parseBreakpoints(extras.breakpoints);
    const given = Array.isArray(extras.breakpoints) ? extras.breakpoints.length : -1;
    if (given < 0) bad('breakpoints', extras.breakpoints, 'a list of breakpoints');
    else if (list.length < Math.min(given, 256)) problems.push(`${Math.min(given, 256) - list.length} of its ${given} breakpoints are malformed`);
    if (list.length > 0) out.breakpoints = list;
  }
  return { ...out, problems };
}

/** The notice's sentence for a link's problems (empty when there are none). */
export function problemsText(problems: readonly string[]): string {
  if (problems.length === 0) return '';
  return `This link opened, but ${problems.join('; ')} — ${problems.length === 1 ? 'that part was' : 'those parts were'} ignored.`;
}
