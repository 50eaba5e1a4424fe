// `syslet run`, in-process: the console on stdout and stderr, exit statuses
// 0/1/2, GNU diagnostics, --json, --trace, --seed and --option, standard input,
// and a console longer than the kernel's window.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { formatTrace } from '../host/trace-format.ts';
import * as L from '../abi/layout.ts';
import { cli, pageRun } from './test-helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const example = (name: string) => readFileSync(new URL(`../../ui/examples/${name}.syslet`, import.meta.url), 'utf8');
const EX = (name: string) => `src/ui/examples/${name}.syslet`;

const FAILS = 'var x = 1\nvar y = 2\nprint "before\\n"\nif x < y {\n    assert x == y\n}\nprint "after\\n"\n';
const STREAMS = 'print "out\\n"\nwrite(2, "oops\\n", 5)\nprint "more\\n"\n';

describe('syslet run', () => {
  test('prints the console and exits 0 when the program ends', async () => {
    const r = await cli(k, ['run', EX('hello')]);
    expect(r).toMatchObject({ code: 0, out: 'Hello Syslet World!\ncompleted an cached syslet atom!\n', err: '' });
  });

  test('what the program writes to fd 2 goes to standard error', async () => {
    const r = await cli(k, ['run', 'streams.syslet'], { 'streams.syslet': STREAMS });
    expect(r).toMatchObject({ code: 0, out: 'out\nmore\n', err: 'oops\n' });
  });

  test('a failed assert: the console up to it, the error as file:line:col on stderr, exit 1', async () => {
    const r = await cli(k, ['run', 'fails.syslet'], { 'fails.syslet': FAILS });
    expect(r.code).toBe(1);
    expect(r.out).toBe('before\n');
    expect(r.err).toBe('fails.syslet:5:5: error: assertion failed: x == y\n');
  });

  test('a run error other than an assert is exit 1 too (division by zero)', async () => {
    const r = await cli(k, ['run', 'div.syslet'], { 'div.syslet': 'var z = 0\nvar q = 0\nq = 10 / z\n' });
    expect(r.code).toBe(1);
    expect(r.err).toBe('div.syslet:3:1: error: division by zero in `10 / z`\n');
  });

  test('a program with errors is not run: every diagnostic as file:line:col: error: message, exit 2', async () => {
    const r = await cli(k, ['run', 'bad.syslet'], { 'bad.syslet': 'var x = \natom a = bogus(&x)\nprint "never"\n' });
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      'bad.syslet:1:9: error: expected an expression, found the end of the line\n' +
        'bad.syslet:2:10: error: unknown syscall `bogus`\n' +
        'bad.syslet:2:17: error: `x` is not declared\n',
    );
  });

  test('warnings are printed and do not stop the run', async () => {
    const text = 'var x\natom a = close(&x) flags SYSLET_SYNC | SYSLET_SYNC\nprint "ran\\n"\n';
    const r = await cli(k, ['run', 'warn.syslet'], { 'warn.syslet': text });
    expect(r.code).toBe(0);
    expect(r.out).toBe('ran\n');
    expect(r.err).toMatch(/^warn\.syslet:2:\d+: warning: `SYSLET_SYNC` is given twice\n$/);
  });

  test('- reads the program from standard input', async () => {
    const r = await cli(k, ['run', '-'], {}, 'print "piped\\n"\n');
    expect(r).toMatchObject({ code: 0, out: 'piped\n' });
    const bad = await cli(k, ['run', '-'], {}, 'print\n');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/^<stdin>:1:\d+: error: /);
  });

  test('--json: one object with the console, exit status, counters and options in force', async () => {
    const r = await cli(k, ['run', 'streams.syslet', '--json'], { 'streams.syslet': STREAMS });
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const j = JSON.parse(r.out);
    const page = pageRun(k, STREAMS);
    const c = page.session.k.counters();
    expect(j).toMatchObject({
      file: 'streams.syslet', exit: 0, status: 'done', error: null, diagnostics: [],
      console: 'out\noops\nmore\n', stdout: 'out\nmore\n', stderr: 'oops\n', consoleLost: 0,
      events: page.session.events,
      counters: { clockNs: Number(c.clockNs), kernelEvents: c.events, atoms: c.atoms, posted: c.posted, lost: c.lost, liveThreads: c.liveThreads },
      options: { ring_policy: 'lose', disk_latency: '2ms', disk_jitter: '500us', seed: '1', cachemiss_threads: '256', call_budget: '1048576' },
    });
    expect(j.trace).toBeUndefined();
    expect(r.out.trim().split('\n')).toHaveLength(1);
  });

  test('--json of a failed run and of a program with errors', async () => {
    const failed = JSON.parse((await cli(k, ['run', 'fails.syslet', '--json'], { 'fails.syslet': FAILS })).out);
    expect(failed).toMatchObject({ exit: 1, status: 'error', error: { message: 'assertion failed: x == y', line: 5, column: 5 }, console: 'before\n' });
    const bad = await cli(k, ['run', 'bad.syslet', '--json'], { 'bad.syslet': 'print\n' });
    expect(bad.code).toBe(2);
    const j = JSON.parse(bad.out);
    expect(j).toMatchObject({ file: 'bad.syslet', exit: 2, status: 'invalid' });
    expect(j.diagnostics[0]).toMatchObject({ line: 1, severity: 'error' });
  });

  test('--trace prints the kernel trace on stderr, one line per record, as the page\'s run wrote it', async () => {
    const page = pageRun(k, example('cold-read'));
    const r = await cli(k, ['run', EX('cold-read'), '--trace']);
    expect(r.code).toBe(0);
    expect(r.out).toBe(page.stdout);
    expect(r.err).toBe(formatTrace(page.trace));
  });

  test('--trace interleaves the trace and the console in the order they happened', async () => {
    const r = await cli(k, ['run', 'streams.syslet', '--trace'], { 'streams.syslet': STREAMS });
    expect(r.code).toBe(0);
    expect(r.out).toBe('out\nmore\n');
    // Each event's trace records, then the console bytes it wrote.
    const order = r.io.sequence().flatMap((w) => (w.fd === 1 ? [`stdout ${w.text}`] : w.text.split('\n').filter(Boolean).map((l) => `stderr ${l}`)));
    const calls = order.map((l) => l.replace(/^stderr t=\d+ thr=0 /, '').replace(/0x[0-9a-f]+/, 'ADDR'));
    expect(calls).toEqual([
      'syscall write(1, ADDR, 4)', 'sysret write = 4', 'stdout out\n',
      'syscall write(2, ADDR, 5)', 'sysret write = 5', 'stderr oops',
      'syscall write(1, ADDR, 5)', 'sysret write = 5', 'stdout more\n',
    ]);
  });

  test('--json --trace: every record as an object, with its event on the page\'s timeline and its text line', async () => {
    const page = pageRun(k, example('hello'));
    const j = JSON.parse((await cli(k, ['run', EX('hello'), '--json', '--trace'])).out);
    expect(j.trace.map((t: { text: string }) => t.text + '\n').join('')).toBe(formatTrace(page.trace));
    expect(j.traceLost).toBe(0);
    const head = j.trace.find((t: { kind: string }) => t.kind === 'atom');
    expect(head).toMatchObject({ kind: 'atom', atomName: 'hello', syscall: 'write', result: 20, thread: 0 });
  });

  test('--json --trace: each record\'s event is the one the page\'s Log gives it', async () => {
    // parallel-reads: driver statements and kernel events interleave all along the run.
    const page = pageRun(k, example('parallel-reads'));
    const logged = page.session.recent().filter((n) => n.trace);
    expect(logged).toHaveLength(page.trace.length);
    const j = JSON.parse((await cli(k, ['run', EX('parallel-reads'), '--json', '--trace'])).out);
    expect(j.trace.map((t: { seq: number; event: number }) => [t.seq, t.event])).toEqual(logged.map((n) => [n.trace!.seq, n.event]));
  });

  test('--option overrides the program\'s line; --seed is --option seed=N', async () => {
    const lose = await cli(k, ['run', EX('full-ring')]);
    expect(lose.out).toContain('reaped 2 completions (0 came after the first drain)');
    const wait = await cli(k, ['run', EX('full-ring'), '--option', 'ring_policy=wait']);
    expect(wait.out).toContain('reaped 4 completions (2 came after the first drain)');
    const ownLine = 'option ring_policy = wait\n' + example('full-ring');
    expect((await cli(k, ['run', 'own.syslet'], { 'own.syslet': ownLine })).out).toContain('reaped 4 completions');
    expect((await cli(k, ['run', 'own.syslet', '--option=ring_policy=lose'], { 'own.syslet': ownLine })).out).toContain('reaped 2 completions');

    const clock = async (args: string[], files: Record<string, string> = {}) => JSON.parse((await cli(k, ['run', ...args, '--json'], files)).out).counters.clockNs;
    const seeded = 'option seed = 9\n' + example('fio-batch');
    expect(await clock([EX('fio-batch'), '--seed', '9'])).toBe(await clock(['seeded.syslet'], { 'seeded.syslet': seeded }));
    expect(await clock([EX('fio-batch'), '--seed=9'])).not.toBe(await clock([EX('fio-batch')]));
    expect(await clock(['seeded.syslet', '--seed', '1'], { 'seeded.syslet': seeded })).toBe(await clock([EX('fio-batch')]));
  });

  test('bad kernel options are usage errors, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--option', 'ring_policy=wiat'], /--option: `ring_policy` is `lose` or `wait`, not `wiat`/],
      [['--option', 'ring_polcy=wait'], /`ring_polcy` is not a kernel option .* did you mean `ring_policy`\?/],
      [['--option', 'ring_policy'], /--option takes NAME=VALUE/],
      [['--option', 'disk_latency=5'], /`disk_latency` is a duration: give it a unit/],
      [['--seed', '-1'], /--seed: `-1` is not a value of `seed`/],
      [['--seed', '3', '--option', 'seed=4'], /`seed` is set twice \(--seed N is --option seed=N\)/],
      [['--seed', '3', '--seed', '4'], /--seed was given twice/],
      [['--seed'], /--seed needs a value/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(k, ['run', EX('hello'), ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
      expect(r.err).toMatch(/\nTry 'syslet help run'\.\n$/);
    }
  });

  test('a console longer than the kernel keeps is printed whole', async () => {
    // 2,000 lines of 50 bytes: 100,000 bytes, more than the page's console window holds.
    const line = '0123456789'.repeat(4) + 'abcdefghi\n';
    const text = `var i = 0\nwhile i < 2000 {\n    print "${line.replace('\n', '\\n')}"\n    i = i + 1\n}\n`;
    const r = await cli(k, ['run', 'long.syslet'], { 'long.syslet': text });
    expect(r.code).toBe(0);
    expect(r.out.length).toBeGreaterThan(L.CONSOLE_BYTES);
    expect(r.out).toBe(line.repeat(2000));
  });

  test('many big writes inside one batch of events are read back one event at a time: nothing lost', async () => {
    // 64 writes of 4 KiB in a row: 256 KiB within a few hundred events.
    const text = 'buffer b[4096]\nvar i = 0\nwhile i < 64 {\n    write(1, b, 4096)\n    i = i + 1\n}\nprint "end\\n"\n';
    const r = await cli(k, ['run', 'big.syslet', '--json'], { 'big.syslet': text });
    const j = JSON.parse(r.out);
    expect(j.consoleLost).toBe(0);
    expect(j.stdout).toBe('\0'.repeat(64 * 4096) + 'end\n');
    expect(r.err).toBe('');
  });

  test('one write larger than the kernel\'s console: the bytes it could not keep are counted and reported', async () => {
    const text = 'buffer b[100000]\nwrite(1, b, 100000)\n';
    const j = JSON.parse((await cli(k, ['run', 'huge.syslet', '--json'], { 'huge.syslet': text })).out);
    expect(j.consoleLost).toBe(100000 - L.CONSOLE_BYTES);
    expect(j.stdout).toHaveLength(L.CONSOLE_BYTES);
    const plain = await cli(k, ['run', 'huge.syslet'], { 'huge.syslet': text });
    expect(plain.code).toBe(0);
    expect(plain.err).toBe(`syslet: ${(100000 - L.CONSOLE_BYTES).toLocaleString('en')} bytes of console output were lost: one event wrote more than the kernel's console keeps (65,536 bytes)\n`);
  });
});
