import { createContext } from 'react';
import { BadgeBoard } from './badge-board.ts';

/** What a node's own buttons can ask of the graph, and what the run says about each atom. */
export interface GraphActions {
  /** Opens the inline editor for the atom. */
  edit(name: string): void;
  /** Deletes the atom, first asking when something uses it. */
  remove(name: string): void;
  /** False when no atom can be edited (nothing parses). */
  editable: boolean;
  /** The atom the inline editor is open for. */
  editing: string | null;
  /** Badges by atom name at the current event; each node subscribes to its own. */
  board: BadgeBoard;
  /** A big program's graph is a window of its atoms: moves it to the atoms before or after. */
  page(side: 'before' | 'after'): void;
}

export const GraphActionsContext = createContext<GraphActions>({ edit: () => {}, remove: () => {}, editable: false, editing: null, board: new BadgeBoard(), page: () => {} });
