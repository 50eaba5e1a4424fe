// === File syscalls: argument checking, then vfs.ts, file.ts and pipe.ts ===
// Each handler reads its arguments from the thread record (arg(t, i)), checks
// every user pointer, and returns a result or -errno. A handler that must wait
// describes the wait with setWait() and returns BLOCKED without having changed
// anything, so it can simply run again when the thread wakes (xv6's
// `while (cond) sleep()`).

import {
  PAGE_BYTES, USER_END, PATH_MAX, IT_FILE, IT_DEV, DEV_ZERO, DEV_TTY, DEV_DROP_CACHES, FT_INODE,
  FT_PIPE_READ, FT_PIPE_WRITE, WHY_NONE, WHY_DISK, WHY_DISK_INFLIGHT, WHY_FSYNC, LAT_ALL,
  NOFILE, FDTAB_BASE,
} from '../abi/layout';
import { O_ACCMODE, O_CREAT, O_TRUNC, O_APPEND, O_RDONLY, O_WRONLY, SEEK_SET, SEEK_CUR, SEEK_END } from '../abi/flags';
import { EBADF, EFAULT, EINVAL, ENOENT, ENOSPC, ENFILE, EMFILE, ENAMETOOLONG, ESPIPE, EPERM, EFBIG } from '../abi/errno';
import { BLOCKED } from './param';
import { arg, setWait } from './thread';
import { userOk } from './umem';
import { now, chargeBytes, chargeSteps } from './kstate';
import { consoleWrite } from './console';
import {
  ino, inoIdx, iType, iDev, iSize, iDirty, setIDirty, lookup, icreate, itrunc, iunlink, pagesReady, pagesCold,
  pagesInflight, readData, writeData, dropCaches, diskLatency, MAX_FILE_BYTES,
} from './vfs';
import { fdFile, fdAlloc, fdClose, falloc, fType, fObj, fOflags, fOff, setFOff, fReadable, fWritable } from './file';
import { pipeRead, pipeWrite, pipeAlloc, pipeFree } from './pipe';
import { injectedCached, injectSkipped } from './inject';

/** Length of the NUL-terminated path at p, or -errno. Paths must be absolute. */
function fetchPath(p: u32): i32 {
  if (!userOk(p, 1)) return -EFAULT;
  const most = min(<u32>PATH_MAX, <u32>USER_END - p); // bytes readable from p, at most a path's
  let i: u32 = 0;
  while (i < most && load<u8>(p + i) != 0) i++;
  chargeSteps(i);
  if (i == most) return most == <u32>PATH_MAX ? -ENAMETOOLONG : -EFAULT;
  if (i == 0 || load<u8>(p) != 0x2f) return -ENOENT; // empty or not starting with '/'
  return <i32>i;
}

function freeFds(): u32 {
  chargeSteps(<u32>NOFILE);
  let n: u32 = 0;
  for (let fd: u32 = 0; fd < <u32>NOFILE; fd++) if (load<u32>(<usize>FDTAB_BASE + (<usize>fd << 2)) == 0) n++;
  return n;
}

/** Reads from f at off into buf (checked); advances f's offset if `advance`. */
function fileRead(t: usize, f: usize, buf: u32, n: u32, off: u64, advance: bool): i64 {
  const type = fType(f);
  if (type == FT_PIPE_READ) return pipeRead(t, fObj(f), buf, n);
  const ip = ino(fObj(f));
  if (iType(ip) == IT_DEV) {
    if (iDev(ip) == DEV_ZERO) {
      memory.fill(buf, 0, n);
      chargeBytes(n);
      return <i32>n;
    }
    return 0; // /dev/null, /dev/tty and drop_caches read as empty
  }
  const size = iSize(ip);
  if (n == 0 || off >= <u64>size) return 0;
  const o = <u32>off;
  const m = min(n, size - o);
  const starts = pagesCold(ip, o, m); // else it waits only for reads already in flight
  if (injectedCached(t)) {
    // An injected `cached` fault: the pages count as cached for this call; nothing is read from disk.
    const skipped = starts ? WHY_DISK : pagesInflight(ip, o, m) ? WHY_DISK_INFLIGHT : WHY_NONE;
    if (skipped != WHY_NONE) injectSkipped(t, skipped, (inoIdx(ip) << 16) | (o / <u32>PAGE_BYTES));
    readData(ip, o, buf, m);
    if (advance) setFOff(f, <u64>(o + m));
    return <i32>m;
  }
  const until = pagesReady(t, ip, o, m);
  if (until != 0) {
    setWait(t, starts ? WHY_DISK : WHY_DISK_INFLIGHT, (inoIdx(ip) << 16) | (o / <u32>PAGE_BYTES), until, 0);
    return BLOCKED;
  }
  readData(ip, o, buf, m);
  if (advance) setFOff(f, <u64>(o + m));
  return <i32>m;
}

/** Writes buf (checked) to f at off; advances f's offset if `advance`. */
function fileWrite(t: usize, f: usize, buf: u32, n: u32, off: u64, advance: bool): i64 {
  const type = fType(f);
  if (type == FT_PIPE_WRITE) return n == 0 ? 0 : pipeWrite(t, fObj(f), buf, n);
  const ip = ino(fObj(f));
  if (iType(ip) == IT_DEV) {
    const dev = iDev(ip);
    if (dev == DEV_TTY) consoleWrite(buf, n, arg(t, 0) == 2); // fd 2: stderr
    if (dev == DEV_DROP_CACHES) {
      const c = n > 0 ? load<u8>(buf) : 0;
      if (n == 0 || n > 2 || (n == 2 && load<u8>(buf + 1) != 0x0a)) return -EINVAL;
      if (c == 0x31 || c == 0x33) dropCaches(); // "1" or "3"
      else if (c != 0x32) return -EINVAL; // "2" is accepted and evicts nothing
    }
    return <i32>n;
  }
  if (advance && (fOflags(f) & O_APPEND) != 0) off = <u64>iSize(ip);
  if (n == 0) return 0;
  if (off >= <u64>MAX_FILE_BYTES) return -EFBIG;
  const w = writeData(ip, <u32>off, buf, n);
  if (w == 0) return -ENOSPC;
  if (advance) setFOff(f, off + <u64>w);
  return <i32>w;
}

export function sys_read(t: usize): i64 {
  const f = fdFile(arg(t, 0));
  if (f == 0 || !fReadable(f)) return -EBADF;
  const buf = arg(t, 1);
  const n = arg(t, 2);
  if (!userOk(buf, n)) return -EFAULT;
  return fileRead(t, f, buf, n, fOff(f), true);
}

export function sys_write(t: usize): i64 {
  const f = fdFile(arg(t, 0));
  if (f == 0 || !fWritable(f)) return -EBADF;
  const buf = arg(t, 1);
  const n = arg(t, 2);
  if (!userOk(buf, n)) return -EFAULT;
  return fileWrite(t, f, buf, n, fOff(f), true);
}

/** pread64/pwrite64: (fd, buf, count, off_lo, off_hi); the file offset does not move. */
function positioned(t: usize, write: bool): i64 {
  const f = fdFile(arg(t, 0));
  if (f == 0 || (write ? !fWritable(f) : !fReadable(f))) return -EBADF;
  const buf = arg(t, 1);
  const n = arg(t, 2);
  if (!userOk(buf, n)) return -EFAULT;
  const type = fType(f);
  if (type != FT_INODE || (iType(ino(fObj(f))) == IT_DEV && iDev(ino(fObj(f))) == DEV_TTY)) return -ESPIPE;
  const off = (<u64>arg(t, 4) << 32) | <u64>arg(t, 3);
  if (<i64>off < 0) return -EINVAL;
  return write ? fileWrite(t, f, buf, n, off, false) : fileRead(t, f, buf, n, off, false);
}

