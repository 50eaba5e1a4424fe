// A new var made from the node editor, with its initial value: a number or a
// constant, a string, the address of a var (declared as well when it is new),
// of a buffer or of an atom, or a new buffer. The declarations go where the
// program's own vars are, in the same undo step as the atom change that uses
// the var. Whether a value is good is for the language to say: the text is
// parsed with the new lines in, and a problem on them is reported with the
// parser's own words before anything is written.
import { atoms, type Program } from '../../lang/ast.ts';
import { parse } from '../../lang/parse.ts';
import { reservedKind } from '../../lang/names.ts';
import { applyTextEdits } from '../../lang/textedit.ts';
import { addDeclsEdit, changeAtomEdits, type TextEdit } from './textedits.ts';
import type { AtomChange } from './edits.ts';

/** What a new var starts with. */
export type NewVarValue =
  /** A number or constant expression, as written (`4096`, `O_RDONLY`, `-1`); empty is 0. */
  | { readonly kind: 'number'; readonly text: string }
  /** The characters between the quotes of a string literal, escapes as in the language (`\n`). */
  | { readonly kind: 'string'; readonly text: string }
  /** The address of a var, buffer or atom; a name not declared yet becomes `var name = 0` too. */
  | { readonly kind: 'address'; readonly of: string }
  /** A new `buffer name[size]`; the var holds its address (C's `char *p = name`). */
  | { readonly kind: 'buffer'; readonly name: string; readonly size: string };

export type ValueKind = NewVarValue['kind'];

export const ZERO: NewVarValue = { kind: 'number', text: '0' };

/** The form a parameter usually wants: a path is a string, a buffer a new buffer, umem_add's word a pointer. */
export function defaultValueKind(param: string | undefined): ValueKind {
  if (param === 'path') return 'string';
  if (param === 'buf') return 'buffer';
  if (param === 'uptr') return 'address';
  return 'number';
}

/** Why `name` cannot be newly declared, or undefined when it can. */
export function badVarName(name: string, taken: ReadonlySet<string>): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'a name is letters, digits and _, not starting with a digit';
  const reserved = reservedKind(name);
  if (reserved) return `\`${name}\` is ${reserved}`;
  if (taken.has(name)) return `\`${name}\` is already declared`;
  return undefined;
}

/** Every name the program declares, by what it is. */
export function declared(program: Program): Map<string, 'var' | 'buffer' | 'atom'> {
  const out = new Map<string, 'var' | 'buffer' | 'atom'>();
  for (const i of program.items) if (i.kind === 'var' || i.kind === 'buffer') out.set(i.name.name, i.kind);
  for (const a of atoms(program)) out.set(a.name.name, 'atom');
  return out;
}

/** The declaration lines that make `var name` hold the value, or why they cannot be written. */
export interface NewVarPlan {
  readonly lines: readonly string[];
  readonly problem?: string;
}

function linesFor(name: string, value: NewVarValue, known: Map<string, 'var' | 'buffer' | 'atom'>): NewVarPlan {
  const taken = new Set([...known.keys(), name]);
  switch (value.kind) {
    case 'number':
      return { lines: [`var ${name} = ${value.text.trim() || '0'}`] };
    case 'string':
      return { lines: [`var ${name} = "${value.text}"`] };
    case 'address': {
      const of = value.of.trim();
      if (!of) return { lines: [], problem: 'name the var, buffer or atom it points to' };
      const kind = known.get(of);
      // A var is a word: its address is `&x`. A buffer's or an atom's name is its address already.
      if (kind === 'var') return { lines: [`var ${name} = &${of}`] };
      if (kind) return { lines: [`var ${name} = ${of}`] };
      if (of === name) return { lines: [], problem: 'a new var cannot point to itself' };
      const bad = badVarName(of, taken);
      return bad ? { lines: [], problem: bad } : { lines: [`var ${of} = 0`, `var ${name} = &${of}`] };
    }
    case 'buffer': {
      const buffer = value.name.trim();
      const bad = buffer === name ? 'the buffer needs a name of its own' : badVarName(buffer, taken);
      if (bad) return { lines: [], problem: bad };
      return { lines: [`buffer ${buffer}[${value.size.trim()}]`, `var ${name} = ${buffer}`] };
    }
  }
}

/** The declarations for a new var with its value, judged by the parser on the text they would land in. */
export function planNewVar(src: string, name: string, value: NewVarValue, program = parse(src).program): NewVarPlan {
  const known = declared(program);
  const bad = badVarName(name, new Set(known.keys()));
  if (bad) return { lines: [], problem: bad };
  const plan = linesFor(name, value, known);
  if (plan.problem) return plan;
  const { edit, first } = addDeclsEdit(src, plan.lines, program);
  const last = first + plan.lines.length - 1;
  const problem = parse(applyTextEdits(src, [edit])).diagnostics.find((d) => d.severity === 'error' && d.line >= first && d.line <= last);
  return problem ? { lines: plan.lines, problem: problem.message } : plan;
}

/** Changes the atom and declares the new var it uses (with its value), as one list of edits; null when either cannot be done. */
export function changeAtomWithNewVar(src: string, atom: string, change: AtomChange, name: string, value: NewVarValue = ZERO): TextEdit[] | null {
  const program = parse(src).program;
  const plan = planNewVar(src, name, value, program);
  if (plan.problem) return null;
  const edits = changeAtomEdits(src, atom, change, program);
  if (!edits) return null;
  return [...edits, addDeclsEdit(src, plan.lines, program).edit];
}
