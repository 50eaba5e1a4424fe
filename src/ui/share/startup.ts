// Where the first program text comes from, in order: a `#code/` link, an
// `?example=` name, the autosaved copy, then hello. `location` and `storage`
// are passed in (as getInitialCode does in the TypeScript Playground).
import { checkText, decodeCode } from './codec.ts';
import { readItem, SOURCE_KEY, type StorageLike } from './storage.ts';

export interface LocationLike {
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}

export interface NoticeData {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

export interface Startup {
  readonly text: string;
  readonly exampleName: string | null;
  readonly from: 'link' | 'example' | 'saved' | 'default';
  readonly notice: NoticeData | null;
}

export const DEFAULT_EXAMPLE = 'hello';

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

export function initialSource(location: LocationLike, storage: StorageLike | null, examples: Readonly<Record<string, string>>): Startup {
  const fallback = (notice: NoticeData | null): Startup => ({ text: examples[DEFAULT_EXAMPLE] ?? '', exampleName: DEFAULT_EXAMPLE, from: 'default', notice });
  let notice: NoticeData | null = null;

  const link = decodeCode(location.hash);
  if (link?.ok) return { text: link.text, exampleName: null, from: 'link', notice: null };
  if (link) notice = { kind: 'error', text: `${link.error} The playground opened without it.` };

  const name = exampleParam(location);
  if (name !== null && !notice) {
    if (Object.hasOwn(examples, name)) return { text: examples[name], exampleName: name, from: 'example', notice: null };
    return fallback({ kind: 'error', text: `There is no example named “${shortName(name)}”; showing hello instead.` });
  }

  const saved = readItem(storage, SOURCE_KEY);
  if (saved !== null && saved.trim() !== '') {
    if (!checkText(saved, 'saved program')) {
      const match = Object.entries(examples).find(([, text]) => text === saved);
      return { text: saved, exampleName: match ? match[0] : null, from: 'saved', notice };
    }
    notice ??= { kind: 'error', text: 'The saved program could not be restored; showing hello.' };
  }
  return fallback(notice);
}

/** The page title for a program: the example's name while it is unedited. */
export function titleFor(exampleName: string | null): string {
  return exampleName ? `${exampleName} · Syslet Playground` : 'Syslet Playground';
}
