// Every shipped example parses clean, is already in canonical form, lays out,
// and opens with a short comment saying what to watch. The docs' hello is
// the shipped one.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { EXAMPLES, EXAMPLE_NAMES } from '../examples/index.ts';
import { parse } from './parse.ts';
import { print } from './print.ts';
import { layout } from './layout.ts';
import { atoms } from './ast.ts';

const dir = fileURLToPath(new URL('../examples/', import.meta.url));
const doc = readFileSync(fileURLToPath(new URL('../../../docs/language.md', import.meta.url)), 'utf8');

test('the index lists every .syslet file, in the documented order', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.syslet')).map((f) => f.replace(/\.syslet$/, ''));
  expect([...EXAMPLE_NAMES].sort()).toEqual(files.sort());
  expect(EXAMPLE_NAMES).toEqual(['hello', 'cold-read', 'read-loop', 'parallel-reads', 'full-ring', 'fio-batch', 'pipe', 'sync-vs-async', 'stress', 'injected-faults']);
});

describe.each(EXAMPLE_NAMES)('example %s', (name) => {
  const text = EXAMPLES[name];
  test('parses with no diagnostics', () => {
    expect(parse(text).diagnostics).toEqual([]);
  });
  test('is in canonical form', () => {
    expect(print(parse(text).program)).toBe(text);
  });
  test('lays out in user memory', () => {
    const l = layout(parse(text).program);
    expect(l.diagnostics).toEqual([]);
    expect(l.ok).toBe(true);
  });
  test('starts with a 2-4 line comment', () => {
    const lines = text.split('\n');
    const head = lines.findIndex((l) => !l.startsWith('#'));
    expect(head).toBeGreaterThanOrEqual(2);
    expect(head).toBeLessThanOrEqual(4);
  });
  test('has a section in docs/language.md', () => {
    expect(doc).toContain(`### \`${name}\``);
  });
});

test('read-loop writes cl right after rd, where the skip lands', () => {
  const program = parse(EXAMPLES['read-loop']).program;
  const l = layout(program);
  const addr = (n: string) => l.symbols.get(n)?.addr ?? 0;
  expect(addr('cl')).toBe(addr('rd') + 44);
  expect(atoms(program).map((a) => a.name.name)).toEqual(['op', 'rd', 'cl', 'cnt']);
});

test('every syslet block in docs/language.md parses clean, and the first is hello', () => {
  const blocks = [...doc.matchAll(/```syslet\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks[0]).toBe(EXAMPLES.hello);
  for (const b of blocks) expect(parse(b).diagnostics).toEqual([]);
});
