// The run's badges for the graph's nodes, outside React's props: each node
// subscribes to its own atom's badge, so a Step re-renders only the nodes whose
// badge changed (a 16-atom graph re-rendered every node, and every handle, on
// every event). A badge equal to the one before keeps its identity.
import { useSyncExternalStore } from 'react';
import type { AtomBadge } from './live.ts';

const same = (a: AtomBadge, b: AtomBadge) => JSON.stringify(a) === JSON.stringify(b);

export class BadgeBoard {
  private badges: ReadonlyMap<string, AtomBadge> = new Map();
  private complete = true;
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly badgeOf = (name: string): AtomBadge | undefined => this.badges.get(name);

  /** The trace window reaches back to the run's start (an atom without a badge has not run). */
  readonly isComplete = (): boolean => this.complete;

  /** Takes the badges at the current event; tells the subscribers when anything changed. */
  set(next: ReadonlyMap<string, AtomBadge>, complete: boolean): void {
    const merged = new Map<string, AtomBadge>();
    let changed = complete !== this.complete || next.size !== this.badges.size;
    for (const [name, badge] of next) {
      const old = this.badges.get(name);
      const keep = old !== undefined && same(old, badge);
      merged.set(name, keep ? old : badge);
      if (!keep) changed = true;
    }
    if (!changed) return;
    this.badges = merged;
    this.complete = complete;
    for (const l of this.listeners) l();
  }
}

/** One atom's badge, re-rendering the caller only when that badge changes. */
export function useBadge(board: BadgeBoard, name: string): AtomBadge | undefined {
  return useSyncExternalStore(board.subscribe, () => board.badgeOf(name));
}

export function useComplete(board: BadgeBoard): boolean {
  return useSyncExternalStore(board.subscribe, board.isComplete);
}
