// print(program): the canonical text of a program. One declaration or
// statement per line, 4-space indents, single spaces around binary operators,
// the fewest parentheses, flags in ascending bit order, at most one blank
// line in a row, comments kept. parse(print(p)) gives p back (spans aside).
import type { Block, Comment, Expr, IfStmt, Item, Program } from './ast.ts';
import { BINARY_PREC, UNARY_PREC } from './parse-expr.ts';
import { valueText } from './options.ts';
import { faultText } from './faults.ts';

const INDENT = '    ';

export function print(program: Program): string {
  const out: string[] = [];
  for (const item of program.items) printItem(item, '', out);
  printComments(program.endComments, '', out);
  return out.length ? out.join('\n') + '\n' : '';
}

function printComments(comments: readonly Comment[], ind: string, out: string[]): void {
  for (const c of comments) {
    if (c.blankBefore) out.push('');
    out.push(`${ind}#${c.text}`);
  }
}

const trail = (text: string | undefined) => (text === undefined ? '' : `  #${text}`);

function printItem(item: Item, ind: string, out: string[]): void {
  printComments(item.leading, ind, out);
  if (item.blankBefore) out.push('');
  if (item.kind === 'if') return ifChain(item, ind, 'if', out);
  if (item.kind === 'while') {
    openBlock(`${ind}while ${printExpr(item.cond)}`, item.body, ind, out);
    out.push(`${ind}}${trail(item.body.closeComment)}`);
    return;
  }
  out.push(ind + line(item) + trail(item.trailing));
}

function line(item: Exclude<Item, IfStmt | { kind: 'while' }>): string {
  switch (item.kind) {
    case 'ring': return `ring ${item.size}`;
    case 'option': return `option ${item.name.name} = ${valueText(item.value)}`;
    case 'var': return item.init ? `var ${item.name.name} = ${printExpr(item.init)}` : `var ${item.name.name}`;
    case 'buffer': return `buffer ${item.name.name}[${item.size}]`;
    case 'atom': {
      let s = `atom ${item.name.name} = ${item.syscall.name}(${item.args.map((a) => '&' + a.name).join(', ')})`;
      if (item.ret) s += ` ret ${item.ret.name}`;
      if (item.flags.length) s += ` flags ${item.flags.map((f) => f.name).join(' | ')}`;
      if (item.next) s += ` next ${item.next.name}`;
      if (item.fault) s += ` fault ${faultText(item.fault.spec, item.fault.nth)}`;
      return s;
    }
    case 'latency': return `latency ${quote(item.path.value)}${item.page !== undefined ? ` page ${item.page}` : ''} = ${item.value}${item.unit}`;
    case 'assign': return `${printExpr(item.target)} = ${printExpr(item.value)}`;
    case 'expr': return printExpr(item.expr);
    case 'print': return `print ${item.args.map((a) => printExpr(a)).join(', ')}`;
    case 'assert': return `assert ${printExpr(item.cond)}`;
  }
}

function openBlock(head: string, b: Block, ind: string, out: string[]): void {
  out.push(`${head} {${trail(b.openComment)}`);
  for (const s of b.stmts) printItem(s, ind + INDENT, out);
  printComments(b.endComments, ind + INDENT, out);
}

/** The if statement an `else` block holds alone, printed as `} else if`. */
function elseIf(b: Block): IfStmt | undefined {
  const s = b.stmts[0];
  if (b.stmts.length !== 1 || s.kind !== 'if') return undefined;
  if (s.leading.length || s.blankBefore || b.endComments.length) return undefined;
  if (b.openComment !== undefined || b.closeComment !== undefined) return undefined;
  return s;
}

function ifChain(s: IfStmt, ind: string, lead: string, out: string[]): void {
  openBlock(`${ind}${lead} ${printExpr(s.cond)}`, s.then, ind, out);
  if (!s.else) {
    out.push(`${ind}}${trail(s.then.closeComment)}`);
    return;
  }
  const inner = elseIf(s.else);
  if (inner) return ifChain(inner, ind, '} else if', out);
  openBlock(`${ind}} else`, s.else, ind, out);
  out.push(`${ind}}${trail(s.else.closeComment)}`);
}

export function printExpr(e: Expr, minPrec = 0): string {
  switch (e.kind) {
    case 'int': return e.hex ? `0x${e.value.toString(16)}` : String(e.value);
    case 'str': return quote(e.value);
    case 'name': return e.name;
    case 'addr': return `&${e.target.name}`;
    case 'len': return `len(${quote(e.arg.value)})`;
    case 'slot': return `ring[${printExpr(e.index)}]`;
    case 'idx': return e.which;
    case 'field': return `${e.atom.name}.${e.field}`;
    case 'call': return `${e.callee.name}(${e.args.map((a) => printExpr(a)).join(', ')})`;
    case 'unary': return e.op + printExpr(e.operand, UNARY_PREC);
    case 'binary': {
      const p = BINARY_PREC[e.op];
      const s = `${printExpr(e.left, p)} ${e.op} ${printExpr(e.right, p + 1)}`;
      return p < minPrec ? `(${s})` : s;
    }
  }
}

const NAMED_ESCAPES: Record<number, string> = { 0: '\\0', 9: '\\t', 10: '\\n', 34: '\\"', 92: '\\\\' };
const decoder = new TextDecoder('utf-8', { fatal: true });

/** The one UTF-8 character at `i` of a byte string, if it is a valid one. */
function utf8At(bytes: string, i: number): string | undefined {
  const lead = bytes.charCodeAt(i);
  const n = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (n === 0 || i + n > bytes.length) return undefined;
  const buf = new Uint8Array(n);
  for (let k = 0; k < n; k++) buf[k] = bytes.charCodeAt(i + k);
  try {
    const ch = decoder.decode(buf);
    const cp = ch.codePointAt(0) ?? 0;
    return [...ch].length === 1 && !(cp >= 0x80 && cp < 0xa0) ? ch : undefined;
  } catch {
    return undefined;
  }
}

/** A string literal for a byte string: printable ASCII and valid UTF-8 as is, the rest escaped. */
export function quote(bytes: string): string {
  let s = '"';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (NAMED_ESCAPES[c] !== undefined) s += NAMED_ESCAPES[c];
    else if (c >= 0x20 && c < 0x7f) s += bytes[i];
    else {
      const ch = c >= 0x80 ? utf8At(bytes, i) : undefined;
      if (ch !== undefined) {
        s += ch;
        i += new TextEncoder().encode(ch).length - 1;
      } else {
        s += `\\x${c.toString(16).padStart(2, '0')}`;
      }
    }
  }
  return s + '"';
}
