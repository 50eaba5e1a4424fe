// Command-line arguments, GNU style: `--name`, `--name=VALUE` or `--name VALUE`,
// `-x VALUE` or `-xVALUE` for a short name, options anywhere among the
// operands, `--` ends the options, and `-` alone is an operand (standard input).
// A mistake is a UsageError: the caller prints it and exits with status 2.
import { suggest } from '../../ui/lang/names.ts';

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  /** The value's name in the help (`N`, `OUT`); a flag without it takes no value. */
  readonly value?: string;
  /** May be given more than once (each value is kept, in order). */
  readonly repeat?: boolean;
  readonly help: string;
}

export class UsageError extends Error {}

export interface Parsed {
  readonly operands: readonly string[];
  /** Each flag given: its values in order ('' for a flag without a value). */
  readonly flags: ReadonlyMap<string, readonly string[]>;
}

/** The one value of a flag, or undefined. */
export function flagValue(p: Parsed, name: string): string | undefined {
  return p.flags.get(name)?.[0];
}

export function hasFlag(p: Parsed, name: string): boolean {
  return p.flags.has(name);
}

function closest(word: string, names: readonly string[]): string {
  const near = suggest(word, names);
  return near ? ` — did you mean --${near}?` : '';
}

export function parseArgs(argv: readonly string[], specs: readonly FlagSpec[]): Parsed {
  const operands: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (spec: FlagSpec, value: string) => {
    const list = flags.get(spec.name) ?? [];
    if (list.length && !spec.repeat) throw new UsageError(`--${spec.name} was given twice`);
    list.push(value);
    flags.set(spec.name, list);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const spec = specs.find((s) => s.name === name);
      if (!spec) throw new UsageError(`unknown option --${name}${closest(name, specs.map((s) => s.name))}`);
      if (!spec.value) {
        if (eq >= 0) throw new UsageError(`--${name} takes no value`);
        add(spec, '');
        continue;
      }
      if (eq >= 0) add(spec, a.slice(eq + 1));
      else if (i + 1 < argv.length) add(spec, argv[++i]);
      else throw new UsageError(`--${name} needs a value (--${name} ${spec.value})`);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      const spec = specs.find((s) => s.short === a[1]);
      if (!spec) throw new UsageError(`unknown option ${a.slice(0, 2)}`);
      if (!spec.value) {
        if (a.length > 2) throw new UsageError(`${a.slice(0, 2)} takes no value`);
        add(spec, '');
      } else if (a.length > 2) add(spec, a.slice(2));
      else if (i + 1 < argv.length) add(spec, argv[++i]);
      else throw new UsageError(`-${spec.short} needs a value (-${spec.short} ${spec.value})`);
      continue;
    }
    operands.push(a);
  }
  return { operands, flags };
}
