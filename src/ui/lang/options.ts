// The kernel's knobs a program sets with `option NAME = VALUE` lines
// (docs/language.md, Options): ring policy, disk latency and jitter, the seed,
// the number of cachemiss threads, the per-call budget. One table: the parser
// judges values by it, the session applies it at every reset, the editor's
// completion and hover and the Kernel panel read it.
import * as L from '../../engine-wasm/abi/layout.ts';

export type DurationUnit = 'ns' | 'us' | 'ms' | 's';
export const UNIT_NS: Readonly<Record<DurationUnit, number>> = { ns: 1, us: 1_000, ms: 1_000_000, s: 1_000_000_000 };

interface Base {
  readonly name: string;
  /** What it does, for hover and the Kernel panel. */
  readonly doc: string;
  /** The kernel option it sets, or 'seed' for kernel_reset's argument. */
  readonly target: number | 'seed';
}
/** A choice of words, each a kernel value. */
export interface WordOption extends Base {
  readonly kind: 'word';
  readonly words: readonly { readonly word: string; readonly value: number }[];
  readonly def: string;
}
/** A virtual-time duration written with a unit (`2ms`), applied in ns. */
export interface DurationOption extends Base {
  readonly kind: 'duration';
  readonly min: number;
  readonly max: number;
  /** The default, as written. */
  readonly def: string;
}
/** A plain number. */
export interface NumberOption extends Base {
  readonly kind: 'number';
  readonly min: number;
  readonly max: number;
  readonly def: string;
}
export type OptionSpec = WordOption | DurationOption | NumberOption;

export const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'ring_policy', kind: 'word', target: L.OPT_RING_POLICY, def: 'lose',
    words: [{ word: 'lose', value: L.RING_LOSE }, { word: 'wait', value: L.RING_WAIT }],
    doc: 'What a cachemiss thread does when its ring slot is still full: `lose` counts the completion lost (the default); `wait` waits until user space next enters the kernel and tries again.',
  },
  {
    name: 'disk_latency', kind: 'duration', target: L.OPT_DISK_LATENCY_NS, def: '2ms', min: 0, max: 1_000_000_000,
    doc: 'Base virtual time of one disk page read or fsync (0 to 1s; default 2ms).',
  },
  {
    name: 'disk_jitter', kind: 'duration', target: L.OPT_DISK_JITTER_NS, def: '500us', min: 0, max: 1_000_000_000,
    doc: 'Each disk read or fsync takes a further uniform [0, jitter) drawn from the seeded generator (0 to 1s; default 500us).',
  },
  {
    name: 'seed', kind: 'number', target: 'seed', def: '1', min: 0, max: 0xffffffff,
    doc: 'The seed of the kernel\'s random generator (kernel_reset): another seed gives other disk jitter, the same seed the same run (default 1).',
  },
  {
    name: 'cachemiss_threads', kind: 'number', target: L.OPT_CACHEMISS_THREADS, def: String(L.NCACHEMISS), min: 0, max: L.NCACHEMISS,
    doc: `How many cachemiss threads hand-offs may use (0 to ${L.NCACHEMISS}; default ${L.NCACHEMISS}). With none free, a wait in the head sleeps in place and SYSLET_ASYNC runs in the head; with 0, async_exec is synchronous.`,
  },
  {
    name: 'call_budget', kind: 'number', target: L.OPT_CALL_BUDGET, def: '1048576', min: 10_000, max: 0xffffffff,
    doc: 'Kernel events one user call may take (at least 10000; default 1048576). A head walk that spends it is handed off; a wait that spends it gets -EINTR.',
  },
];

export const OPTION_NAMES: readonly string[] = OPTIONS.map((o) => o.name);

export function optionSpec(name: string): OptionSpec | undefined {
  return OPTIONS.find((o) => o.name === name);
}

/** A value as written: a word, or a number with an optional duration unit. */
export type OptionValue =
  | { readonly kind: 'word'; readonly word: string }
  | { readonly kind: 'number'; readonly value: number; readonly unit?: DurationUnit };

export function valueText(v: OptionValue): string {
  return v.kind === 'word' ? v.word : `${v.value}${v.unit ?? ''}`;
}

/** Parses a value as the Kernel panel or a default writes it (`2ms`, `wait`, `7`); null if it is neither. */
export function valueOf(text: string): OptionValue | null {
  const m = /^(\d+)(ns|us|ms|s)?$/.exec(text.trim());
  if (m) return { kind: 'number', value: Number(m[1]), ...(m[2] ? { unit: m[2] as DurationUnit } : {}) };
  return /^[a-z_]+$/.test(text.trim()) ? { kind: 'word', word: text.trim() } : null;
}

/** The kernel value of `v` for option `spec`, or why it is not one. */
export function judge(spec: OptionSpec, v: OptionValue): { ok: true; value: number } | { ok: false; error: string } {
  const usage = `as in \`option ${spec.name} = ${spec.def}\``;
  if (spec.kind === 'word') {
    const w = v.kind === 'word' ? spec.words.find((x) => x.word === v.word) : undefined;
    if (w) return { ok: true, value: w.value };
    return { ok: false, error: `\`${spec.name}\` is ${spec.words.map((x) => `\`${x.word}\``).join(' or ')}, not \`${valueText(v)}\`` };
  }
  if (v.kind !== 'number') return { ok: false, error: `\`${spec.name}\` takes a number, ${usage}` };
  if (spec.kind === 'duration') {
    if (!v.unit) return { ok: false, error: `\`${spec.name}\` is a duration: give it a unit (ns, us, ms or s), ${usage}` };
    const ns = v.value * UNIT_NS[v.unit];
    if (ns < spec.min || ns > spec.max) return { ok: false, error: `\`${spec.name}\` is 0 to 1s, not ${valueText(v)}` };
    return { ok: true, value: ns };
  }
  if (v.unit) return { ok: false, error: `\`${spec.name}\` is a plain number, without a unit, ${usage}` };
  if (v.value < spec.min || v.value > spec.max) {
    return { ok: false, error: `\`${spec.name}\` is ${spec.min.toLocaleString('en')} to ${spec.max.toLocaleString('en')}, not ${v.value.toLocaleString('en')}` };
  }
  return { ok: true, value: v.value };
}

/** What a reset applies: every kernel option (the program's or its default) and the seed. */
export interface Knobs {
  readonly seed: number;
  readonly kernel: readonly (readonly [id: number, value: number])[];
}

/** One option as set: a program's `option` line, or the command line's `--option NAME=VALUE`. */
export interface OptionSetting {
  readonly name: { readonly name: string };
  readonly value: OptionValue;
}

/**
 * The knobs of a program's option lines (values already judged by the parser;
 * a bad one keeps its default). The first setting of a name counts.
 */
export function knobsOf(options: readonly OptionSetting[], defaultSeed = 1): Knobs {
  let seed = defaultSeed;
  const kernel: [number, number][] = [];
  for (const spec of OPTIONS) {
    const given = options.find((o) => o.name.name === spec.name);
    const judged = given ? judge(spec, given.value) : null;
    const def = judge(spec, valueOf(spec.def)!);
    const value = judged?.ok ? judged.value : def.ok ? def.value : 0;
    if (spec.target === 'seed') seed = given && judged?.ok ? value : defaultSeed;
    else kernel.push([spec.target, value]);
  }
  return { seed, kernel };
}
