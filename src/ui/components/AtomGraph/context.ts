import { createContext } from 'react';

/** What a node's own buttons can ask of the graph. */
export interface GraphActions {
  /** Opens the inline editor for the atom. */
  edit(name: string): void;
  remove(name: string): void;
  /** False while the program text has errors: edits are off then. */
  editable: boolean;
  /** The atom the inline editor is open for. */
  editing: string | null;
}

export const GraphActionsContext = createContext<GraphActions>({ edit: () => {}, remove: () => {}, editable: false, editing: null });
