// exportC(program, layout, { name }): one readable C file that does what the
// program does, in the style of the syslet design document's Hello World, for
// syslet.h and the playground's C toolchain (docs/c.md, "How the language
// maps to C"):
//
//   #pragma syslet option …        the program's option lines
//   completion_ring, ahu           the ring and its head
//   long x = …; char b[N];         the vars (words, in the program's order) and buffers
//   struct syslet_uatom a, b;      the atoms, one after another in the program's order
//   setup()                        address-valued vars, then init_atom for every atom
//   main()                         the driver, statement by statement
//
// The program's comments travel with what they describe. The program must be
// free of errors (parse() and layout() without error diagnostics).
import type { AtomDecl, Block, BufferDecl, Comment, IfStmt, Item, OptionDecl, Program, RingDecl, Stmt, VarDecl } from '../ast.ts';
import type { Layout } from '../layout.ts';
import { DEFAULT_RING } from '../layout.ts';
import { syscallByName } from '../../../engine-wasm/host/syscalls.ts';
import { HEADER_FILE } from '../../../engine-wasm/c/header.ts';
import { cNames, EXPORT_NAMES } from './names.ts';
import { cComment, commentText, cString } from './literal.ts';
import { to, translate, type CExpr, type Scope } from './expr.ts';
import { cCall } from './calls.ts';
import { optionPragma } from './pragma.ts';

export interface ExportedC {
  /** `<name>.c` */
  readonly fileName: string;
  readonly text: string;
  /** Program name -> its C name, for every var, buffer and atom. */
  readonly names: ReadonlyMap<string, string>;
}

const TAB = '\t';
const WRAP = 88;

class Writer {
  readonly lines: string[] = [];
  line(text = ''): void {
    this.lines.push(text);
  }
  comments(cs: readonly Comment[], ind: string): void {
    let run: string[] = [];
    const flush = () => {
      if (run.length) this.lines.push(...cComment(run, ind));
      run = [];
    };
    for (const c of cs) {
      if (c.blankBefore) {
        flush();
        this.line();
      }
      run.push(c.text);
    }
    flush();
  }
  /** An item's leading comments (unless `skip`: already written) and blank line. */
  lead(item: { leading: readonly Comment[]; blankBefore: boolean }, ind: string, first = false, skip?: unknown): void {
    if (item !== skip) this.comments(item.leading, ind);
    if (item.blankBefore && !first && this.lines[this.lines.length - 1] !== '') this.line();
  }
}

const trail = (text: string | undefined) => (text === undefined ? '' : `\t/* ${commentText(text.trim())} */`);

/** `head a, b, c;` in lines no wider than WRAP, continued one tab in. */
function wrapList(head: string, names: readonly string[], ind: string): string[] {
  const lines: string[] = [];
  let cur = head;
  names.forEach((n, i) => {
    const piece = n + (i === names.length - 1 ? ';' : ',');
    if (cur !== head && cur !== ind && cur.length + 1 + piece.length > WRAP) {
      lines.push(cur);
      cur = ind;
    }
    cur += (cur === ind ? '' : ' ') + piece;
  });
  lines.push(cur);
  return lines;
}

/** True when the program injects faults or latencies, which the C file does not carry. */
export function injects(program: Program): boolean {
  return program.items.some((i) => i.kind === 'latency' || (i.kind === 'atom' && i.fault !== undefined));
}

class Exporter {
  private readonly w = new Writer();
  private readonly scope: Scope;
  private readonly setupLines: string[] = [];
  private readonly checks: string[] = [];
  /** The item whose leading comments opened the file. */
  private introduced: Item | undefined;

  constructor(
    private readonly program: Program,
    private readonly lay: Layout,
    private readonly name: string,
    private readonly names: ReadonlyMap<string, string>,
  ) {
    this.scope = { lay, names };
  }

