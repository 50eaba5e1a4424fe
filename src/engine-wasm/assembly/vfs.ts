// === The VFS: inodes, paths, disk blocks and the page cache ===
// One flat namespace of absolute paths, no directories or permissions. A file's
// data lives in DISK blocks (4 KiB) listed in its inode; BLOCKS holds each
// block's page-cache state. Reading a block that is not cached starts a disk
// read (BS_INFLIGHT, ready_at = now + latency + jitter); the reader sleeps until
// then and retries. drop_caches makes every block cold again; the data stays.
// Open files and fds are in file.ts; pipes in pipe.ts.

import {
  INODES_BASE, INODE_BYTES, NINODE, INODE_TYPE, INODE_DEV, INODE_SIZE, INODE_NLINK, INODE_REF,
  INODE_PATHLEN, INODE_DIRTY, INODE_NBLOCKS, INODE_BLOCKS, INODES_BYTES, IT_FREE, IT_FILE, IT_DEV,
  DEV_NULL, DEV_ZERO, DEV_TTY, DEV_DROP_CACHES, PATHS_BASE, PATH_MAX, BLOCKS_BASE, BLOCK_BYTES,
  BLOCK_STATE, BLOCK_INODE, BLOCK_READY_AT, BLOCKS_BYTES, NBLOCK, BS_FREE, BS_COLD, BS_INFLIGHT,
  BS_CACHED, DISK_BASE, PAGE_BYTES, NFILEBLOCK, OPT_DISK_LATENCY_NS, OPT_DISK_JITTER_NS,
} from '../abi/layout';
import { now, opt, random, chargeBytes, chargeSteps } from './kstate';
import { injectLatency } from './inject';
import { NBOOTFILE, bootPath, bootPathLen, bootData, bootDataLen } from './bootimage.gen';

// @ts-ignore: decorator
@inline export function ino(i: u32): usize { return <usize>INODES_BASE + <usize>i * INODE_BYTES; }
// @ts-ignore: decorator
@inline export function inoIdx(ip: usize): u32 { return <u32>((ip - INODES_BASE) / INODE_BYTES); }
// @ts-ignore: decorator
@inline export function iType(ip: usize): u32 { return load<u32>(ip, INODE_TYPE); }
// @ts-ignore: decorator
@inline export function iDev(ip: usize): u32 { return load<u32>(ip, INODE_DEV); }
// @ts-ignore: decorator
@inline export function iSize(ip: usize): u32 { return load<u32>(ip, INODE_SIZE); }
// @ts-ignore: decorator
@inline export function iRef(ip: usize): u32 { return load<u32>(ip, INODE_REF); }
// @ts-ignore: decorator
@inline export function setIRef(ip: usize, v: u32): void { store<u32>(ip, v, INODE_REF); }
// @ts-ignore: decorator
@inline export function iDirty(ip: usize): u32 { return load<u32>(ip, INODE_DIRTY); }
// @ts-ignore: decorator
@inline export function setIDirty(ip: usize, v: u32): void { store<u32>(ip, v, INODE_DIRTY); }
// @ts-ignore: decorator
@inline function pathOf(i: u32): usize { return <usize>PATHS_BASE + <usize>i * PATH_MAX; }
// @ts-ignore: decorator
@inline function blk(b: u32): usize { return <usize>BLOCKS_BASE + <usize>b * BLOCK_BYTES; }
/** Block + 1 of file page pg, or 0 for a hole. */
// @ts-ignore: decorator
@inline function pageBlock(ip: usize, pg: u32): u32 { return <u32>load<u16>(ip + INODE_BLOCKS + (<usize>pg << 1)); }

export const MAX_FILE_BYTES: u32 = <u32>NFILEBLOCK * <u32>PAGE_BYTES;

/** The inode named by the path at p (len bytes, kernel or checked user memory), or 0. */
export function lookup(p: usize, len: u32): usize {
  chargeSteps(<u32>NINODE);
  for (let i: u32 = 0; i < <u32>NINODE; i++) {
    const ip = ino(i);
    if (iType(ip) == IT_FREE || load<u32>(ip, INODE_NLINK) == 0) continue;
    if (load<u32>(ip, INODE_PATHLEN) != len) continue;
    chargeBytes(len);
    if (memory.compare(pathOf(i), p, len) == 0) return ip;
  }
  return 0;
}

/** A new inode of the given type and path, or 0 if the table is full. */
export function icreate(p: usize, len: u32, type: u32, dev: u32): usize {
  for (let i: u32 = 0; i < <u32>NINODE; i++) {
    const ip = ino(i);
    if (iType(ip) != IT_FREE) continue;
    memory.fill(ip, 0, INODE_BYTES);
    store<u32>(ip, type, INODE_TYPE);
    store<u32>(ip, dev, INODE_DEV);
    store<u32>(ip, 1, INODE_NLINK);
    store<u32>(ip, len, INODE_PATHLEN);
    memory.copy(pathOf(i), p, len);
    chargeBytes(len);
    return ip;
  }
  return 0;
}

