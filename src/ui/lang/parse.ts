// parse(text) -> { program, diagnostics }: the syslet language front end.
// Never throws. Each statement is one line; an error abandons the rest of
// its line (and any block opened on it) and parsing resumes on the next, so
// one pass reports several errors. Semantic checks follow in check.ts.
import type { Block, Comment, Diagnostic, Expr, IfStmt, Item, Program, Span, Stmt, WithoutTrivia } from './ast.ts';
import { isDecl } from './ast.ts';
import { check } from './check.ts';
import { Bail, Cursor, MAX_BLOCK_DEPTH, ParseError, describe, spanFrom } from './cursor.ts';
import { lex, type Token } from './lexer.ts';
import { didYouMean } from './names.ts';
import { parseAtom, parseBuffer, parseLatency, parseOption, parseRing, parseVar } from './parse-decl.ts';
import { parseExpr } from './parse-expr.ts';

export const MAX_TEXT = 200_000;

export interface ParseResult {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
}

const EMPTY: Program = { items: [], endComments: [] };
const STATEMENT_WORDS = ['option', 'latency', 'ring', 'var', 'buffer', 'atom', 'if', 'while', 'print', 'assert', 'async_exec', 'async_wait', 'reap'];

export function parse(text: string): ParseResult {
  const at = { line: 1, column: 1, endLine: 1, endColumn: 2 };
  if (typeof text !== 'string') return { program: EMPTY, diagnostics: [{ ...at, message: 'the program is not text', severity: 'error' }] };
  if (text.length > MAX_TEXT) {
    const message = `the program is too long: ${text.length} characters (at most ${MAX_TEXT})`;
    return { program: EMPTY, diagnostics: [{ ...at, message, severity: 'error' }] };
  }
  try {
    const p = new Cursor(lex(text));
    const { program, bailed } = parseProgram(p);
    if (!bailed) {
      try {
        check(program, p);
      } catch (e) {
        if (!(e instanceof Bail)) throw e;
      }
    }
    const diagnostics = p.diagnostics.slice().sort((a, b) => a.line - b.line || a.column - b.column);
    return { program, diagnostics };
  } catch (e) {
    const message = `internal error in the parser: ${e instanceof Error ? e.message : String(e)}`;
    return { program: EMPTY, diagnostics: [{ ...at, message, severity: 'error' }] };
  }
}

function parseProgram(p: Cursor): { program: Program; bailed: boolean } {
  const items: Item[] = [];
  let bailed = false;
  try {
    for (;;) {
      p.skipNewlines();
      const t = p.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'op' && t.text === '}') {
        p.report(t.span, 'this `}` has no matching `{`');
        p.next();
        continue;
      }
      const item = parseLine(p, false);
      if (item) items.push(item);
    }
  } catch (e) {
    if (!(e instanceof Bail)) throw e;
    bailed = true;
  }
  return { program: { items, endComments: p.takeLeading(Infinity) }, bailed };
}

/** One item, or undefined after an error (the line is skipped). */
function parseLine(p: Cursor, inBlock: boolean): Item | undefined {
  const first = p.containerStart;
  try {
    return parseItem(p, inBlock);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    p.containerStart = first; // nothing was emitted
    p.skipLine();
    return undefined;
  }
}

function parseItem(p: Cursor, inBlock: boolean): Item | undefined {
  const t = p.peek();
  const leading = p.takeLeading(t.span.line);
  const blankBefore = p.blankBefore(t.span.line);
  p.exprNodes = 0;
  p.exprDepth = 0;
  const node = parseBare(p, t, inBlock);
  if (node === undefined) return undefined;
  endStatement(p, inBlock);
  const trailing = node.kind === 'if' || node.kind === 'while' ? undefined : p.takeTrailing(node.span.endLine);
  return { ...node, leading, blankBefore, ...(trailing !== undefined ? { trailing } : {}) } as Item;
}

type BareItem = WithoutTrivia<Item>;