export function sys_pread64(t: usize): i64 { return positioned(t, false); }
export function sys_pwrite64(t: usize): i64 { return positioned(t, true); }

export function sys_open(t: usize): i32 {
  const p = arg(t, 0);
  const flags = arg(t, 1);
  const len = fetchPath(p);
  if (len < 0) return len;
  if ((flags & O_ACCMODE) == <u32>O_ACCMODE) return -EINVAL;
  if (freeFds() == 0) return -EMFILE;
  let ip = lookup(p, <u32>len);
  if (ip == 0) {
    if ((flags & O_CREAT) == 0) return -ENOENT;
    ip = icreate(p, <u32>len, IT_FILE, 0);
    if (ip == 0) return -ENOSPC;
  }
  const f = falloc(FT_INODE, flags, inoIdx(ip));
  if (f == 0) return -ENFILE;
  if ((flags & O_TRUNC) != 0 && (flags & O_ACCMODE) != <u32>O_RDONLY && iType(ip) == IT_FILE) itrunc(ip, 0);
  return fdAlloc(f);
}

export function sys_close(t: usize): i32 {
  return fdClose(arg(t, 0)) ? 0 : -EBADF;
}

export function sys_unlink(t: usize): i32 {
  const p = arg(t, 0);
  const len = fetchPath(p);
  if (len < 0) return len;
  const ip = lookup(p, <u32>len);
  if (ip == 0) return -ENOENT;
  if (iType(ip) == IT_DEV) return -EPERM;
  iunlink(ip);
  return 0;
}

export function sys_lseek(t: usize): i32 {
  const f = fdFile(arg(t, 0));
  if (f == 0) return -EBADF;
  if (fType(f) != FT_INODE) return -ESPIPE;
  const ip = ino(fObj(f));
  if (iType(ip) == IT_DEV) return 0;
  const whence = arg(t, 2);
  let base: i64;
  if (whence == <u32>SEEK_SET) base = 0;
  else if (whence == <u32>SEEK_CUR) base = <i64>fOff(f);
  else if (whence == <u32>SEEK_END) base = <i64>iSize(ip);
  else return -EINVAL;
  const pos = base + <i64><i32>arg(t, 1);
  if (pos < 0 || pos > <i64>i32.MAX_VALUE) return -EINVAL;
  setFOff(f, <u64>pos);
  return <i32>pos;
}

export function sys_pipe(t: usize): i32 {
  const fds = arg(t, 0);
  if (!userOk(fds, 8)) return -EFAULT;
  if (freeFds() < 2) return -EMFILE;
  const p = pipeAlloc();
  if (p < 0) return -ENFILE;
  const r = falloc(FT_PIPE_READ, O_RDONLY, <u32>p);
  if (r == 0) {
    pipeFree(<u32>p);
    return -ENFILE;
  }
  const w = falloc(FT_PIPE_WRITE, O_WRONLY, <u32>p);
  if (w == 0) {
    store<u32>(r, 0); // FT_NONE: undo without touching the pipe's counts
    pipeFree(<u32>p);
    return -ENFILE;
  }
  store<i32>(fds, fdAlloc(r));
  store<i32>(fds + 4, fdAlloc(w));
  return 0;
}

export function sys_fsync(t: usize, resumed: bool): i64 {
  const f = fdFile(arg(t, 0));
  if (f == 0) return -EBADF;
  if (fType(f) != FT_INODE || iType(ino(fObj(f))) != IT_FILE) return -EINVAL;
  const ip = ino(fObj(f));
  if (resumed || iDirty(ip) == 0) {
    setIDirty(ip, 0);
    return 0;
  }
  if (injectedCached(t)) {
    setIDirty(ip, 0);
    injectSkipped(t, WHY_FSYNC, inoIdx(ip));
    return 0;
  }
  setWait(t, WHY_FSYNC, inoIdx(ip), now() + diskLatency(t, inoIdx(ip), LAT_ALL), 0);
  return BLOCKED;
}

