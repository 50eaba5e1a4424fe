// Names, signatures and errno names for display: one table the trace
// formatter, the UI and the docs share.
import * as S from '../abi/syscall.ts';
import * as E from '../abi/errno.ts';

export interface SyscallInfo {
  readonly nr: number;
  readonly name: string;
  readonly params: readonly string[];
}

export const SYSCALLS: readonly SyscallInfo[] = [
  { nr: S.SYS_read, name: 'read', params: ['fd', 'buf', 'count'] },
  { nr: S.SYS_write, name: 'write', params: ['fd', 'buf', 'count'] },
  { nr: S.SYS_open, name: 'open', params: ['path', 'flags', 'mode'] },
  { nr: S.SYS_close, name: 'close', params: ['fd'] },
  { nr: S.SYS_unlink, name: 'unlink', params: ['path'] },
  { nr: S.SYS_lseek, name: 'lseek', params: ['fd', 'offset', 'whence'] },
  { nr: S.SYS_getpid, name: 'getpid', params: [] },
  { nr: S.SYS_pipe, name: 'pipe', params: ['fds'] },
  { nr: S.SYS_fsync, name: 'fsync', params: ['fd'] },
  { nr: S.SYS_nanosleep, name: 'nanosleep', params: ['req', 'rem'] },
  { nr: S.SYS_pread64, name: 'pread64', params: ['fd', 'buf', 'count', 'off_lo', 'off_hi'] },
  { nr: S.SYS_pwrite64, name: 'pwrite64', params: ['fd', 'buf', 'count', 'off_lo', 'off_hi'] },
  { nr: S.SYS_async_exec, name: 'async_exec', params: ['atom', 'ahu'] },
  { nr: S.SYS_async_wait, name: 'async_wait', params: ['min_events', 'user_ring_idx', 'ahu'] },
  { nr: S.SYS_umem_add, name: 'umem_add', params: ['uptr', 'inc'] },
  { nr: S.SYS_async_thread, name: 'async_thread', params: [] },
];

const BY_NR = new Map(SYSCALLS.map((s) => [s.nr, s]));
const BY_NAME = new Map(SYSCALLS.map((s) => [s.name, s]));

export function syscallByNr(nr: number): SyscallInfo | undefined {
  return BY_NR.get(nr);
}
export function syscallByName(name: string): SyscallInfo | undefined {
  return BY_NAME.get(name);
}
export function syscallName(nr: number): string {
  return BY_NR.get(nr)?.name ?? `sys_${nr}`;
}

const ERRNO_NAMES = new Map(Object.entries(E).map(([name, value]) => [value, name]));

/** "-ENOENT" for -2, the number itself otherwise. */
export function formatResult(r: number): string {
  if (r < 0 && r > -4096) return `-${ERRNO_NAMES.get(-r) ?? -r}`;
  return String(r);
}
