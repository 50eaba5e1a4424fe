import { describe, expect, test } from 'vitest';
import { atoms } from '../lang/ast.ts';
import { compileSource } from './source.ts';

const TEXT = ['ring 4', 'var n = 0', 'var pn = &n', 'var one = 1', 'atom a = umem_add(&pn, &one) next b', 'atom b = umem_add(&pn, &one)', 'var done = async_exec(a)', ''].join('\n');

describe('the source pipeline', () => {
  test('a text without errors: the program that runs is the one parsed, with its layout', () => {
    const c = compileSource(TEXT);
    expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(c.program).toBe(c.parsed);
    expect(c.layout).not.toBeNull();
  });

  test('a text with errors keeps what parses (the graph shows it) and nothing to run', () => {
    const c = compileSource(TEXT.replace('atom b = umem_add(&pn, &one)', 'atom b = umem_add(&pn, &one'));
    expect(c.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(c.program).toBeNull();
    expect(c.layout).toBeNull();
    expect(atoms(c.parsed).map((a) => a.name.name)).toContain('a');
  });

  test('a text that parses but does not lay out (an unknown name) keeps its parse too', () => {
    const c = compileSource(TEXT.replace('next b', 'next nowhere'));
    expect(c.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(c.program).toBeNull();
    expect(atoms(c.parsed).map((a) => a.name.name)).toEqual(['a', 'b']);
  });
});
