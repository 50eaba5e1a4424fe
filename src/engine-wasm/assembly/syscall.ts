// === The syscall table ===
// Maps an i386 syscall number to its handler. Handlers find their arguments in
// the thread record; dispatch() is the only place that knows the numbers.
// async_exec and async_wait never reach here from user space (step.ts handles
// them); run as an atom they are refused with -ENOSYS (no recursion).

import {
  SYS_read, SYS_write, SYS_open, SYS_close, SYS_unlink, SYS_lseek, SYS_getpid, SYS_pipe, SYS_fsync,
  SYS_nanosleep, SYS_pread64, SYS_pwrite64, SYS_umem_add, SYS_async_thread,
} from '../abi/syscall';
import { ENOSYS } from '../abi/errno';
import { sys_read, sys_write, sys_open, sys_close, sys_unlink, sys_lseek, sys_pipe, sys_fsync, sys_pread64, sys_pwrite64 } from './sys_file';
import { sys_getpid, sys_nanosleep, sys_umem_add, sys_async_thread } from './sys_misc';

/** Runs syscall nr for thread t: its result, or BLOCKED. `resumed`: t slept in this call and woke up. */
export function dispatch(t: usize, nr: u32, resumed: bool): i64 {
  switch (nr) {
    case SYS_umem_add: return sys_umem_add(t);
    case SYS_read: return sys_read(t);
    case SYS_write: return sys_write(t);
    case SYS_open: return sys_open(t);
    case SYS_close: return sys_close(t);
    case SYS_unlink: return sys_unlink(t);
    case SYS_lseek: return sys_lseek(t);
    case SYS_getpid: return sys_getpid(t);
    case SYS_pipe: return sys_pipe(t);
    case SYS_fsync: return sys_fsync(t, resumed);
    case SYS_nanosleep: return sys_nanosleep(t, resumed);
    case SYS_pread64: return sys_pread64(t);
    case SYS_pwrite64: return sys_pwrite64(t);
    case SYS_async_thread: return sys_async_thread(t);
    default: return -ENOSYS;
  }
}
