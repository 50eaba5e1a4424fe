// The session's recent narration: driver statements, kernel trace records,
// the end or the error. Kernel records are read from the kernel's trace ring
// only when someone looks (a snapshot, a breakpoint check): a run at full
// speed notes just which sequence numbers each batch wrote, instead of
// building objects for thousands of records per frame that nobody sees.
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { readTraceRange, type TraceRec } from '../../engine-wasm/host/records.ts';

export interface Narration {
  readonly event: number;
  readonly kind: 'driver' | 'kernel' | 'error' | 'done';
  readonly line?: number;
  readonly trace?: TraceRec;
  /** Virtual time (ns): the record's for kernel entries, the kernel clock for the driver's. */
  readonly time?: bigint;
  readonly text: string;
}

/**
 * Kernel records [from, to), not read yet, noted when the session stood at
 * `event` and the kernel had counted `kev` events. A record carries the
 * kernel event it belongs to, so its session event is event - (kev - record.event):
 * every record gets its own event number, however large the batch was.
 */
interface Unread {
  readonly event: number;
  readonly kev: number;
  from: number;
  readonly to: number;
}

type Entry = Narration | Unread;
const isUnread = (e: Entry): e is Unread => 'from' in e;
const size = (e: Entry) => (isUnread(e) ? e.to - e.from : 1);

export class NarrationLog {
  private entries: Entry[] = [];
  /** Narration items the entries stand for. */
  private count = 0;
  private hasUnread = false;
  /** Index of the first unread batch (read() rebuilds only from there). */
  private firstUnread = 0;

  /** Keeps about the newest `keep` items (between keep and 2 × keep). */
  constructor(
    private readonly k: Kernel,
    private readonly keep: number,
  ) {}

  clear(): void {
    this.entries = [];
    this.count = 0;
    this.hasUnread = false;
  }

  say(n: Narration): void {
    this.entries.push(n);
    this.count++;
    this.trim();
  }

  /** The kernel wrote records [from, to); the session is at `event`, the kernel has counted `kev` events. */
  kernel(event: number, kev: number, from: number, to: number): void {
    if (to <= from) return;
    if (!this.hasUnread) this.firstUnread = this.entries.length;
    this.entries.push({ event, kev, from: Math.max(from, to - this.keep), to });
    this.count += Math.min(to - from, this.keep);
    this.hasUnread = true;
    this.trim();
  }

  /**
   * Reads every noted record from the kernel's trace ring. Must run before
   * the kernel's memory is put back to an earlier point (the ring would
   * then hold other records under the same numbers).
   */
  read(): void {
    if (!this.hasUnread) return;
    // Only the tail from the first unread batch is rebuilt: a step reads its few records, not the whole log.
    const tail = this.entries.splice(this.firstUnread);
    for (const e of tail) {
      if (!isUnread(e)) this.entries.push(e);
      else {
        for (const trace of readTraceRange(this.k, e.from, e.to)) {
          this.entries.push({ event: e.event - ((e.kev - trace.event) | 0), kind: 'kernel', trace, text: '' });
        }
      }
    }
    this.count = this.entries.length;
    this.hasUnread = false;
  }

  /** The newest items, oldest first. */
  recent(): readonly Narration[] {
    this.read();
    return this.entries as Narration[];
  }

  /** Forgets what was said after `event` (a step back). */
  truncate(event: number): void {
    this.read();
    this.entries = this.entries.filter((n) => n.event <= event);
    this.count = this.entries.length;
  }

  /** Drops the oldest items once there are twice as many as kept. */
  private trim(): void {
    if (this.count <= 2 * this.keep) return;
    let drop = this.count - this.keep;
    let i = 0;
    while (drop > 0 && i < this.entries.length) {
      const e = this.entries[i];
      const n = size(e);
      if (n <= drop) {
        drop -= n;
        this.count -= n;
        i++;
      } else {
        // Only part of an unread batch goes: keep its newest records.
        (e as Unread).from += drop;
        this.count -= drop;
        drop = 0;
      }
    }
    this.entries = this.entries.slice(i);
    this.firstUnread = Math.max(0, this.firstUnread - i);
  }
}
