// What the commands that run a program share: the kernel-option flags, the
// one FILE operand, loading with diagnostics on stderr, and the run's error
// in the GNU form.
import type { FlagSpec, Parsed } from './args.ts';
import { flagValue, UsageError } from './args.ts';
import type { Io, Output } from './io.ts';
import { formatDiagnostic, lineColumn, loadProgram, type Loaded } from './program.ts';
import { optionSettings } from './kernel-options.ts';
import { OPTION_NAMES, type OptionSetting } from '../../ui/lang/options.ts';
import * as L from '../abi/layout.ts';
import type { RunResult } from './runner.ts';

/** What a command gets besides its arguments. */
export interface Ctx {
  readonly io: Io;
  readonly out: Output;
}

export const OPTION_FLAGS: readonly FlagSpec[] = [
  { name: 'seed', value: 'N', help: 'the kernel\'s seed (0 to 4294967295); the same as --option seed=N' },
  { name: 'option', value: 'NAME=VALUE', repeat: true, help: `a kernel option, as an \`option NAME = VALUE\` line takes it (${OPTION_NAMES.join(', ')}); it overrides the program's line` },
];

/** The command's one FILE operand. */
export function oneFile(p: Parsed, what = 'FILE'): string {
  if (p.operands.length === 0) throw new UsageError(`missing ${what}`);
  if (p.operands.length > 1) throw new UsageError(`one ${what} only; also given: ${p.operands.slice(1).join(' ')}`);
  return p.operands[0];
}

export function overridesOf(p: Parsed): OptionSetting[] {
  return optionSettings(p.flags.get('option') ?? [], flagValue(p, 'seed'));
}

/** Loads the program and prints its diagnostics (errors and warnings) on stderr. */
export async function loadReported(ctx: Ctx, file: string): Promise<Loaded> {
  const loaded = await loadProgram(ctx.io, file);
  for (const d of loaded.diagnostics) ctx.out.err(formatDiagnostic(loaded.file, d) + '\n');
  return loaded;
}

/** The run's error with its line and column, or null when it ran to its end. */
export function runError(loaded: Loaded, r: RunResult): { message: string; line: number; column: number } | null {
  return r.error ? { message: r.error.message, line: r.error.line, column: lineColumn(loaded.text, r.error.line) } : null;
}

/** Where the run stopped, `file:line:col`, or null when it ran to its end. */
export function errorAt(loaded: Loaded, r: RunResult): string | null {
  const e = runError(loaded, r);
  return e && `${loaded.file}:${e.line}:${e.column}`;
}

/** The run's error on stderr, `file:line:col: error: message`; and console bytes that were lost. */
export function reportRunEnd(ctx: Ctx, loaded: Loaded, r: RunResult): void {
  const at = errorAt(loaded, r);
  if (at && r.error) ctx.out.err(`${at}: error: ${r.error.message}\n`);
  if (r.consoleLost) {
    ctx.out.err(`syslet: ${r.consoleLost.toLocaleString('en')} bytes of console output were lost: one event wrote more than the kernel's console keeps (${L.CONSOLE_BYTES.toLocaleString('en')} bytes)\n`);
  }
  if (r.traceLost) ctx.out.err(`syslet: ${r.traceLost.toLocaleString('en')} trace records were lost: one event wrote more than the kernel's trace ring keeps\n`);
}

/** The exit status of a finished run: 0 when it ran to its end (every assert held), 1 when it stopped with an error. */
export function exitOf(r: RunResult): 0 | 1 {
  return r.status === 'done' ? 0 : 1;
}
