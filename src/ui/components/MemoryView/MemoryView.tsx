// User memory as a hex dump of the program image, with every region decoded
// and named: the async_head_user, ring slots, atoms field by field, vars,
// strings, buffers. Pointers can be followed; bytes that changed flash.
import { memo, startTransition, useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type SyntheticEvent } from 'react';
import type { Store } from '../../store/index.ts';
import { hex } from '../../lang/addresses.ts';
import { useMemory, useMemorySource } from './useMemory.ts';
import type { Layout } from '../../lang/layout.ts';
import { MemBlock } from './MemBlock.tsx';
import { decodeField, describeField, fieldAt, rowsOf, rowsUpTo, REGION_KINDS, REGION_LABEL, type Rows } from './regions.ts';
import './memory.css';

const HIGHLIGHT_MS = 2200;
/**
 * Rows drawn at a time: a program of 1,000 atoms fills ~3,000 rows, which took seconds to lay out
 * and re-render on every snapshot. More are drawn on request, or when a pointer leads past them.
 */
export const PAGE_ROWS = 384;

/** The index of the row holding `addr` (rows are in address order), or -1. */
function rowIndexOf(rows: readonly { addr: number }[], addr: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].addr <= addr) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Scrolls the row at `addr` into the middle of the view; false if it is not drawn. Blocks never
 * drawn count with an estimated height (content-visibility in memory.css): a far row is jumped
 * to, not glided to, and centred again in each of the next two frames, once the blocks around it
 * are drawn at their real height.
 */
function scrollToRow(box: HTMLElement | null, addr: number): boolean {
  const row = box?.querySelector<HTMLElement>(`[data-addr="${addr}"]`);
  if (!box || !row) return false;
  const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  const far = Math.abs(row.getBoundingClientRect().top - box.getBoundingClientRect().top) > 3 * box.clientHeight;
  row.scrollIntoView({ block: 'center', behavior: smooth && !far ? 'smooth' : 'auto' });
  if (far) {
    const again = () => row.isConnected && row.scrollIntoView({ block: 'center' });
    requestAnimationFrame(() => {
      again();
      requestAnimationFrame(again);
    });
  }
  return true;
}

/** Left indent of a line of chips (`.mem-note`: 5.5ch of the 12.5 px mono font), in px. */
const NOTE_INDENT_PX = 41.5;

/**
 * The width a line of chips has in the scroller, in CSS px, in steps of 8 px (0 until measured):
 * the row blocks estimate their heights from it (MemBlock.tsx).
 */
function useNoteRoom(scroller: React.RefObject<HTMLDivElement | null>, shown: boolean): number {
  const [room, setRoom] = useState(0);
  useEffect(() => {
    const el = scroller.current;
    if (!shown || !el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => setRoom(Math.max(0, Math.floor((entries[0].contentRect.width - NOTE_INDENT_PX) / 8) * 8)));
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller, shown]);
  return room;
}

/**
 * The dump of a big program takes tens of milliseconds to render (384 rows and their chips), so
 * React draws it in a background render it can interrupt: a keystroke or a click never waits for
 * it, and the pane shows the newest state a moment later (issue #11 §3).
 */
export function MemoryView() {
  const source = useMemorySource();
  return <MemoryDump snap={useDeferredValue(source.snap)} lay={useDeferredValue(source.lay)} />;
}

