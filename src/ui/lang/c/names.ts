// The C names of a program's vars, buffers and atoms: their own names, unless
// C or syslet.h already uses the name (a keyword, a call, a macro), which
// gets a trailing underscore (`int` -> `int_`).
import type { Program } from '../ast.ts';
import { headerNames } from '../../../engine-wasm/c/header.ts';

const C_KEYWORDS = [
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern', 'float',
  'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed', 'sizeof', 'static',
  'struct', 'switch', 'typedef', 'union', 'unsigned', 'void', 'volatile', 'while', 'asm', 'typeof', 'bool', 'true',
  'false', 'nullptr', 'alignas', 'alignof', 'static_assert', 'thread_local', 'constexpr', 'typeof_unqual',
];

/** Names the exported file itself defines. */
export const EXPORT_NAMES = { ring: 'completion_ring', ahu: 'ahu', setup: 'setup', main: 'main' } as const;

/** Every identifier a program name must not take in C. */
export const C_RESERVED: ReadonlySet<string> = new Set([
  ...C_KEYWORDS,
  ...Object.values(EXPORT_NAMES),
  ...headerNames(),
]);

function reserved(name: string): boolean {
  return C_RESERVED.has(name) || name.startsWith('__') || /^_[A-Z]/.test(name) || /^syslet_/i.test(name);
}

/** Program name -> C name, for every var, buffer and atom. */
export function cNames(program: Program): Map<string, string> {
  const declared: string[] = [];
  for (const item of program.items) {
    if (item.kind === 'var' || item.kind === 'buffer' || item.kind === 'atom') declared.push(item.name.name);
  }
  const taken = new Set(declared);
  const out = new Map<string, string>();
  for (const name of declared) {
    if (out.has(name)) continue;
    let c = name;
    if (reserved(c)) {
      do c += '_';
      while (reserved(c) || taken.has(c));
      taken.add(c);
    }
    out.set(name, c);
  }
  return out;
}