  private c(name: string): string {
    return this.names.get(name) ?? name;
  }
  private expr(e: Parameters<typeof translate>[0]): CExpr {
    const sub = (x: Parameters<typeof translate>[0]): CExpr => translate(x, this.scope, (callee, args) => cCall(callee, args, sub));
    return sub(e);
  }

  run(): string {
    const { w, program } = this;
    const items = program.items;
    w.line('/*');
    w.line(` * ${this.name}.c - the Syslet Playground's program "${this.name}", exported to C.`);
    w.line(' *');
    w.line(` * With ${HEADER_FILE} beside it, the playground compiles it for wasm32 into the`);
    w.line(" * kernel's user region and runs it as the user task: the same system calls,");
    w.line(' * the same results, the same console (docs/c.md; in the playground, Help ▸ C out).');
    if (injects(program)) {
      // The fault and latency lab is the playground's: the C run sets no injections (docs/language.md).
      w.line(' *');
      w.line(" * Not carried into C: this program's injected faults (its `fault` clauses and");
      w.line(' * `latency` lines). The C run has none, so its results may differ.');
    }
    w.line(' */');
    w.line(`#include "${HEADER_FILE}"`);
    // The first item's comments describe the whole program: they come first.
    const intro = items[0]?.leading ?? [];
    if (intro.length) {
      w.line();
      w.comments(intro, '');
      this.introduced = items[0];
    }

    const options = items.filter((i): i is OptionDecl => i.kind === 'option');
    if (options.length) {
      w.line();
      w.line('/* Kernel options, set before the kernel is reset for a run. */');
      for (const o of options) {
        w.lead(o, '', true, this.introduced);
        w.line(optionPragma(o) + trail(o.trailing));
      }
    }
    this.ring(items.find((i): i is RingDecl => i.kind === 'ring'));
    this.memory(items);
    const atoms = items.filter((i): i is AtomDecl => i.kind === 'atom');
    if (atoms.length) {
      w.line();
      w.line(atoms.length === 1 ? '/* The atom (set up in setup()). */' : '/* The atoms, one after another in the order the program writes them (set up in setup()). */');
      w.lines.push(...wrapList('struct syslet_uatom', atoms.map((a) => `${this.c(a.name.name)} = { 0 }`), TAB));
    }
    this.setup(atoms);
    w.line();
    w.line('/* The driver: the program\'s statements, in order. */');
    w.line(`int ${EXPORT_NAMES.main}(void)`);
    w.line('{');
    w.line(`${TAB}${EXPORT_NAMES.setup}();`);
    const body = new Writer();
    this.stmts(items, TAB, body);
    body.comments(program.endComments, TAB);
    if (body.lines.length && body.lines[0] !== '') w.line();
    w.lines.push(...body.lines);
    w.line(`${TAB}return 0;`);
    w.line('}');
    return w.lines.join('\n') + '\n';
  }

  private ring(decl: RingDecl | undefined): void {
    const { w, lay } = this;
    w.line();
    if (decl) w.lead(decl, '', true, this.introduced);
    const size = decl ? '' : ` (${DEFAULT_RING}, the default: the program has no ring line)`;
    w.line(`/* The completion ring${size} and its head, which every sys_async_exec and sys_async_wait names. */`);
    w.line(`struct syslet_uatom *${EXPORT_NAMES.ring}[${lay.ringEntries}];${decl ? trail(decl.trailing) : ''}`);
    w.line(`struct async_head_user ${EXPORT_NAMES.ahu} = {`);
    w.line(`${TAB}.completion_ring = ${EXPORT_NAMES.ring},`);
    w.line(`${TAB}.ring_size_bytes = sizeof(${EXPORT_NAMES.ring}),`);
    w.line('};');
  }

