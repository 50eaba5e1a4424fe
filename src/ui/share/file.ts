// Import and export of program files. Import checks name, size and that the
// bytes are UTF-8 text, and then keeps the text exactly as it is (line ends
// too; only a leading byte-order mark goes): what Save file wrote opens again
// identical. Export is a Blob URL download of the text as UTF-8.
import { checkText } from './codec.ts';

export const MAX_FILE_BYTES = 200 * 1024;
export const EXPORT_NAME = 'program.syslet';

export interface FileLike {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type Imported = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/** Reads a chosen file as a program (or, with `kinds`, a lesson: .lesson, .md, .txt), or says why it cannot be one. */
export async function importFile(file: FileLike, kinds: readonly string[] = ['syslet', 'txt']): Promise<Imported> {
  const label = `“${file.name.length > 60 ? file.name.slice(0, 60) + '…' : file.name}”`;
  const ext = /\.([a-z]+)$/i.exec(file.name)?.[1].toLowerCase();
  if (!ext || !kinds.includes(ext)) return { ok: false, error: `${label} is not a ${kinds.map((k) => `.${k}`).join(' or ')} file.` };
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: `${label} is too large (${Math.ceil(file.size / 1024)} KB; at most 200 KB).` };
  let text: string;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.length > MAX_FILE_BYTES) return { ok: false, error: `${label} is too large (at most 200 KB).` };
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: `${label} is not UTF-8 text, so it is not a syslet program.` };
  }
  const problem = checkText(text, `file ${label}`);
  return problem ? { ok: false, error: problem } : { ok: true, text };
}

export interface DownloadDeps {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
  /** Clicks a link to `url` that downloads as `name`. */
  click(url: string, name: string): void;
}

/** Downloads the text as `program.syslet` (or as `name`, of MIME type `type`). */
export function downloadText(text: string, deps: DownloadDeps, name = EXPORT_NAME, type = 'text/plain;charset=utf-8'): void {
  const url = deps.createObjectURL(new Blob([text], { type }));
  deps.click(url, name);
  setTimeout(() => deps.revokeObjectURL(url), 1000);
}

/** The browser's way of downloading. */
export const browserDownload: DownloadDeps = {
  createObjectURL: (blob) => URL.createObjectURL(blob),
  revokeObjectURL: (url) => URL.revokeObjectURL(url),
  click(url, name) {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
  },
};