function parseBare(p: Cursor, t: Token, inBlock: boolean): BareItem | undefined {
  if (t.kind !== 'name') return parseSimple(p);
  switch (t.text) {
    case 'ring': case 'var': case 'buffer': case 'atom': case 'option': case 'latency': {
      if (inBlock) {
        const hint = t.text === 'var' ? ': declare `var x` at the top level and assign `x = …` here' : '';
        p.fail(t.span, `declarations go at the top level, not inside a block${hint}`);
      }
      p.next();
      if (t.text === 'ring') return parseRing(p, t);
      if (t.text === 'option') return parseOption(p, t);
      if (t.text === 'latency') return parseLatency(p, t);
      if (t.text === 'var') return parseVar(p, t);
      if (t.text === 'buffer') return parseBuffer(p, t);
      return parseAtom(p, t);
    }
    case 'if': return parseIf(p);
    case 'while': {
      p.next();
      const cond = parseCondition(p, 'while');
      const body = parseBlock(p);
      return { kind: 'while', cond, body, span: spanFrom(t.span, body.span) };
    }
    case 'print': {
      p.next();
      if (p.atLineEnd()) p.fail(t.span, '`print` needs something to print, as in `print "hello\\n"` or `print n, "\\n"`');
      const args = [parseExpr(p)];
      while (p.isOp(',')) {
        p.next();
        args.push(parseExpr(p));
      }
      return { kind: 'print', args, span: spanFrom(t.span, args[args.length - 1].span) };
    }
    case 'assert': {
      p.next();
      const cond = parseExpr(p);
      return { kind: 'assert', cond, span: spanFrom(t.span, cond.span) };
    }
    case 'else':
      return p.fail(t.span, '`else` must follow the `}` of an `if` on the same line: write `} else {`');
    case 'ret': case 'flags': case 'next': case 'fault':
      return p.fail(t.span, `\`${t.text}\` belongs in an atom declaration, after the syscall's arguments`);
  }
  return parseSimple(p);
}

function parseSimple(p: Cursor): BareItem {
  const e = parseExpr(p);
  if (p.isOp('=')) {
    p.next();
    if (e.kind !== 'name' && e.kind !== 'field') {
      p.fail(e.span, 'only a var (`x = …`) or an atom field (`a.next = …`) can be assigned');
    }
    const value = parseExpr(p);
    return { kind: 'assign', target: e, value, span: spanFrom(e.span, value.span) };
  }
  if (e.kind === 'name' && !p.atLineEnd() && !p.isOp('}')) {
    const hint = didYouMean(e.name, STATEMENT_WORDS);
    if (hint) p.fail(e.span, `unknown statement \`${e.name}\`${hint}`);
  }
  if (e.kind !== 'call' && (p.atLineEnd() || p.isOp('}'))) {
    const hint = e.kind === 'binary' && e.op === '==' ? ' — did you mean `=`?' : '';
    p.report(e.span, `this expression does nothing on its own (only calls can stand alone)${hint}`);
  }
  return { kind: 'expr', expr: e, span: e.span };
}

function endStatement(p: Cursor, inBlock: boolean): void {
  const t = p.peek();
  if (t.kind === 'nl') p.next();
  else if (t.kind !== 'eof' && !(inBlock && t.kind === 'op' && t.text === '}')) {
    p.fail(t.span, `expected the end of the line after the statement, found ${describe(t)}: each statement goes on its own line`);
  }
}

const PLACEHOLDER = (span: Span): Expr => ({ kind: 'int', value: 0, hex: false, span });

/** The condition of `if`/`while`; on an error, resumes at the `{` so the block is still parsed. */
function parseCondition(p: Cursor, kw: string): Expr {
  if (p.isOp('{')) {
    p.report(p.peek().span, `\`${kw}\` needs a condition before \`{\``);
    return PLACEHOLDER(p.peek().span);
  }
  let cond: Expr;
  try {
    cond = parseExpr(p);
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    return resumeAtBrace(p, e);
  }
  if (!p.isOp('{')) {
    const t = p.peek();
    const err = new ParseError('');
    p.report(t.span, `expected \`{\` after the condition of \`${kw}\`, found ${describe(t)}`);
    return resumeAtBrace(p, err);
  }
  return cond;
}

