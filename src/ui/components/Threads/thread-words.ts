// Words for thread states and waits, and virtual-time formatting.
import type { FileRec, LatencyRec, ThreadRec } from '../../../engine-wasm/host/records.ts';
import { WHY_NAMES } from '../../../engine-wasm/host/records.ts';
import { waitText } from '../../../engine-wasm/host/trace-format.ts';
import type { LaneState } from './timeline-model.ts';

/** "850 ns", "12.4 µs", "2.27 ms", "1.50 s". */
export function formatNs(ns: number): string {
  const a = Math.abs(ns);
  const fix = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  if (a < 1_000) return `${Math.round(ns)} ns`;
  if (a < 1_000_000) return `${fix(ns / 1_000)} µs`;
  if (a < 1_000_000_000) return `${fix(ns / 1_000_000)} ms`;
  return `${fix(ns / 1_000_000_000)} s`;
}

/** Axis labels: "0", "500 µs", "1 ms", "1.5 ms" (no trailing zeros). */
export function formatTick(ns: number): string {
  if (ns === 0) return '0';
  const [unit, div] = ns < 1_000 ? ['ns', 1] : ns < 1_000_000 ? ['µs', 1_000] : ns < 1_000_000_000 ? ['ms', 1_000_000] : ['s', 1_000_000_000];
  return `${Number((ns / div).toPrecision(3))} ${unit}`;
}

export const STATE_WORDS: Readonly<Record<LaneState, string>> = {
  user: 'in user space',
  running: 'running in the kernel',
  runnable: 'runnable',
  sleeping: 'sleeping',
  blocked: 'blocked',
  waiting: 'waiting in async_wait',
};

/** Short state word for the pill of a live thread. */
export function statePill(t: ThreadRec): { state: LaneState; text: string } {
  switch (t.state) {
    case 'user':
      return { state: 'user', text: 'user space' };
    case 'waiting':
      return { state: 'waiting', text: 'waiting' };
    case 'sleeping':
      return { state: 'sleeping', text: 'sleeping' };
    case 'blocked':
      return { state: 'blocked', text: 'blocked' };
    default:
      return { state: 'runnable', text: 'runnable' };
  }
}

/** What the program injects that a wait may show: the files (by inode) and the kernel's latency table. */
export interface WaitContext {
  readonly files: readonly Pick<FileRec, 'ino' | 'path'>[];
  readonly latencies: readonly LatencyRec[];
}

/** The latency injected for page `page` of inode `ino` (a page's own entry wins over its file's), if any. */
export function injectedLatency(ctx: WaitContext, ino: number, page: number): LatencyRec | undefined {
  const path = ctx.files.find((f) => f.ino === ino)?.path;
  if (path === undefined) return undefined;
  return ctx.latencies.find((l) => l.path === path && l.page === page) ?? ctx.latencies.find((l) => l.path === path && l.page === undefined);
}

/** What a live thread waits on, in words (empty when it waits on nothing). */
export function waitWords(t: ThreadRec, ctx?: WaitContext): string {
  if (t.state === 'waiting') return 'in async_wait';
  if (t.state !== 'sleeping' && t.state !== 'blocked') return '';
  if (t.why === 'ring') return 'for a free ring slot';
  if (t.why === 'injected') return `injected delay ${formatNs(t.waitArg)}`; // before its call runs
  const lat = (t.why === 'disk' || t.why === 'disk-inflight') && ctx ? injectedLatency(ctx, t.waitArg >>> 16, t.waitArg & 0xffff) : undefined;
  const where = `(ino ${t.waitArg >>> 16}, page ${t.waitArg & 0xffff})`;
  // The injected latency first: the row is narrow, and the inode and page are the detail.
  if (lat) return `on disk, injected latency ${formatNs(lat.ns)} ${where}`;
  if (t.why === 'disk-inflight') return `on a disk read already in flight ${where}`;
  const why = WHY_NAMES.indexOf(t.why);
  return `on ${waitText(why < 0 ? 0 : why, t.waitArg)}`;
}

/** "wakes in 2.10 ms" for a thread sleeping on a time, else empty. */
export function wakeWords(t: ThreadRec, now: bigint): string {
  return t.state === 'sleeping' && t.wakeAt > now ? `wakes in ${formatNs(Number(t.wakeAt - now))}` : '';
}
