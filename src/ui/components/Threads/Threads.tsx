// The Threads pane: the user task ("head", tid 0) and every cachemiss thread,
// each a row with its state, its wait and its atom, beside a timeline of its
// states on virtual time built from the trace.
import { useMemo } from 'react';
import { useStore } from '../../store/index.ts';
import type { Store } from '../../store/index.ts';
import type { ThreadRec } from '../../../engine-wasm/host/records.ts';
import { buildTimeline, recentLanes } from './timeline-model.ts';
import { ThreadRow } from './ThreadRow.tsx';
import { Legend, TimeAxis } from './TimeAxis.tsx';
import { formatNs } from './thread-words.ts';
import { USER_WORD } from '../Narration/useSentences.ts';
import './Threads.css';

/** Lanes drawn at most; older ones are summarised as "+N more". */
const MAX_LANES = 20;
const NO_THREADS: readonly ThreadRec[] = [];

const selectThreads = (s: Store) => s.shown.threads?.threads ?? NO_THREADS;
const selectNarration = (s: Store) => s.shown.threads?.narration;
const selectClock = (s: Store) => s.shown.threads?.counters.clockNs ?? 0n;
const selectLayout = (s: Store) => s.layout;
const selectHasRun = (s: Store) => s.shown.threads !== null;
const selectFiles = (s: Store) => s.shown.threads?.files;
const selectLatencies = (s: Store) => s.shown.threads?.injections.latencies;
const selectLang = (s: Store) => s.lang;

export function Threads() {
  const threads = useStore(selectThreads);
  const narration = useStore(selectNarration);
  const clock = useStore(selectClock);
  const layout = useStore(selectLayout);
  const hasRun = useStore(selectHasRun);
  const files = useStore(selectFiles);
  const latencies = useStore(selectLatencies);
  const user = USER_WORD[useStore(selectLang)];
  const waits = useMemo(() => (files && latencies?.length ? { files, latencies } : undefined), [files, latencies]);
  const names = layout?.names ?? null;
  const timeline = useMemo(() => buildTimeline(narration ?? [], threads, clock), [narration, threads, clock]);
  const byTid = useMemo(() => new Map(threads.map((t) => [t.tid, t])), [threads]);
  const { shown, hidden } = recentLanes(timeline.lanes, MAX_LANES);
  const { t0, now } = timeline;
  const t1 = now + Math.max((now - t0) * 0.05, 1);
  const x = (t: number) => ((t - t0) / (t1 - t0)) * 100;
  const live = threads.length - 1;
  const ended = timeline.lanes.filter((l) => l.end !== null).length;
  return (
    <section className="pane th-pane" aria-label="Threads">
      <header className="pane-title">
        Threads
        <span className="pane-hint">
          head + {live === 1 ? '1 cachemiss thread' : `${live} cachemiss threads`}
          {ended > 0 && ` · ${ended} ended`}
        </span>
        <span className="th-clock" title="virtual time now">
          <span className="th-clock-label">now</span> {formatNs(now)}
        </span>
      </header>
      {hasRun ? (
        <div className="th-body">
          <div className="th-axis-row">
            <span className="th-axis-title">thread · state · waits on</span>
            <TimeAxis t0={t0} t1={t1} now={now} x={x} />
          </div>
          <ol className={`th-rows${shown.length > 5 ? ' dense' : ''}`} aria-label="Thread lanes">
            {shown.map((lane) => (
              <ThreadRow key={lane.key} lane={lane} thread={lane.end === null ? byTid.get(lane.tid) : undefined} names={names} waits={waits} now={clock} user={user} x={x} />
            ))}
          </ol>
          {hidden > 0 && (
            <p className="th-more">
              +{hidden} more {hidden === 1 ? 'thread' : 'threads'} earlier (the newest {MAX_LANES} lanes are shown)
            </p>
          )}
        </div>
      ) : (
        <p className="pane-empty">The threads appear when a program without errors is loaded.</p>
      )}
      <Legend />
    </section>
  );
}
