// Signature help as plain data (unit-tested; features.ts hands it to Monaco):
// which call the cursor is inside, its parameters and the one being typed.
import { syscallByName } from '../../engine-wasm/host/syscalls.ts';
import { BUILTINS } from '../lang/names.ts';
import { docFor, KEYWORD_DOCS } from './docs.ts';

export interface Signature {
  /** E.g. `read(fd, buf, count)`. */
  readonly label: string;
  /** Each parameter's [start, end) offsets in the label. */
  readonly params: readonly (readonly [number, number])[];
  /** The parameter the cursor is in; params.length when past the last one. */
  readonly active: number;
  /** Markdown shown under the signature. */
  readonly doc: string;
}

interface Open {
  readonly name: string;
  commas: number;
}

/**
 * The open calls on a line up to the cursor, innermost last; null when the cursor is in
 * a comment. Strings are skipped, so `"(,"` counts for nothing.
 */
function openCalls(before: string): Open[] | null {
  const stack: Open[] = [];
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (c === '#') return null;
    if (c === '"') {
      for (i++; i < before.length && before[i] !== '"'; i++) if (before[i] === '\\') i++;
    } else if (c === '(') {
      stack.push({ name: /(\w+)\s*$/.exec(before.slice(0, i))?.[1] ?? '', commas: 0 });
    } else if (c === ')') {
      stack.pop();
    } else if (c === ',' && stack.length > 0) {
      stack[stack.length - 1].commas++;
    }
  }
  return stack;
}

function build(name: string, params: readonly string[], active: number, doc: string): Signature {
  let at = name.length + 1;
  const offsets = params.map((p, i) => {
    const range = [at, at + p.length] as const;
    at += p.length + (i < params.length - 1 ? 2 : 0);
    return range;
  });
  return { label: `${name}(${params.join(', ')})`, params: offsets, active: Math.min(active, params.length), doc };
}

const ATOM_NOTE =
  'In an atom every argument is `&x` for a `var x`: the kernel reads the word when it runs the atom, so pass the *address* of a word holding the value.';

/** The signature of the call the cursor is in, given the line's text before the cursor. */
export function signatureAt(before: string): Signature | null {
  const calls = openCalls(before);
  if (!calls) return null;
  const inAtom = /^\s*atom\s+\w+\s*=\s*\w+\s*\(/.test(before);
  for (let i = calls.length - 1; i >= 0; i--) {
    const { name, commas } = calls[i];
    const builtin = BUILTINS.get(name);
    const syscall = syscallByName(name);
    if (inAtom && i === 0 && syscall) {
      return build(name, syscall.params, commas, `**atom** — syscall ${syscall.nr}\n\n${ATOM_NOTE}\n\n${docFor(name)?.text ?? ''}`);
    }
    if (builtin) {
      const params = builtin.usage.slice(name.length + 1, -1);
      return build(name, params ? params.split(', ') : [], commas, `**driver call**\n\n${docFor(name)?.text ?? ''}`);
    }
    if (syscall) {
      return build(name, syscall.params, commas, `**syscall ${syscall.nr}**, called directly by the driver with plain values.\n\n${docFor(name)?.text ?? ''}`);
    }
    if (name === 'len') return build('len', ['"string"'], commas, KEYWORD_DOCS.len);
  }
  return null;
}
