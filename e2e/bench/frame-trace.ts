// A Chromium trace of one stretch of frames (CDP Tracing), summed up per frame:
// main-thread time in each frame (wall and CPU) and which phases (script, GC, style, layout,
// paint) it went to, plus how busy the compositor and raster threads were.
// Frames are given as requestAnimationFrame timestamps in the page's clock; a
// performance.mark named MARK, made in the page before the first frame, ties
// that clock to the trace's.
import type { CDPSession, Page } from '@playwright/test';

export const MARK = 'bench-frames-start';

interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  /** Thread (CPU) time, µs: less than dur when the thread was waiting or descheduled. */
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { name?: string };
}

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'toplevel', 'v8'].join(',');

export type Phase = 'script' | 'gc' | 'style' | 'layout' | 'paint' | 'other';
export const PHASES: readonly Phase[] = ['script', 'gc', 'style', 'layout', 'paint', 'other'];

/** Which phase an event's own (self) time belongs to. */
export function phaseOf(name: string): Phase {
  if (/GC|Scavenge|Sweep|Mark/i.test(name) && !/^Paint/.test(name)) return 'gc';
  if (/^(FunctionCall|EvaluateScript|TimerFire|FireAnimationFrame|EventDispatch|RunMicrotasks|V8\.Execute|v8\.|V8\.|XHRReadyStateChange|ParseHTML)/.test(name)) return 'script';
  if (/^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|StyleRecalc)/.test(name)) return 'style';
  if (/^(Layout|UpdateLayout|IntersectionObserverController)/.test(name)) return 'layout';
  if (/^(Paint|PrePaint|PaintImage|UpdateLayer|UpdateLayerTree|Layerize|CompositeLayers|Commit|PaintSetup|Rasterize|RasterTask|Decode)/.test(name)) return 'paint';
  return 'other';
}

export class FrameTrace {
  private events: TraceEvent[] = [];
  private cdp: CDPSession | null = null;

  async start(page: Page): Promise<void> {
    this.cdp = await page.context().newCDPSession(page);
    this.events = [];
    this.cdp.on('Tracing.dataCollected', (e) => {
      for (const ev of e.value as unknown as TraceEvent[]) this.events.push(ev);
    });
    await this.cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  }

  async stop(): Promise<void> {
    const cdp = this.cdp!;
    const done = new Promise<void>((res) => cdp.once('Tracing.tracingComplete', () => res()));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
    this.cdp = null;
  }

