// Inspector → Trace: the kernel's raw trace of the run, one row per record
// (event, virtual time, thread, kind, atom, system call, arguments, result),
// filtered by thread, kind, atom, call or text; a row (click or Enter) goes to
// its event; exports as text and as Chrome trace JSON. The records come from
// the store's `trace` (the session's trace log, published while this tab is
// open), so they reach past the current event after a step back.
import { useCallback, useMemo, useState } from 'react';
import { useStore, type Store } from '../../store/index.ts';
import { seek } from '../../engine/runtime.ts';
import { downloadTrace } from '../../share/trace-download.ts';
import { filterRecords, NO_FILTER, OptionCounts, type AtomNames, type TraceFilter } from './trace-rows.ts';
import { TraceToolbar } from './TraceToolbar.tsx';
import { TraceGrid } from './TraceGrid.tsx';
import './trace.css';

const NO_NAMES: AtomNames = new Map();
const selectTrace = (s: Store) => s.trace;
const selectNames = (s: Store) => s.layout?.names.atoms ?? NO_NAMES;
const selectEvent = (s: Store) => s.shown.inspect?.events ?? 0;

/** The filters outlive the tab (switching to the Log and back keeps them) but not the program. */
let kept: { names: AtomNames; filter: TraceFilter } = { names: NO_NAMES, filter: NO_FILTER };

export default function TraceView() {
  const trace = useStore(selectTrace);
  const names = useStore(selectNames);
  const event = useStore(selectEvent);
  const [chosen, setChosen] = useState(kept);
  // Filters chosen for another program do not apply: its threads and atoms differ.
  const filter = chosen.names === names ? chosen.filter : NO_FILTER;
  const setFilter = useCallback(
    (f: TraceFilter) => {
      kept = { names, filter: f };
      setChosen(kept);
    },
    [names],
  );
  const records = trace?.records;
  // The menus' choices follow the records by their ends: a Step does not read every record.
  const counts = useMemo(() => new OptionCounts(names), [names]);
  const options = useMemo(() => counts.update(records ?? []), [counts, records]);
  const rows = useMemo(() => filterRecords(records ?? [], names, filter), [records, names, filter]);

  if (!trace || trace.records.length === 0) {
    return (
      <section className="trace-view" aria-label="Trace">
        <p className="pane-empty">Run or Step to record a trace: every kernel event writes records here, with its time, thread, atom and result.</p>
      </section>
    );
  }
  return (
    <section className="trace-view" aria-label="Trace">
      <TraceToolbar
        filter={filter}
        options={options}
        shown={rows.length}
        held={trace.records.length}
        written={trace.written}
        onFilter={setFilter}
        onExport={(format) => void downloadTrace(format)}
      />
      {rows.length === 0 ? (
        <p className="pane-empty">
          No record matches the filters.{' '}
          <button type="button" className="btn" onClick={() => setFilter(NO_FILTER)}>
            Clear filters
          </button>
        </p>
      ) : (
        <TraceGrid rows={rows} names={names} event={event} onSeek={seek} />
      )}
    </section>
  );
}
