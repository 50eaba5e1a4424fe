// `--option NAME=VALUE` and `--seed N`: kernel options given on the command
// line, judged by the language's own option table (src/ui/lang/options.ts),
// so they take exactly the values an `option` line takes. They override the
// program's lines of the same name.
import { options, type Program } from '../../ui/lang/ast.ts';
import { OPTIONS, OPTION_NAMES, judge, optionSpec, valueOf, valueText, type OptionSetting } from '../../ui/lang/options.ts';
import { didYouMean } from '../../ui/lang/names.ts';
import { UsageError } from './args.ts';

/** The settings of `--option` values (`NAME=VALUE`) and `--seed` (the same as `--option seed=N`). */
export function optionSettings(given: readonly string[], seed: string | undefined): OptionSetting[] {
  const out: OptionSetting[] = [];
  const set = (name: string, raw: string, flag: string) => {
    const spec = optionSpec(name);
    if (!spec) throw new UsageError(`${flag}: \`${name}\` is not a kernel option (${OPTION_NAMES.join(', ')})${didYouMean(name, OPTION_NAMES)}`);
    if (out.some((o) => o.name.name === name)) throw new UsageError(`${flag}: \`${name}\` is set twice${name === 'seed' ? ' (--seed N is --option seed=N)' : ''}`);
    const value = valueOf(raw);
    if (!value) throw new UsageError(`${flag}: \`${raw}\` is not a value of \`${name}\`, as in --option ${name}=${spec.def}`);
    const judged = judge(spec, value);
    if (!judged.ok) throw new UsageError(`${flag}: ${judged.error}`);
    out.push({ name: { name }, value });
  };
  for (const g of given) {
    const eq = g.indexOf('=');
    if (eq < 1) throw new UsageError(`--option takes NAME=VALUE, as in --option ring_policy=wait; got \`${g}\``);
    set(g.slice(0, eq).trim(), g.slice(eq + 1), '--option');
  }
  if (seed !== undefined) set('seed', seed, '--seed');
  return out;
}

/** Every option's value in force, as written: the command line's, else the program's line, else the default. */
export function optionsInForce(program: Program, overrides: readonly OptionSetting[]): Record<string, string> {
  const lines = [...overrides, ...options(program)];
  return Object.fromEntries(
    OPTIONS.map((spec) => {
      const o = lines.find((x) => x.name.name === spec.name);
      return [spec.name, o ? valueText(o.value) : spec.def];
    }),
  );
}
