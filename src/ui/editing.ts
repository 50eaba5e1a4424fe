// The one way other panes change the program text (graph edits, imports,
// examples): through Monaco's model when the editor is up, so the change is
// one undoable step of the editor's own undo/redo; else straight to the store.
import { setSource } from './engine/runtime.ts';
import { dropTyping } from './typing.ts';
import { useStore } from './store/index.ts';
import { applyTextEdits, type TextEdit } from './lang/textedit.ts';

export interface TextModelLike {
  getValue(): string;
  /** Replaces the whole text as one undoable edit. */
  replaceAll(text: string): void;
  /** Applies edits (ranges in the current text) as one undoable step. */
  applyEdits(edits: readonly TextEdit[]): void;
  /** The editor's own undo / redo (optional: absent before the editor is up). */
  undo?(): void;
  redo?(): void;
}

let model: TextModelLike | null = null;

/** Called by the editor component when its model exists (null on unmount). */
export function registerModel(m: TextModelLike | null): void {
  model = m;
}

/** Replaces the program text; `exampleName` marks text that is an unedited example. */
export function replaceSource(text: string, exampleName: string | null = null): void {
  if (model && model.getValue() !== text) model.replaceAll(text);
  // A program put in place (an example, a lesson, a file, a link) is what the page then shows and runs.
  if (useStore.getState().lang !== 'syslet') useStore.setState({ lang: 'syslet' });
  // What was typed just before (still waiting to be parsed) is older than this text.
  dropTyping();
  setSource(text, exampleName);
}

/** Changes only the ranges the edits name, as one undoable step (graph edits keep the rest byte for byte). */
export function editSource(edits: readonly TextEdit[]): void {
  if (edits.length === 0) return;
  if (model) {
    model.applyEdits(edits);
    dropTyping(); // the model's text holds what was typed too
    setSource(model.getValue());
  } else {
    setSource(applyTextEdits(useStore.getState().source, edits));
  }
}

/** The newest text: the editor's (it may be ahead of the store while typing), else the store's. */
export function currentSource(): string {
  return model ? model.getValue() : useStore.getState().source;
}

/** Monaco's undo / redo, for buttons outside the editor; false when there is no editor. */
export function undoSource(): boolean {
  if (!model?.undo) return false;
  model.undo();
  return true;
}
export function redoSource(): boolean {
  if (!model?.redo) return false;
  model.redo();
  return true;
}

/** Whether the editor is up (so a replaced text is one Undo away). */
export function editorIsUp(): boolean {
  return model?.undo !== undefined;
}
