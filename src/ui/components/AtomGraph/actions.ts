// Graph edits reach the program text here: each runs on the newest text (the
// editor's, so nothing typed in the last moment is lost), touches only the
// lines of the declarations it changes, and lands as one step of the editor's
// undo stack. The text may have errors elsewhere: the atoms that parse can
// still be edited.
import { currentSource, editSource } from '../../editing.ts';
import type { AtomChange } from './edits.ts';
import * as T from './textedits.ts';
import { changeAtomWithNewVar, type NewVarValue } from './newvar.ts';

function apply(edits: readonly T.TextEdit[] | null): boolean {
  if (!edits) return false;
  editSource(edits);
  return true;
}

export const connectNext = (from: string, to: string | undefined) => apply(T.setNextEdits(currentSource(), from, to));
export const clearNext = (names: readonly string[]) => {
  const src = currentSource();
  // One atom line each: the edits never overlap, so they go in as one step.
  return apply(names.flatMap((n) => T.setNextEdits(src, n, undefined) ?? []));
};

/** Deletes the atoms; with `uses`, also the `next`s and statements that name them. */
export const deleteAtoms = (names: readonly string[], uses: boolean) =>
  names.length > 0 && apply(T.deleteAtomsEdits(currentSource(), names, uses));

export const usesOf = (names: readonly string[]) => T.usesOf(currentSource(), names);

export function addAtom(): string {
  const { edits, name } = T.addAtomEdits(currentSource());
  apply(edits);
  return name;
}

export const updateAtom = (name: string, change: AtomChange) => apply(T.changeAtomEdits(currentSource(), name, change));

/** Changes the atom and declares the new var it uses, with its initial value, in the same undo step. */
export const updateAtomWithNewVar = (name: string, change: AtomChange, newVar: string, value: NewVarValue) =>
  apply(changeAtomWithNewVar(currentSource(), name, change, newVar, value));

export const moveAtom = (name: string, dir: -1 | 1) => apply(T.moveAtomEdits(currentSource(), name, dir));
