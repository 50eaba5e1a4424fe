// The time axis above the lanes (ticks in µs/ms, the current time) and the
// colour legend below them.
import { useEffect, useRef, useState } from 'react';
import { formatTick } from './thread-words.ts';

/** Room a tick label needs left of the "now" label (which ends at the now line), in px. */
const CLEAR_OF_NOW_PX = 58;

/** The element's width in px, followed with a ResizeObserver (0 until known). */
function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => setWidth(entries[0].contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** Tick times: a 1-2-5 step giving about `count` ticks between t0 and t1. */
export function ticks(t0: number, t1: number, count: number): number[] {
  const span = Math.max(t1 - t0, 1);
  const raw = span / count;
  const mag = Math.max(1, 10 ** Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let i = Math.ceil(t0 / step); i * step <= t1; i++) out.push(i * step);
  return out;
}

interface AxisProps {
  readonly t0: number;
  readonly t1: number;
  readonly now: number;
  readonly x: (t: number) => number;
}

export function TimeAxis({ t0, t1, now, x }: AxisProps) {
  const [ref, width] = useWidth<HTMLDivElement>();
  // Ticks too close to "now" would run into its label: at least CLEAR_OF_NOW_PX, in % of the axis.
  const clear = width > 0 ? (100 * CLEAR_OF_NOW_PX) / width : 25;
  const marks = ticks(t0, t1, 4).filter((t) => Math.abs(x(now) - x(t)) > clear);
  return (
    <div className="th-axis" aria-hidden="true" ref={ref}>
      {marks.map((t) => (
        <span key={t} className="th-tick" style={{ left: `${x(t)}%` }}>
          {formatTick(t)}
        </span>
      ))}
      <span className="th-now-label" style={{ left: `${x(now)}%` }}>
        now
      </span>
    </div>
  );
}

const KEYS = [
  ['user', 'user space'],
  ['running', 'running'],
  ['runnable', 'runnable'],
  ['sleeping', 'sleeping (disk, timer)'],
  ['blocked', 'blocked (pipe, ring)'],
  ['waiting', 'async_wait'],
] as const;

export function Legend() {
  return (
    <ul className="th-legend" aria-label="Timeline legend">
      {KEYS.map(([state, text]) => (
        <li key={state}>
          <span className={`th-key th-seg ${state}`} aria-hidden="true" />
          {text}
        </li>
      ))}
      <li>
        <span className="th-key-mark post" aria-hidden="true" />
        posted
      </li>
      <li>
        <span className="th-key-mark lost" aria-hidden="true" />
        lost
      </li>
    </ul>
  );
}
