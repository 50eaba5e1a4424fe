// `syslet export trace`, in-process: the whole trace of a run in the text form
// (formatTrace, as the golden traces), to stdout or -o OUT; a failed run still
// writes its trace and exits 1.
import { beforeAll, describe, expect, test } from 'vitest';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { formatTrace } from '../host/trace-format.ts';
import { cli, pageRun } from './test-helpers.ts';
import { EXAMPLES } from '../../ui/examples/index.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

describe('syslet export trace', () => {
  test('the text trace of parallel-reads equals the page\'s run, record for record', async () => {
    const page = pageRun(k, EXAMPLES['parallel-reads']);
    expect(page.trace.length).toBeGreaterThan(20);
    const r = await cli(k, ['export', 'trace', 'src/ui/examples/parallel-reads.syslet']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(formatTrace(page.trace));
    expect(await cli(k, ['export', 'trace', '--format', 'text', 'src/ui/examples/parallel-reads.syslet'])).toMatchObject({ out: r.out });
  });

  test('a trace longer than the kernel\'s trace ring is written whole (stress: 3,000 syslets)', async () => {
    const r = await cli(k, ['export', 'trace', 'src/ui/examples/stress.syslet']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(16_384);
    expect(lines.filter((l) => / post atom=/.test(l))).toHaveLength(3000);
    expect(lines.filter((l) => / exit last=/.test(l))).toHaveLength(3000);
  });

  test('-o OUT writes the file instead of standard output; an unwritable OUT is exit 2', async () => {
    const r = await cli(k, ['export', 'trace', 'src/ui/examples/hello.syslet', '-o', 'hello.trace']);
    expect(r).toMatchObject({ code: 0, out: '', err: '' });
    expect(r.io.files.get('hello.trace')).toBe(formatTrace(pageRun(k, EXAMPLES.hello).trace));
    expect((await cli(k, ['export', 'trace', 'src/ui/examples/hello.syslet', '--output=h2.trace'])).io.files.get('h2.trace')).toBe(r.io.files.get('hello.trace'));
    const bad = await cli(k, ['export', 'trace', 'src/ui/examples/hello.syslet', '-o', '/nonexistent/x.trace']);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('syslet: cannot write /nonexistent/x.trace: no such file or directory\n');
  });

  test('a run that stops with an error: its trace up to the error, the error on stderr, exit 1', async () => {
    const text = 'var x = 0\nwrite(1, "hi\\n", 3)\nassert x == 1\n';
    const r = await cli(k, ['export', 'trace', 'f.syslet'], { 'f.syslet': text });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^t=\d+ thr=0 syscall write\(1, 0x[0-9a-f]+, 3\)\nt=\d+ thr=0 sysret write = 3\n$/);
    expect(r.err).toBe('f.syslet:3:1: error: assertion failed: x == 1\n');
  });

  test('an unknown --format names the formats; a program with errors is exit 2', async () => {
    const r = await cli(k, ['export', 'trace', 'src/ui/examples/hello.syslet', '--format', 'svg']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("syslet export trace: --format: `svg` is not a trace format (text, chrome)\nTry 'syslet help export trace'.\n");
    const bad = await cli(k, ['export', 'trace', 'b.syslet'], { 'b.syslet': 'atom a = nosuch()\n' });
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
  });
});
