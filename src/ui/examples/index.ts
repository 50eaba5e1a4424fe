// The shipped example programs (*.syslet beside this file), by name, in the
// order the UI lists them. Vite inlines the texts at build time.
const files = import.meta.glob<string>('./*.syslet', { query: '?raw', import: 'default', eager: true });

const ORDER = ['hello', 'cold-read', 'read-loop', 'parallel-reads', 'full-ring', 'fio-batch', 'pipe', 'sync-vs-async', 'stress', 'injected-faults'];

const byName = new Map(Object.entries(files).map(([path, text]) => [path.replace(/^.*\/|\.syslet$/g, ''), text]));

export const EXAMPLE_NAMES: readonly string[] = [
  ...ORDER.filter((n) => byName.has(n)),
  ...[...byName.keys()].filter((n) => !ORDER.includes(n)).sort(),
];

export const EXAMPLES: Readonly<Record<string, string>> = Object.fromEntries(EXAMPLE_NAMES.map((n) => [n, byName.get(n) ?? '']));

// The shipped C programs (c/*.c), opened in the editor's C tab (docs/c.md).
const cFiles = import.meta.glob<string>('./c/*.c', { query: '?raw', import: 'default', eager: true });
const C_ORDER = ['hello.c', 'read-loop.c'];
const cByName = new Map(Object.entries(cFiles).map(([path, text]) => [path.replace(/^.*\//, ''), text]));
export const C_EXAMPLE_NAMES: readonly string[] = [...C_ORDER.filter((n) => cByName.has(n)), ...[...cByName.keys()].filter((n) => !C_ORDER.includes(n)).sort()];
export const C_EXAMPLES: Readonly<Record<string, string>> = Object.fromEntries(C_EXAMPLE_NAMES.map((n) => [n, cByName.get(n) ?? '']));
