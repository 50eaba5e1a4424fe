// Portable ABI: i386 system call numbers (contract §4). Anything else is -ENOSYS.

export const SYS_read = 3;
export const SYS_write = 4;
export const SYS_open = 5;
export const SYS_close = 6;
export const SYS_unlink = 10;
export const SYS_lseek = 19;
export const SYS_getpid = 20;
export const SYS_pipe = 42;
export const SYS_fsync = 118;
export const SYS_nanosleep = 162;
export const SYS_pread64 = 180;
export const SYS_pwrite64 = 181;
export const SYS_async_exec = 320;
export const SYS_async_wait = 321;
export const SYS_umem_add = 322;
export const SYS_async_thread = 323;

/** The pid getpid() returns: the one process of the virtual machine. */
export const PLAYGROUND_PID = 1;
