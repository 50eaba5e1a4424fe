// How much of each frame the kernel may take while a program runs at speed
// "max". The rest of the frame belongs to React and the browser (style,
// layout, paint): when a frame comes late the kernel's share shrinks at once;
// after a run of frames on time it grows back slowly. A fast machine ends up
// running more events per frame, a slow one (software rendering, two cores)
// fewer, and both keep pace with the display.

export interface PacerOptions {
  /** Smallest and largest share of a frame, in ms. */
  readonly minMs: number;
  readonly maxMs: number;
  /** Share to start with. */
  readonly startMs: number;
}

const DEFAULTS: PacerOptions = { minMs: 1, maxMs: 8, startMs: 2 };

/** A frame this much longer than the display's period was late. */
const LATE = 1.5;
/** On-time frames in a row before the share grows. */
const GROW_AFTER = 8;
const GROW_MS = 0.25;
const SHRINK = 0.75;

export class FramePacer {
  private share: number;
  private last = 0;
  private onTime = 0;
  /** The display's frame period: the shortest interval seen (60 Hz until measured). */
  private period = 1000 / 60;

  constructor(private readonly opts: PacerOptions = DEFAULTS) {
    this.share = opts.startMs;
  }

  /** The kernel's share of this frame, in ms; `time` is the frame's requestAnimationFrame timestamp. */
  frame(time: number): number {
    // The first frame of a run also draws what starting it changed (the toolbar, the ring, the
    // narration bar): the kernel gets no more than its starting share of that one.
    const first = this.last === 0;
    if (!first) {
      const interval = time - this.last;
      if (interval >= 4) this.period = Math.min(this.period, interval);
      if (interval > LATE * this.period) {
        this.share = Math.max(this.opts.minMs, this.share * SHRINK);
        this.onTime = 0;
      } else if (++this.onTime >= GROW_AFTER) {
        this.share = Math.min(this.opts.maxMs, this.share + GROW_MS);
        this.onTime = 0;
      }
    }
    this.last = time;
    return first ? Math.min(this.share, this.opts.startMs) : this.share;
  }

  /** A pause: the next frame starts a new run of intervals (the share is kept). */
  pause(): void {
    this.last = 0;
    this.onTime = 0;
  }

  get budgetMs(): number {
    return this.share;
  }
}
