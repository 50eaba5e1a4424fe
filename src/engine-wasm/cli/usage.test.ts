// The command line itself, in-process: help, version, and every usage error
// (unknown command or option, missing or extra operands, unreadable files,
// a file of a kind no command reads) is a clear message and exit status 2.
import { beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { cli } from './test-helpers.ts';
import { COMMANDS } from './commands.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const HELLO = 'src/ui/examples/hello.syslet';

describe('help and version', () => {
  test('--help and help list every command, on stdout, exit 0', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const r = await cli(k, args);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^Usage: syslet COMMAND \[ARGUMENTS\]\n/);
      for (const c of COMMANDS) expect(r.out).toContain(`  ${c.name} ${c.operands}`);
      expect(r.out).toContain('Exit status:');
    }
  });

  test('no arguments: the usage on stderr, exit 2', async () => {
    const r = await cli(k, []);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: syslet COMMAND/);
  });

  test('help COMMAND, COMMAND --help and -h give the command\'s usage, options and exit statuses', async () => {
    for (const c of COMMANDS) {
      const words = c.name.split(' ');
      const viaHelp = await cli(k, ['help', ...words]);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toMatch(new RegExp(`^Usage: syslet ${c.name} ${c.operands} `));
      for (const f of c.flags) expect(viaHelp.out).toContain(`--${f.name}`);
      expect(viaHelp.out).toContain('Exit status:');
      expect((await cli(k, [...words, '--help'])).out).toBe(viaHelp.out);
      expect((await cli(k, [...words, 'anything', '-h', '--bogus'])).out).toBe(viaHelp.out);
    }
    const group = await cli(k, ['help', 'export']);
    expect(group.code).toBe(0);
    expect(group.out).toContain('Usage: syslet export trace FILE');
    expect((await cli(k, ['export', '--help'])).out).toBe(group.out);
  });

  test('help for a command that does not exist is exit 2', async () => {
    const r = await cli(k, ['help', 'runn']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("syslet help: unknown command `runn` (run, check, export, help)\nTry 'syslet help'.\n");
  });

  test('--version and -V print the version', async () => {
    expect(await cli(k, ['--version'])).toMatchObject({ code: 0, out: 'syslet 0.0.0-test\n', err: '' });
    expect((await cli(k, ['-V'])).out).toBe('syslet 0.0.0-test\n');
  });
});

describe('usage errors: a message naming the mistake, a hint, exit 2', () => {
  const cases: [string, string[], string][] = [
    ['an unknown command', ['frob'], "syslet: unknown command `frob` (run, check, export, help)\nTry 'syslet help'.\n"],
    ['an option before the command', ['--json', 'run', HELLO], "syslet: unknown option --json (a command comes first: syslet COMMAND …)\nTry 'syslet help'.\n"],
    ['an unknown option, with a suggestion', ['run', HELLO, '--trcae'], "syslet run: unknown option --trcae — did you mean --trace?\nTry 'syslet help run'.\n"],
    ['an unknown short option', ['run', HELLO, '-x'], "syslet run: unknown option -x\nTry 'syslet help run'.\n"],
    ['a value given to a plain flag', ['run', HELLO, '--json=yes'], "syslet run: --json takes no value\nTry 'syslet help run'.\n"],
    ['a flag given twice', ['run', HELLO, '--json', '--json'], "syslet run: --json was given twice\nTry 'syslet help run'.\n"],
    ['no FILE', ['run'], "syslet run: missing FILE\nTry 'syslet help run'.\n"],
    ['two FILEs', ['run', HELLO, 'other.syslet'], "syslet run: one FILE only; also given: other.syslet\nTry 'syslet help run'.\n"],
    ['a missing file', ['run', 'nowhere.syslet'], "syslet run: cannot read the program nowhere.syslet: no such file or directory\nTry 'syslet help run'.\n"],
    ['a file no command reads', ['run', 'prog.py'], "syslet run: prog.py: not a program this command reads; it reads .syslet (a syslet program), .c (a C program against syslet.h), or - for a syslet program on standard input\nTry 'syslet help run'.\n"],
    ['export without a kind', ['export'], "syslet export: export what? (trace, c)\nTry 'syslet help export'.\n"],
    ['export of an unknown kind', ['export', 'svg', HELLO], "syslet export: unknown export `svg` (trace, c)\nTry 'syslet help export'.\n"],
    ['-o without a value', ['export', 'trace', HELLO, '-o'], "syslet export trace: -o needs a value (-o OUT)\nTry 'syslet help export trace'.\n"],
  ];
  test.each(cases)('%s', async (_, args, message) => {
    const r = await cli(k, args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(message);
  });

  test('a directory given as FILE', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'syslet-')), 'src.syslet');
    mkdirSync(dir);
    const r = await cli(k, ['run', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`syslet run: cannot read the program ${dir}: is a directory\nTry 'syslet help run'.\n`);
  });

  test('after --, everything is an operand (a file named like an option)', async () => {
    const r = await cli(k, ['run', '--', '--json'], { '--json': 'print "x"\n' });
    expect(r.code).toBe(2);
    expect(r.err).toContain('--json: not a program this command reads');
  });
});