  /** Vars and buffers in the program's order; the vars whose value is an address are set in setup(). */
  private memory(items: readonly Item[]): void {
    const { w, lay } = this;
    const decls = items.filter((i): i is VarDecl | BufferDecl => i.kind === 'var' || i.kind === 'buffer');
    if (!decls.length) return;
    w.line();
    w.line('/* The program\'s memory: a long for each var, in the program\'s order, and the buffers. */');
    decls.forEach((d, k) => {
      // A var the driver sets keeps its comments for main, where its line stands.
      const driven = d.kind === 'var' && lay.driverInits.has(d.name.name);
      w.lead(d, '', k === 0, driven ? d : this.introduced);
      const name = this.c(d.name.name);
      if (d.kind === 'buffer') {
        w.line(`char ${name}[${d.size}];${trail(d.trailing)}`);
        return;
      }
      if (driven) {
        w.line(`long ${name} = 0;\t/* set by the driver */`);
        return;
      }
      const e = d.init ? to(this.expr(d.init), 'long') : undefined;
      if (!e || e.pure) {
        w.line(`long ${name} = ${e ? e.code : '0'};${trail(d.trailing)}`);
        return;
      }
      const note = d.trailing === undefined ? 'set in setup()' : `${commentText(d.trailing.trim())} (set in setup())`;
      w.line(`long ${name} = 0;\t/* ${note} */`);
      this.setupLines.push(`${TAB}${name} = ${e.code};`);
    });
  }

  private setup(atoms: readonly AtomDecl[]): void {
    const { w } = this;
    w.line();
    w.line('/* Before the driver starts: the vars that hold addresses, and the atoms. */');
    w.line(`static void ${EXPORT_NAMES.setup}(void)`);
    w.line('{');
    w.lines.push(...this.setupLines);
    atoms.forEach((a, k) => {
      if (k === 0 ? this.setupLines.length > 0 : a.blankBefore) w.line();
      if (a !== this.introduced) w.comments(a.leading, TAB);
      const ptr = (id: { name: string } | undefined) => (id ? `&${this.c(id.name)}` : 'NULL');
      const args = Array.from({ length: 6 }, (_, i) => ptr(a.args[i]));
      const flags = a.flags.length ? a.flags.map((f) => f.name).join(' | ') : '0';
      const nr = `__NR_${syscallByName(a.syscall.name)?.name ?? a.syscall.name}`;
      w.line(`${TAB}init_atom(&${this.c(a.name.name)}, ${nr}, ${args.join(', ')},`);
      w.line(`${TAB}${TAB}  ${ptr(a.ret)}, ${flags}, ${ptr(a.next)});${trail(a.trailing)}`);
      if (a.flags.some((f) => f.name === 'SYSLET_SKIP_TO_NEXT_ON_STOP') && atoms[k + 1]) {
        const after = this.c(atoms[k + 1].name.name);
        const me = this.c(a.name.name);
        this.checks.push(`${TAB}assert(&${me} + 1 == &${after});`);
      }
    });
    if (this.checks.length) {
      w.line();
      w.line(`${TAB}/* SYSLET_SKIP_TO_NEXT_ON_STOP goes on at the atom right after in memory. */`);
      w.lines.push(...this.checks);
    }
    w.line('}');
  }

  /** Whether an item is a statement of main (declarations are laid out above, except vars the driver sets). */
  private inMain(s: Item | Stmt): boolean {
    if (s.kind === 'var') return s.init !== undefined && this.lay.driverInits.has(s.name.name);
    return s.kind !== 'ring' && s.kind !== 'buffer' && s.kind !== 'atom' && s.kind !== 'option';
  }

  private stmts(items: readonly (Item | Stmt)[], ind: string, out: Writer): void {
    let first = true;
    let blank = false;
    for (const s of items) {
      if (!this.inMain(s)) {
        blank ||= s.blankBefore; // a line laid out above leaves its blank line here
        continue;
      }
      if (blank && !first && !s.blankBefore) out.line();
      this.stmt(s, ind, out, first);
      first = false;
      blank = false;
    }
  }

