// Which pane gets a fresh copy of the snapshot in this frame while a program
// runs fast. Drawing every pane in one frame (a few times a second, and once
// when the run ends) made the frames that did it 30–300 ms long on a 2-core
// machine with software rendering; one pane a frame keeps each frame short.
// Plain data, no DOM: the runtime asks, and the tests drive it with a clock.

export class PaneRefresh<G extends string> {
  /** When each group last got a fresh copy. */
  private readonly last = new Map<G, number>();
  /** The group whose turn comes first next time. */
  private turn = 0;

  constructor(private readonly groups: readonly G[]) {}

  /** Every group got a fresh copy at `now` (a Step, a pause, a new program). */
  all(now: number): void {
    for (const g of this.groups) this.last.set(g, now);
  }

  /**
   * The group to refresh in this frame while a run goes on: the next in turn
   * whose copy is at least `every` ms old, marked refreshed at `now`; null when
   * none is due. At most one a call, so two due at once go in two frames.
   */
  due(now: number, every: number): G | null {
    return this.take(now, (g) => now - (this.last.get(g) ?? -Infinity) >= every);
  }

  /** The next group in turn for which `behind` holds (catching up after a run), marked refreshed at `now`; null when none is. */
  next(now: number, behind: (g: G) => boolean): G | null {
    return this.take(now, behind);
  }

  private take(now: number, pick: (g: G) => boolean): G | null {
    const n = this.groups.length;
    for (let i = 0; i < n; i++) {
      const at = (this.turn + i) % n;
      const g = this.groups[at];
      if (!pick(g)) continue;
      this.turn = (at + 1) % n;
      this.last.set(g, now);
      return g;
    }
    return null;
  }
}
