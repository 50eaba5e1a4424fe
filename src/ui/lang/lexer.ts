// Lexer: text -> tokens, comments and blank lines. Never throws: a bad
// character, number or escape is a diagnostic and lexing goes on.
import type { Diagnostic, Span } from './ast.ts';

export type TokenKind = 'name' | 'int' | 'str' | 'op' | 'nl' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text ('\n' for nl, '' for eof). */
  readonly text: string;
  readonly span: Span;
  /** int: the value (0..0xffffffff). */
  readonly value?: number;
  readonly hex?: boolean;
  /** int: a duration unit written right after decimal digits (`2ms`); only `option` lines take one. */
  readonly unit?: 'ns' | 'us' | 'ms' | 's';
  /** str: the bytes, one char per byte. */
  readonly bytes?: string;
}

export interface LexComment {
  readonly line: number;
  readonly text: string;
  /** Alone on its line (not after code). */
  readonly full: boolean;
}

export interface Lexed {
  readonly tokens: Token[];
  readonly comments: LexComment[];
  /** Lines holding only whitespace. */
  readonly blankLines: ReadonlySet<number>;
  readonly diagnostics: Diagnostic[];
}

const OPS2 = new Set(['&&', '||', '==', '!=', '<=', '>=', '<<', '>>']);
const OPS1 = new Set('(){}[],&|!=<>+-*/%.^~');
const ESCAPES: Record<string, number> = { n: 10, t: 9, '\\': 92, '"': 34, '0': 0 };
const MAX_LEX_DIAGNOSTICS = 50;

const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameChar = (c: string) => isNameStart(c) || isDigit(c);
const isHex = (c: string) => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

function showChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)
    ? `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : `\`${c}\``;
}

export function lex(text: string): Lexed {
  const tokens: Token[] = [];
  const comments: LexComment[] = [];
  const diagnostics: Diagnostic[] = [];
  const blankLines = new Set<number>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let lineHasCode = false;
  const encoder = new TextEncoder();

  const span = (from: number, to: number): Span => ({
    line, col: from - lineStart + 1, endLine: line, endCol: to - lineStart + 1,
  });
  const diag = (from: number, to: number, message: string) => {
    if (diagnostics.length < MAX_LEX_DIAGNOSTICS) {
      diagnostics.push({ ...spanToPos(span(from, Math.max(to, from + 1))), message, severity: 'error' });
    }
  };
  // One object per token, built in place (no spread: a big program has tens of thousands).
  const push = (kind: TokenKind, tokText: string, from: number) => {
    tokens.push({ kind, text: tokText, span: span(from, i) });
    lineHasCode = true;
  };

  while (i < text.length) {
    const c = text[i];
    const from = i;
    if (c === '\n') {
      i++;
      if (!lineHasCode && !/\S/.test(text.slice(lineStart, from))) blankLines.add(line);
      tokens.push({ kind: 'nl', text: '\n', span: span(from, from + 1) });
      line++;
      lineStart = i;
      lineHasCode = false;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
      i++;
    } else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      comments.push({ line, text: text.slice(from + 1, i).trimEnd(), full: !lineHasCode });
      lineHasCode = true;
    } else if (isNameStart(c)) {
      while (i < text.length && isNameChar(text[i])) i++;
      push('name', text.slice(from, i), from);
    } else if (isDigit(c)) {
      const hex = c === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X');
      i += hex ? 2 : 0;
      while (i < text.length && (hex ? isHex(text[i]) : isDigit(text[i]))) i++;
      const digits = text.slice(from + (hex ? 2 : 0), i);
      let bad = hex && digits === '';
      let unit: Token['unit'];
      if (!hex) {
        let j = i;
        while (j < text.length && isNameChar(text[j])) j++;
        const word = text.slice(i, j);
        if (word === 'ns' || word === 'us' || word === 'ms' || word === 's') {
          unit = word;
          i = j;
        }
      }
      while (i < text.length && isNameChar(text[i])) {
        i++;
        bad = true;
      }
      const src = text.slice(from, i);
      let value = bad ? 0 : parseInt(digits, hex ? 16 : 10);
      if (bad) diag(from, i, `\`${src}\` is not a number (write decimal digits, or 0x and hex digits)`);
      else if (value > 0xffffffff) {
        diag(from, i, `integer \`${src}\` does not fit in 32 bits (the largest is 4294967295, 0xffffffff)`);
        value = 0;
      }
      const tok: { -readonly [K in keyof Token]: Token[K] } = { kind: 'int', text: src, span: span(from, i), value, hex };
      if (unit && !bad) tok.unit = unit;
      tokens.push(tok);
      lineHasCode = true;
    } else if (c === '"') {
      i++;
      const bytes: string[] = [];
      let closed = false;
      while (i < text.length && text[i] !== '\n') {
        const ch = text[i];
        if (ch === '"') {
          i++;
          closed = true;
          break;
        }
        if (ch === '\\') {
          const e = text[i + 1] ?? '';
          if (e in ESCAPES) {
            bytes.push(String.fromCharCode(ESCAPES[e]));
            i += 2;
          } else if (e === 'x' && isHex(text[i + 2] ?? '') && isHex(text[i + 3] ?? '')) {
            bytes.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16)));
            i += 4;
          } else if (e === 'x') {
            diag(i, i + 2, '`\\x` needs two hex digits, as in `\\x41`');
            i += 2;
          } else if (e === '' || e === '\n') {
            i++;
          } else {
            diag(i, i + 2, `unknown escape \`\\${e}\` in a string (use \\n \\t \\\\ \\" \\0 or \\xNN)`);
            i += 2;
          }
          continue;
        }
        const cp = text.codePointAt(i) ?? 0;
        const chLen = cp > 0xffff ? 2 : 1;
        if (cp < 0x80) bytes.push(ch);
        else for (const b of encoder.encode(text.slice(i, i + chLen))) bytes.push(String.fromCharCode(b));
        i += chLen;
      }
      if (!closed) diag(from, i, 'this string is not closed: add `"` before the end of the line');
      tokens.push({ kind: 'str', text: text.slice(from, i), span: span(from, i), bytes: bytes.join('') });
      lineHasCode = true;
    } else if (OPS2.has(text.slice(i, i + 2))) {
      i += 2;
      push('op', text.slice(from, i), from);
    } else if (OPS1.has(c)) {
      i++;
      push('op', c, from);
    } else {
      const cp = text.codePointAt(i) ?? 0;
      i += cp > 0xffff ? 2 : 1;
      diag(from, i, `unexpected character ${showChar(text.slice(from, i))}`);
    }
  }
  if (!lineHasCode && !/\S/.test(text.slice(lineStart))) blankLines.add(line);
  tokens.push({ kind: 'eof', text: '', span: span(i, i) });
  return { tokens, comments, blankLines, diagnostics };
}

export function spanToPos(s: Span): Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return { line: s.line, column: s.col, endLine: s.endLine, endColumn: s.endCol };
}
