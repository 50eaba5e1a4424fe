// Graph edits as minimal text edits: each operation parses the text (the
// parser never throws, so a program with errors elsewhere still yields its
// atoms), finds the declarations it touches by their spans and returns edits
// for those lines only. Everything else — spacing, blank lines, comments —
// stays as the user wrote it. actions.ts applies the edits as one undo step.
import { atoms, type AtomDecl, type Block, type Expr, type Item, type Program, type Stmt } from '../../lang/ast.ts';
import { parse } from '../../lang/parse.ts';
import { print } from '../../lang/print.ts';
import { changeAtom, freshAtomName, type AtomChange } from './edits.ts';
import { lineStarts, type TextEdit } from '../../lang/textedit.ts';

export type { TextEdit };

/** A place the atom's name is used: another atom's `next`, or a driver statement / declaration. */
export interface Use {
  readonly line: number;
  readonly kind: 'next' | 'statement';
  /** The atom whose next it is, or the statement's first line as written. */
  readonly text: string;
}

/** One atom declaration in canonical form, without its comments. */
export function atomText(a: AtomDecl): string {
  return print({ items: [{ ...a, leading: [], blankBefore: false, trailing: undefined }], endComments: [] }).trimEnd();
}

/** Line `line` (1-based) without its line break. */
const lineOf = (text: string, line: number) => (text.split('\n')[line - 1] ?? '').replace(/\r$/, '');

/** Replaces the declaration's own span (its trailing comment and the rest of the line stay). */
const replaceDecl = (a: AtomDecl, text: string): TextEdit => ({ ...a.span, text });

/** Inserts `text` as a new line after line `line` (before line 1 when `line` is 0). */
function insertLineAfter(src: string, line: number, text: string): TextEdit {
  if (line === 0) return { line: 1, col: 1, endLine: 1, endCol: 1, text: `${text}\n` };
  const end = lineOf(src, line).length + 1;
  return { line, col: end, endLine: line, endCol: end, text: `\n${text}` };
}

/** Removes lines [first, last] with their line break. */
function removeLines(src: string, first: number, last: number): TextEdit {
  const count = lineStarts(src).length;
  if (last < count) return { line: first, col: 1, endLine: last + 1, endCol: 1, text: '' };
  if (first > 1) return { line: first - 1, col: lineOf(src, first - 1).length + 1, endLine: last, endCol: lineOf(src, last).length + 1, text: '' };
  return { line: 1, col: 1, endLine: last, endCol: lineOf(src, last).length + 1, text: '' };
}

function find(program: Program, name: string): AtomDecl | undefined {
  return atoms(program).find((a) => a.name.name === name);
}

/** Edits that change one atom, or null when the text has no such atom (or nothing changes). */
export function changeAtomEdits(src: string, name: string, change: AtomChange, program = parse(src).program): TextEdit[] | null {
  const a = find(program, name);
  if (!a) return null;
  const text = atomText(changeAtom(a, change));
  return sameSource(src, a, text) ? [] : [replaceDecl(a, text)];
}

/** True when the declaration is already written exactly as `text`. */
function sameSource(src: string, a: AtomDecl, text: string): boolean {
  if (a.span.line !== a.span.endLine) return false;
  return lineOf(src, a.span.line).slice(a.span.col - 1, a.span.endCol - 1) === text;
}

/** Sets (or clears) `from`'s next. */
export const setNextEdits = (src: string, from: string, to: string | undefined) => changeAtomEdits(src, from, { next: to ?? null });

/** The line of the last declaration of the kinds given (0 when none). */
function lastDeclLine(program: Program, kinds: readonly Item['kind'][]): number {
  let line = 0;
  for (const i of program.items) if (kinds.includes(i.kind)) line = Math.max(line, i.span.endLine);
  return line;
}

/** Adds `atom aN = getpid()` on a new line after the last atom (after the last declaration when there is none). */
export function addAtomEdits(src: string): { edits: TextEdit[]; name: string } {
  const program = parse(src).program;
  const name = freshAtomName(program);
  const line = lastDeclLine(program, ['atom']) || lastDeclLine(program, ['ring', 'var', 'buffer']);
  return { edits: [insertLineAfter(src, line, `atom ${name} = getpid()`)], name };
}

/**
 * The line new declarations go after: the last var, ring or buffer written
 * before the atoms (0, the top, when the program starts with an atom or has no
 * declarations), so they join the program's own vars.
 */
export function varsEndLine(program: Program): number {
  let line = 0;
  for (const i of program.items) {
    if (i.kind === 'atom' || !(i.kind === 'var' || i.kind === 'ring' || i.kind === 'buffer')) {
      if (i.kind === 'atom' || line > 0) break;
      continue;
    }
    line = i.span.endLine;
  }
  return line;
}

/** Inserts declaration lines where the program's vars are; `first` is the line the first one lands on. */
export function addDeclsEdit(src: string, lines: readonly string[], program = parse(src).program): { edit: TextEdit; first: number } {
  const after = varsEndLine(program);
  return { edit: insertLineAfter(src, after, lines.join('\n')), first: after + 1 };
}

