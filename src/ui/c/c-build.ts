// A compiled C program made ready to run, in three steps the page, its C
// worker, the command line and the tests share: a first run that finds the
// atoms and the ring head (discoverC), then the Program and Layout the views
// show and the CProgram a CSession runs (cProgramOf).
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import type { OptionDecl, Program } from '../lang/ast.ts';
import type { Layout } from '../lang/layout.ts';
import { knobsOf, type Knobs, type OptionSetting } from '../lang/options.ts';
import { readOptionPragmas } from '../lang/c/pragma.ts';
import { MAX_EVENTS } from '../engine/session.ts';
import { CSession, type CProgram } from './c-session.ts';
import { describe, Finder, moduleSymbols, type CSymbols, type Found } from './discover.ts';

/** What a first run of the program found, and how it ended. */
export interface Discovered {
  readonly found: Found;
  readonly symbols: CSymbols;
  readonly events: number;
  readonly error: string | null;
}

/** The knobs of a C file: its pragmas, with `overrides` (the command line's --option) first. */
export function cKnobs(text: string, overrides: readonly OptionSetting[] = []): Knobs {
  return knobsOf([...overrides, ...readOptionPragmas(text).options]);
}

/** Runs the program once to its end (at most the playground's event limit) on `k` and notes what it used. */
export function discoverC(k: Kernel, module: WebAssembly.Module, wasm: Uint8Array, knobs: Knobs): Discovered {
  const symbols = moduleSymbols(wasm, k);
  const s = new CSession(k, { module, wasm, knobs, lay: describe({ atoms: new Map(), ahu: 0, ring: 0, ringEntries: 0 }, symbols).lay });
  const finder = new Finder(k);
  s.onCall = (nr, args) => finder.look(nr, args);
  s.run(MAX_EVENTS);
  finder.look();
  return { found: finder.found(), symbols, events: s.events, error: s.failure?.message ?? null };
}

/** The views' Program and Layout for what was found, and the CProgram that runs it. */
export function cProgramOf(
  text: string,
  module: WebAssembly.Module,
  wasm: Uint8Array,
  d: Pick<Discovered, 'found' | 'symbols'>,
  overrides: readonly OptionSetting[] = [],
): { program: Program; lay: Layout; run: CProgram } {
  // The pragmas stand in the Program as its option lines (the narration reads the thread limit there).
  const options = readOptionPragmas(text).options.map((o) => ({ kind: 'option', name: o.name, value: o.value }) as unknown as OptionDecl);
  const { program, lay } = describe(d.found, d.symbols, options);
  return { program, lay, run: { module, wasm, knobs: cKnobs(text, overrides), lay } };
}
