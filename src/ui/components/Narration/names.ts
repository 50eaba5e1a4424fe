// What an address in user memory is called in the program: atoms, vars,
// buffers (with an offset), string literals, the async_head_user and the ring.
// Pure: built from the Layout alone, shared by the narration and the memory view.
import type { Layout, Placed } from '../../lang/layout.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';

export interface AddrName {
  /** "atom rd", "var bufp", "buffer text+16", "string \"/etc/motd\"", "ring slot 2". */
  readonly label: string;
  /** The bare program name when the address starts a declaration: "rd", "bufp". */
  readonly name?: string;
  readonly kind: Placed['kind'] | 'string' | 'ahu' | 'ring' | 'scratch';
}

export interface ProgramNames {
  readonly ahu: number;
  readonly ring: number;
  readonly ringEntries: number;
  readonly atoms: ReadonlyMap<number, string>;
  /** Address -> what starts there. */
  readonly starts: ReadonlyMap<number, AddrName>;
  /** Declarations sorted by address, for addresses inside a buffer or record. */
  readonly spans: readonly { readonly addr: number; readonly bytes: number; readonly name: string; readonly kind: AddrName['kind'] }[];
}

const MAX_QUOTE = 20;
/** Bytes after the image that the driver's print uses (Session's scratch). */
export const SCRATCH_BYTES = 4096;

export function quoteShort(text: string): string {
  const cut = text.length > MAX_QUOTE ? text.slice(0, MAX_QUOTE) + '…' : text;
  return JSON.stringify(cut).replace(/…"$/, '"…').replace(/\\u2026/g, '…');
}

export function programNames(lay: Pick<Layout, 'ahu' | 'ring' | 'ringEntries' | 'symbols' | 'strings' | 'end'>): ProgramNames {
  const atoms = new Map<number, string>();
  const starts = new Map<number, AddrName>();
  const spans: ProgramNames['spans'][number][] = [];
  starts.set(lay.ahu, { label: 'async_head_user', kind: 'ahu' });
  spans.push({ addr: lay.ahu, bytes: L.AHU_BYTES, name: 'async_head_user', kind: 'ahu' });
  for (let i = 0; i < lay.ringEntries; i++) starts.set(lay.ring + 4 * i, { label: `ring slot ${i}`, kind: 'ring' });
  spans.push({ addr: lay.ring, bytes: 4 * lay.ringEntries, name: 'ring', kind: 'ring' });
  for (const [name, sym] of lay.symbols) {
    if (sym.kind === 'atom') atoms.set(sym.addr, name);
    starts.set(sym.addr, { label: `${sym.kind} ${name}`, name, kind: sym.kind });
    spans.push({ addr: sym.addr, bytes: sym.bytes, name, kind: sym.kind });
  }
  for (const [text, addr] of lay.strings) {
    starts.set(addr, { label: `string ${quoteShort(text)}`, name: quoteShort(text), kind: 'string' });
    spans.push({ addr, bytes: text.length + 1, name: quoteShort(text), kind: 'string' });
  }
  const scratch = (lay.end + 3) & ~3;
  if (scratch < L.USER_END) {
    starts.set(scratch, { label: 'print scratch', name: 'print scratch', kind: 'scratch' });
    spans.push({ addr: scratch, bytes: Math.min(SCRATCH_BYTES, L.USER_END - scratch), name: 'print scratch', kind: 'scratch' });
  }
  spans.sort((a, b) => a.addr - b.addr);
  return { ahu: lay.ahu, ring: lay.ring, ringEntries: lay.ringEntries, atoms, starts, spans };
}

/** The name of an address, or undefined when it is not inside anything the program declared. */
export function nameAddress(names: ProgramNames, addr: number): AddrName | undefined {
  const exact = names.starts.get(addr);
  if (exact) return exact;
  for (const s of names.spans) {
    if (addr > s.addr && addr < s.addr + s.bytes) {
      return { label: `${s.kind === 'ahu' || s.kind === 'scratch' ? '' : s.kind + ' '}${s.name}+${addr - s.addr}`, kind: s.kind };
    }
  }
  return undefined;
}

export const hex = (n: number): string => '0x' + (n >>> 0).toString(16);
