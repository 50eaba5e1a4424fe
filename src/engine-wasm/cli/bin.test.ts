// The real command, as a user runs it: `node src/engine-wasm/cli/bin.mjs …`
// (the package's bin) in a child process, for every subcommand and every exit
// status, and the launcher rebuilding a stale bundle with its messages on
// stderr only.
import { beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'src/engine-wasm/cli/bin.mjs');
const BUNDLE = join(ROOT, 'src/engine-wasm/build/cli.mjs');
const HELLO_OUT = 'Hello Syslet World!\ncompleted an cached syslet atom!\n';
let dir: string;

function syslet(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(() => {
  // Builds the bundle if it is stale, so the tests below see a quiet start.
  const built = spawnSync(process.execPath, [join(ROOT, 'src/engine-wasm/cli/build-cli.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  expect(built.status, built.stderr).toBe(0);
  dir = mkdtempSync(join(tmpdir(), 'syslet-bin-'));
  writeFileSync(join(dir, 'fails.syslet'), 'var x = 1\nassert x == 2\n');
  writeFileSync(join(dir, 'bad.syslet'), 'var x = \n');
  writeFileSync(join(dir, 'hello.expect'), 'console contains "cached"\nposted == 0\n');
  writeFileSync(join(dir, 'wrong.expect'), 'posted == 1\n');
}, 300_000);

describe('bin.mjs in a child process', () => {
  test('run: the console on stdout, nothing else, exit 0', () => {
    expect(syslet(['run', 'src/ui/examples/hello.syslet'])).toEqual({ code: 0, out: HELLO_OUT, err: '' });
  });

  test('run: a failed assert is exit 1, a program with errors exit 2, both with file:line:col', () => {
    const fails = syslet(['run', join(dir, 'fails.syslet')]);
    expect(fails).toEqual({ code: 1, out: '', err: `${join(dir, 'fails.syslet')}:2:1: error: assertion failed: x == 2\n` });
    const bad = syslet(['run', join(dir, 'bad.syslet')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(`${join(dir, 'bad.syslet')}:1:9: error: expected an expression, found the end of the line\n`);
  });

  test('run -: the program from standard input; --json: one object', () => {
    expect(syslet(['run', '-'], 'print "piped\\n"\n')).toEqual({ code: 0, out: 'piped\n', err: '' });
    const j = JSON.parse(syslet(['run', 'src/ui/examples/hello.syslet', '--json']).out);
    expect(j).toMatchObject({ exit: 0, status: 'done', console: HELLO_OUT });
  });

  test('check: exit 0 when every check holds, 1 when one fails', () => {
    const ok = syslet(['check', 'src/ui/examples/hello.syslet', '--expect', join(dir, 'hello.expect')]);
    expect(ok.code).toBe(0);
    expect(ok.out.trim().split('\n').at(-1)).toBe('3 ok, 0 failed (3 checks)');
    const fail = syslet(['check', 'src/ui/examples/hello.syslet', '--expect', join(dir, 'wrong.expect')]);
    expect(fail.code).toBe(1);
    expect(fail.out).toContain(`FAIL ${join(dir, 'wrong.expect')}:1:1: posted == 1: got 0\n`);
  });

  test('export trace: to -o OUT, the same text as on standard output', () => {
    const out = join(dir, 'hello.trace');
    expect(syslet(['export', 'trace', 'src/ui/examples/hello.syslet', '-o', out])).toEqual({ code: 0, out: '', err: '' });
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^t=\d+ thr=0 syscall async_exec\(/);
    expect(syslet(['export', 'trace', 'src/ui/examples/hello.syslet']).out).toBe(text);
  });

  test('--version is package.json\'s; an unknown command is exit 2', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(syslet(['--version'])).toEqual({ code: 0, out: `syslet ${version}\n`, err: '' });
    const r = syslet(['frob']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command `frob`');
  });

  test('a bundle older than its sources is rebuilt; the build speaks on stderr only', () => {
    const before = statSync(BUNDLE).mtimeMs;
    utimesSync(BUNDLE, new Date(0), new Date(0));
    const r = syslet(['run', 'src/ui/examples/hello.syslet']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(HELLO_OUT);
    expect(r.err).toMatch(/^syslet: building the command \(src\/engine-wasm\/build\/cli\.mjs\)…\nsyslet: built in \d+\.\d s\n$/);
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThanOrEqual(before);
    expect(syslet(['run', 'src/ui/examples/hello.syslet']).err).toBe('');
  });
});
