// The constant part of syslet.h, generated from the ABI files (abi/*.ts), so
// the header's SYSLET_* flags, __NR_* numbers, O_*, SEEK_* and errno values
// can never differ from the kernel's.
import * as FLAGS from '../abi/flags.ts';
import * as ERRNO from '../abi/errno.ts';
import { SYSCALLS } from '../host/syscalls.ts';

const hex = (v: number) => `0x${v.toString(16).padStart(2, '0')}`;

function defines(rows: readonly (readonly [name: string, value: string, comment?: string])[]): string {
  const width = Math.max(...rows.map(([n]) => n.length)) + 1;
  return rows.map(([n, v, c]) => `#define ${n.padEnd(width)}${v}${c ? `\t/* ${c} */` : ''}`).join('\n');
}

const FLAG_NOTES: Readonly<Record<string, string>> = {
  SYSLET_ASYNC: 'reached in the head: hand off before running the atom',
  SYSLET_SYNC: 'must wait in the head: sleep in place, no hand-off',
  SYSLET_NO_COMPLETE: 'the final atom is not posted to the ring',
  SYSLET_STOP_ON_NONZERO: 'stop when the result r != 0',
  SYSLET_STOP_ON_ZERO: 'stop when r == 0',
  SYSLET_STOP_ON_NEGATIVE: 'stop when r < 0',
  SYSLET_STOP_ON_NON_POSITIVE: 'stop when r <= 0',
  SYSLET_STOP_MASK: 'the four stop bits (a mask, not a flag)',
  SYSLET_SKIP_TO_NEXT_ON_STOP: 'on a stop, go on at the atom 44 bytes further on',
};

const entries = (m: object) => Object.entries(m as Record<string, number>);

/** #define lines of the SYSLET_* flags. */
export function flagDefines(): string {
  return defines(entries(FLAGS).filter(([n]) => n.startsWith('SYSLET_')).map(([n, v]) => [n, hex(v), FLAG_NOTES[n]]));
}

/** #define lines of the i386 system call numbers the kernel knows. */
export function syscallDefines(): string {
  return defines(SYSCALLS.map((s) => [`__NR_${s.name}`, String(s.nr)]));
}

/** #define lines of the open(2) flags and lseek(2) whence values. */
export function fileDefines(): string {
  const open = entries(FLAGS).filter(([n]) => n.startsWith('O_')).map(([n, v]) => [n, v < 8 ? String(v) : hex(v)] as const);
  const seek = entries(FLAGS).filter(([n]) => n.startsWith('SEEK_')).map(([n, v]) => [n, String(v)] as const);
  return `${defines(open)}\n\n${defines(seek)}`;
}

/** #define lines of the Linux errno values, in ascending order. */
export function errnoDefines(): string {
  return defines(entries(ERRNO).sort((a, b) => a[1] - b[1]).map(([n, v]) => [n, String(v)]));
}
