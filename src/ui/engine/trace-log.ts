// The session's copy of the kernel trace, for the Trace view and the trace
// exports: the newest NTRACE records of the run as far as it has gone (the
// horizon), each with the session's own event number, so a row of the view is
// a place to seek to. The run is deterministic, so records past the current
// event stay true after a step back: replaying writes them again, identical.
//
// Like the narration, records are decoded only when someone asks: a batch
// notes which sequence numbers it wrote, and read() decodes them from the
// kernel's trace ring. read() must run before the kernel's memory goes back to
// an earlier point (a seek back, a reset), since the ring then holds other
// records.
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { readTraceRange, type TraceRec } from '../../engine-wasm/host/records.ts';
import { NTRACE } from '../../engine-wasm/abi/layout.ts';
import { AtomContext } from '../../engine-wasm/host/trace-context.ts';

/** Records [from, to) written while the session went to `event`, the kernel having counted `kev` events. */
interface Batch {
  readonly event: number;
  readonly kev: number;
  readonly from: number;
  readonly to: number;
}

export class TraceLog {
  /** Decoded records, oldest first, consecutive sequence numbers; their `event` is the session's. */
  private rows: TraceRec[] = [];
  private pending: Batch[] = [];
  /** Sequence number after the newest record noted: records below it are known (or were dropped). */
  private end = 0;
  private shown: readonly TraceRec[] | null = null;
  /** Drops the stale atom of the user task's waits in direct calls (records are read in order, once). */
  private readonly context = new AtomContext();

  constructor(
    private readonly k: Kernel,
    private readonly keep = NTRACE,
  ) {}

  /** Records the run has written so far, as far as it has gone (held or not). */
  get written(): number {
    return this.end;
  }

  /** The kernel wrote records [from, to); the session is now at `event`, the kernel has counted `kev` events. */
  note(event: number, kev: number, from: number, to: number): void {
    if (to <= this.end) return; // a replay after a step back: these are known already
    this.pending.push({ event, kev, from: Math.max(from, this.end), to });
    this.end = to;
  }

  /** Decodes the noted records from the kernel's ring (while it still holds them). */
  read(): void {
    if (this.pending.length === 0) return;
    for (const b of this.pending) {
      // A record carries its kernel event: its session event is as many events before `event`.
      const eventOf = (kernelEvent: number) => b.event - ((b.kev - kernelEvent) | 0);
      for (const rec of readTraceRange(this.k, b.from, b.to, eventOf)) this.rows.push(this.context.fix(rec));
    }
    this.pending = [];
    // Keep at most `keep` (records the ring overwrote before they were read are gone anyway).
    if (this.rows.length > 2 * this.keep) this.rows = this.rows.slice(-this.keep);
    this.shown = null;
  }

  /** The newest `keep` records, oldest first; the same array until records are added. */
  records(): readonly TraceRec[] {
    this.read();
    if (!this.shown) this.shown = Object.freeze(this.rows.length > this.keep ? this.rows.slice(-this.keep) : this.rows.slice());
    return this.shown;
  }
}