  /**
   * Lines that sum up the frames (rAF timestamps, page clock) of the traced stretch; `unit` names
   * what lies between two times (a frame, or a Step click and the next).
   */
  summary(frameTimes: readonly number[], markPage: number, unit = 'frame'): string[] {
    const mark = this.events.find((e) => e.name === MARK && e.cat.includes('user_timing'));
    if (!mark || frameTimes.length < 2) return ['(trace: no mark or no frames; nothing to sum up)'];
    const names = new Map<string, string>();
    for (const e of this.events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
    const main = `${mark.pid}:${mark.tid}`;
    // The mark's trace time (µs) against its page time (ms, performance.mark's startTime) ties the clocks.
    const toTrace = (t: number) => mark.ts + (t - markPage) * 1000;
    const first = toTrace(frameTimes[0]);
    const last = toTrace(frameTimes[frameTimes.length - 1]);

    // Complete events per thread (B/E pairs folded into X), in the traced stretch.
    const perThread = new Map<string, { name: string; ts: number; dur: number; tdur: number }[]>();
    const open = new Map<string, TraceEvent[]>();
    const add = (key: string, name: string, ts: number, dur: number, tdur = dur) => {
      if (ts + dur < first || ts > last) return;
      let list = perThread.get(key);
      if (!list) perThread.set(key, (list = []));
      list.push({ name, ts, dur, tdur });
    };
    for (const e of this.events) {
      const key = `${e.pid}:${e.tid}`;
      if (e.ph === 'X' && e.dur !== undefined) add(key, e.name, e.ts, e.dur, e.tdur ?? e.dur);
      else if (e.ph === 'B') (open.get(key) ?? open.set(key, []).get(key)!).push(e);
      else if (e.ph === 'E') {
        const b = open.get(key)?.pop();
        if (b) add(key, b.name, b.ts, e.ts - b.ts);
      }
    }

    // Self time of each main-thread event, counted in the frame where the event starts.
    const frames = frameTimes.slice(1).map((t, i) => ({ len: t - frameTimes[i], start: toTrace(frameTimes[i]), by: new Map<Phase, number>(), busy: 0, cpu: 0, top: new Map<string, number>() }));
    const frameAt = (ts: number) => {
      let lo = 0;
      let hi = frames.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (frames[mid].start <= ts) lo = mid;
        else hi = mid - 1;
      }
      return frames[lo];
    };
    const mainEvents = (perThread.get(main) ?? []).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack: { end: number; child: number; childCpu: number; ev: { name: string; ts: number; dur: number; tdur: number } }[] = [];
    const flush = (s: (typeof stack)[number]) => {
      const self = Math.max(0, s.ev.dur - s.child) / 1000;
      const f = frameAt(s.ev.ts);
      const phase = phaseOf(s.ev.name);
      f.by.set(phase, (f.by.get(phase) ?? 0) + self);
      f.busy += self;
      f.cpu += Math.max(0, s.ev.tdur - s.childCpu) / 1000;
      f.top.set(s.ev.name, (f.top.get(s.ev.name) ?? 0) + self);
    };
    for (const ev of mainEvents) {
      while (stack.length && stack[stack.length - 1].end <= ev.ts) flush(stack.pop()!);
      if (stack.length) {
        stack[stack.length - 1].child += Math.min(ev.dur, stack[stack.length - 1].end - ev.ts);
        stack[stack.length - 1].childCpu += ev.tdur;
      }
      stack.push({ end: ev.ts + ev.dur, child: 0, childCpu: 0, ev });
    }
    while (stack.length) flush(stack.pop()!);

    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
    const f1 = (x: number) => x.toFixed(1);
    const busy = frames.map((f) => f.busy);
    const out: string[] = [];
    const cpu = frames.map((f) => f.cpu);
    out.push(`main thread busy per ${unit}, wall time (p50 / p95 / max of ${frames.length}): ${f1(pct(busy, 50))} / ${f1(pct(busy, 95))} / ${f1(Math.max(...busy))} ms`);
    out.push(`  of it on a CPU (thread time; the rest it waited, or another process had the core): ${f1(pct(cpu, 50))} / ${f1(pct(cpu, 95))} / ${f1(Math.max(...cpu))} ms`);
    const total = (p: Phase) => frames.reduce((n, f) => n + (f.by.get(p) ?? 0), 0);
    const all = busy.reduce((a, b) => a + b, 0);
    out.push(`  by phase over the run (ms, share): ${PHASES.map((p) => `${p} ${f1(total(p))} (${((100 * total(p)) / all).toFixed(0)}%)`).join(', ')}`);
    // Other threads: the compositor and raster workers (software raster runs there).
    const threads = new Map<string, number>();
    for (const [key, list] of perThread) {
      if (key === main) continue;
      const name = names.get(key) ?? key;
      if (!/Compositor|Raster|Viz|TileWorker/.test(name)) continue;
      list.sort((a, b) => a.ts - b.ts);
      let end = 0;
      let sum = 0;
      for (const e of list) {
        if (e.ts >= end) {
          sum += e.dur;
          end = e.ts + e.dur;
        } else if (e.ts + e.dur > end) {
          sum += e.ts + e.dur - end;
          end = e.ts + e.dur;
        }
      }
      const label = name.replace(/\d+$/, '');
      threads.set(label, (threads.get(label) ?? 0) + sum / 1000);
    }
    const span = (last - first) / 1000;
    out.push(`  other threads busy over the ${f1(span)} ms run: ${[...threads].map(([n, t]) => `${n} ${f1(t)} ms`).join(', ') || 'none traced'}`);
    const worst = [...frames].sort((a, b) => b.len - a.len).slice(0, 5);
    const line = (what: string, f: (typeof frames)[number]) => {
      const phases = PHASES.map((p) => `${p} ${f1(f.by.get(p) ?? 0)}`).join(', ');
      const top = [...f.top].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, t]) => `${n} ${f1(t)}`).join(', ');
      out.push(`  ${what} ${f1(f.len)} ms ${unit}: main thread ${f1(f.busy)} ms, ${f1(f.cpu)} on a CPU (${phases}); most: ${top}`);
    };
    for (const f of worst) line('a', f);
    for (const [i, f] of frames.slice(0, 3).entries()) line(`${unit} ${i + 1}, a`, f);
    return out;
  }
}
