// Reads the console as a stream: the bytes written since a stream position,
// split into runs of one fd each by the CONERR bits (docs/engine.md, "stderr
// apart from stdout"). The command line reads it after every batch of events,
// so it prints all of a program's output, not only the window of the last
// CONSOLE_BYTES that the page shows.
import type { Kernel } from './kernel.ts';
import * as L from '../abi/layout.ts';

export interface ConsoleRun {
  /** 2 for bytes written to fd 2 (stderr); 1 for fd 1 and any other fd on the tty. */
  readonly fd: 1 | 2;
  readonly bytes: Uint8Array;
}

export interface ConsoleRead {
  /** The bytes from `since` that the window still holds, in runs of one fd, oldest first. */
  readonly runs: ConsoleRun[];
  /** The stream position to read from next time (KSTATE.con_total). */
  readonly next: number;
  /** Bytes written after `since` that the window no longer holds. */
  readonly lost: number;
}

/** The stream position of the next byte the console will take (bytes ever written, mod 2^32). */
export function consolePosition(k: Kernel): number {
  return k.u32(L.KSTATE_BASE + L.KSTATE_CON_TOTAL);
}

/** Bytes written since stream position `since` but no longer in the window (0 when all can still be read). */
export function consoleUnreadable(k: Kernel, since: number): number {
  const total = consolePosition(k);
  const len = k.u32(L.KSTATE_BASE + L.KSTATE_CON_LEN);
  return Math.max(0, ((total - since) >>> 0) - len);
}

/** The console bytes written since stream position `since`. */
export function readConsoleSince(k: Kernel, since: number): ConsoleRead {
  const total = consolePosition(k);
  const len = k.u32(L.KSTATE_BASE + L.KSTATE_CON_LEN);
  const unread = (total - since) >>> 0;
  const lost = Math.max(0, unread - len);
  const count = unread - lost;
  const first = (total - count) >>> 0; // stream position of the first byte returned
  const bytes = k.bytes((k.exports.console_ptr() >>> 0) + (len - count), count).slice();
  const mask = k.bytes(L.CONERR_BASE, L.CONERR_BYTES);
  const fdAt = (j: number): 1 | 2 => {
    const p = (first + j) % L.CONSOLE_BYTES;
    return (mask[p >> 3] >> (p & 7)) & 1 ? 2 : 1;
  };
  const runs: ConsoleRun[] = [];
  let start = 0;
  for (let j = 1; j <= count; j++) {
    if (j === count || fdAt(j) !== fdAt(start)) {
      runs.push({ fd: fdAt(start), bytes: bytes.subarray(start, j) });
      start = j;
    }
  }
  return { runs, next: total, lost };
}
