import { describe, expect, test } from 'vitest';
import { parse } from './parse.ts';
import { applyTextEdits } from './textedit.ts';
import { optionValues, setOptionEdits } from './option-edit.ts';

const set = (text: string, name: string, value: string) => applyTextEdits(text, setOptionEdits(text, parse(text).program, name, value));
const PROGRAM = '# header\n# more\nring 2\n\nvar x = 1  # kept\n';

describe('setOptionEdits: the Kernel panel writes option lines', () => {
  test('a new option goes right before the first declaration (after its comments); the rest stays byte for byte', () => {
    expect(set(PROGRAM, 'ring_policy', 'wait')).toBe('# header\n# more\noption ring_policy = wait\nring 2\n\nvar x = 1  # kept\n');
  });
  test('a second option goes after the last option line; an existing one is rewritten in place', () => {
    const one = set(PROGRAM, 'ring_policy', 'wait');
    const two = set(one, 'disk_latency', '5ms');
    expect(two).toBe('# header\n# more\noption ring_policy = wait\noption disk_latency = 5ms\nring 2\n\nvar x = 1  # kept\n');
    expect(set(two, 'disk_latency', '7ms')).toBe(two.replace('5ms', '7ms'));
    expect(optionValues(parse(set(two, 'disk_latency', '7ms')).program).get('disk_latency')).toEqual({ kind: 'number', value: 7, unit: 'ms' });
  });
  test('the default value removes the line; setting the default on a program without the line changes nothing', () => {
    const one = set(PROGRAM, 'ring_policy', 'wait');
    expect(set(one, 'ring_policy', 'lose')).toBe(PROGRAM);
    expect(setOptionEdits(PROGRAM, parse(PROGRAM).program, 'seed', '1')).toEqual([]);
  });
  test('an empty program gets the line; an unknown option gives no edit', () => {
    expect(set('', 'seed', '7')).toBe('option seed = 7\n');
    expect(set('# only a comment', 'seed', '7')).toBe('# only a comment\noption seed = 7\n');
    expect(setOptionEdits(PROGRAM, parse(PROGRAM).program, 'nope', '1')).toEqual([]);
  });
  test('what it writes parses without diagnostics and prints the same (round trip)', () => {
    let t = PROGRAM;
    for (const [n, v] of [['ring_policy', 'wait'], ['disk_latency', '3ms'], ['disk_jitter', '0ns'], ['seed', '42'], ['cachemiss_threads', '2'], ['call_budget', '20000']]) t = set(t, n, v);
    expect(parse(t).diagnostics).toEqual([]);
    expect(optionValues(parse(t).program).size).toBe(6);
  });
});
