// Where the first program text comes from, in order: a `#code/` link, an
// `?example=` name, this tab's own saved work (after a reload), the newest
// program any tab saved, then hello. `location` and `storage` are passed in
// (as getInitialCode does in the TypeScript Playground). Nothing is dropped on
// the way: a saved program a link or example replaces, and a program that may
// have crashed the page last time, are returned as `aside` for the history.
import { decodeCode, type LinkExtras } from './codec.ts';
import { newestOfTab, readHistory } from './history.ts';
import { readItem, SOURCE_KEY, type StorageLike } from './storage.ts';

export interface LocationLike {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

export interface NoticeAction {
  readonly label: string;
  run(): void;
}

export interface NoticeData {
  readonly kind: 'info' | 'error';
  readonly text: string;
  /** Buttons beside the text (a notice with buttons stays until dismissed). */
  readonly actions?: readonly NoticeAction[];
}

/** What the start-up notice offers to open instead (a damaged link's text, a program set aside). */
export interface Offer {
  readonly label: string;
  readonly text: string;
}

export interface StartupNotice {
  readonly kind: 'info' | 'error';
  readonly text: string;
  readonly offer?: Offer;
}

export interface Startup {
  readonly text: string;
  readonly exampleName: string | null;
  readonly from: 'link' | 'example' | 'saved' | 'default';
  readonly notice: StartupNotice | null;
  /** Saved work not opened now, to keep in the history. */
  readonly aside: string | null;
  /** The history entry this tab continues (its own work, after a reload). */
  readonly resume: string | null;
  /** A link's extra fields (see codec.ts). */
  readonly extras: LinkExtras;
}

export interface StartupOptions {
  /** This tab's id, when the tab has one from before a reload. */
  readonly tab?: string | null;
  /** The page did not finish drawing the program it loaded last time. */
  readonly crashed?: boolean;
}

export const DEFAULT_EXAMPLE = 'hello';
const KEPT = 'It is kept in “Recover earlier work”.';

/** A name from the address bar, cut short for messages. */
export function shortName(name: string): string {
  return name.length > 40 ? name.slice(0, 40) + '…' : name;
}

/** The `?example=` value, or null. */
export function exampleParam(location: LocationLike): string | null {
  try {
    return new URLSearchParams(location.search).get('example');
  } catch {
    return null;
  }
}

/** The work a reload or a new tab continues: this tab's own newest entry, else the newest of any tab. */
function savedWork(storage: StorageLike | null, tab: string | null | undefined): { text: string; resume: string | null } | null {
  const own = tab ? newestOfTab(readHistory(storage), tab) : undefined;
  if (own) return { text: own.text, resume: own.id };
  const text = readItem(storage, SOURCE_KEY);
  return text !== null && text.trim() !== '' ? { text, resume: null } : null;
}

export function initialSource(
  location: LocationLike,
  storage: StorageLike | null,
  examples: Readonly<Record<string, string>>,
  options: StartupOptions = {},
): Startup {
  const shipped = (text: string) => Object.entries(examples).find(([, t]) => t === text)?.[0] ?? null;
  const saved = savedWork(storage, options.tab);
  const base = { aside: null, resume: null, extras: {} };
  const hello = (notice: StartupNotice | null, aside: string | null = null): Startup => ({
    ...base,
    text: examples[DEFAULT_EXAMPLE] ?? '',
    exampleName: DEFAULT_EXAMPLE,
    from: 'default',
    notice,
    aside,
  });
  /** The saved work, else hello. */
  const fallback = (notice: StartupNotice | null): Startup =>
    saved ? { ...base, text: saved.text, exampleName: shipped(saved.text), from: 'saved', notice, resume: saved.resume } : hello(notice);
  /** Another program replaces the saved work: keep that aside, and say so. */
  const over = (text: string, exampleName: string | null, from: 'link' | 'example', extras: LinkExtras, note: string | null): Startup => {
    const aside = saved && saved.text !== text && shipped(saved.text) === null ? saved.text : null;
    const said = [note, aside !== null ? `Your previous program is not open now. ${KEPT}` : null].filter((s) => s !== null).join(' ');
    return { ...base, text, exampleName, from, extras, aside, notice: said ? { kind: 'info', text: said } : null };
  };
  const crashed = (text: string): Startup =>
    hello(
      {
        kind: 'error',
        text: `The program you were editing may have crashed the page last time, so hello is open instead. ${KEPT}`,
        offer: { label: 'Open it anyway', text },
      },
      text,
    );

  const link = decodeCode(location.hash);
  if (link?.ok) {
    if (options.crashed) return crashed(link.text);
    const note = link.verified ? null : 'This link has no checksum (it was made before links were checked), so it could not be verified.';
    return over(link.text, null, 'link', link.extras, note);
  }
  if (link) {
    const kept = saved ? 'Your saved program is open instead.' : 'The playground opened without it.';
    const offer = link.recovered !== undefined ? { label: 'Open the damaged text anyway', text: link.recovered } : undefined;
    return fallback({ kind: 'error', text: `${link.error} ${kept}`, ...(offer ? { offer } : {}) });
  }

  const name = exampleParam(location);
  if (name !== null) {
    if (Object.hasOwn(examples, name)) return over(examples[name], name, 'example', {}, null);
    return fallback({ kind: 'error', text: `There is no example named “${shortName(name)}”; ${saved ? 'your saved program is open instead' : 'showing hello instead'}.` });
  }

  if (saved && options.crashed && shipped(saved.text) === null) return crashed(saved.text);
  return fallback(null);
}

/** The page title for a program: the example's name while it is unedited. */
export function titleFor(exampleName: string | null): string {
  return exampleName ? `${exampleName} · Syslet Playground` : 'Syslet Playground';
}