function mentions(e: Expr | undefined, name: string): boolean {
  if (!e) return false;
  // Iterative: a deep expression must not overflow the stack.
  const todo: Expr[] = [e];
  while (todo.length) {
    const x = todo.pop()!;
    switch (x.kind) {
      case 'name': if (x.name === name) return true; break;
      case 'addr': if (x.target.name === name) return true; break;
      case 'field': if (x.atom.name === name) return true; break;
      case 'slot': todo.push(x.index); break;
      case 'unary': todo.push(x.operand); break;
      case 'binary': todo.push(x.left, x.right); break;
      case 'call': todo.push(...x.args); break;
      default: break;
    }
  }
  return false;
}

/** The outermost statements (and var declarations) that mention `name`, in source order. */
function statementUses(items: readonly (Item | Stmt)[], name: string, out: Item[]): void {
  for (const i of items) {
    switch (i.kind) {
      case 'var': if (mentions(i.init, name)) out.push(i); break;
      case 'assign': if (mentions(i.target, name) || mentions(i.value, name)) out.push(i); break;
      case 'expr': if (mentions(i.expr, name)) out.push(i); break;
      case 'print': if (i.args.some((a) => mentions(a, name))) out.push(i); break;
      case 'assert': if (mentions(i.cond, name)) out.push(i); break;
      case 'if':
        if (mentions(i.cond, name)) out.push(i);
        else for (const b of [i.then, i.else].filter((x): x is Block => !!x)) statementUses(b.stmts, name, out);
        break;
      case 'while':
        if (mentions(i.cond, name)) out.push(i);
        else statementUses(i.body.stmts, name, out);
        break;
      default: break;
    }
  }
}

/** Where the atoms are used: other atoms' `next` and driver statements, by line. */
export function usesOf(src: string, names: readonly string[]): Use[] {
  const program = parse(src).program;
  const gone = new Set(names);
  const out: Use[] = [];
  for (const a of atoms(program)) {
    if (!gone.has(a.name.name) && a.next && gone.has(a.next.name)) out.push({ line: a.span.line, kind: 'next', text: `${a.name.name}: next ${a.next.name}` });
  }
  for (const n of names) {
    const stmts: Item[] = [];
    statementUses(program.items, n, stmts);
    for (const s of stmts) out.push({ line: s.span.line, kind: 'statement', text: lineOf(src, s.span.line).trim() });
  }
  const seen = new Set<string>();
  return out.filter((u) => !seen.has(`${u.line}`) && seen.add(`${u.line}`)).sort((a, b) => a.line - b.line);
}

/**
 * Deletes the atoms' lines. With `uses`, also clears every other atom's `next`
 * that points at one of them, removes the statements that use them and drops
 * the initial value of a var whose initializer names one (`var done`).
 */
export function deleteAtomsEdits(src: string, names: readonly string[], uses: boolean): TextEdit[] {
  const program = parse(src).program;
  const gone = new Set(names);
  const edits: TextEdit[] = [];
  const removed: [number, number][] = [];
  for (const a of atoms(program)) {
    if (gone.has(a.name.name)) removed.push([a.span.line, a.span.endLine]);
    else if (uses && a.next && gone.has(a.next.name)) edits.push(replaceDecl(a, atomText(changeAtom(a, { next: null }))));
  }
  if (uses) {
    for (const n of names) {
      const stmts: Item[] = [];
      statementUses(program.items, n, stmts);
      for (const s of stmts) {
        // A var keeps its declaration (other lines may use it) and loses the initial value.
        if (s.kind === 'var') edits.push({ ...s.span, text: `var ${s.name.name}` });
        else removed.push([s.span.line, s.span.endLine]);
      }
    }
  }
  // Merge overlapping line ranges so no two edits overlap.
  removed.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of removed) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const lineEdits = merged.map(([a, b]) => removeLines(src, a, b));
  const touched = (e: TextEdit) => merged.some(([a, b]) => e.line >= a && e.line <= b);
  return [...edits.filter((e) => !touched(e)), ...lineEdits];
}

/**
 * Swaps the atom's line with the line of the atom written before (`-1`) or
 * after (`+1`) it: memory order is written order, which SKIP_TO_NEXT_ON_STOP
 * follows. Null when there is no atom on that side.
 */
export function moveAtomEdits(src: string, name: string, dir: -1 | 1): TextEdit[] | null {
  const list = atoms(parse(src).program);
  const i = list.findIndex((a) => a.name.name === name);
  const j = i + dir;
  if (i < 0 || j < 0 || j >= list.length) return null;
  const a = list[i];
  const b = list[j];
  if (a.span.line === b.span.line || a.span.line !== a.span.endLine || b.span.line !== b.span.endLine) return null;
  const la = lineOf(src, a.span.line);
  const lb = lineOf(src, b.span.line);
  return [
    { line: a.span.line, col: 1, endLine: a.span.line, endCol: la.length + 1, text: lb },
    { line: b.span.line, col: 1, endLine: b.span.line, endCol: lb.length + 1, text: la },
  ];
}
