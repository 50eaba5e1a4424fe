// === Pipes ===
// A pipe is PIPE_BYTES of buffer (PIPEBUF) and a header (PIPES). read on an
// empty pipe waits for data, or returns 0 once no write end is open; write to
// a full pipe waits for room, and gives -EPIPE when no read end is open.
// Writes of at most PIPE_BYTES are atomic: they wait until all of it fits.
// Larger writes put in what fits and return that count (a short write).
// Under an injected `cached` fault (inject.ts) a call that would wait gives
// -EAGAIN instead, as with O_NONBLOCK.

import {
  PIPES_BASE, PIPE_HDR_BYTES, NPIPE, PIPE_USED, PIPE_READERS, PIPE_WRITERS, PIPE_HEAD, PIPE_COUNT,
  PIPES_BYTES, PIPEBUF_BASE, PIPE_BYTES, CHAN_PIPE_READ, CHAN_PIPE_WRITE, WHY_PIPE_READ, WHY_PIPE_WRITE,
} from '../abi/layout';
import { EPIPE, EAGAIN } from '../abi/errno';
import { BLOCKED } from './param';
import { setWait } from './thread';
import { wakeup } from './sched';
import { injectedCached, injectSkipped } from './inject';
import { chargeBytes, chargeSteps } from './kstate';

// @ts-ignore: decorator
@inline function pip(p: u32): usize { return <usize>PIPES_BASE + <usize>p * PIPE_HDR_BYTES; }
// @ts-ignore: decorator
@inline function pbuf(p: u32): usize { return <usize>PIPEBUF_BASE + <usize>p * PIPE_BYTES; }

/** A new pipe with one reader and one writer, or -1 if all NPIPE are in use. */
export function pipeAlloc(): i32 {
  chargeSteps(<u32>NPIPE);
  for (let p: u32 = 0; p < <u32>NPIPE; p++) {
    const h = pip(p);
    if (load<u32>(h, PIPE_USED) != 0) continue;
    store<u32>(h, 1, PIPE_USED);
    store<u32>(h, 1, PIPE_READERS);
    store<u32>(h, 1, PIPE_WRITERS);
    store<u32>(h, 0, PIPE_HEAD);
    store<u32>(h, 0, PIPE_COUNT);
    return <i32>p;
  }
  return -1;
}

/** Undoes pipeAlloc when the fds could not be made. */
export function pipeFree(p: u32): void { store<u32>(pip(p), 0, PIPE_USED); }

/** Closes one end; waiters on the other side wake to see EOF or EPIPE. */
export function pipeClose(p: u32, writeEnd: bool): void {
  const h = pip(p);
  if (writeEnd) {
    store<u32>(h, load<u32>(h, PIPE_WRITERS) - 1, PIPE_WRITERS);
    wakeup(CHAN_PIPE_READ | p);
  } else {
    store<u32>(h, load<u32>(h, PIPE_READERS) - 1, PIPE_READERS);
    wakeup(CHAN_PIPE_WRITE | p);
  }
  if (load<u32>(h, PIPE_READERS) == 0 && load<u32>(h, PIPE_WRITERS) == 0) store<u32>(h, 0, PIPE_USED);
}

/** Reads up to n bytes into dst (checked), or describes the wait on t and returns BLOCKED. */
export function pipeRead(t: usize, p: u32, dst: usize, n: u32): i64 {
  const h = pip(p);
  const count = load<u32>(h, PIPE_COUNT);
  if (count == 0) {
    if (load<u32>(h, PIPE_WRITERS) == 0) return 0;
    if (injectedCached(t)) { // an injected `cached` fault: no wait, as with O_NONBLOCK
      injectSkipped(t, WHY_PIPE_READ, p);
      return -EAGAIN;
    }
    setWait(t, WHY_PIPE_READ, p, 0, CHAN_PIPE_READ | p);
    return BLOCKED;
  }
  const m = min(n, count);
  const head = load<u32>(h, PIPE_HEAD);
  const first = min(m, <u32>PIPE_BYTES - head); // up to the end of the buffer, then from its start
  memory.copy(dst, pbuf(p) + head, first);
  memory.copy(dst + first, pbuf(p), m - first);
  chargeBytes(m);
  store<u32>(h, (head + m) % <u32>PIPE_BYTES, PIPE_HEAD);
  store<u32>(h, count - m, PIPE_COUNT);
  wakeup(CHAN_PIPE_WRITE | p);
  return <i32>m;
}

/** Writes n bytes from src (checked), or describes the wait on t and returns BLOCKED. */
export function pipeWrite(t: usize, p: u32, src: usize, n: u32): i64 {
  const h = pip(p);
  if (load<u32>(h, PIPE_READERS) == 0) return -EPIPE;
  const count = load<u32>(h, PIPE_COUNT);
  const room = <u32>PIPE_BYTES - count;
  if (room == 0 || (n <= <u32>PIPE_BYTES && room < n)) {
    if (injectedCached(t)) { // an injected `cached` fault: no wait, as with O_NONBLOCK
      injectSkipped(t, WHY_PIPE_WRITE, p);
      return -EAGAIN;
    }
    setWait(t, WHY_PIPE_WRITE, p, 0, CHAN_PIPE_WRITE | p);
    return BLOCKED;
  }
  const m = min(n, room);
  const tail = (load<u32>(h, PIPE_HEAD) + count) % <u32>PIPE_BYTES;
  const first = min(m, <u32>PIPE_BYTES - tail); // up to the end of the buffer, then from its start
  memory.copy(pbuf(p) + tail, src, first);
  memory.copy(pbuf(p), src + first, m - first);
  chargeBytes(m);
  store<u32>(h, count + m, PIPE_COUNT);
  if (m > 0) wakeup(CHAN_PIPE_READ | p);
  return <i32>m;
}

export function pipesReset(): void { memory.fill(PIPES_BASE, 0, PIPES_BYTES); }
