// `?embed`: a read-only view for an iframe in slides or a course page
// (docs/embedding.md). The parameters choose the panes, autoplay, speed, theme
// and whether the playback controls and the narration bar show. The program
// comes from the share link's `#code/…` or from `?example=name`, never from the
// browser's saved work, and an embed writes nothing to the browser's storage.
import { PANE_IDS, SPEEDS, type PaneId, type Speed, type Theme } from '../store/index.ts';
import { decodeCode, type LinkExtras } from './codec.ts';
import { DEFAULT_EXAMPLE, exampleParam, shortName, type LocationLike } from './startup.ts';

export interface EmbedOptions {
  /** The panes shown, in order. */
  readonly panes: readonly PaneId[];
  /** Start running as soon as the kernel is ready. */
  readonly autoplay: boolean;
  /** The playback controls (toolbar) and the narration bar. */
  readonly controls: boolean;
  readonly narration: boolean;
  readonly speed: Speed | null;
  readonly theme: Theme | null;
  /** What was wrong with the parameters (shown in the embed's notice), or null. */
  readonly problem: string | null;
}

export const EMBED_DEFAULT_PANES: readonly PaneId[] = ['ring', 'threads'];

const SPEED_NAMES: Record<string, Speed> = Object.fromEntries(SPEEDS.map((s) => [s === Infinity ? 'max' : String(s), s]));

/** A yes/no parameter: present without a value, `1`, `true`, `yes` is yes; `0`, `false`, `no` is no. */
function flag(params: URLSearchParams, name: string, absent: boolean): boolean | string {
  const v = params.get(name);
  if (v === null) return absent;
  const low = v.toLowerCase();
  if (['', '1', 'true', 'yes', 'on'].includes(low)) return true;
  if (['0', 'false', 'no', 'off'].includes(low)) return false;
  return `${name}=${shortName(v)} is not yes or no (use 1 or 0)`;
}

/** The embed's options, or null when the page is not an embed (no `embed` parameter, or `embed=0`). */
export function embedOptions(location: LocationLike): EmbedOptions | null {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(location.search);
  } catch {
    return null;
  }
  if (!params.has('embed') || flag(params, 'embed', true) === false) return null;
  const problems: string[] = [];
  const yes = (name: string, absent: boolean): boolean => {
    const v = flag(params, name, absent);
    if (typeof v === 'string') {
      problems.push(v);
      return absent;
    }
    return v;
  };

  let panes: PaneId[] = [...EMBED_DEFAULT_PANES];
  const asked = params.get('panes');
  if (asked !== null) {
    const names = asked.split(',').map((n) => n.trim()).filter((n) => n !== '');
    const unknown = names.filter((n) => !(PANE_IDS as readonly string[]).includes(n));
    const known = [...new Set(names.filter((n): n is PaneId => (PANE_IDS as readonly string[]).includes(n)))];
    if (unknown.length > 0) problems.push(`no pane named ${unknown.map((n) => `“${shortName(n)}”`).join(', ')} (panes: ${PANE_IDS.join(', ')})`);
    if (known.length > 0) panes = known;
  }

  let speed: Speed | null = null;
  const s = params.get('speed');
  if (s !== null) {
    if (Object.hasOwn(SPEED_NAMES, s)) speed = SPEED_NAMES[s];
    else problems.push(`speed=${shortName(s)} is not one of ${Object.keys(SPEED_NAMES).join(', ')}`);
  }

  let theme: Theme | null = null;
  const t = params.get('theme');
  if (t === 'light' || t === 'dark') theme = t;
  else if (t !== null) problems.push(`theme=${shortName(t)} is not light or dark`);

  return {
    panes,
    autoplay: yes('autoplay', false),
    controls: yes('controls', true),
    narration: yes('narration', true),
    speed,
    theme,
    problem: problems.length > 0 ? `This embed's address has a mistake: ${problems.join('; ')}.` : null,
  };
}

export interface EmbedStart {
  readonly text: string;
  readonly exampleName: string | null;
  readonly extras: LinkExtras;
  /** Why the program asked for could not be shown (hello is shown instead), or null. */
  readonly error: string | null;
}

/** The embed's program: the link's text, else the named example, else hello. Saved work is never read. */
export function embedStart(location: LocationLike, examples: Readonly<Record<string, string>>): EmbedStart {
  const hello = (error: string | null): EmbedStart => ({ text: examples[DEFAULT_EXAMPLE] ?? '', exampleName: DEFAULT_EXAMPLE, extras: {}, error });
  const link = decodeCode(location.hash);
  if (link?.ok) return { text: link.text, exampleName: null, extras: link.extras, error: null };
  if (link) return hello(`${link.error} The embed shows hello instead.`);
  const name = exampleParam(location);
  if (name === null) return hello(null);
  if (Object.hasOwn(examples, name)) return { text: examples[name], exampleName: name, extras: {}, error: null };
  return hello(`There is no example named “${shortName(name)}”; the embed shows hello instead.`);
}
