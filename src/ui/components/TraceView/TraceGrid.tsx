// The trace as a grid of rows, virtualised: only the rows in view (and a few
// around them) are in the DOM, each a memoised component, so a Step redraws the
// handful whose marks changed, not 16,384 rows. The grid has the focus as one
// widget: ↑ ↓ Page Up/Down Home End move the active row (aria-activedescendant),
// Enter goes to its event, as a click on a row does. The rows of the current
// event are marked, rows after it (reached before a step back) dimmed, and the
// current event is kept in view whenever it changes.
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { TraceRec } from '../../../engine-wasm/host/records.ts';
import { eventRows, rowSentence, rowText, type AtomNames } from './trace-rows.ts';

/** Row heights (px): one line in a wide pane, two in a narrow one (the inspector beside the others). */
const WIDE_ROW = 24;
const NARROW_ROW = 40;
/** The pane is wide enough for one line per record from this width on (px, the pane's own zoomed units). */
const WIDE_FROM = 720;
const OVERSCAN = 6;

const COLUMNS = ['Event', 'Time (ns)', 'Thread', 'Kind', 'Atom', 'System call', 'Arguments', 'Result', 'Detail'] as const;

type Mark = 'current' | 'ahead' | 'past';

interface RowProps {
  readonly rec: TraceRec;
  readonly names: AtomNames;
  readonly index: number;
  readonly top: number;
  readonly mark: Mark;
  readonly active: boolean;
  readonly rowId: string;
  onPick(index: number): void;
}

const Row = memo(function Row({ rec, names, index, top, mark, active, rowId, onPick }: RowProps) {
  const t = rowText(rec, names);
  const bad = /^-E/.test(t.result);
  return (
    <div
      role="row"
      id={rowId}
      aria-rowindex={index + 2}
      aria-current={mark === 'current' ? 'step' : undefined}
      className={`trace-row mark-${mark}${active ? ' active' : ''}`}
      data-kind={rec.kind}
      data-event={rec.event}
      style={{ top }}
      title={rowSentence(t) + (mark === 'ahead' ? ' (after the current event)' : '')}
      onClick={() => onPick(index)}
    >
      <div className="trace-line">
        <span role="gridcell" className="tc-event">#{t.event}</span>
        <span role="gridcell" className="tc-time">{t.time}</span>
        <span role="gridcell" className="tc-thread">{t.thread}</span>
        <span role="gridcell" className="tc-kind">{t.kind}</span>
        <span role="gridcell" className="tc-atom">
          {t.atomName && <span className="tc-atom-name">{t.atomName}</span>}
          {t.atomAddr && <span className="tc-atom-addr">{t.atomAddr}</span>}
        </span>
      </div>
      <div className="trace-line">
        <span role="gridcell" className="tc-syscall">{t.syscall}</span>
        <span role="gridcell" className="tc-args">{t.args}</span>
        <span role="gridcell" className={`tc-result${t.result ? ' has' : ''}${bad ? ' bad' : ''}`}>{t.result}</span>
        <span role="gridcell" className={`tc-detail${t.detail && (t.syscall || t.args || t.result) ? ' after' : ''}`}>{t.detail}</span>
      </div>
    </div>
  );
});

