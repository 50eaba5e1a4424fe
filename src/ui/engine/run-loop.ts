// The run loop: plays the session frame by frame at the chosen speed, steps,
// steps back, seeks, and stops at breakpoints. Everything it needs from the
// page is passed in (the session, the frame scheduler, the clock, what to
// publish, where to say why it paused), so it runs in tests without a browser.
import type { RunSession as Session } from './run-session.ts';
import { FramePacer } from './pacer.ts';
import { checkEvent, type BreakNames, type Breakpoint, type Hit } from './breakpoints.ts';
import { readThreads } from '../../engine-wasm/host/records.ts';
import * as L from '../../engine-wasm/abi/layout.ts';

export interface RunLoopDeps {
  session(): Session | null;
  /** Events per second; Infinity = as fast as the frames allow. */
  speed(): number;
  breakpoints(): readonly Breakpoint[];
  names(): BreakNames | null;
  /** A check after each event while playing (a lesson's wait): where to stop, or null; null for no check. */
  watch?(): RunWatch | null;
  setPlaying(playing: boolean): void;
  /** Why the run is paused (a breakpoint's sentence), or null. */
  setPaused(reason: string | null): void;
  /** Hands the session's state to the panes: every pane (full), or the live part only. */
  publish(full: boolean): void;
  /**
   * After a fast run: hands one more pane the end state; true while another
   * pane still shows an older one (called again next frame). Without it every
   * pane catches up at once, in the frame after the last.
   */
  catchUp?(): boolean;
  requestFrame(cb: (time: number) => void): number;
  cancelFrame(id: number): void;
  now(): number;
}

/** Stops a run at a state of its own choosing: the words of the pause, and whether to stop just before the event. */
export type RunWatch = (s: Session) => { readonly text: string; readonly before: boolean } | null;

/** Main-thread time the kernel may take per frame at the slower speeds (a handful of events). */
const FRAME_BUDGET_MS = 3;
/** The kernel runs in slices of about this long at speed max: a misjudged slice overshoots the frame by little. */
const SLICE_MS = 1;
/** Speeds up to this publish every pane every frame (each event is watched). */
const SLOW_SPEED = 64;

export class RunLoop {
  private frame = 0;
  private endFrame = 0;
  private carry = 0;
  private lastTime = 0;
  /** Events per millisecond, measured as the program runs: sizes the slices at speed max. */
  private rate = 50;
  private readonly pacer = new FramePacer();
  /**
   * The first event of a Run is not stopped for an atom about to run: a run
   * that paused before an atom goes on past it when Run is pressed again, as a
   * debugger's continue steps over the breakpoint it stands on.
   */
  private first = false;
  playing = false;

  constructor(private readonly d: RunLoopDeps) {}

  play(): void {
    const s = this.d.session();
    if (!s) return;
    if (s.finished) s.reset();
    this.carry = 0;
    this.lastTime = 0;
    this.pacer.pause();
    this.first = true;
    this.setPlaying(true);
    this.d.setPaused(null);
    if (!this.frame) this.frame = this.d.requestFrame((t) => this.tick(t));
  }

  pause(): void {
    if (this.frame) this.d.cancelFrame(this.frame);
    this.frame = 0;
    if (this.playing) {
      this.setPlaying(false);
      this.d.publish(true);
    }
  }

