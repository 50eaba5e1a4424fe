// Graph edits on the AST: what one atom declaration becomes, and the helpers
// (fresh names, flag order) the text edits in textedits.ts use. Pure: the
// input is never changed.
import { atoms, type AtomDecl, type AtomFault, type FaultSpec, type Ident, type Item, type Program, type Span } from '../../lang/ast.ts';
import { FLAG_ORDER } from '../../lang/names.ts';
import { syscallByName } from '../../../engine-wasm/host/syscalls.ts';

const NO_SPAN: Span = { line: 0, col: 0, endLine: 0, endCol: 0 };
const ident = (name: string): Ident => ({ name, span: NO_SPAN });

function declaredNames(items: readonly Item[]): Set<string> {
  const out = new Set<string>();
  for (const i of items) if (i.kind === 'atom' || i.kind === 'var' || i.kind === 'buffer') out.add(i.name.name);
  return out;
}

/** The first free name a1, a2, … */
export function freshAtomName(program: Program): string {
  const taken = declaredNames(program.items);
  let n = 1;
  while (taken.has(`a${n}`)) n++;
  return `a${n}`;
}

/** Flags in ascending bit order, without duplicates or unknown names. */
export function sortFlags(flags: readonly string[]): string[] {
  return FLAG_ORDER.filter((f) => flags.includes(f));
}

/** What the node editor can change in one atom; `null` removes a clause. */
export interface AtomChange {
  readonly syscall?: string;
  readonly flags?: readonly string[];
  /** Var names passed by address, in order (the list ends at the first missing one). */
  readonly args?: readonly string[];
  readonly ret?: string | null;
  readonly next?: string | null;
  /** The injected fault (`fault …` clause); nth undefined: every run. */
  readonly fault?: { readonly spec: FaultSpec; readonly nth?: number } | null;
}

function faultOf(f: NonNullable<AtomChange['fault']>): AtomFault {
  const spec: FaultSpec = f.spec.kind === 'errno' ? { kind: 'errno', errno: ident(f.spec.errno.name) } : f.spec;
  return { spec, ...(f.nth !== undefined ? { nth: f.nth } : {}), span: NO_SPAN };
}

/**
 * Changes an atom's syscall, flags, arguments, ret, next and fault. Arguments beyond
 * the syscall's parameter count are dropped, so the program stays valid.
 */
export function changeAtom(a: AtomDecl, change: AtomChange): AtomDecl {
  const syscall = change.syscall ?? a.syscall.name;
  const args = change.args ? change.args.map(ident) : a.args;
  const max = syscallByName(syscall)?.params.length ?? args.length;
  const out: AtomDecl = {
    ...a,
    syscall: syscall === a.syscall.name ? a.syscall : ident(syscall),
    args: args.length > max ? args.slice(0, max) : args,
    flags: change.flags ? sortFlags(change.flags).map(ident) : a.flags,
    ...(change.ret ? { ret: ident(change.ret) } : {}),
    ...(change.next ? { next: ident(change.next) } : {}),
    ...(change.fault ? { fault: faultOf(change.fault) } : {}),
  };
  if (change.ret === null) delete (out as { ret?: Ident }).ret;
  if (change.next === null) delete (out as { next?: Ident }).next;
  if (change.fault === null) delete (out as { fault?: AtomFault }).fault;
  return out;
}

export function findAtom(program: Program, name: string): AtomDecl | undefined {
  return atoms(program).find((a) => a.name.name === name);
}
