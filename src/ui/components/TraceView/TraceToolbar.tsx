// The Trace tab's controls: a text filter, how many records are shown, the
// thread / kind / atom / system call menus (offering what the records hold),
// and the Export menu (text, Chrome trace JSON). In a wide pane everything is
// on one line; in a narrow one (the inspector beside the other panes) the four
// menus sit behind "Filters". Native inputs, selects and a <details> menu:
// the keyboard works as usual (Escape closes the menu).
import { useCallback, useId, useRef, useState } from 'react';
import { useOutsideDismiss } from '../../hooks/useOutsideDismiss.ts';
import type { TraceKind } from '../../../engine-wasm/host/records.ts';
import { isFiltered, threadLabel, NO_FILTER, type FilterOptions, type TraceFilter } from './trace-rows.ts';
import type { TraceFormat } from '../../share/trace-file.ts';

interface Props {
  readonly filter: TraceFilter;
  readonly options: FilterOptions;
  readonly shown: number;
  readonly held: number;
  /** Records the run wrote (more than held once the kernel's ring has wrapped). */
  readonly written: number;
  onFilter(f: TraceFilter): void;
  onExport(format: TraceFormat): void;
}

const n = (x: number) => x.toLocaleString('en');
/** A select's value for "any". */
const ANY = '';

/** The choices plus the one chosen, if these records do not hold it (a filter made earlier). */
function withChosen<T>(list: readonly T[], chosen: T | null): readonly T[] {
  return chosen !== null && !list.includes(chosen) ? [...list, chosen] : list;
}

function ExportMenu({ disabled, onExport }: { readonly disabled: boolean; onExport(format: TraceFormat): void }) {
  const menu = useRef<HTMLDetailsElement>(null);
  const [open, setOpen] = useState(false);
  const shut = useCallback(() => menu.current?.removeAttribute('open'), []);
  useOutsideDismiss(menu, open, shut);
  const close = () => {
    shut();
    menu.current?.querySelector('summary')?.focus();
  };
  const choose = (format: TraceFormat) => {
    close();
    onExport(format);
  };
  return (
    <details
      className={`trace-export${disabled ? ' disabled' : ''}`}
      ref={menu}
      onToggle={(e) => setOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.preventDefault();
          e.stopPropagation();
          close();
        }
      }}
    >
      <summary className="btn" title="Download the trace (every record held)">
        <span className="trace-export-glyph" aria-hidden="true">
          ⇩
        </span>
        <span className="trace-export-word">Export</span>
        <span aria-hidden="true"> ▾</span>
      </summary>
      <div className="trace-export-menu" role="group" aria-label="Export the trace">
        <button type="button" className="btn" disabled={disabled} onClick={() => choose('text')} title="One line per record: event, virtual time, thread, what happened">
          Export trace as text
        </button>
        <button type="button" className="btn" disabled={disabled} onClick={() => choose('chrome')} title="For Perfetto or chrome://tracing: threads as tracks, atoms as slices">
          Export trace as Chrome trace JSON
        </button>
      </div>
    </details>
  );
}

export function TraceToolbar({ filter, options, shown, held, written, onFilter, onExport }: Props) {
  const [menusOpen, setMenusOpen] = useState(false);
  const menusId = useId();
  const set = (part: Partial<TraceFilter>) => onFilter({ ...filter, ...part });
  const threads = withChosen(options.threads, filter.thread);
  const kinds = withChosen(options.kinds, filter.kind);
  const syscalls = withChosen(options.syscalls, filter.syscall);
  const atoms = filter.atom !== null && !options.atoms.some((a) => a.addr === filter.atom) ? [...options.atoms, { addr: filter.atom, label: `0x${filter.atom.toString(16)}` }] : options.atoms;
  const menuFilters = [filter.thread, filter.kind, filter.atom, filter.syscall].filter((v) => v !== null).length;
  const count = `${n(shown)} of ${n(held)}`;
  return (
    <div className="trace-toolbar">
      <input
        type="search"
        className="trace-search"
        value={filter.text}
        placeholder="Filter…"
        aria-label="Filter the trace by text"
        title="Shows the records whose text holds this (any column)"
        onChange={(e) => set({ text: e.target.value })}
      />
      <span
        className="trace-count"
        data-testid="trace-count"
        role="status"
        title={written > held ? `The run wrote ${n(written)} records; the kernel's trace ring keeps the newest ${n(held)}.` : undefined}
      >
        {isFiltered(filter) ? count : n(held)}
        {!isFiltered(filter) && <span className="trace-count-word">{held === 1 ? ' record' : ' records'}</span>}
        {written > held && <span className="trace-window"> (newest of {n(written)})</span>}
      </span>
      <button
        type="button"
        className={`btn trace-menus-toggle${menuFilters > 0 ? ' on' : ''}`}
        aria-expanded={menusOpen || menuFilters > 0}
        aria-controls={menusId}
        title="Filter by thread, kind, atom or system call"
        onClick={() => setMenusOpen((o) => !o)}
      >
        Filters{menuFilters > 0 ? ` (${menuFilters})` : ''}
      </button>
      <ExportMenu disabled={held === 0} onExport={onExport} />
      <span id={menusId} className={`trace-selects${menusOpen || menuFilters > 0 ? ' open' : ''}`} role="group" aria-label="Filter the trace by thread, kind, atom or system call">
        <select aria-label="Thread" value={filter.thread ?? ANY} onChange={(e) => set({ thread: e.target.value === ANY ? null : Number(e.target.value) })}>
          <option value={ANY}>all threads</option>
          {threads.map((t) => (
            <option key={t} value={t}>
              {threadLabel(t)}
            </option>
          ))}
        </select>
        <select aria-label="Kind" value={filter.kind ?? ANY} onChange={(e) => set({ kind: e.target.value === ANY ? null : (e.target.value as TraceKind) })}>
          <option value={ANY}>all kinds</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <select aria-label="Atom" value={filter.atom ?? ANY} onChange={(e) => set({ atom: e.target.value === ANY ? null : Number(e.target.value) })}>
          <option value={ANY}>all atoms</option>
          {atoms.map((a) => (
            <option key={a.addr} value={a.addr}>
              {a.label}
            </option>
          ))}
        </select>
        <select aria-label="System call" value={filter.syscall ?? ANY} onChange={(e) => set({ syscall: e.target.value === ANY ? null : e.target.value })}>
          <option value={ANY}>all calls</option>
          {syscalls.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        {isFiltered(filter) && (
          <button type="button" className="btn trace-clear" aria-label="Clear filters" title="Show every record again" onClick={() => onFilter(NO_FILTER)}>
            Clear
          </button>
        )}
      </span>
    </div>
  );
}
