// The Trace tab's model, pure: each record's cells as text (from the one table
// of what each kind's fields mean, engine-wasm/host/trace-fields.ts), the
// filters, the choices the filter menus offer, and where the current event
// falls among the rows.
import type { TraceKind, TraceRec } from '../../../engine-wasm/host/records.ts';
import { TRACE_KINDS } from '../../../engine-wasm/host/records.ts';
import { argsText, callName, traceFields } from '../../../engine-wasm/host/trace-fields.ts';

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
/** One formatter for every number shown (toLocaleString would build one per call: slow for thousands of rows). */
const thousands = new Intl.NumberFormat('en');

/** The cells of record r (made once per record: records are immutable and `names` is the run's). */
export function rowText(r: TraceRec, names: AtomNames): RowText {
  const known = texts.get(r);
  if (known) return known;
  const f = traceFields(r, names);
  const cells = {
    event: thousands.format(r.event),
    time: thousands.format(r.time),
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
      (f.syscall === null || callName(r) === f.syscall) &&
      (text === '' || rowText(r, names).search.includes(text)),
  );
}

export interface FilterOptions {
  readonly threads: readonly number[];
  readonly kinds: readonly TraceKind[];
  readonly atoms: readonly { readonly addr: number; readonly label: string }[];
  readonly syscalls: readonly string[];
}

const KIND_ORDER: readonly TraceKind[] = TRACE_KINDS.filter((k): k is TraceKind => k !== undefined);

/**
 * What the filter menus offer — the threads, kinds, atoms and calls the
 * records hold — kept up to date as the records change. The records are
 * consecutive (by sequence number), so from one array to the next only the
 * ends change: update() counts in the records that came and counts out those
 * that went, instead of reading 16,384 records on every Step.
 */
export class OptionCounts {
  private readonly counts = { threads: new Map<number, number>(), kinds: new Map<TraceKind, number>(), atoms: new Map<number, number>(), syscalls: new Map<string, number>() };
  private held: readonly TraceRec[] = [];
  private made: FilterOptions | null = null;

  constructor(private readonly names: AtomNames) {}

  private count(r: TraceRec, by: 1 | -1): void {
    const add = <K>(m: Map<K, number>, k: K) => {
      const n = (m.get(k) ?? 0) + by;
      if (n > 0) m.set(k, n);
      else m.delete(k);
    };
    add(this.counts.threads, r.tid);
    add(this.counts.kinds, r.kind);
    if (r.atom) add(this.counts.atoms, r.atom);
    const call = callName(r);
    if (call) add(this.counts.syscalls, call);
  }

  /** The options for `records` (consecutive records; the previous array's ends moved, or it is new). */
  update(records: readonly TraceRec[]): FilterOptions {
    const old = this.held;
    if (records === old && this.made) return this.made;
    const first = (rs: readonly TraceRec[]) => (rs.length > 0 ? rs[0].seq : 0);
    const end = (rs: readonly TraceRec[]) => (rs.length > 0 ? rs[rs.length - 1].seq + 1 : 0);
    const overlap = old.length > 0 && records.length > 0 && first(records) >= first(old) && first(records) <= end(old) && end(records) >= end(old);
    if (!overlap) {
      for (const m of Object.values(this.counts)) m.clear();
      for (const r of records) this.count(r, 1);
    } else {
      for (const r of old.slice(0, first(records) - first(old))) this.count(r, -1);
      for (const r of records.slice(records.length - (end(records) - end(old)))) this.count(r, 1);
    }
    this.held = records;
    const kinds = this.counts.kinds;
    const hex2 = (addr: number) => (this.names.has(addr) ? `${this.names.get(addr)} (${hex(addr)})` : hex(addr));
    this.made = {
      threads: [...this.counts.threads.keys()].sort((a, b) => a - b),
      kinds: [...KIND_ORDER.filter((k) => kinds.has(k)), ...[...kinds.keys()].filter((k) => !KIND_ORDER.includes(k)).sort()],
      atoms: [...this.counts.atoms.keys()].sort((a, b) => a - b).map((addr) => ({ addr, label: hex2(addr) })),
      syscalls: [...this.counts.syscalls.keys()].sort(),
    };
    return this.made;
  }
}

/** What the filter menus offer for `records` (OptionCounts, from nothing). */
export function filterOptions(records: readonly TraceRec[], names: AtomNames): FilterOptions {
  return new OptionCounts(names).update(records);
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
