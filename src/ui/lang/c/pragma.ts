// A program's `option` lines in C: one `#pragma syslet option NAME = VALUE`
// each, the value written as in the language (`2ms`, `wait`, `7`). The
// compiler ignores the pragma; whoever runs the C file reads the pragmas back
// with readOptionPragmas and applies the knobs at every reset, as the
// playground applies the option lines.
import type { OptionDecl } from '../ast.ts';
import { didYouMean } from '../names.ts';
import { judge, knobsOf, OPTION_NAMES, optionSpec, valueOf, valueText, type Knobs, type OptionValue } from '../options.ts';

export const PRAGMA = '#pragma syslet option';

export function optionPragma(o: OptionDecl): string {
  return `${PRAGMA} ${o.name.name} = ${valueText(o.value)}`;
}

export interface PragmaDiagnostic {
  readonly line: number;
  readonly col: number;
  readonly severity: 'error';
  readonly message: string;
}

export interface PragmaOptions {
  readonly options: readonly { readonly name: { readonly name: string }; readonly value: OptionValue; readonly line: number }[];
  readonly knobs: Knobs;
  readonly diagnostics: readonly PragmaDiagnostic[];
}

/** The lines of a C file with its comments blanked (same columns), so a commented-out pragma does not count. */
function withoutComments(source: string): string[] {
  let inBlock = false;
  return source.split('\n').map((line) => {
    let out = '';
    for (let i = 0; i < line.length; i++) {
      const two = line.slice(i, i + 2);
      if (inBlock || two === '/*') {
        if (two === '/*' || two === '*/') {
          inBlock = two === '/*';
          out += '  ';
          i++;
        } else {
          out += ' ';
        }
      } else if (two === '//') {
        break;
      } else {
        out += line[i];
      }
    }
    return out;
  });
}

const SYSLET_PRAGMA = /^(\s*#\s*pragma\s+syslet\b)(.*)$/;
const OPTION = /^\s+option\s+([A-Za-z_]\w*)\s*=\s*(\S+)\s*$/;

/** The kernel options a C file's `#pragma syslet option` lines set, with clear errors for bad ones. */
export function readOptionPragmas(source: string, defaultSeed = 1): PragmaOptions {
  const options: { name: { name: string }; value: OptionValue; line: number }[] = [];
  const diagnostics: PragmaDiagnostic[] = [];
  withoutComments(source).forEach((text, i) => {
    const m = SYSLET_PRAGMA.exec(text);
    if (!m) return;
    const line = i + 1;
    const col = m[1].indexOf('#') + 1;
    const fail = (message: string) => diagnostics.push({ line, col, severity: 'error', message });
    const o = OPTION.exec(m[2]);
    if (!o) return fail(`a syslet pragma reads \`${PRAGMA} NAME = VALUE\` (options: ${OPTION_NAMES.join(', ')})`);
    const [, name, written] = o;
    const spec = optionSpec(name);
    if (!spec) return fail(`unknown option \`${name}\`${didYouMean(name, OPTION_NAMES)}`);
    if (options.some((x) => x.name.name === name)) return fail(`option \`${name}\` is set twice`);
    const value = valueOf(written);
    const judged = value ? judge(spec, value) : { ok: false as const, error: `\`${written}\` is not a value for \`${name}\`` };
    if (!judged.ok || !value) return fail(judged.ok ? `\`${written}\` is not a value` : judged.error);
    options.push({ name: { name }, value, line });
  });
  return { options, knobs: knobsOf(options, defaultSeed), diagnostics };
}
