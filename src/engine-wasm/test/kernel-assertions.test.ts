// The kernel's stated preconditions are assert()s: the debug build (which every
// spec, golden and fuzz test loads) checks them and aborts with the rule's text;
// the release build (the one the playground ships) compiles them out.
import { describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { loadKernelNode } from '../host/node.ts';
import { KernelAbort } from '../host/instantiate.ts';
import type { Kernel } from '../host/kernel.ts';
import * as L from '../abi/layout.ts';
import * as S from '../abi/syscall.ts';

const wat = (flavor: 'release' | 'debug') => readFile(new URL(`../build/${flavor}.wat`, import.meta.url), 'utf8');
const abortCalls = (text: string) => text.split('call $~lib/builtins/abort').length - 1;

/**
 * Breaks a stated precondition from outside: a timer for thread 1, which is
 * free, not sleeping. The next kstep fires it (wakeTimer: "t sleeps on a timer").
 */
function forgeTimerForFreeThread(k: Kernel): void {
  const e = L.TIMERQ_BASE;
  k.view().setBigUint64(e + L.TIMER_WAKE_AT, 0n, true);
  k.setU32(e + L.TIMER_SEQ, 1);
  k.setU32(e + L.TIMER_TID, 1);
  k.setU32(L.KSTATE_BASE + L.KSTATE_NTIMER, 1);
}

describe('kernel assertions', () => {
  test('the debug kernel aborts with the precondition it found broken', async () => {
    const k = await loadKernelNode('debug');
    expect(k.enter(S.SYS_getpid)).toBe(0);
    forgeTimerForFreeThread(k);
    let thrown: unknown;
    try {
      k.step(1);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(KernelAbort);
    expect(String(thrown)).toMatch(/wakeTimer: t sleeps on a timer \(.*sched\.ts:\d+:\d+\)/);
  });

  test('the release kernel carries no assertions: the same broken state does not abort', async () => {
    const k = await loadKernelNode('release');
    expect(k.enter(S.SYS_getpid)).toBe(0);
    forgeTimerForFreeThread(k);
    expect(() => k.step(1)).not.toThrow();
  });

  test('release.wasm calls abort nowhere; debug.wasm calls it at each assertion', async () => {
    expect(abortCalls(await wat('release'))).toBe(0);
    expect(abortCalls(await wat('debug'))).toBeGreaterThanOrEqual(10);
  });
});
