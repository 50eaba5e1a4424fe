// The parser's state: a cursor over the tokens, the diagnostics, and the
// comments waiting to be attached to the next node. Errors abandon the
// current line (ParseError); too many errors abandon the parse (Bail).
import type { Comment, Diagnostic, Severity, Span } from './ast.ts';
import { type Lexed, type LexComment, type Token, spanToPos } from './lexer.ts';

export const MAX_DIAGNOSTICS = 100;
export const MAX_BLOCK_DEPTH = 32;
export const MAX_EXPR_DEPTH = 64;
export const MAX_EXPR_NODES = 500;

/** Abandons the current line; the statement parser resynchronizes. */
export class ParseError extends Error {}
/** Abandons the whole parse (too many errors). */
export class Bail extends Error {}

export class Cursor {
  private pos = 0;
  private readonly tokens: Token[];
  private readonly fullComments: LexComment[];
  private nextComment = 0;
  private readonly trailing = new Map<number, string>();
  private readonly blankLines: ReadonlySet<number>;
  readonly diagnostics: Diagnostic[];
  private count = 0;
  /** Nothing has been emitted yet in the current block (no blank line before it). */
  containerStart = true;
  blockDepth = 0;
  exprDepth = 0;
  exprNodes = 0;

  constructor(lexed: Lexed) {
    this.tokens = lexed.tokens;
    this.blankLines = lexed.blankLines;
    this.diagnostics = lexed.diagnostics;
    this.count = lexed.diagnostics.length;
    this.fullComments = lexed.comments.filter((c) => c.full);
    for (const c of lexed.comments) if (!c.full) this.trailing.set(c.line, c.text);
  }

  peek(k = 0): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === text;
  }
  isName(text?: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'name' && (text === undefined || t.text === text);
  }
  atLineEnd(): boolean {
    const k = this.peek().kind;
    return k === 'nl' || k === 'eof';
  }
  skipNewlines(): void {
    while (this.peek().kind === 'nl') this.pos++;
  }

  /** Consumes the operator or fails the line with "expected …". */
  expectOp(text: string, context: string): Token {
    if (this.isOp(text)) return this.next();
    return this.fail(this.peek().span, `expected \`${text}\` ${context}, found ${describe(this.peek())}`);
  }
  expectName(context: string): Token {
    if (this.isName()) return this.next();
    return this.fail(this.peek().span, `expected a name ${context}, found ${describe(this.peek())}`);
  }

  report(at: Span, message: string, severity: Severity = 'error'): void {
    const span = at.line === at.endLine && at.endCol <= at.col ? { ...at, endCol: at.col + 1 } : at;
    if (++this.count > MAX_DIAGNOSTICS) {
      const message = `too many problems: only the first ${MAX_DIAGNOSTICS} are shown`;
      this.diagnostics.push({ ...spanToPos(span), message, severity: 'error' });
      throw new Bail();
    }
    this.diagnostics.push({ ...spanToPos(span), message, severity });
  }
  fail(span: Span, message: string): never {
    this.report(span, message);
    throw new ParseError(message);
  }

  /** Skips to the end of the line, and through any block opened on it. */
  skipLine(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'nl' && depth === 0) return;
      if (t.kind === 'op' && t.text === '{') depth++;
      if (t.kind === 'op' && t.text === '}') {
        if (depth === 0) return;
        depth--;
      }
      this.pos++;
    }
  }

  /** Full-line comments before `line`, in order. */
  takeLeading(line: number): Comment[] {
    const out: Comment[] = [];
    while (this.nextComment < this.fullComments.length && this.fullComments[this.nextComment].line < line) {
      const c = this.fullComments[this.nextComment++];
      out.push({ text: c.text, blankBefore: this.blankBefore(c.line) });
    }
    return out;
  }
  takeTrailing(line: number): string | undefined {
    const text = this.trailing.get(line);
    this.trailing.delete(line);
    return text;
  }
  /** Whether a blank line precedes `line`; false for the first thing in a block. */
  blankBefore(line: number): boolean {
    const blank = !this.containerStart && this.blankLines.has(line - 1);
    this.containerStart = false;
    return blank;
  }
}

export function describe(t: Token): string {
  switch (t.kind) {
    case 'nl': return 'the end of the line';
    case 'eof': return 'the end of the program';
    case 'str': return 'a string';
    case 'int': return `\`${t.text}\``;
    default: return `\`${t.text}\``;
  }
}

export function spanFrom(a: Span, b: Span): Span {
  return { line: a.line, col: a.col, endLine: b.endLine, endCol: b.endCol };
}