/** Index of the row with sequence number `seq` (rows are in sequence order), or -1. */
function indexOfSeq(rows: readonly TraceRec[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo < rows.length && rows[lo].seq === seq ? lo : -1;
}

interface Props {
  readonly rows: readonly TraceRec[];
  readonly names: AtomNames;
  /** The current event of the run. */
  readonly event: number;
  /** Goes to an event (a row chosen). */
  onSeek(event: number): void;
}

export function TraceGrid({ rows, names, event, onSeek }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const [scrollTop, setScrollTop] = useState(0);
  const [activeSeq, setActiveSeq] = useState<number | null>(null);
  /** Set when the keyboard moved the active row: it is then scrolled into view. */
  const follow = useRef(false);
  const id = useId();
  const wide = box.width >= WIDE_FROM;
  const rowH = wide ? WIDE_ROW : NARROW_ROW;
  const at = eventRows(rows, event);
  const activeIndex = activeSeq === null ? -1 : indexOfSeq(rows, activeSeq);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setBox((b) => (b.width === el.clientWidth && b.height === el.clientHeight ? b : { width: el.clientWidth, height: el.clientHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const reveal = useCallback(
    (index: number) => {
      const el = scroller.current;
      if (!el || index < 0 || el.clientHeight === 0) return;
      const top = index * rowH;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + rowH > el.scrollTop + el.clientHeight) el.scrollTop = top + rowH - el.clientHeight;
      setScrollTop(el.scrollTop);
    },
    [rowH],
  );

  // The current event stays in view: its last row (or the last one before it), whenever it or the rows change.
  useLayoutEffect(() => {
    reveal(Math.max(at.anchor, 0));
  }, [event, rows, box.height, reveal, at.anchor]);

  useLayoutEffect(() => {
    if (follow.current) {
      follow.current = false;
      reveal(activeIndex);
    }
  }, [activeIndex, reveal]);

  // Stable for the memoised rows: reads the rows through a ref.
  const rowsRef = useRef(rows);
  useEffect(() => {
    rowsRef.current = rows;
  }, [rows]);
  const pick = useCallback(
    (index: number) => {
      const rec = rowsRef.current[index];
      if (!rec) return;
      setActiveSeq(rec.seq);
      onSeek(rec.event);
    },
    [onSeek],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    if (rows.length === 0) return;
    const from = activeIndex >= 0 ? activeIndex : Math.max(at.anchor, 0);
    const page = Math.max(1, Math.floor(box.height / rowH) - 1);
    const moves: Record<string, number> = {
      ArrowDown: from + 1, ArrowUp: from - 1, PageDown: from + page, PageUp: from - page, Home: 0, End: rows.length - 1,
    };
    if (e.key in moves) {
      const to = Math.min(rows.length - 1, Math.max(0, moves[e.key]));
      follow.current = true;
      setActiveSeq(rows[to].seq);
    } else if (e.key === 'Enter' || e.key === ' ') {
      pick(from);
    } else return;
    e.preventDefault();
  };

  const onFocus = () => {
    if (activeIndex < 0 && rows.length > 0) setActiveSeq(rows[Math.max(at.anchor, 0)].seq);
  };

  const first = Math.max(0, Math.floor(scrollTop / rowH) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + box.height) / rowH) + OVERSCAN);
  const shown: number[] = [];
  for (let i = first; i < last; i++) shown.push(i);
  // The active row stays in the DOM (aria-activedescendant names it) even when scrolled away.
  if (activeIndex >= 0 && (activeIndex < first || activeIndex >= last)) shown.push(activeIndex);
  const rowId = (seq: number) => `${id}-r${seq}`;

  return (
    <div
      className={`trace-grid ${wide ? 'wide' : 'narrow'}`}
      role="grid"
      aria-label="Trace records, oldest first: Enter goes to the record's event"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={activeIndex >= 0 ? rowId(rows[activeIndex].seq) : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div role="rowgroup" className="trace-head">
        <div role="row" aria-rowindex={1} className="trace-row trace-head-row">
          {COLUMNS.map((c) => (
            <span role="columnheader" key={c}>
              {c}
            </span>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="trace-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="trace-spacer" style={{ height: rows.length * rowH }}>
          {shown.map((i) => {
            const rec = rows[i];
            const mark: Mark = rec.event === event ? 'current' : rec.event > event ? 'ahead' : 'past';
            return <Row key={rec.seq} rec={rec} names={names} index={i} top={i * rowH} mark={mark} active={i === activeIndex} rowId={rowId(rec.seq)} onPick={pick} />;
          })}
        </div>
      </div>
    </div>
  );
}