/** Frees the blocks of pages >= fromPage and sets the size. */
export function itrunc(ip: usize, size: u32): void {
  const keep = (size + <u32>PAGE_BYTES - 1) / <u32>PAGE_BYTES;
  chargeSteps(<u32>NFILEBLOCK);
  for (let pg = keep; pg < <u32>NFILEBLOCK; pg++) {
    const b = pageBlock(ip, pg);
    if (b == 0) continue;
    store<u32>(blk(b - 1), BS_FREE, BLOCK_STATE);
    store<u16>(ip + INODE_BLOCKS + (<usize>pg << 1), 0);
    store<u32>(ip, load<u32>(ip, INODE_NBLOCKS) - 1, INODE_NBLOCKS);
  }
  store<u32>(ip, size, INODE_SIZE);
}

/** Drops a reference or a name; frees the inode when neither is left. */
export function iput(ip: usize): void {
  if (iRef(ip) == 0 && load<u32>(ip, INODE_NLINK) == 0) {
    itrunc(ip, 0);
    store<u32>(ip, IT_FREE, INODE_TYPE);
  }
}

/** Removes the path's name; the data goes when the last open file closes. */
export function iunlink(ip: usize): void {
  store<u32>(ip, 0, INODE_NLINK);
  store<u32>(ip, 0, INODE_PATHLEN);
  iput(ip);
}

/**
 * Latency of one disk operation for thread t: a read of page pg of inode ino,
 * or an fsync of the file (pg = LAT_ALL). The base (OPT_DISK_LATENCY_NS, or a
 * latency injected for that file or page, inject.ts) plus seeded jitter.
 */
export function diskLatency(t: usize, ino: u32, pg: u32): u64 {
  const jitter = opt(OPT_DISK_JITTER_NS);
  const j = <u64>(jitter != 0 ? random() % jitter : 0);
  return injectLatency(t, ino, pg, <u64>opt(OPT_DISK_LATENCY_NS), j);
}

/** Disk reads that are due complete: their blocks become cached. */
export function bioComplete(): void {
  const t = now();
  chargeSteps(<u32>NBLOCK);
  for (let b: u32 = 0; b < <u32>NBLOCK; b++) {
    const bp = blk(b);
    if (load<u32>(bp, BLOCK_STATE) == BS_INFLIGHT && load<u64>(bp, BLOCK_READY_AT) <= t) {
      store<u32>(bp, BS_CACHED, BLOCK_STATE);
    }
  }
}

/**
 * True if a page of [off, off + n) of ip is cold: reading the range starts a
 * disk read (else every page it may wait for is already being read).
 */
export function pagesCold(ip: usize, off: u32, n: u32): bool {
  if (n == 0) return false;
  const last = (off + n - 1) / <u32>PAGE_BYTES;
  for (let pg = off / <u32>PAGE_BYTES; pg <= last; pg++) {
    const b = pageBlock(ip, pg);
    if (b != 0 && load<u32>(blk(b - 1), BLOCK_STATE) == BS_COLD) return true;
  }
  return false;
}

/**
 * True if a page of [off, off + n) of ip is being read from disk and not in
 * yet: reading the range would wait for a read in flight.
 */
export function pagesInflight(ip: usize, off: u32, n: u32): bool {
  if (n == 0) return false;
  const last = (off + n - 1) / <u32>PAGE_BYTES;
  const t = now();
  for (let pg = off / <u32>PAGE_BYTES; pg <= last; pg++) {
    const b = pageBlock(ip, pg);
    if (b == 0) continue;
    const bp = blk(b - 1);
    if (load<u32>(bp, BLOCK_STATE) == BS_INFLIGHT && load<u64>(bp, BLOCK_READY_AT) > t) return true;
  }
  return false;
}

/**
 * Makes the pages of [off, off + n) of ip readable for thread t. Returns 0 when
 * they are all cached (or holes); otherwise starts a disk read for each cold
 * page and returns the time by which all of them will be in the cache.
 */
export function pagesReady(t0: usize, ip: usize, off: u32, n: u32): u64 {
  if (n == 0) return 0;
  const first = off / <u32>PAGE_BYTES;
  const last = (off + n - 1) / <u32>PAGE_BYTES;
  let until: u64 = 0;
  const t = now();
  for (let pg = first; pg <= last; pg++) {
    const b = pageBlock(ip, pg);
    if (b == 0) continue;
    const bp = blk(b - 1);
    let s = load<u32>(bp, BLOCK_STATE);
    if (s == BS_INFLIGHT && load<u64>(bp, BLOCK_READY_AT) <= t) {
      store<u32>(bp, BS_CACHED, BLOCK_STATE);
      s = BS_CACHED;
    }
    if (s == BS_COLD) {
      store<u64>(bp, t + diskLatency(t0, inoIdx(ip), pg), BLOCK_READY_AT);
      store<u32>(bp, BS_INFLIGHT, BLOCK_STATE);
      s = BS_INFLIGHT;
    }
    if (s == BS_INFLIGHT) until = max(until, load<u64>(bp, BLOCK_READY_AT));
  }
  return until;
}

