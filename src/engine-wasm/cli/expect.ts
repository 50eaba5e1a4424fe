// The expectations file of `syslet check` (docs/cli.md, "Expectations"): one
// check per line, `SUBJECT OP VALUE`, `#` comments, with the syslet
// language's own tokens (its lexer), so strings, numbers and constants are
// written as in a program:
//
//   exit == 0
//   console contains "reaped 4 completions"
//   lost == 0
//   clock < 30ms
//   var nread > 0
//
// Parsing never throws: mistakes are diagnostics (line:col), as the parser's.
import type { Diagnostic, Span } from '../../ui/lang/ast.ts';
import { lex, spanToPos, type Token } from '../../ui/lang/lexer.ts';
import { CONSTANTS, didYouMean } from '../../ui/lang/names.ts';
import { UNIT_NS } from '../../ui/lang/options.ts';

export const TEXT_SUBJECTS = ['console', 'stdout', 'stderr', 'error'] as const;
export const NUMBER_SUBJECTS = ['exit', 'posted', 'lost', 'atoms', 'events', 'clock', 'threads'] as const;
export type TextSubject = (typeof TEXT_SUBJECTS)[number];
export type NumberSubject = (typeof NUMBER_SUBJECTS)[number];

export const TEXT_OPS = ['==', '!=', 'contains', '!contains'] as const;
export const NUMBER_OPS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type TextOp = (typeof TEXT_OPS)[number];
export type NumberOp = (typeof NUMBER_OPS)[number];

interface Base {
  readonly line: number;
  readonly column: number;
  /** The check as written (without its comment). */
  readonly text: string;
}
/** What a check says, without where it is written. */
export type Check =
  | { readonly kind: 'text'; readonly subject: TextSubject; readonly op: TextOp; /** Bytes, one char per byte. */ readonly bytes: string }
  | { readonly kind: 'number'; readonly subject: NumberSubject; readonly op: NumberOp; readonly value: number }
  | { readonly kind: 'var'; readonly name: string; readonly nameSpan: Span; readonly op: NumberOp; /** Signed 32-bit. */ readonly value: number };
export type Expectation = Base & Check;

export interface Expectations {
  readonly checks: readonly Expectation[];
  readonly diagnostics: readonly Diagnostic[];
}

const SUBJECTS: readonly string[] = [...TEXT_SUBJECTS, ...NUMBER_SUBJECTS, 'var'];

class LineError extends Error {
  constructor(
    readonly span: Span,
    message: string,
  ) {
    super(message);
  }
}

/** The tokens of one line, read from left to right. */
class Line {
  private at = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly end: Span,
  ) {}
  peek(): Token | undefined {
    return this.tokens[this.at];
  }
  next(what: string): Token {
    const t = this.tokens[this.at++];
    if (!t) throw new LineError(this.end, `expected ${what} at the end of the line`);
    return t;
  }
  done(): void {
    const t = this.peek();
    if (t) throw new LineError(t.span, `unexpected \`${t.text}\` after the check (one check per line)`);
  }
}

function parseOp(l: Line, subject: string, ops: readonly string[]): string {
  const t = l.next(`a comparison (${ops.join(' ')})`);
  let op = t.text;
  if (op === '!' && l.peek()?.text === 'contains' && ops.includes('!contains')) {
    l.next('contains');
    op = '!contains';
  }
  if (!ops.includes(op)) throw new LineError(t.span, `\`${subject}\` takes ${ops.map((o) => `\`${o}\``).join(', ')}; found \`${t.text}\``);
  return op;
}

/** `-`? then an integer (a duration with a unit for `clock`) or a named constant. */
function parseNumber(l: Line, subject: string): number {
  let t = l.next('a number');
  let sign = 1;
  if (t.text === '-') {
    sign = -1;
    t = l.next('a number after `-`');
  }
  if (t.kind === 'int') {
    if (t.unit && subject !== 'clock') throw new LineError(t.span, `only \`clock\` takes a duration; \`${subject}\` is a plain number`);
    return sign * (t.value ?? 0) * (t.unit ? UNIT_NS[t.unit] : 1);
  }
  if (t.kind === 'name') {
    const c = CONSTANTS.get(t.text);
    if (c === undefined) throw new LineError(t.span, `\`${t.text}\` is not a number or a constant${didYouMean(t.text, CONSTANTS.keys())}`);
    return sign * c;
  }
  throw new LineError(t.span, `expected a number; found \`${t.text}\``);
}

function parseCheck(l: Line): Check {
  const s = l.next('a subject');
  if (s.kind !== 'name' || !SUBJECTS.includes(s.text)) {
    throw new LineError(s.span, `a check starts with ${SUBJECTS.map((x) => `\`${x}\``).join(', ')}; found \`${s.text}\`${didYouMean(s.text, SUBJECTS)}`);
  }
  if ((TEXT_SUBJECTS as readonly string[]).includes(s.text)) {
    const op = parseOp(l, s.text, TEXT_OPS) as TextOp;
    const v = l.next('a string');
    if (v.kind !== 'str') throw new LineError(v.span, `\`${s.text}\` is compared with a string, as in ${s.text} ${op} "text"; found \`${v.text}\``);
    return { kind: 'text', subject: s.text as TextSubject, op, bytes: v.bytes ?? '' };
  }
  if (s.text === 'var') {
    const n = l.next('the name of a var');
    if (n.kind !== 'name') throw new LineError(n.span, `\`var\` takes the name of one of the program's vars; found \`${n.text}\``);
    const op = parseOp(l, `var ${n.text}`, NUMBER_OPS) as NumberOp;
    return { kind: 'var', name: n.text, nameSpan: n.span, op, value: parseNumber(l, 'var') | 0 };
  }
  const op = parseOp(l, s.text, NUMBER_OPS) as NumberOp;
  return { kind: 'number', subject: s.text as NumberSubject, op, value: parseNumber(l, s.text) };
}

export function parseExpectations(text: string): Expectations {
  const lexed = lex(text);
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  const checks: Expectation[] = [];
  const lines = text.split('\n');
  let start = 0;
  for (let i = 0; i < lexed.tokens.length; i++) {
    const t = lexed.tokens[i];
    if (t.kind !== 'nl' && t.kind !== 'eof') continue;
    const toks = lexed.tokens.slice(start, i);
    start = i + 1;
    if (!toks.length) continue;
    const first = toks[0].span;
    const last = toks[toks.length - 1].span;
    const l = new Line(toks, { ...last, col: last.endCol, endCol: last.endCol + 1 });
    try {
      const c = parseCheck(l);
      l.done();
      const src = (lines[first.line - 1] ?? '').slice(first.col - 1, last.endCol - 1);
      checks.push({ ...c, line: first.line, column: first.col, text: src });
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      diagnostics.push({ ...spanToPos(e.span), message: e.message, severity: 'error' });
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { checks, diagnostics };
}
