// The program image in user memory, cut into named fields and decoded from
// raw bytes: the async_head_user, the ring slots, each atom's fields, vars,
// strings, buffers and the print buffer. Pure: no React, no kernel.
import type { Layout } from '../../lang/layout.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import { syscallName } from '../../../engine-wasm/host/syscalls.ts';
import { FLAG_ORDER, CONSTANTS } from '../../lang/names.ts';
import { hex, imageEnd, nameAddress, quoteShort, PRINT_BUFFER_NAME, type ProgramNames } from '../../lang/addresses.ts';

export type RegionKind = 'ahu' | 'ring' | 'atom' | 'var' | 'string' | 'buffer' | 'print';
export const REGION_KINDS: readonly RegionKind[] = ['ahu', 'ring', 'atom', 'var', 'string', 'buffer', 'print'];
export const REGION_LABEL: Readonly<Record<RegionKind, string>> = {
  ahu: 'async_head_user', ring: 'completion ring', atom: 'atom', var: 'var', string: 'string', buffer: 'buffer', print: PRINT_BUFFER_NAME,
};

export interface Field {
  readonly addr: number;
  readonly size: number;
  readonly kind: RegionKind;
  /** The record it belongs to: "atom rd", "var bufp", "async_head_user". */
  readonly region: string;
  /** The field inside the record: "arg_ptr[1]"; empty for a whole var, string or buffer. */
  readonly name: string;
  /** True for the first field of its record. */
  readonly first: boolean;
  readonly decode: 'int' | 'ptr' | 'flags' | 'nr' | 'ringsize' | 'var' | 'string' | 'buffer';
}

export interface Image {
  readonly start: number;
  readonly end: number;
  readonly fields: readonly Field[];
}


/** The fields of each record, by their ABI offsets (the order here does not matter). */
type FieldDef = readonly [offset: number, name: string, decode: Field['decode']];
const AHU_FIELDS: readonly FieldDef[] = [
  [L.AHU_KERNEL_RING_IDX, 'kernel_ring_idx', 'int'], [L.AHU_USER_RING_IDX, 'user_ring_idx', 'int'],
  [L.AHU_COMPLETION_RING, 'completion_ring', 'ptr'], [L.AHU_RING_SIZE_BYTES, 'ring_size_bytes', 'ringsize'],
  [L.AHU_HEAD_STACK, 'head_stack', 'int'], [L.AHU_HEAD_EIP, 'head_eip', 'int'],
  [L.AHU_NEW_THREAD_STACK, 'new_thread_stack', 'int'], [L.AHU_NEW_THREAD_EIP, 'new_thread_eip', 'int'],
];
const ATOM_FIELDS: readonly FieldDef[] = [
  [L.ATOM_FLAGS, 'flags', 'flags'], [L.ATOM_NR, 'nr', 'nr'], [L.ATOM_RET_PTR, 'ret_ptr', 'ptr'], [L.ATOM_NEXT, 'next', 'ptr'],
  ...Array.from({ length: L.NATOMARG }, (_, i): FieldDef => [L.ATOM_ARG_PTR + 4 * i, `arg_ptr[${i}]`, 'ptr']),
  [L.ATOM_PRIVATE, 'private', 'int'],
];

export function imageOf(lay: Layout): Image {
  const fields: Field[] = [];
  const record = (kind: RegionKind, region: string, addr: number, list: readonly FieldDef[]) =>
    list.forEach(([offset, name, decode]) => fields.push({ addr: addr + offset, size: 4, kind, region, name, first: offset === 0, decode }));
  record('ahu', 'async_head_user', lay.ahu, AHU_FIELDS);
  for (let i = 0; i < lay.ringEntries; i++) {
    fields.push({ addr: lay.ring + 4 * i, size: 4, kind: 'ring', region: 'completion ring', name: `slot ${i}`, first: i === 0, decode: 'ptr' });
  }
  for (const [name, sym] of lay.symbols) {
    if (sym.kind === 'atom') record('atom', `atom ${name}`, sym.addr, ATOM_FIELDS);
    else if (sym.kind === 'var') fields.push({ addr: sym.addr, size: 4, kind: 'var', region: `var ${name}`, name: '', first: true, decode: 'var' });
    else if (sym.bytes > 0) fields.push({ addr: sym.addr, size: sym.bytes, kind: 'buffer', region: `buffer ${name}`, name: '', first: true, decode: 'buffer' });
  }
  for (const [text, addr] of lay.strings) {
    fields.push({ addr, size: text.length + 1, kind: 'string', region: 'string', name: '', first: true, decode: 'string' });
  }
  const { addr: print, bytes: printBytes } = lay.print;
  if (printBytes > 0) fields.push({ addr: print, size: printBytes, kind: 'print', region: PRINT_BUFFER_NAME, name: '', first: true, decode: 'buffer' });
  fields.sort((a, b) => a.addr - b.addr);
  return { start: L.USER_BASE, end: imageEnd(lay.print), fields };
}

