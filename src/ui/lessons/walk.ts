// A lesson walked headless, as a student would with Step: from each step's
// opening event, one event at a time until its wait is reached. The tests use
// it to check every shipped lesson against a real run, through the same
// source pipeline and session the page uses.
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { compileSource } from '../engine/source.ts';
import { Session } from '../engine/session.ts';
import { answerAt, atNow, reached } from './conditions.ts';
import type { Lesson } from './format.ts';

export interface StepOutcome {
  readonly step: number;
  /** The event the step opened at, and the event its wait was reached at (same as opened when it has no wait). */
  readonly opened: number;
  readonly event: number;
  readonly reached: boolean;
  /** Why the wait or the question could not be judged. */
  readonly problem?: string;
  /** The run's answer to the step's question. */
  readonly answer?: string;
}

export interface Walk {
  readonly errors: readonly string[];
  readonly steps: readonly StepOutcome[];
  readonly console: string;
  readonly session: Session | null;
}

/** Events one step may take before the walk gives up on its wait. */
const MAX_STEP_EVENTS = 200_000;

export function walkLesson(k: Kernel, lesson: Lesson): Walk {
  const c = compileSource(lesson.program);
  if (!c.program || !c.layout) {
    return { errors: c.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column} ${d.message}`), steps: [], console: '', session: null };
  }
  const s = new Session(k, c.program, c.layout);
  const steps: StepOutcome[] = [];
  lesson.steps.forEach((st, i) => {
    const opened = s.events;
    if (!st.wait) {
      steps.push({ step: i, opened, event: opened, reached: true });
      return;
    }
    // A wait is judged at each event after the one its step opened at.
    let r: boolean | string = false;
    for (let n = 0; r === false && !s.finished && n < MAX_STEP_EVENTS; n++) {
      s.step();
      r = reached(st.wait, atNow(s));
    }
    if (typeof r === 'string') {
      steps.push({ step: i, opened, event: s.events, reached: false, problem: r });
      return;
    }
    const out: { answer?: string; problem?: string } = {};
    if (r && st.ask) {
      const a = answerAt(st.ask, atNow(s));
      if ('answer' in a) out.answer = a.answer;
      else out.problem = a.error;
    }
    steps.push({ step: i, opened, event: s.events, reached: r, ...out });
  });
  return { errors: [], steps, console: k.consoleText(), session: s };
}
