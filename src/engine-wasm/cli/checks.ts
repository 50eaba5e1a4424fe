// Judging the checks of an expectations file against what a run did.
import { quote } from '../../ui/lang/print.ts';
import type { Expectation, NumberOp, NumberSubject } from './expect.ts';

/** What a run did, as the checks see it. Texts are bytes, one char per byte. */
export interface Observed {
  readonly exit: number;
  readonly console: string;
  readonly stdout: string;
  readonly stderr: string;
  /** The run's error message, '' when it ran to its end. */
  readonly error: string;
  readonly numbers: Readonly<Record<NumberSubject, number>>;
  /** A var's final value (signed), or undefined when the program has no such var. */
  varValue(name: string): number | undefined;
}

export interface Verdict {
  readonly ok: boolean;
  /** What the run gave, as the check would write it. */
  readonly got: string;
}

function compare(op: NumberOp, a: number, b: number): boolean {
  switch (op) {
    case '==': return a === b;
    case '!=': return a !== b;
    case '<': return a < b;
    case '<=': return a <= b;
    case '>': return a > b;
    case '>=': return a >= b;
  }
}

export function judgeCheck(e: Expectation, o: Observed): Verdict {
  switch (e.kind) {
    case 'text': {
      const got = o[e.subject];
      const ok = e.op === '==' ? got === e.bytes : e.op === '!=' ? got !== e.bytes : e.op === 'contains' ? got.includes(e.bytes) : !got.includes(e.bytes);
      return { ok, got: quote(got) };
    }
    case 'number': {
      const got = o.numbers[e.subject];
      return { ok: compare(e.op, got, e.value), got: String(got) };
    }
    case 'var': {
      const got = o.varValue(e.name);
      if (got === undefined) return { ok: false, got: 'no such var' };
      return { ok: compare(e.op, got, e.value), got: String(got) };
    }
  }
}
