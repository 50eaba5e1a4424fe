// Graph edits as pure Program -> Program functions. Each returns a new
// program (the input is never changed); actions.ts prints it and hands the
// text to the editor, so the edit is one step of Monaco's undo stack.
import { atoms, type AtomDecl, type Ident, type Item, type Program, type Span } from '../../lang/ast.ts';
import { FLAG_ORDER } from '../../lang/names.ts';
import { syscallByName } from '../../../engine-wasm/host/syscalls.ts';

const NO_SPAN: Span = { line: 0, col: 0, endLine: 0, endCol: 0 };
const ident = (name: string): Ident => ({ name, span: NO_SPAN });

/** The atom without its `next` clause. */
function withoutNext(a: AtomDecl): AtomDecl {
  const copy = { ...a };
  delete (copy as { next?: Ident }).next;
  return copy;
}

function mapAtoms(program: Program, fn: (a: AtomDecl) => AtomDecl): Program {
  return { ...program, items: program.items.map((i) => (i.kind === 'atom' ? fn(i) : i)) };
}

/** Sets `from`'s next to `to` (replacing the old one); `to` undefined clears it. */
export function setNext(program: Program, from: string, to: string | undefined): Program {
  return mapAtoms(program, (a) => {
    if (a.name.name !== from) return a;
    return to === undefined ? withoutNext(a) : { ...a, next: ident(to) };
  });
}

/** Removes the atoms and every `next` that pointed at one of them. */
export function deleteAtoms(program: Program, names: readonly string[]): Program {
  const gone = new Set(names);
  const items = program.items.filter((i) => !(i.kind === 'atom' && gone.has(i.name.name)));
  return mapAtoms({ ...program, items }, (a) => {
    return a.next && gone.has(a.next.name) ? withoutNext(a) : a;
  });
}

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

/** Adds `atom aN = getpid()` after the last atom (after the last declaration when there is none). */
export function addAtom(program: Program): { program: Program; name: string } {
  const name = freshAtomName(program);
  const atom: AtomDecl = {
    kind: 'atom', name: ident(name), syscall: ident('getpid'), args: [], flags: [],
    leading: [], blankBefore: false, span: NO_SPAN,
  };
  let at = -1;
  program.items.forEach((i, k) => {
    if (i.kind === 'atom') at = k;
  });
  if (at < 0) program.items.forEach((i, k) => {
    if (i.kind === 'ring' || i.kind === 'var' || i.kind === 'buffer') at = k;
  });
  const items = [...program.items.slice(0, at + 1), atom, ...program.items.slice(at + 1)];
  return { program: { ...program, items }, name };
}

/** Flags in ascending bit order, without duplicates or unknown names. */
export function sortFlags(flags: readonly string[]): string[] {
  return FLAG_ORDER.filter((f) => flags.includes(f));
}

/**
 * Changes an atom's syscall and flags. Arguments beyond the new syscall's
 * parameter count are dropped, so the program stays valid.
 */
export function updateAtom(program: Program, name: string, change: { syscall?: string; flags?: readonly string[] }): Program {
  return mapAtoms(program, (a) => {
    if (a.name.name !== name) return a;
    const syscall = change.syscall ?? a.syscall.name;
    const max = syscallByName(syscall)?.params.length ?? a.args.length;
    return {
      ...a,
      syscall: syscall === a.syscall.name ? a.syscall : ident(syscall),
      args: a.args.length > max ? a.args.slice(0, max) : a.args,
      flags: change.flags ? sortFlags(change.flags).map(ident) : a.flags,
    };
  });
}

export function findAtom(program: Program, name: string): AtomDecl | undefined {
  return atoms(program).find((a) => a.name.name === name);
}
