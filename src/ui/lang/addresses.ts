// What an address in user memory is called in the program: atoms, vars,
// buffers (with an offset), string literals, the async_head_user, the ring
// and the print buffer. Built once by layout() (Layout.names); every pane that
// names an address asks here (nameAddress, nameOrHex), none derives it again.
import type { Placed } from './layout.ts';
import * as L from '../../engine-wasm/abi/layout.ts';

export interface AddrName {
  /** "atom rd", "var bufp", "buffer text+16", "string \"/etc/motd\"", "ring slot 2". */
  readonly label: string;
  /** The bare program name when the address starts a declaration: "rd", "bufp". */
  readonly name?: string;
  readonly kind: Placed['kind'] | 'string' | 'ahu' | 'ring' | 'print';
}

/** The bytes `print` writes through (printf's buffer): right after the image. */
export interface PrintBuffer {
  readonly addr: number;
  /** 0 when the image leaves no room in user memory. */
  readonly bytes: number;
}

/** What the print buffer is called wherever it is shown. */
export const PRINT_BUFFER_NAME = 'print buffer';
/** Its size at most (a print longer than this is written in several chunks). */
export const PRINT_BUFFER_BYTES = 4096;

/** The end of the bytes the memory view shows: the print buffer's end, to a 16-byte row. */
export function imageEnd(print: PrintBuffer): number {
  return (print.addr + print.bytes + 15) & ~15;
}

/** The print buffer of an image ending at `end`. */
export function printBuffer(end: number): PrintBuffer {
  const addr = (end + 3) & ~3;
  return { addr, bytes: Math.max(0, Math.min(PRINT_BUFFER_BYTES, L.USER_END - addr)) };
}

/** Where the async_head_user and the ring's slot 0 sit, and how many slots the ring has. */
export interface RingPlace {
  readonly ahu: number;
  readonly ring: number;
  readonly ringEntries: number;
}

export interface ProgramNames extends RingPlace {
  readonly atoms: ReadonlyMap<number, string>;
  /** Address -> what starts there. */
  readonly starts: ReadonlyMap<number, AddrName>;
  /** Declarations sorted by address, for addresses inside a buffer or record. */
  readonly spans: readonly { readonly addr: number; readonly bytes: number; readonly name: string; readonly kind: AddrName['kind'] }[];
  /** Address of each string literal -> its text (paths are told whole). */
  readonly texts: ReadonlyMap<number, string>;
}

const MAX_QUOTE = 20;

export function quoteShort(text: string): string {
  const cut = text.length > MAX_QUOTE ? text.slice(0, MAX_QUOTE) + '…' : text;
  return JSON.stringify(cut).replace(/…"$/, '"…').replace(/\\u2026/g, '…');
}

export interface NamedImage extends RingPlace {
  readonly symbols: ReadonlyMap<string, Placed>;
  readonly strings: ReadonlyMap<string, number>;
  readonly print: PrintBuffer;
}

export function programNames(lay: NamedImage): ProgramNames {
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
  const texts = new Map<number, string>();
  for (const [text, addr] of lay.strings) {
    texts.set(addr, text);
    starts.set(addr, { label: `string ${quoteShort(text)}`, name: quoteShort(text), kind: 'string' });
    spans.push({ addr, bytes: text.length + 1, name: quoteShort(text), kind: 'string' });
  }
  if (lay.print.bytes > 0) {
    starts.set(lay.print.addr, { label: PRINT_BUFFER_NAME, name: PRINT_BUFFER_NAME, kind: 'print' });
    spans.push({ addr: lay.print.addr, bytes: lay.print.bytes, name: PRINT_BUFFER_NAME, kind: 'print' });
  }
  spans.sort((a, b) => a.addr - b.addr);
  return { ahu: lay.ahu, ring: lay.ring, ringEntries: lay.ringEntries, atoms, starts, spans, texts };
}

/** The name of an address, or undefined when it is not inside anything the program declared. */
export function nameAddress(names: ProgramNames, addr: number): AddrName | undefined {
  const exact = names.starts.get(addr);
  if (exact) return exact;
  for (const s of names.spans) {
    if (addr > s.addr && addr < s.addr + s.bytes) {
      return { label: `${s.kind === 'ahu' || s.kind === 'print' ? '' : s.kind + ' '}${s.name}+${addr - s.addr}`, kind: s.kind };
    }
  }
  return undefined;
}

export const hex = (n: number): string => '0x' + (n >>> 0).toString(16);

/** The program's name for an address (`rd`, `text+16`, `"/etc/motd"`), else its hex. */
export function nameOrHex(names: ProgramNames, addr: number): string {
  const n = nameAddress(names, addr);
  return n ? (n.name ?? n.label) : hex(addr);
}

/** The atom's name, else its address in hex. */
export function atomNameOrHex(names: ProgramNames, addr: number): string {
  return names.atoms.get(addr) ?? hex(addr);
}