const MemoryDump = memo(function MemoryDump({ snap, lay }: { snap: Store['shown']['inspect']; lay: Layout | null }) {
  const { image, bytes, changed, gen, bulk } = useMemory(snap, lay);
  const names = lay?.names ?? null;
  const [detail, setDetail] = useState(-1);
  const [limit, setLimit] = useState(PAGE_ROWS);
  const { rows, total }: Rows = useMemo(() => (image ? rowsUpTo(image, bytes, limit) : { rows: [], total: 0 }), [image, bytes, limit]);
  const [hl, setHl] = useState<{ from: number; to: number } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const timer = useRef(0);
  const room = useNoteRoom(scroller, image !== null && names !== null && bytes.length > 0); // the dump is drawn (below)
  /** A row to scroll to once it is drawn (a followed pointer past the drawn rows). */
  const pendingRow = useRef<number | null>(null);

  const follow = useCallback(
    (target: number) => {
      if (!image) return;
      const fid = fieldAt(image.fields, target);
      const f = fid >= 0 ? image.fields[fid] : null;
      setHl(f ? { from: f.addr, to: f.addr + f.size } : { from: target, to: target + 4 });
      if (fid >= 0) setDetail(fid);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => setHl(null), HIGHLIGHT_MS);
      // The rows drawn are the first `limit`; a target past them needs all of them to be found.
      const all = rows.length < total ? rowsOf(image, bytes) : rows;
      const at = rowIndexOf(all, target);
      if (at < 0) return;
      if (at < limit) {
        scrollToRow(scroller.current, all[at].addr);
        return;
      }
      // A target past the rows drawn: draw up to it (and a little beyond) in a background render
      // (up to ~3,000 blocks for a big program: the page stays responsive meanwhile), then scroll
      // there once they are in (the layout effect below).
      pendingRow.current = all[at].addr;
      startTransition(() => setLimit(at + PAGE_ROWS / 2));
    },
    [image, bytes, rows, total, limit],
  );
  useLayoutEffect(() => {
    if (pendingRow.current !== null && scrollToRow(scroller.current, pendingRow.current)) pendingRow.current = null;
  }, [rows]);
  // The blocks get one wrapper for the whole life of the view, so a new `follow` redraws none of them.
  const followNow = useRef(follow);
  useLayoutEffect(() => {
    followNow.current = follow;
  }, [follow]);
  const onFollow = useCallback((target: number) => followNow.current(target), []);

  const onPoint = (e: SyntheticEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-field]');
    if (el) setDetail(Number(el.dataset.field));
  };
  const onClick = (e: SyntheticEvent) => {
    const el = (e.target as HTMLElement).closest<HTMLElement>('.mem-byte[data-field]');
    if (!el || !image || !names) return;
    const d = decodeField(image.fields[Number(el.dataset.field)], bytes, image.start, names);
    if (d.target !== undefined) follow(d.target);
  };

  if (!image || !names || bytes.length === 0) {
    return (
      <section className="memory-view" aria-label="Memory">
        <p className="pane-empty">Memory appears when a program without errors is loaded.</p>
      </section>
    );
  }
  const hlFrom = hl?.from ?? 0;
  const hlTo = hl?.to ?? 0;
  const hlMask = (addr: number) => {
    let m = 0;
    for (let i = 0; i < 16; i++) if (addr + i >= hlFrom && addr + i < hlTo) m |= 1 << i;
    return m;
  };
  const shown = detail >= 0 && detail < image.fields.length ? image.fields[detail] : null;

  return (
    <section className="memory-view" aria-label="Memory">
      <ul className="mem-legend" aria-label="Legend">
        {REGION_KINDS.map((k) => (
          <li key={k} className={`band-${k}`} title={REGION_LABEL[k]}>
            <span className="mem-swatch" aria-hidden="true" />
            {k}
          </li>
        ))}
      </ul>
      <div className={`mem-scroll${bulk ? ' mem-bulk' : ''}`} ref={scroller} tabIndex={0} aria-label={`User memory ${hex(image.start)} to ${hex(image.end)}`} onMouseOver={onPoint} onFocus={onPoint} onClick={onClick}>
        {rows.map((r) => {
          if (r.t === 'gap') {
            return (
              <div key={r.addr} className="mem-gap" data-addr={r.addr}>
                <span className="mem-addr">{r.addr.toString(16)}</span>… {r.bytes.toLocaleString('en')} zero bytes …
              </div>
            );
          }
          return <MemBlock key={r.addr} addr={r.addr} notes={r.notes} image={image} bytes={bytes} names={names} changed={changed} gen={gen} hl={hlMask(r.addr)} onFollow={onFollow} room={room} />;
        })}
        {total > limit && (
          <button type="button" className="btn mem-more" onClick={() => setLimit((n) => n + PAGE_ROWS)}>
            Show {Math.min(PAGE_ROWS, total - limit)} more rows ({(total - limit).toLocaleString('en')} not drawn yet, up to {hex(image.end)})
          </button>
        )}
      </div>
      <p className="mem-detail" data-testid="memory-detail">
        {shown ? (
          <>
            <span className={`mem-swatch band-${shown.kind}`} aria-hidden="true" />
            {describeField(shown, decodeField(shown, bytes, image.start, names))}
            <span className="muted"> · {hex(shown.addr)}, {shown.size} byte{shown.size === 1 ? '' : 's'}</span>
          </>
        ) : (
          <span className="muted">Point at a field to decode it; click a pointer (→) to jump to what it points at.</span>
        )}
      </p>
    </section>
  );
});