export interface Decoded {
  /** The value as shown: "4 (write)", "0x10048 → var bufp", "NULL". */
  readonly text: string;
  /** Where a pointer leads, when it leads into the program. */
  readonly target?: number;
}

export function flagsText(v: number): string {
  if (v === 0) return '0';
  const names = FLAG_ORDER.filter((f) => (v & (CONSTANTS.get(f) ?? 0)) !== 0).map((f) => f.replace('SYSLET_', ''));
  return `${hex(v)} ${names.join('|')}`;
}

function text(bytes: Uint8Array, from: number, n: number): string {
  let s = '';
  for (let i = 0; i < n && from + i < bytes.length; i++) {
    const c = bytes[from + i];
    if (c === 0) break;
    s += String.fromCharCode(c);
  }
  return s;
}

/** Decodes a field from `bytes`, a copy of memory starting at `start`. */
export function decodeField(f: Field, bytes: Uint8Array, start: number, names: ProgramNames): Decoded {
  const at = f.addr - start;
  const word = at + 4 <= bytes.length ? (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0 : 0;
  const ptr = (): Decoded => {
    if (word === 0) return { text: 'NULL' };
    const n = nameAddress(names, word);
    return n ? { text: `${hex(word)} → ${n.label}`, target: word } : { text: hex(word) };
  };
  switch (f.decode) {
    case 'int': return { text: String(word | 0) };
    case 'ptr': return ptr();
    case 'flags': return { text: flagsText(word) };
    case 'nr': return { text: `${word} (${syscallName(word)})` };
    case 'ringsize': return { text: `${word} (${word >>> 2} slot${word >>> 2 === 1 ? '' : 's'})` };
    case 'var': {
      const n = word > 0xffff ? nameAddress(names, word) : undefined;
      return n ? { text: `${hex(word)} → ${n.label}`, target: word } : { text: String(word | 0) };
    }
    case 'string': return { text: quoteShort(text(bytes, at, f.size)) };
    case 'buffer': {
      let used = 0;
      for (let i = at; i < at + f.size && i < bytes.length; i++) if (bytes[i] !== 0) used++;
      return { text: `${f.size.toLocaleString('en')} bytes, ${used.toLocaleString('en')} non-zero` };
    }
  }
}

/** "atom rd · arg_ptr[1] = 0x10048 → var bufp" */
export function describeField(f: Field, d: Decoded): string {
  return `${f.region}${f.name ? ` · ${f.name}` : ''} = ${d.text}`;
}

/** Index of the field holding `addr`, or -1. Fields are sorted and do not overlap. */
export function fieldAt(fields: readonly Field[], addr: number): number {
  let lo = 0;
  let hi = fields.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = fields[mid];
    if (addr < f.addr) hi = mid - 1;
    else if (addr >= f.addr + f.size) lo = mid + 1;
    else return mid;
  }
  return -1;
}

export type Row = { readonly t: 'hex'; readonly addr: number; readonly notes: readonly number[] } | { readonly t: 'gap'; readonly addr: number; readonly bytes: number };

/** The first rows of an image, and how many there are in all. */
export interface Rows {
  readonly rows: readonly Row[];
  readonly total: number;
}

/** 16-byte rows; runs of at least three all-zero rows where no field starts fold into one gap. */
export function rowsOf(image: Image, bytes: Uint8Array): readonly Row[] {
  return rowsUpTo(image, bytes, Infinity).rows;
}

/**
 * The first `limit` rows of `rowsOf`, and the count of all: the rows past the limit are counted
 * without being built (a big program has thousands, and the view draws a few hundred).
 */
export function rowsUpTo(image: Image, bytes: Uint8Array, limit: number): Rows {
  const rows: Row[] = [];
  let total = 0;
  const add = (row: () => Row) => {
    if (total++ < limit) rows.push(row());
  };
  let fi = 0;
  let zeroFrom = 0;
  let zeros = 0;
  const flush = () => {
    if (zeros >= 3) add(() => ({ t: 'gap', addr: zeroFrom, bytes: zeros * 16 }));
    else for (let i = 0; i < zeros; i++) add(() => ({ t: 'hex', addr: zeroFrom + 16 * i, notes: [] }));
    zeros = 0;
  };
  for (let addr = image.start; addr < image.end; addr += 16) {
    const first = fi;
    while (fi < image.fields.length && image.fields[fi].addr < addr + 16) fi++;
    let zero = fi === first;
    for (let i = addr - image.start; zero && i < addr - image.start + 16; i++) if (bytes[i]) zero = false;
    if (zero) {
      if (zeros++ === 0) zeroFrom = addr;
      continue;
    }
    flush();
    add(() => ({ t: 'hex', addr, notes: Array.from({ length: fi - first }, (_, k) => first + k) }));
  }
  flush();
  return { rows, total };
}
