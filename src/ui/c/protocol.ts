// Messages between the page and the C worker (compiler.worker.ts): the page
// asks for a build of a C text; the worker reports the toolchain's download,
// the compile's result, then a first run of the program on its own kernel.
import type { CSymbols, Found } from './discover.ts';
import type { Diagnostic } from '../lang/ast.ts';

export interface BuildRequest {
  readonly id: number;
  readonly text: string;
  readonly name: string;
  /** The program's kernel options, as the page applies them (id, value), and its seed. */
  readonly kernel: readonly (readonly [number, number])[];
  readonly seed: number;
}

export type BuildReply =
  | { readonly id: number; readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly id: number; readonly kind: 'compiled'; readonly ms: number; readonly loadMs: number; readonly diagnostics: readonly Diagnostic[]; readonly wasm: Uint8Array | null; readonly log: string }
  /** The first run ended: what it found. `events`: how many it took. */
  | { readonly id: number; readonly kind: 'ran'; readonly found: Found; readonly symbols: CSymbols; readonly events: number; readonly error: string | null }
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };
