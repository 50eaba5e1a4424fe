// Graph edits reach the program text here: the edit runs on the newest text
// (parsed again, so nothing typed in the last moment is lost), is printed in
// canonical form and replaces the text through the editor's undo stack.
import type { Program } from '../../lang/ast.ts';
import { parse } from '../../lang/parse.ts';
import { print } from '../../lang/print.ts';
import { currentSource, replaceSource } from '../../editing.ts';
import * as E from './edits.ts';

/** Applies `edit` to the program in the editor; false when that text has errors (the pane says so). */
export function editProgram(edit: (p: Program) => Program): boolean {
  const { program, diagnostics } = parse(currentSource());
  if (diagnostics.some((d) => d.severity === 'error')) return false;
  replaceSource(print(edit(program)));
  return true;
}

export const connectNext = (from: string, to: string | undefined) => editProgram((p) => E.setNext(p, from, to));
export const deleteAtoms = (names: readonly string[]) => names.length > 0 && editProgram((p) => E.deleteAtoms(p, names));
export const clearNext = (names: readonly string[]) =>
  names.length > 0 && editProgram((p) => names.reduce((q, n) => E.setNext(q, n, undefined), p));

export function addAtom(): string | undefined {
  let added: string | undefined;
  editProgram((p) => {
    const r = E.addAtom(p);
    added = r.name;
    return r.program;
  });
  return added;
}

export const updateAtom = (name: string, change: { syscall?: string; flags?: readonly string[] }) =>
  editProgram((p) => E.updateAtom(p, name, change));
