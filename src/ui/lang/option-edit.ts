// The text edits that set one kernel option in a program's text (the Kernel
// panel): the `option` line is rewritten, added or removed, and nothing else
// changes, so the text stays the one source of truth and links carry it.
import { options, type Program } from './ast.ts';
import { optionSpec, valueOf, valueText, type OptionValue } from './options.ts';
import type { TextEdit } from './textedit.ts';

/** The value each option has in the program's text (only options it sets). */
export function optionValues(program: Program): ReadonlyMap<string, OptionValue> {
  return new Map(options(program).map((o) => [o.name.name, o.value]));
}

/**
 * Edits that make `name` have `value` (as written, e.g. `wait`, `5ms`); a value
 * equal to the default removes the line. The program is the parse of `text`.
 */
export function setOptionEdits(text: string, program: Program, name: string, value: string): TextEdit[] {
  const spec = optionSpec(name);
  if (!spec) return [];
  const parsed = valueOf(value);
  const line = `option ${name} = ${parsed ? valueText(parsed) : value.trim()}`;
  const isDefault = parsed !== null && valueText(parsed) === spec.def;
  const own = options(program).filter((o) => o.name.name === name);
  if (own.length > 0) {
    const o = own[0];
    if (isDefault) return [{ line: o.span.line, col: 1, endLine: o.span.line + 1, endCol: 1, text: '' }];
    return [{ line: o.span.line, col: o.span.col, endLine: o.span.endLine, endCol: o.span.endCol, text: line }];
  }
  if (isDefault) return [];
  const all = options(program);
  if (all.length > 0) {
    const after = all[all.length - 1].span.endLine + 1;
    return [{ line: after, col: 1, endLine: after, endCol: 1, text: `${line}\n` }];
  }
  const first = program.items[0];
  if (first) return [{ line: first.span.line, col: 1, endLine: first.span.line, endCol: 1, text: `${line}\n` }];
  const end = text.split('\n').length;
  const lead = text === '' || text.endsWith('\n') ? '' : '\n';
  return [{ line: end, col: (text.split('\n').at(-1) ?? '').length + 1, endLine: end, endCol: (text.split('\n').at(-1) ?? '').length + 1, text: `${lead}${line}\n` }];
}
