// One row block of the hex view: the chips of the fields that start in it, then its 16 bytes.
// Each block is its own component, so React can pause between blocks while it draws a big
// dump in the background, and a block is redrawn only when what it shows changed: `MemBlock`
// works out what to show and a signature of it; `BlockView` re-renders only for a new signature
// (a new program laid out the same way, or a run that left the row's bytes alone, costs no DOM work).
import { memo } from 'react';
import { nameAddress, type ProgramNames } from '../../lang/addresses.ts';
import { HexRow, type HexRowProps, type RowMeta } from './HexRow.tsx';
import { chipText, NoteRow, type Chip } from './NoteRow.tsx';
import { decodeField, fieldAt, type Field, type Image, type RegionKind } from './regions.ts';

interface Props {
  readonly addr: number;
  /** Indices of the fields that start in this row. */
  readonly notes: readonly number[];
  readonly image: Image;
  readonly bytes: Uint8Array;
  readonly names: ProgramNames;
  /** 1 where a byte changed in the last read. */
  readonly changed: Uint8Array;
  readonly gen: number;
  /** Bit i: byte i belongs to the field a followed pointer leads to. */
  readonly hl: number;
  /** Must keep its identity across renders (the view passes a stable wrapper). */
  readonly onFollow: (addr: number) => void;
  /** Width a line of chips has, in CSS px (0 while not known). */
  readonly room: number;
}

/** Fields not worth a chip: the unused fidelity words of the ahu, arg pointers past the list's end, private — while zero. */
const QUIET = /^(head_stack|head_eip|new_thread_stack|new_thread_eip|arg_ptr\[[1-5]\]|private)$/;
function quiet(f: Field, bytes: Uint8Array, start: number): boolean {
  if (!QUIET.test(f.name)) return false;
  for (let i = f.addr - start; i < f.addr - start + f.size; i++) if (bytes[i]) return false;
  return true;
}

function rowMeta(fields: readonly Field[], addr: number): RowMeta {
  const kinds: (RegionKind | null)[] = [];
  const fids: number[] = [];
  const starts: boolean[] = [];
  for (let a = addr; a < addr + 16; a++) {
    const fid = fieldAt(fields, a);
    kinds.push(fid >= 0 ? fields[fid].kind : null);
    fids.push(fid);
    starts.push(fid >= 0 && fields[fid].addr === a);
  }
  return { kinds, fids, starts };
}