/** Copies n bytes at off of ip to dst. Precondition: pagesReady() returned 0. */
export function readData(ip: usize, off: u32, dst: usize, n: u32): void {
  chargeBytes(n);
  while (n > 0) {
    const pg = off / <u32>PAGE_BYTES;
    const inPage = off % <u32>PAGE_BYTES;
    const m = min(n, <u32>PAGE_BYTES - inPage);
    const b = pageBlock(ip, pg);
    if (b == 0) memory.fill(dst, 0, m);
    else memory.copy(dst, <usize>DISK_BASE + <usize>(b - 1) * PAGE_BYTES + inPage, m);
    dst += m;
    off += m;
    n -= m;
  }
}

function balloc(ip: usize): u32 {
  for (let b: u32 = 0; b < <u32>NBLOCK; b++) {
    const bp = blk(b);
    if (load<u32>(bp, BLOCK_STATE) != BS_FREE) continue;
    chargeSteps(b + 1);
    store<u32>(bp, BS_CACHED, BLOCK_STATE);
    store<u32>(bp, inoIdx(ip), BLOCK_INODE);
    memory.fill(<usize>DISK_BASE + <usize>b * PAGE_BYTES, 0, PAGE_BYTES);
    chargeBytes(<u32>PAGE_BYTES);
    return b + 1;
  }
  chargeSteps(<u32>NBLOCK);
  return 0;
}

/**
 * Writes n bytes from src at off of ip; written pages are cached and counted
 * dirty. Returns the bytes written: fewer than n when the file reaches its
 * maximum size or the disk is full (0 then means nothing fit).
 */
export function writeData(ip: usize, off: u32, src: usize, n: u32): u32 {
  chargeBytes(n);
  let done: u32 = 0;
  while (done < n && off < MAX_FILE_BYTES) {
    const pg = off / <u32>PAGE_BYTES;
    const inPage = off % <u32>PAGE_BYTES;
    const m = min(n - done, <u32>PAGE_BYTES - inPage);
    let b = pageBlock(ip, pg);
    if (b == 0) {
      b = balloc(ip);
      if (b == 0) break;
      store<u16>(ip + INODE_BLOCKS + (<usize>pg << 1), <u16>b);
      store<u32>(ip, load<u32>(ip, INODE_NBLOCKS) + 1, INODE_NBLOCKS);
    }
    store<u32>(blk(b - 1), BS_CACHED, BLOCK_STATE);
    memory.copy(<usize>DISK_BASE + <usize>(b - 1) * PAGE_BYTES + inPage, src + done, m);
    setIDirty(ip, iDirty(ip) + 1);
    done += m;
    off += m;
  }
  if (off > iSize(ip)) store<u32>(ip, off, INODE_SIZE);
  return done;
}

/** drop_caches: every cached block goes cold. Reads in flight finish as they are. */
export function dropCaches(): void {
  chargeSteps(<u32>NBLOCK);
  for (let b: u32 = 0; b < <u32>NBLOCK; b++) {
    const bp = blk(b);
    if (load<u32>(bp, BLOCK_STATE) == BS_CACHED) store<u32>(bp, BS_COLD, BLOCK_STATE);
  }
}

// Scratch for device paths at boot: transient, never state between calls.
const SCRATCH = memory.data(64);

function mkdev(path: string, dev: u32): void {
  const n = path.length; // ASCII: one byte per char, no allocation
  for (let i = 0; i < n; i++) store<u8>(SCRATCH + <usize>i, <u8>path.charCodeAt(i));
  icreate(SCRATCH, <u32>n, IT_DEV, dev);
}

/** The boot image: devices, then every boot file, cold (on disk, not cached). */
export function vfsReset(): void {
  memory.fill(INODES_BASE, 0, INODES_BYTES);
  memory.fill(BLOCKS_BASE, 0, BLOCKS_BYTES);
  mkdev('/dev/null', DEV_NULL);
  mkdev('/dev/zero', DEV_ZERO);
  mkdev('/dev/tty', DEV_TTY);
  mkdev('/proc/sys/vm/drop_caches', DEV_DROP_CACHES);
  for (let i = 0; i < NBOOTFILE; i++) {
    const ip = icreate(bootPath(i), bootPathLen(i), IT_FILE, 0);
    writeData(ip, 0, bootData(i), bootDataLen(i));
    setIDirty(ip, 0);
  }
  dropCaches();
}
