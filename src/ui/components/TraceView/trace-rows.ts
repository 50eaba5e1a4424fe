// The Trace tab's model, pure: each record's cells as text (from the one table
// of what each kind's fields mean, engine-wasm/host/trace-fields.ts), the
// filters, the choices the filter menus offer, and where the current event
// falls among the rows.
import type { TraceKind, TraceRec } from '../../../engine-wasm/host/records.ts';
import { TRACE_KINDS } from '../../../engine-wasm/host/records.ts';
import { argsText, traceFields } from '../../../engine-wasm/host/trace-fields.ts';

export type AtomNames = ReadonlyMap<number, string>;

/** A record's cells as the Trace tab shows them ('' where its kind has none). */
export interface RowText {
  readonly event: string;
  /** Virtual time in ns, with thousands separators. */
  readonly time: string;
  readonly thread: string;
  readonly kind: string;
  readonly atomName: string;
  readonly atomAddr: string;
  readonly syscall: string;
  readonly args: string;
  /** "440", "-ENOENT", … */
  readonly result: string;
  readonly detail: string;
  /** Every cell, lower case: what the text filter searches. */
  readonly search: string;
}

export const threadLabel = (tid: number): string => (tid === 0 ? 'user task' : `thread ${tid}`);
const hex = (n: number) => '0x' + n.toString(16);

const texts = new WeakMap<TraceRec, RowText>();

/** The cells of record r (made once per record: records are immutable and `names` is the run's). */
export function rowText(r: TraceRec, names: AtomNames): RowText {
  const known = texts.get(r);
  if (known) return known;
  const f = traceFields(r, names);
  const cells = {
    event: r.event.toLocaleString('en'),
    time: r.time.toLocaleString('en'),
    thread: threadLabel(r.tid),
    kind: r.kind,
    atomName: r.atom ? (names.get(r.atom) ?? '') : '',
    atomAddr: r.atom ? hex(r.atom) : '',
    syscall: f.syscall,
    args: argsText(f.args, names),
    result: f.result,
    detail: f.detail,
  };
  const text: RowText = { ...cells, search: Object.values(cells).join(' ').toLowerCase() };
  texts.set(r, text);
  return text;
}

/** One line per record, as a tooltip or a screen reader reads it. */
export function rowSentence(t: RowText): string {
  const call = t.syscall ? ` ${t.syscall}${t.args ? `(${t.args})` : ''}${t.result ? ` = ${t.result}` : ''}` : t.result ? ` = ${t.result}` : '';
  const atom = t.atomAddr ? ` atom ${t.atomName ? `${t.atomName} ` : ''}${t.atomAddr}` : '';
  return `event ${t.event}, ${t.time} ns, ${t.thread}: ${t.kind}${atom}${call}${t.detail ? ` — ${t.detail}` : ''}`;
}

export interface TraceFilter {
  readonly thread: number | null;
  readonly kind: TraceKind | null;
  /** An atom's address. */
  readonly atom: number | null;
  readonly syscall: string | null;
  readonly text: string;
}

export const NO_FILTER: TraceFilter = { thread: null, kind: null, atom: null, syscall: null, text: '' };

export function isFiltered(f: TraceFilter): boolean {
  return f.thread !== null || f.kind !== null || f.atom !== null || f.syscall !== null || f.text.trim() !== '';
}

/** The records that pass every filter (the same array when no filter is set). */
export function filterRecords(records: readonly TraceRec[], names: AtomNames, f: TraceFilter): readonly TraceRec[] {
  if (!isFiltered(f)) return records;
  const text = f.text.trim().toLowerCase();
  return records.filter(
    (r) =>
      (f.thread === null || r.tid === f.thread) &&
      (f.kind === null || r.kind === f.kind) &&
      (f.atom === null || r.atom === f.atom) &&
      (f.syscall === null || rowText(r, names).syscall === f.syscall) &&
      (text === '' || rowText(r, names).search.includes(text)),
  );
}

export interface FilterOptions {
  readonly threads: readonly number[];
  readonly kinds: readonly TraceKind[];
  readonly atoms: readonly { readonly addr: number; readonly label: string }[];
  readonly syscalls: readonly string[];
}

/** What the filter menus offer: the threads, kinds, atoms and calls the records hold. */
export function filterOptions(records: readonly TraceRec[], names: AtomNames): FilterOptions {
  const threads = new Set<number>();
  const kinds = new Set<TraceKind>();
  const atoms = new Set<number>();
  const syscalls = new Set<string>();
  for (const r of records) {
    threads.add(r.tid);
    kinds.add(r.kind);
    if (r.atom) atoms.add(r.atom);
    const call = rowText(r, names).syscall;
    if (call) syscalls.add(call);
  }
  const kindOrder = TRACE_KINDS.filter((k): k is TraceKind => k !== undefined);
  return {
    threads: [...threads].sort((a, b) => a - b),
    kinds: [...kindOrder.filter((k) => kinds.has(k)), ...[...kinds].filter((k) => !kindOrder.includes(k)).sort()],
    atoms: [...atoms].sort((a, b) => a - b).map((addr) => ({ addr, label: names.has(addr) ? `${names.get(addr)} (${hex(addr)})` : hex(addr) })),
    syscalls: [...syscalls].sort(),
  };
}

/**
 * Where event `event` falls among `rows` (ordered by event): the rows of that
 * very event [first, end), and `anchor`, the last row at or before it (-1:
 * none) — the row kept in view.
 */
export function eventRows(rows: readonly TraceRec[], event: number): { readonly first: number; readonly end: number; readonly anchor: number } {
  const bound = (after: boolean) => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid].event < event || (after && rows[mid].event === event)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const first = bound(false);
  const end = bound(true);
  return { first, end, anchor: end - 1 };
}
