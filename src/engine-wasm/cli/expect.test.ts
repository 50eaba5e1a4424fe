// The expectations file of `syslet check`: what each line parses to, and the
// diagnostics of lines that are not checks.
import { describe, expect, test } from 'vitest';
import { parseExpectations } from './expect.ts';

const one = (line: string) => {
  const r = parseExpectations(line);
  expect(r.diagnostics).toEqual([]);
  expect(r.checks).toHaveLength(1);
  return r.checks[0];
};

describe('expectations', () => {
  test('text checks take a string with the language\'s escapes', () => {
    expect(one('console == "a\\tb\\n"')).toMatchObject({ kind: 'text', subject: 'console', op: '==', bytes: 'a\tb\n', line: 1, column: 1, text: 'console == "a\\tb\\n"' });
    expect(one('stdout contains "x"')).toMatchObject({ subject: 'stdout', op: 'contains', bytes: 'x' });
    expect(one('stderr !contains "oops"')).toMatchObject({ subject: 'stderr', op: '!contains', bytes: 'oops' });
    expect(one('error != ""')).toMatchObject({ subject: 'error', op: '!=', bytes: '' });
    expect(one('console contains "grüß"')).toMatchObject({ bytes: 'gr\xc3\xbc\xc3\x9f' });
  });

  test('number checks: integers, hex, a minus, constants, and durations for clock', () => {
    expect(one('exit == 0')).toMatchObject({ kind: 'number', subject: 'exit', op: '==', value: 0 });
    expect(one('lost >= 0x10')).toMatchObject({ subject: 'lost', op: '>=', value: 16 });
    expect(one('clock < 30ms')).toMatchObject({ subject: 'clock', op: '<', value: 30_000_000 });
    expect(one('clock > 5')).toMatchObject({ subject: 'clock', value: 5 });
    for (const s of ['posted', 'atoms', 'events', 'threads']) expect(one(`${s} != 3`)).toMatchObject({ subject: s, op: '!=', value: 3 });
  });

  test('var checks compare a var\'s final value as a signed word', () => {
    expect(one('var fd == -ENOENT')).toMatchObject({ kind: 'var', name: 'fd', op: '==', value: -2 });
    expect(one('var x <= 0xffffffff')).toMatchObject({ value: -1 });
    expect(one('var flags == SYSLET_ASYNC')).toMatchObject({ value: 1 });
  });

  test('comments and blank lines; each check keeps its line and column', () => {
    const r = parseExpectations('# a comment\n\n  exit == 0   # trailing\nlost == 0\n');
    expect(r.diagnostics).toEqual([]);
    expect(r.checks.map((c) => [c.line, c.column, c.text])).toEqual([[3, 3, 'exit == 0'], [4, 1, 'lost == 0']]);
  });

  test('mistakes are diagnostics with their position, and the other lines still parse', () => {
    const r = parseExpectations(['postd == 1', 'lost = 1', 'console contains 5', 'lost == 2ms', 'var 3 == 1', 'exit == 0 0', 'console == "open', 'exit ==', 'var x == nope', 'exit == 0'].join('\n'));
    expect(r.diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([
      '1:1 a check starts with `console`, `stdout`, `stderr`, `error`, `exit`, `posted`, `lost`, `atoms`, `events`, `clock`, `threads`, `var`; found `postd` — did you mean `posted`?',
      '2:6 `lost` takes `==`, `!=`, `<`, `<=`, `>`, `>=`; found `=`',
      '3:18 `console` is compared with a string, as in console contains "text"; found `5`',
      '4:9 only `clock` takes a duration; `lost` is a plain number',
      '5:5 `var` takes the name of one of the program\'s vars; found `3`',
      '6:11 unexpected `0` after the check (one check per line)',
      '7:12 this string is not closed: add `"` before the end of the line',
      '8:8 expected a number at the end of the line',
      '9:10 `nope` is not a number or a constant',
    ]);
    expect(r.checks.at(-1)).toMatchObject({ line: 10, subject: 'exit' });
  });
});
