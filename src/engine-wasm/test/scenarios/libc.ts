// The user-space side of the golden scenarios: the little a C program linked
// against the syslet headers would have (printf through write(1), the ring
// helpers). Each scenario module is one such program; golden.test.ts runs them.
import type { Kernel } from '../../host/kernel.ts';
import type { Ring, UserImage } from '../../host/image.ts';
import { consume } from '../../host/image.ts';
import { readRing } from '../../host/records.ts';
import { SYS_write } from '../../abi/syscall.ts';
import { AHU_USER_RING_IDX } from '../../abi/layout.ts';

export type Value = number | string | boolean | readonly number[] | readonly string[];

/** What a scenario's user program observed. */
export interface ScenarioResult {
  /** The console (fds 1 and 2) when the program ends. */
  readonly console: string;
  /** The completion ring's slots when the program ends. */
  readonly ring: readonly number[];
  /** Key variables: what the syscalls returned, results, counts, atom addresses. */
  readonly vars: Readonly<Record<string, Value>>;
}

/** A scenario runs on a freshly reset kernel, as user space. */
export type Scenario = (k: Kernel) => ScenarioResult;

/** printf(): the text goes to the console with a direct write(1, …). Returns write's result. */
export function printf(k: Kernel, img: UserImage, text: string): number {
  const bytes = new TextEncoder().encode(text);
  const buf = img.alloc(bytes.length, 1);
  k.writeBytes(buf, bytes);
  return k.syscall(SYS_write, 1, buf, bytes.length);
}

/** ahu->user_ring_idx, the argument fio passed to async_wait. */
export function userRingIdx(k: Kernel, r: Ring): number {
  return k.u32(r.ahu + AHU_USER_RING_IDX);
}

/** Consumes every completion that stands in the ring now, in order. */
export function drain(k: Kernel, r: Ring): number[] {
  const done: number[] = [];
  for (let a = consume(k, r); a !== 0; a = consume(k, r)) done.push(a);
  return done;
}

/** The ring's slots as user memory holds them now. */
export function ringSlots(k: Kernel, r: Ring): number[] {
  return [...(readRing(k, r.ahu)?.slots ?? [])];
}

/** The scenario's result: the console, the ring, and its variables. */
export function result(k: Kernel, r: Ring, vars: Record<string, Value>): ScenarioResult {
  return { console: k.consoleText(), ring: ringSlots(k, r), vars };
}