  toggle(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  /** One event forward (breakpoints are stepped over, as debuggers do). */
  step(): void {
    this.pause();
    const s = this.d.session();
    this.d.setPaused(null);
    if (!s || s.finished) return;
    s.step();
    this.d.publish(true);
  }

  /** One event back: exactly the state before the last event. */
  stepBack(): void {
    this.pause();
    const s = this.d.session();
    this.d.setPaused(null);
    if (!s || s.events === 0) return;
    s.seek(s.events - 1);
    this.d.publish(true);
  }

  /** Any event between 0 and the furthest reached. */
  seek(event: number): void {
    this.pause();
    const s = this.d.session();
    this.d.setPaused(null);
    if (!s) return;
    s.seek(Math.min(event, Math.max(s.horizon, s.events)));
    this.d.publish(true);
  }

  reset(): void {
    this.pause();
    const s = this.d.session();
    this.d.setPaused(null);
    if (!s) return;
    s.reset();
    this.d.publish(true);
  }

  /** The session was replaced (new program): nothing of the old run goes on. */
  stop(): void {
    this.pause();
    if (this.endFrame) this.d.cancelFrame(this.endFrame);
    this.endFrame = 0;
    this.d.setPaused(null);
  }

  private readonly catchUpFrame = (): void => {
    this.endFrame = 0;
    if (!this.d.catchUp) this.d.publish(true);
    else if (this.d.catchUp()) this.endFrame = this.d.requestFrame(this.catchUpFrame);
  };

  private setPlaying(p: boolean): void {
    this.playing = p;
    this.d.setPlaying(p);
  }

  /** Runs one event and checks the breakpoints against what it did; true if one was hit (the run stopped). */
  private stepWatched(s: Session, bps: readonly Breakpoint[], watch: RunWatch | null): boolean {
    const names = this.d.names();
    if (!names || bps.length === 0) {
      s.step();
      return this.watched(s, watch);
    }
    const k = s.k;
    const mid = new Map<number, number>();
    if (bps.some((b) => b.kind === 'atom' && b.when === 'runs')) {
      for (const t of readThreads(k)) {
        const asleep = t.state === 'sleeping' || t.state === 'blocked' || t.resumed;
        if (asleep && t.mode === L.TM_WALK && t.atom) mid.set(t.tid, t.atom);
      }
    }
    const watched = bps.filter((b) => b.kind === 'watch').flatMap((b) => {
      const addr = names.vars.get(b.name);
      return addr === undefined ? [] : [{ name: b.name, addr, before: k.i32(addr) }];
    });
    s.step();
    const event = s.events;
    const recent = s.recent();
    const records = [];
    for (let i = recent.length - 1; i >= 0 && recent[i].event === event; i--) if (recent[i].trace) records.push(recent[i].trace!);
    records.reverse();
    const words = new Map(watched.map((w) => [w.name, { before: w.before, after: k.i32(w.addr) }]));
    const first = this.first;
    this.first = false;
    const hit = checkEvent(first ? bps.filter((b) => !(b.kind === 'atom' && b.when === 'runs')) : bps, records, names, mid, words);
    if (!hit) return this.watched(s, watch);
    this.stopAt(s, hit);
    return true;
  }

  private watched(s: Session, watch: RunWatch | null): boolean {
    const w = watch?.(s);
    if (!w) return false;
    this.stopAt(s, w);
    return true;
  }

  private stopAt(s: Session, hit: Pick<Hit, 'text' | 'before'>): void {
    // The atom's first event was just run: go back to the state just before it.
    if (hit.before) s.seek(s.events - 1);
    if (this.frame) this.d.cancelFrame(this.frame);
    this.frame = 0;
    this.setPlaying(false);
    this.d.setPaused(hit.text);
    this.d.publish(true);
  }

  private tick(time: number): void {
    this.frame = 0;
    const s = this.d.session();
    if (!s || !this.playing) return;
    const dt = this.lastTime ? Math.min(time - this.lastTime, 100) : 16;
    this.lastTime = time;
    const bps = this.d.breakpoints();
    const watch = this.d.watch?.() ?? null;
    const exact = bps.length > 0 || watch !== null;
    const start = this.d.now();
    const speed = this.d.speed();
    if (speed === Infinity) {
      const budget = this.pacer.frame(time);
      let left = budget;
      do {
        // A checkpoint (~2 ms) that would not fit in what is left of the frame starts the next one.
        if (!exact && s.checkpointDue && left < budget && left < s.checkpointMs) break;
        if (exact) {
          if (this.stepWatched(s, bps, watch)) return;
        } else {
          const before = s.events;
          const cp = s.checkpointTotalMs;
          const t0 = this.d.now();
          s.run(Math.max(16, Math.min(4000, Math.floor(this.rate * Math.min(left * 0.8, SLICE_MS)))));
          const took = this.d.now() - t0 - (s.checkpointTotalMs - cp);
          if (took > 0.2) this.rate = 0.7 * this.rate + 0.3 * ((s.events - before) / took);
        }
        left = budget - (this.d.now() - start);
      } while (!s.finished && left > 0.25 * budget);
    } else {
      this.pacer.pause();
      this.carry += (speed * dt) / 1000;
      while (this.carry >= 1 && !s.finished && this.d.now() - start < FRAME_BUDGET_MS) {
        this.carry -= 1;
        if (exact) {
          if (this.stepWatched(s, bps, watch)) return;
        } else s.step();
      }
    }
    const slow = speed <= SLOW_SPEED;
    this.d.publish(slow);
    if (s.finished) {
      this.setPlaying(false);
      // After a fast run the toolbar and the ring show the end in this frame, and the other
      // panes catch up in the next ones, one a frame: no frame draws them all.
      if (!slow && !this.endFrame) this.endFrame = this.d.requestFrame(this.catchUpFrame);
      return;
    }
    this.frame = this.d.requestFrame((t) => this.tick(t));
  }
}
