// === The console: bytes written to fds 1 and 2 ===
// CONSOLE holds two windows' worth of bytes; the visible window is
// [con_start, con_start + con_len). When an append would run past the buffer,
// the newest CONSOLE_BYTES slide down to the start, so console_ptr() always
// points at one contiguous run, oldest byte first.

import { CONSOLE_BASE, CONSOLE_BYTES, CONSOLE_BUF_BYTES, KSTATE_CON_START, KSTATE_CON_LEN } from '../abi/layout';
import { kget, kset } from './kstate';
import { userOk } from './umem';

/** Appends n bytes from src (already checked) to the console. */
export function consoleWrite(src: usize, n: u32): void {
  assert(userOk(<u32>src, n), "consoleWrite: src was checked to be user memory");
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

export function consoleReset(): void {
  kset(KSTATE_CON_START, 0);
  kset(KSTATE_CON_LEN, 0);
}