/** Equal bytes in [from, to) of two copies of memory starting at `start`. */
function sameBytes(a: Uint8Array, b: Uint8Array, from: number, to: number, start: number): boolean {
  if (a === b) return true;
  for (let i = from - start; i < to - start; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A block shows the same as before (so React skips it without any work): the same program,
 * names, highlight and notes, and no byte changed that it shows, in its row or in the fields its
 * chips decode (a string or buffer chip reads past the row).
 */
function sameBlock(a: Props, b: Props): boolean {
  if (a.image !== b.image || a.names !== b.names || a.hl !== b.hl || a.onFollow !== b.onFollow || a.addr !== b.addr || a.room !== b.room) return false;
  if (a.notes !== b.notes && (a.notes.length !== b.notes.length || a.notes.some((fid, i) => fid !== b.notes[i]))) return false;
  const start = a.image.start;
  if (!sameBytes(a.bytes, b.bytes, a.addr, a.addr + 16, start) || !sameBytes(a.changed, b.changed, a.addr, a.addr + 16, start)) return false;
  // A byte that changed flashes anew with each read.
  if (a.gen !== b.gen && b.changed.subarray(a.addr - start, a.addr - start + 16).some((c) => c !== 0)) return false;
  for (const fid of a.notes) {
    const f = a.image.fields[fid];
    if (!sameBytes(a.bytes, b.bytes, f.addr, f.addr + f.size, start)) return false;
  }
  return true;
}

// A block out of view is not laid out (content-visibility in memory.css) and counts with an
// estimated height until it is drawn once; a close estimate keeps what is on screen still when
// blocks scroll into view and take their real height (a button or chip moved under the pointer).
// Measured at 12.5 px (the pane's zoom scales all of it): a hex row 23 px, the first line of chips
// 18.3 px more (19.3 with a region's name), each further line 20.2 px.
const HEX_PX = 23;
const FIRST_LINE_PX = 18.3;
const LINE_PX = 20.2;
/** A chip's width: its text at about 7.2 px a character in the sans font, plus padding and borders. */
const chipPx = (c: Chip) => 14 + 7.2 * chipText(c).length + (c.field.first && c.field.name !== '' ? 6 + 7.4 * c.field.region.length : 0);

/** An empty line of chips (fields start here, all too quiet for a chip): its padding. */
const EMPTY_NOTE_PX = 6;

/** The block's height as estimated from its chips packed into lines of `room` px. */
function estimate(notes: boolean, chips: readonly Chip[], room: number): number {
  if (chips.length === 0) return notes ? HEX_PX + EMPTY_NOTE_PX : HEX_PX;
  let lines = 1;
  let used = 0;
  for (const c of chips) {
    const w = chipPx(c);
    if (room > 0 && used > 0 && used + 5 + w > room) {
      lines++;
      used = w;
    } else used += (used > 0 ? 5 : 0) + w;
  }
  const head = chips.some((c) => c.field.first && c.field.name !== '') ? 1 : 0;
  return Math.round(HEX_PX + FIRST_LINE_PX + head + (lines - 1) * LINE_PX);
}

export const MemBlock = memo(function MemBlock({ addr, notes, image, bytes, names, changed, gen, hl, onFollow, room }: Props) {
  const at = addr - image.start;
  let hexes = '';
  let flash = 0;
  for (let i = 0; i < 16; i++) {
    hexes += (bytes[at + i] ?? 0).toString(16).padStart(2, '0');
    if (changed[at + i]) flash |= 1 << i;
  }
  const meta = rowMeta(image.fields, addr);
  const chips: Chip[] = [];
  let sig = `${notes.length > 0 ? 'n' : ''}|${hexes}|${flash}|${flash ? gen : 0}|${hl}|${meta.fids.join(',')}|${meta.kinds.join(',')}|${meta.starts.join(',')}`;
  for (const fid of notes) {
    const field = image.fields[fid];
    if (quiet(field, bytes, image.start)) continue;
    const value = decodeField(field, bytes, image.start, names);
    const target = value.target !== undefined ? nameAddress(names, value.target) : undefined;
    chips.push({ fid, field, value, target });
    sig += `|${fid}:${field.first ? 1 : 0}:${field.kind}:${field.region}:${field.name}:${value.text}:${value.target ?? ''}:${target?.name ?? ''}:${target?.label ?? ''}`;
  }
  const est = estimate(notes.length > 0, chips, room);
  return <BlockView sig={`${sig}|${est}`} est={est} notes={notes.length > 0} addr={addr} meta={meta} hexes={hexes} flash={flash} gen={gen} hl={hl} chips={chips} onFollow={onFollow} />;
}, sameBlock);

interface ViewProps extends HexRowProps {
  readonly sig: string;
  /** Estimated height in px (used while the block has never been drawn). */
  readonly est: number;
  /** Fields start in this row (all of them may be too quiet for a chip). */
  readonly notes: boolean;
  readonly chips: readonly Chip[];
  readonly onFollow: (addr: number) => void;
}

const BlockView = memo(
  function BlockView({ est, notes, addr, meta, hexes, flash, gen, hl, chips, onFollow }: ViewProps) {
    return (
      <div className="mem-block" style={{ containIntrinsicSize: `auto ${est}px` }}>
        {notes && <NoteRow chips={chips} onFollow={onFollow} />}
        <HexRow addr={addr} meta={meta} hexes={hexes} flash={flash} gen={gen} hl={hl} />
      </div>
    );
  },
  (a, b) => a.sig === b.sig && a.onFollow === b.onFollow,
);
