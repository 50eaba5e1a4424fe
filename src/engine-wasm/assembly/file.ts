// === Open files and the fd table ===
// FILES holds open file descriptions (xv6 struct file): a type, a reference
// count, open flags, the inode or pipe, and the offset. FDTAB maps each of the
// process's NOFILE fds to a file index + 1 (0 = closed). The user task and its
// cachemiss threads share this one table.

import {
  FILES_BASE, FILE_BYTES, NFILE, FILE_TYPE, FILE_REF, FILE_OFLAGS, FILE_OBJ, FILE_OFF,
  FILES_BYTES, FDTAB_BASE, FDTAB_BYTES, NOFILE, FT_NONE, FT_INODE, FT_PIPE_READ, FT_PIPE_WRITE,
} from '../abi/layout';
import { O_RDONLY, O_WRONLY } from '../abi/flags';
import { ino, iRef, setIRef, iput, lookup } from './vfs';
import { chargeSteps } from './kstate';
import { pipeClose } from './pipe';

// @ts-ignore: decorator
@inline function fil(i: u32): usize { return <usize>FILES_BASE + <usize>i * FILE_BYTES; }
// @ts-ignore: decorator
@inline export function fType(f: usize): u32 { return load<u32>(f, FILE_TYPE); }
// @ts-ignore: decorator
@inline export function fOflags(f: usize): u32 { return load<u32>(f, FILE_OFLAGS); }
// @ts-ignore: decorator
@inline export function fObj(f: usize): u32 { return load<u32>(f, FILE_OBJ); }
// @ts-ignore: decorator
@inline export function fOff(f: usize): u64 { return load<u64>(f, FILE_OFF); }
// @ts-ignore: decorator
@inline export function setFOff(f: usize, v: u64): void { store<u64>(f, v, FILE_OFF); }

/** A new file description with one reference, or 0 if all NFILE are in use. */
export function falloc(type: u32, oflags: u32, obj: u32): usize {
  chargeSteps(<u32>NFILE);
  for (let i: u32 = 0; i < <u32>NFILE; i++) {
    const f = fil(i);
    if (fType(f) != FT_NONE) continue;
    store<u32>(f, type, FILE_TYPE);
    store<u32>(f, 1, FILE_REF);
    store<u32>(f, oflags, FILE_OFLAGS);
    store<u32>(f, obj, FILE_OBJ);
    store<u64>(f, 0, FILE_OFF);
    if (type == FT_INODE) setIRef(ino(obj), iRef(ino(obj)) + 1);
    return f;
  }
  return 0;
}

/** Drops one reference; the last one closes the inode or pipe end. */
function fclose(f: usize): void {
  const ref = load<u32>(f, FILE_REF) - 1;
  store<u32>(f, ref, FILE_REF);
  if (ref != 0) return;
  const type = fType(f);
  store<u32>(f, FT_NONE, FILE_TYPE);
  if (type == FT_INODE) {
    const ip = ino(fObj(f));
    setIRef(ip, iRef(ip) - 1);
    iput(ip);
  } else if (type == FT_PIPE_READ || type == FT_PIPE_WRITE) {
    pipeClose(fObj(f), type == FT_PIPE_WRITE);
  }
}

/** The file behind fd, or 0 if fd is not open. */
export function fdFile(fd: u32): usize {
  if (fd >= <u32>NOFILE) return 0;
  const i = load<u32>(<usize>FDTAB_BASE + (<usize>fd << 2));
  return i == 0 ? 0 : fil(i - 1);
}

/** Installs f at the lowest free fd; returns it, or -1 if all NOFILE are open. */
export function fdAlloc(f: usize): i32 {
  chargeSteps(<u32>NOFILE);
  for (let fd: u32 = 0; fd < <u32>NOFILE; fd++) {
    const slot = <usize>FDTAB_BASE + (<usize>fd << 2);
    if (load<u32>(slot) == 0) {
      store<u32>(slot, <u32>((f - FILES_BASE) / FILE_BYTES) + 1);
      return <i32>fd;
    }
  }
  return -1;
}

/** Closes fd; returns false if it was not open. */
export function fdClose(fd: u32): bool {
  const f = fdFile(fd);
  if (f == 0) return false;
  store<u32>(<usize>FDTAB_BASE + (<usize>fd << 2), 0);
  fclose(f);
  return true;
}

/** True if f was opened for reading / for writing. */
export function fReadable(f: usize): bool { return (fOflags(f) & 3) != <u32>O_WRONLY; }
export function fWritable(f: usize): bool { return (fOflags(f) & 3) != <u32>O_RDONLY; }

// Scratch for the console's path at boot (transient).
const TTY = memory.data(16);

/** Empty tables, then fd 0 (reads empty), 1 and 2 on /dev/tty, the console. */
export function filesReset(): void {
  memory.fill(FILES_BASE, 0, FILES_BYTES);
  memory.fill(FDTAB_BASE, 0, FDTAB_BYTES);
  const path = '/dev/tty';
  for (let i = 0; i < path.length; i++) store<u8>(TTY + <usize>i, <u8>path.charCodeAt(i));
  const ip = lookup(TTY, <u32>path.length);
  const tty = (<u32>(ip - ino(0))) / <u32>(ino(1) - ino(0));
  fdAlloc(falloc(FT_INODE, O_RDONLY, tty));
  fdAlloc(falloc(FT_INODE, O_WRONLY, tty));
  fdAlloc(falloc(FT_INODE, O_WRONLY, tty));
}
