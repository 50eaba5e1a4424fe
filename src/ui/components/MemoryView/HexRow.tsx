// One 16-byte row of the hex view. Memoized: a row re-renders only when its
// bytes, flashes or highlight change. Bytes carry data-field for the view's
// delegated hover, focus and click handlers.
import { memo } from 'react';
import type { RegionKind } from './regions.ts';

export interface RowMeta {
  /** Per byte of the row: region kind (or null outside every field), field index, first byte of a field. */
  readonly kinds: readonly (RegionKind | null)[];
  readonly fids: readonly number[];
  readonly starts: readonly boolean[];
}

export interface HexRowProps {
  readonly addr: number;
  readonly meta: RowMeta;
  /** The row's bytes as 32 hex digits. */
  readonly hexes: string;
  /** Bit i: byte i changed in the last read. */
  readonly flash: number;
  readonly gen: number;
  /** Bit i: byte i belongs to the field a followed pointer leads to. */
  readonly hl: number;
}

const printable = (c: number) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '·');

export const HexRow = memo(function HexRow({ addr, meta, hexes, flash, gen, hl }: HexRowProps) {
  const cells = [];
  let ascii = '';
  for (let i = 0; i < 16; i++) {
    const hh = hexes.slice(2 * i, 2 * i + 2);
    ascii += printable(parseInt(hh, 16));
    const kind = meta.kinds[i];
    const fl = (flash >> i) & 1;
    const cls = `mem-byte${kind ? ` band-${kind}` : ''}${meta.starts[i] ? ' fstart' : ''}${fl ? ' flash' : ''}${(hl >> i) & 1 ? ' hl' : ''}${hh === '00' ? ' zero' : ''}`;
    cells.push(
      <span key={fl ? `${i}:${gen}` : i} className={cls} data-field={meta.fids[i] >= 0 ? meta.fids[i] : undefined}>
        {hh}
      </span>,
    );
  }
  return (
    <div className="mem-row" data-addr={addr}>
      <span className="mem-addr">{addr.toString(16)}</span>
      <span className="mem-hex">{cells}</span>
      <span className="mem-ascii">{ascii}</span>
    </div>
  );
});
