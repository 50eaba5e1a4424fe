// Portable ABI: syslet atom flags (contract §1). Plain `export const` values only,
// so both the AssemblyScript kernel and the TypeScript host import this file.

export const SYSLET_ASYNC = 0x01; // hand off to a cachemiss thread before running the atom
export const SYSLET_SYNC = 0x02; // if the atom must wait, the head sleeps in place
export const SYSLET_NO_COMPLETE = 0x04; // the final atom is not posted to the ring
export const SYSLET_STOP_ON_NONZERO = 0x08; // stop if r != 0
export const SYSLET_STOP_ON_ZERO = 0x10; // stop if r == 0
export const SYSLET_STOP_ON_NEGATIVE = 0x20; // stop if r < 0
export const SYSLET_STOP_ON_NON_POSITIVE = 0x40; // stop if r <= 0
export const SYSLET_STOP_MASK = 0x78;
export const SYSLET_SKIP_TO_NEXT_ON_STOP = 0x80; // on stop go to u + 44, not to the end

// Linux open(2) flags the VFS understands.
export const O_RDONLY = 0;
export const O_WRONLY = 1;
export const O_RDWR = 2;
export const O_ACCMODE = 3;
export const O_CREAT = 0x40;
export const O_TRUNC = 0x200;
export const O_APPEND = 0x400;

// lseek(2) whence.
export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;
