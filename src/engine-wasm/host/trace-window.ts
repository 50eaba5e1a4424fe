// Which records a trace export holds: the kernel's trace ring keeps only the
// last NTRACE records, so an export of a longer run says where it begins.
import type { TraceRec } from './records.ts';
import { NTRACE } from '../abi/layout.ts';

/** Which records an export holds: record numbers are the kernel's sequence numbers, from 0. */
export interface TraceWindow {
  readonly count: number;
  /** Sequence number of the first record held (0 when none). */
  readonly first: number;
  /** Records the run has written (the last one held is number written - 1). */
  readonly written: number;
  /** True when the export holds every record the run wrote. */
  readonly complete: boolean;
}

export function traceWindow(records: readonly TraceRec[]): TraceWindow {
  if (records.length === 0) return { count: 0, first: 0, written: 0, complete: true };
  const first = records[0].seq;
  const written = records[records.length - 1].seq + 1;
  return { count: records.length, first, written, complete: first === 0 && records.length === written };
}

const n = (x: number) => x.toLocaleString('en');

/**
 * "all 14 records the run wrote", or for a run longer than the kernel's ring
 * "records 12,001 to 28,384 of the 28,384 the run wrote (the kernel keeps the last 16,384)";
 * records are counted from 1 here.
 */
export function windowText(w: TraceWindow): string {
  if (w.count === 0) return 'no records: the run has written none yet';
  if (w.complete) return `all ${n(w.count)} record${w.count === 1 ? '' : 's'} the run wrote`;
  const held = w.count === w.written - w.first ? '' : ` (${n(w.count)} of them here)`;
  return `records ${n(w.first + 1)} to ${n(w.written)} of the ${n(w.written)} the run wrote${held}: the kernel's trace ring keeps the last ${n(NTRACE)}, earlier ones were overwritten`;
}

