// The language's fixed vocabulary: keywords, builtins, constants and flags,
// all derived from the ABI files, plus "did you mean" suggestions.
import * as FLAGS from '../../engine-wasm/abi/flags.ts';
import * as ERRNO from '../../engine-wasm/abi/errno.ts';
import { SYSCALLS } from '../../engine-wasm/host/syscalls.ts';
import type { AtomField } from './ast.ts';

export const KEYWORDS: ReadonlySet<string> = new Set([
  'option', 'ring', 'var', 'buffer', 'atom', 'ret', 'flags', 'next', 'fault', 'latency', 'if', 'else', 'while', 'print', 'assert', 'len',
]);

/** The words that follow `fault` (besides an errno name), and `latency`'s `page`: only keywords there. */
export const FAULT_WORDS: readonly string[] = ['short', 'block', 'cached'];

/** The errno names a `fault` may inject (the E* constants). */
export const ERRNO_NAMES: readonly string[] = Object.keys(ERRNO);

/** The driver's own calls and their argument counts (the ahu is implicit). */
export const BUILTINS: ReadonlyMap<string, { readonly arity: number; readonly usage: string }> = new Map([
  ['async_exec', { arity: 1, usage: 'async_exec(atom)' }],
  ['async_wait', { arity: 1, usage: 'async_wait(min_events)' }],
  ['reap', { arity: 0, usage: 'reap()' }],
]);

export const RING_INDICES: ReadonlySet<string> = new Set(['user_idx', 'kernel_idx']);

export const ATOM_FIELDS: readonly AtomField[] = ['flags', 'nr', 'ret', 'next'];

export const SYSCALL_NAMES: readonly string[] = SYSCALLS.map((s) => s.name);

/** Every named constant usable as a value: SYSLET_*, O_*, SEEK_*, E*. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map<string, number>([
  ...Object.entries(FLAGS as Record<string, number>),
  ...Object.entries(ERRNO as Record<string, number>),
]);

/** The flags an atom's `flags` clause accepts, in the printer's (ascending bit) order. */
export const FLAG_ORDER: readonly string[] = [...CONSTANTS.entries()]
  .filter(([n]) => n.startsWith('SYSLET_') && n !== 'SYSLET_STOP_MASK')
  .sort((a, b) => a[1] - b[1])
  .map(([n]) => n);

/** Names no declaration may take. */
export function reservedKind(name: string): string | undefined {
  if (KEYWORDS.has(name)) return 'a keyword';
  if (BUILTINS.has(name)) return 'a driver call';
  if (SYSCALL_NAMES.includes(name)) return 'a syscall name';
  if (RING_INDICES.has(name)) return 'a ring index';
  if (CONSTANTS.has(name)) return 'a constant';
  return undefined;
}

function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      best = Math.min(best, cur[j]);
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest candidate to a misspelt word, if one is close enough. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > 64) return undefined;
  const limit = word.length <= 2 ? 0 : word.length <= 4 ? 1 : word.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestD = limit + 1;
  for (const c of candidates) {
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : distance(word, c, limit);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** " — did you mean `x`?" or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const s = suggest(word, candidates);
  return s !== undefined && s !== word ? ` — did you mean \`${s}\`?` : '';
}