function resumeAtBrace(p: Cursor, e: ParseError): Expr {
  while (!p.atLineEnd() && !p.isOp('{')) p.next();
  if (!p.isOp('{')) throw e;
  return PLACEHOLDER(p.peek().span);
}

/**
 * `if … {} else if … {} … else {}`, read in a loop (a chain of thousands of
 * branches costs no stack here) and built from the last branch back: each
 * `else if` is an `if` alone in the `else` block.
 */
/** The most branches one `if … else if …` chain may have: later passes walk the chain as nested `if`s. */
export const MAX_IF_BRANCHES = 1000;

function parseIf(p: Cursor): WithoutTrivia<IfStmt> {
  const branches: { kw: Token; cond: Expr; then: Block }[] = [];
  let otherwise: Block | undefined;
  for (;;) {
    const kw = p.next();
    const cond = parseCondition(p, 'if');
    const then = parseBlock(p);
    if (branches.length < MAX_IF_BRANCHES) branches.push({ kw, cond, then });
    else if (branches.length === MAX_IF_BRANCHES) {
      p.report(kw.span, `this \`if\` chain has more than ${MAX_IF_BRANCHES} branches: split it (for example by ranges of the value) or use a \`while\` loop`);
      branches.push({ kw, cond, then });
    }
    if (!p.isName('else')) break;
    p.next();
    if (!p.isName('if')) {
      otherwise = parseBlock(p);
      break;
    }
  }
  let stmt: WithoutTrivia<IfStmt> | undefined;
  for (let i = branches.length - 1; i >= 0; i--) {
    const { kw, cond, then } = branches[i];
    const tail = stmt ? aloneInBlock(stmt) : otherwise;
    stmt = tail ? { kind: 'if', cond, then, else: tail, span: spanFrom(kw.span, tail.span) } : { kind: 'if', cond, then, span: spanFrom(kw.span, then.span) };
  }
  return stmt!;
}

function aloneInBlock(stmt: WithoutTrivia<IfStmt>): Block {
  const inner: IfStmt = { ...stmt, leading: [], blankBefore: false };
  return { stmts: [inner], endComments: [], span: inner.span };
}

function skipBlockBody(p: Cursor): void {
  let depth = 1;
  while (depth > 0 && p.peek().kind !== 'eof') {
    const t = p.next();
    if (t.kind === 'op' && t.text === '{') depth++;
    if (t.kind === 'op' && t.text === '}') depth--;
  }
}

function parseBlock(p: Cursor): Block {
  const open = p.expectOp('{', 'to open a block');
  if (p.blockDepth >= MAX_BLOCK_DEPTH) {
    skipBlockBody(p);
    p.fail(open.span, `blocks nest too deeply (more than ${MAX_BLOCK_DEPTH} levels)`);
  }
  p.blockDepth++;
  const openComment = p.takeTrailing(open.span.line);
  p.containerStart = true;
  const stmts: Stmt[] = [];
  let endComments: Comment[] = [];
  let close: Token;
  try {
    for (;;) {
      p.skipNewlines();
      const t = p.peek();
      if (t.kind === 'op' && t.text === '}') {
        endComments = p.takeLeading(t.span.line);
        close = p.next();
        break;
      }
      if (t.kind === 'eof') {
        p.report(open.span, 'this `{` is never closed: add a `}`');
        close = t;
        break;
      }
      const item = parseLine(p, true);
      if (item && !isDecl(item)) stmts.push(item);
    }
  } finally {
    p.blockDepth--;
    p.containerStart = false;
  }
  const closeComment = p.isName('else') ? undefined : p.takeTrailing(close.span.line);
  return {
    stmts,
    ...(openComment !== undefined ? { openComment } : {}),
    endComments,
    ...(closeComment !== undefined ? { closeComment } : {}),
    span: spanFrom(open.span, close.span),
  };
}
