// === The console: bytes written to fds 1 and 2 ===
// CONSOLE holds two windows' worth of bytes; the visible window is
// [con_start, con_start + con_len). When an append would run past the buffer,
// the newest CONSOLE_BYTES slide down to the start, so console_ptr() always
// points at one contiguous run, oldest byte first.
// CONERR keeps one bit per byte of the stream, by stream position modulo
// CONSOLE_BYTES (layout.ts): set for bytes written to fd 2, so the host can
// show stderr apart. Sliding the window moves no bits.

import {
  CONSOLE_BASE, CONSOLE_BYTES, CONSOLE_BUF_BYTES, KSTATE_CON_START, KSTATE_CON_LEN, KSTATE_CON_TOTAL,
  CONERR_BASE, CONERR_BYTES,
} from '../abi/layout';
import { kget, kset, chargeBytes } from './kstate';
import { userOk } from './umem';

/** Appends n bytes from src (already checked) to the console; `err`: they were written to fd 2. */
export function consoleWrite(src: usize, n: u32, err: bool): void {
  assert(userOk(<u32>src, n), "consoleWrite: src was checked to be user memory");
  chargeBytes(min(n, <u32>CONSOLE_BYTES) * 2); // the copy, then the slide that makes room
  markStream(n, err);
  if (n >= <u32>CONSOLE_BYTES) {
    memory.copy(CONSOLE_BASE, src + n - CONSOLE_BYTES, CONSOLE_BYTES);
    kset(KSTATE_CON_START, 0);
    kset(KSTATE_CON_LEN, CONSOLE_BYTES);
    return;
  }
  let start = kget(KSTATE_CON_START);
  let len = kget(KSTATE_CON_LEN);
  if (start + len + n > <u32>CONSOLE_BUF_BYTES) {
    const keep = min(len, <u32>CONSOLE_BYTES - n); // old bytes that stay visible
    memory.copy(CONSOLE_BASE, CONSOLE_BASE + start + len - keep, keep);
    start = 0;
    len = keep;
  }
  memory.copy(CONSOLE_BASE + start + len, src, n);
  len += n;
  if (len > <u32>CONSOLE_BYTES) {
    start += len - CONSOLE_BYTES;
    len = CONSOLE_BYTES;
  }
  kset(KSTATE_CON_START, start);
  kset(KSTATE_CON_LEN, len);
}

/** Sets (fd 2) or clears the CONERR bits of the next n stream positions that can stay visible. */
function markStream(n: u32, err: bool): void {
  const total = kget(KSTATE_CON_TOTAL);
  const k = min(n, <u32>CONSOLE_BYTES);
  const from = (total + n - k) & (<u32>CONSOLE_BYTES - 1);
  const first = min(k, <u32>CONSOLE_BYTES - from); // up to the end of the bitmap, then from its start
  markBits(from, first, err);
  markBits(0, k - first, err);
  kset(KSTATE_CON_TOTAL, total + n);
}

/** Sets or clears CONERR bits [from, from + k) (from + k <= CONSOLE_BYTES): whole bytes by fill. */
function markBits(from: u32, k: u32, err: bool): void {
  let i = from;
  const end = from + k;
  for (; i < end && (i & 7) != 0; i++) markBit(i, err);
  const whole = (end - i) >> 3;
  memory.fill(<usize>CONERR_BASE + <usize>(i >> 3), err ? 0xff : 0, <usize>whole);
  i += whole << 3;
  for (; i < end; i++) markBit(i, err);
}

// @ts-ignore: decorator
@inline function markBit(bit: u32, err: bool): void {
  const at = <usize>CONERR_BASE + <usize>(bit >> 3);
  const m: u32 = 1 << (bit & 7);
  const b: u32 = load<u8>(at);
  store<u8>(at, <u8>(err ? b | m : b & ~m));
}

export function consoleReset(): void {
  kset(KSTATE_CON_START, 0);
  kset(KSTATE_CON_LEN, 0);
  kset(KSTATE_CON_TOTAL, 0);
  memory.fill(CONERR_BASE, 0, CONERR_BYTES);
}
