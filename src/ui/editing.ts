// The one way other panes change the program text (graph edits, imports,
// examples): through Monaco's model when the editor is up, so the change is
// one undoable step of the editor's own undo/redo; else straight to the store.
import { setSource } from './engine/runtime.ts';

export interface TextModelLike {
  getValue(): string;
  /** Replaces the whole text as one undoable edit. */
  replaceAll(text: string): void;
}

let model: TextModelLike | null = null;

/** Called by the editor component when its model exists (null on unmount). */
export function registerModel(m: TextModelLike | null): void {
  model = m;
}

/** Replaces the program text; `exampleName` marks text that is an unedited example. */
export function replaceSource(text: string, exampleName: string | null = null): void {
  if (model && model.getValue() !== text) model.replaceAll(text);
  setSource(text, exampleName);
}
