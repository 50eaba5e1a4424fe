// `syslet check`, in-process: the program's asserts as the first check, an
// expectations file's checks with what the run gave, the summary, and exit
// statuses 0 (all hold), 1 (one failed) and 2 (errors in either file).
import { beforeAll, describe, expect, test } from 'vitest';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { cli, pageRun } from './test-helpers.ts';
import { EXAMPLES } from '../../ui/examples/index.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const FULL_RING = 'src/ui/examples/full-ring.syslet';
const FAILS = 'var x = 1\nvar y = 2\nprint "before\\n"\n    assert x == y\n';

describe('syslet check', () => {
  test('without expectations: one check, the program ran to its end with its asserts holding', async () => {
    const r = await cli(k, ['check', 'src/ui/examples/hello.syslet']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('ok   src/ui/examples/hello.syslet: the program ran to its end and its asserts held\n1 ok, 0 failed (1 check)\n');
  });

  test('a failed assert is a FAIL at its line, exit 1', async () => {
    const r = await cli(k, ['check', 'fails.syslet'], { 'fails.syslet': FAILS });
    expect(r.code).toBe(1);
    expect(r.out).toBe('FAIL fails.syslet:4:5: the program stopped: assertion failed: x == y\n0 ok, 1 failed (1 check)\n');
  });

  test('every kind of check against the page\'s run of full-ring: all hold, exit 0', async () => {
    const page = pageRun(k, EXAMPLES['full-ring']);
    const c = page.session.k.counters();
    const expectations = [
      '# full-ring with the default policy',
      'console == "reaped 2 completions (0 came after the first drain); all four reads returned 2048 bytes\\n"',
      'stdout contains "reaped 2"',
      'stderr == ""',
      'error == ""',
      `posted == ${c.posted}`,
      'lost == 2',
      `atoms == ${c.atoms}`,
      `events == ${page.session.events}`,
      `clock == ${c.clockNs}`,
      'clock < 1s',
      `threads == ${c.liveThreads}`,
      'var n1 == 512',
      'var later == 0',
    ].join('\n');
    const r = await cli(k, ['check', FULL_RING, '--expect', 'fr.expect'], { 'fr.expect': expectations });
    expect(r.err).toBe('');
    expect(r.out.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`ok   ${FULL_RING}: the program ran to its end and its asserts held`);
    expect(lines.slice(1, -1)).toEqual(expectations.split('\n').slice(1).map((l, i) => `ok   fr.expect:${i + 2}:1: ${l}`));
    expect(lines.at(-1)).toBe('14 ok, 0 failed (14 checks)');
  });

  test('failed checks say what the run gave; --option changes the run that is checked', async () => {
    const files = { 'fr.expect': 'lost == 2\nconsole contains "reaped 2"\nvar n3 > 0\n' };
    const r = await cli(k, ['check', FULL_RING, '--expect', 'fr.expect', '--option', 'ring_policy=wait'], files);
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      [
        `ok   ${FULL_RING}: the program ran to its end and its asserts held`,
        'FAIL fr.expect:1:1: lost == 2: got 0',
        'FAIL fr.expect:2:1: console contains "reaped 2": got "reaped 4 completions (2 came after the first drain); all four reads returned 2048 bytes\\n"',
        'ok   fr.expect:3:1: var n3 > 0',
        '2 ok, 2 failed (4 checks)',
        '',
      ].join('\n'),
    );
  });

  test('an `exit` check takes the place of the asserts check: a program expected to fail', async () => {
    const files = { 'fails.syslet': FAILS, 'f.expect': 'exit == 1\nerror contains "assertion failed"\nconsole == "before\\n"\n' };
    const r = await cli(k, ['check', 'fails.syslet', '--expect', 'f.expect'], files);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('ok   f.expect:1:1: exit == 1');
    const wrong = await cli(k, ['check', 'fails.syslet', '--expect', 'x.expect'], { ...files, 'x.expect': 'exit == 0\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.out.split('\n')[0]).toBe('FAIL x.expect:1:1: exit == 0: got 1 (the program stopped at fails.syslet:4:5: assertion failed: x == y)');
  });

  test('errors in the expectations file: GNU diagnostics, nothing run, exit 2', async () => {
    const files = { 'bad.expect': 'lost = 1\nvar nope == 2\nvar s1 == 0\n' };
    const r = await cli(k, ['check', FULL_RING, '--expect', 'bad.expect'], files);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'bad.expect:1:6: error: `lost` takes `==`, `!=`, `<`, `<=`, `>`, `>=`; found `=`\n' +
        `bad.expect:2:5: error: \`nope\` is not declared in ${FULL_RING}\n` +
        `bad.expect:3:5: error: \`s1\` is an atom, not a var, in ${FULL_RING}\n`,
    );
  });

  test('errors in the program: its diagnostics, exit 2; an unreadable expectations file: exit 2', async () => {
    const bad = await cli(k, ['check', 'bad.syslet'], { 'bad.syslet': 'print\n' });
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^bad\.syslet:1:\d+: error: /);
    const missing = await cli(k, ['check', FULL_RING, '--expect', 'nowhere.expect']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe("syslet check: cannot read the expectations file nowhere.expect: no such file or directory\nTry 'syslet help check'.\n");
    const both = await cli(k, ['check', '-', '--expect', '-']);
    expect(both.code).toBe(2);
  });
});