  private stmt(s: Item | Stmt, ind: string, out: Writer, first: boolean): void {
    switch (s.kind) {
      case 'var': {
        if (!s.init) return;
        out.lead(s, ind, first);
        out.line(`${ind}${this.c(s.name.name)} = ${to(this.expr(s.init), 'long').code};${trail(s.trailing)}`);
        return;
      }
      case 'assign': {
        out.lead(s, ind, first);
        const t = s.target;
        const v = this.expr(s.value);
        if (t.kind === 'name') {
          out.line(`${ind}${this.c(t.name)} = ${to(v, 'long').code};${trail(s.trailing)}`);
        } else {
          const a = this.c(t.atom.name);
          const [field, value] = t.field === 'next' ? ['next', to(v, 'atom')] : t.field === 'ret' ? ['ret_ptr', to(v, 'lptr')] : [t.field, to(v, 'long')];
          out.line(`${ind}${a}.${field} = ${value.code};${trail(s.trailing)}`);
        }
        return;
      }
      case 'expr':
        out.lead(s, ind, first);
        out.line(`${ind}${this.expr(s.expr).code};${trail(s.trailing)}`);
        return;
      case 'assert':
        out.lead(s, ind, first);
        out.line(`${ind}assert(${this.expr(s.cond).code});${trail(s.trailing)}`);
        return;
      case 'print':
        out.lead(s, ind, first);
        out.line(`${ind}${this.printf(s.args)};${trail(s.trailing)}`);
        return;
      case 'if':
        out.lead(s, ind, first);
        this.ifChain(s, ind, 'if', out);
        return;
      case 'while':
        out.lead(s, ind, first);
        this.open(`${ind}syslet_while (${this.expr(s.cond).code})`, s.body, ind, out);
        out.line(`${ind}}${trail(s.body.closeComment)}`);
        return;
      default:
        return; // ring, option, buffer, atom and constant vars are laid out above
    }
  }

  private open(head: string, b: Block, ind: string, out: Writer): void {
    out.line(`${head} {${trail(b.openComment)}`);
    this.stmts(b.stmts, ind + TAB, out);
    out.comments(b.endComments, ind + TAB);
  }

  private ifChain(s: IfStmt, ind: string, lead: string, out: Writer): void {
    this.open(`${ind}${lead} (${this.expr(s.cond).code})`, s.then, ind, out);
    if (!s.else) {
      out.line(`${ind}}${trail(s.then.closeComment)}`);
      return;
    }
    const only = s.else.stmts[0];
    const plain = s.else.stmts.length === 1 && only.kind === 'if' && !only.leading.length && !only.blankBefore && !s.else.endComments.length && s.else.openComment === undefined && s.else.closeComment === undefined;
    if (plain) return this.ifChain(only, ind, '} else if', out);
    this.open(`${ind}} else`, s.else, ind, out);
    out.line(`${ind}}${trail(s.else.closeComment)}`);
  }

  /** print as one printf: text into the format (% doubled, NUL as %c), values as %d / %ld. */
  private printf(args: readonly Parameters<typeof translate>[0][]): string {
    let format = '';
    const values: string[] = [];
    for (const a of args) {
      if (a.kind === 'str') {
        const parts = a.value.split('\0');
        parts.forEach((part, i) => {
          if (i > 0) {
            format += '%c';
            values.push('0');
          }
          format += cString(part, true).slice(1, -1);
        });
        continue;
      }
      const e = this.expr(a);
      if (e.type === 'int') {
        format += '%d';
        values.push(e.code);
      } else {
        format += '%ld';
        values.push(to(e, 'signed').code);
      }
    }
    return `printf(${['"' + format + '"', ...values].join(', ')})`;
  }
}

/** The C file of a program without errors. */
export function exportC(program: Program, lay: Layout, opts: { readonly name: string }): ExportedC {
  if (!lay.ok) throw new Error('the program does not fit in user memory, so it cannot be exported');
  const names = cNames(program);
  const text = new Exporter(program, lay, opts.name, names).run();
  return { fileName: `${opts.name}.c`, text, names };
}
