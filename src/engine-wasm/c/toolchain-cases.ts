// The C side with the real toolchain (docs/c.md): the header's rules, the
// runner's contract (exit, traps, stops, limits, options, symbols) and the
// diagnostics, each proved by compiling C with @yowasp/clang and running it
// on the kernel (five compiles). The test file that loads clang registers
// them (src/ui/lang/c/roundtrip.test.ts), so that one clang load and one
// warm-up serve every compile of the test suite.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import { compileC } from './compile.ts';
import { runC } from './run.ts';
import * as L from '../abi/layout.ts';
import { O_CREAT, O_WRONLY } from '../abi/flags.ts';
import { SYS_close, SYS_open, SYS_write } from '../abi/syscall.ts';

/** Registers the tests; `kernel` gives the (debug) kernel once clang and it are loaded. */
export function toolchainTests(kernel: () => Kernel): void {
  describeRules(kernel);
  describeEnds(kernel);
  describeDiagnostics();
}

async function build(source: string, fileName = 'test.c'): Promise<Uint8Array> {
  const r = await compileC(source, { fileName });
  expect(r.diagnostics, r.log).toEqual([]);
  return r.wasm!;
}

function describeRules(kernel: () => Kernel): void {
  describe('the header\'s rules, run', () => {
    let k: Kernel;
    beforeAll(() => {
      k = kernel();
    });
    const RULES = String.raw`#include "syslet.h"
#include <stdio.h>
#include <string.h>

struct syslet_uatom *ring[2];
struct async_head_user ahu = { .completion_ring = ring, .ring_size_bytes = sizeof(ring) };
struct syslet_uatom counter = { 0 };
long word = 41, pword = 0, one = 1, result = 0;
char text[5000] = { 0 };
char copy[8] = { 0 };

int main(void)
{
	long big = 2147483647;

	printf("");
	printf("%d %i %u %x %X %s %c %p %%|%5d|%-5d|%05d|%ld|%zu\n", -7, 8, 4294967295u, 255, 255, "str", 'c', (void *)0x1234, 42, 42, -42, 123456789L, sizeof(long));
	printf("%ld %ld %ld %ld %ld\n", DIV(-7, 2), MOD(-7, 2), DIV(-2147483647 - 1, -1), MOD(-2147483647 - 1, -1), big + 1);
	memset(text, 'a', sizeof(text) - 1);
	printf("%s", text);
	memcpy(copy, "syslet", 7);
	printf("\n%s %ld\n", copy, (long)strlen(copy));
	pword = (long)&word;
	init_atom(&counter, __NR_umem_add, &pword, &one, NULL, NULL, NULL, NULL, &result, 0, NULL);
	printf("%d %ld %ld %ld\n", sys_async_exec(&counter, &ahu) == &counter, word, result, getpid());
	printf("%ld %d\n", sys_async_wait(1, ahu.user_ring_idx, &ahu), async_reap(&ahu) == NULL);
	return 7;
}
`;
  let wasm: Uint8Array;
  beforeAll(async () => {
    wasm = await build(RULES, 'rules.c');
  }, 120_000);

  test('printf formats as C does, one write(1, …) a call (none for empty text, 4096-byte pieces beyond)', async () => {
    const run = await runC(k, wasm);
    expect(run.status).toBe('exited');
    expect(run.exitCode).toBe(7);
    const lines = k.consoleText().split('\n');
    expect(lines[0]).toBe('-7 8 4294967295 ff FF str c 0x1234 %|   42|42   |-0042|123456789|4');
    // Division truncates toward zero; INT_MIN / -1 wraps; a long wraps at 32 bits.
    expect(lines[1]).toBe('-3 -1 -2147483648 0 -2147483648');
    expect(lines[2]).toBe('a'.repeat(4999));
    expect(lines[3]).toBe('syslet 6');
    // The atom ran in the head (cached): umem_add added 1 and its result landed in `result`.
    expect(lines[4]).toBe('1 42 42 1');
    expect(lines[5]).toBe('0 1');
    const writes = run.calls.filter((c) => c.nr === SYS_write).map((c) => c.result);
    expect(writes).toEqual([lines[0].length + 1, lines[1].length + 1, 4096, 4999 - 4096, lines[3].length + 2, lines[4].length + 1, lines[5].length + 1]);
  });

  test('the data symbols are the program\'s globals, inside the user region; the header\'s own are left out', async () => {
    const run = await runC(k, wasm);
    expect([...run.symbols.keys()].sort()).toEqual(['ahu', 'copy', 'counter', 'one', 'pword', 'result', 'ring', 'text', 'word']);
    for (const addr of run.symbols.values()) expect(addr >= k.userBase && addr < k.userEnd).toBe(true);
    expect(run.memory!.dataStart).toBeGreaterThanOrEqual(k.userBase);
    expect(run.memory!.stackHigh).toBeLessThanOrEqual(k.userEnd);
    // Globals defined with an initializer keep the order they are written in.
    expect(run.symbols.get('pword')! - run.symbols.get('word')!).toBe(4);
    expect(run.symbols.get('one')! - run.symbols.get('pword')!).toBe(4);
  });

  test('the knobs are applied before the reset', async () => {
    await runC(k, wasm, { knobs: { seed: 7, kernel: [[L.OPT_RING_POLICY, L.RING_WAIT], [L.OPT_CACHEMISS_THREADS, 3]] } });
    expect(k.counters().seed).toBe(7);
    expect(k.getOption(L.OPT_RING_POLICY)).toBe(L.RING_WAIT);
    expect(k.getOption(L.OPT_CACHEMISS_THREADS)).toBe(3);
    await runC(k, wasm, { knobs: { seed: 1, kernel: [[L.OPT_RING_POLICY, L.RING_LOSE], [L.OPT_CACHEMISS_THREADS, L.NCACHEMISS]] } });
  });
});
}

function describeEnds(kernel: () => Kernel): void {
  describe('how a program ends', () => {
    let k: Kernel;
    beforeAll(() => {
      k = kernel();
    });
    // The case to run is read from the file /case, which the test writes after a reset.
    const CASES = String.raw`#include "syslet.h"

struct syslet_uatom *ring[2];
struct async_head_user ahu = { .completion_ring = ring, .ring_size_bytes = sizeof(ring) };
long which = 0, zero = 0;
char buf[4096];

int main(void)
{
	long fd = open("/case", O_RDONLY);

	read(fd, &which, 4);
	close(fd);
	switch (which) {
	case 1: assert(which == 2);
	case 2: return (int)DIV(7, zero);
	case 3: return (int)MOD(7, zero);
	case 4: return ring_slot(&ahu, 5) != NULL;
	case 5: syslet_while (1) { }
	case 6: printf("%f", 1.5);
	case 7: *(volatile long *)0xfffffff0 = 1; return 0;
	case 8: exit(3);
	case 9: for (;;) getpid();
	case 10:
		fd = open("/etc/motd", O_RDONLY);
		printf("%ld\n", read(fd, buf, sizeof(buf)));
		return (int)close(fd);
	}
	return 0;
}
`;
  let wasm: Uint8Array;
  beforeAll(async () => {
    wasm = await build(CASES, 'cases.c');
  }, 120_000);

  /** A fresh kernel with /case holding `which`; returns the events that took. */
  function prepare(which: number): number {
    k.reset(1);
    const at = k.userBase;
    k.writeString(at, '/case');
    k.setU32(at + 8, which);
    const fd = k.syscall(SYS_open, at, O_CREAT | O_WRONLY, 0o644);
    k.syscall(SYS_write, fd, at + 8, 4);
    k.syscall(SYS_close, fd);
    return k.counters().events;
  }

  test.each([
    [1, 'assertion failed: which == 2', 15],
    [2, 'division by zero in `7 / zero`', 16],
    [3, 'division by zero in `7 % zero`', 17],
    [4, 'ring[5] is outside the ring (0 to 1)', 18],
    [5, 'the loop ran 100,000 times and was stopped', 19],
    [6, 'printf: the conversion %f is not supported (syslet.h knows %d %i %u %x %X %s %c %p %%)', undefined],
  ])('case %i stops with the message the playground gives', async (which, message, line) => {
    prepare(which);
    const run = await runC(k, wasm, { reset: false });
    expect(run.status).toBe('error');
    expect(run.error).toEqual(line === undefined ? { message } : { message, line });
  });

  test('a trap the header did not cause is told with what is known', async () => {
    prepare(7);
    const run = await runC(k, wasm, { reset: false });
    expect(run.status).toBe('error');
    expect(run.error!.message).toMatch(/^the program trapped \(.*out of bounds.*\) after 3 kernel events$/);
  });

  test('exit(status) and main\'s return end the program in the host', async () => {
    prepare(8);
    const exited = await runC(k, wasm, { reset: false });
    expect(exited).toMatchObject({ status: 'exited', exitCode: 3 });
    expect(exited.calls.map((c) => c.nr)).toEqual([SYS_open, 3, SYS_close]); // exit is not a kernel call
    prepare(0);
    expect(await runC(k, wasm, { reset: false })).toMatchObject({ status: 'exited', exitCode: 0 });
  });

  test('the event limit stops a program that never ends', async () => {
    prepare(9);
    const run = await runC(k, wasm, { reset: false, maxEvents: 500 });
    expect(run).toMatchObject({ status: 'error', error: { message: "the run stopped after 500 events (the playground's limit)" }, events: 500 });
  });

  test('stopAtEvent leaves the kernel exactly at that event, inside a call or not, the same every time', async () => {
    const base = prepare(10);
    const whole = await runC(k, wasm, { reset: false });
    expect(whole.status).toBe('exited');
    const total = whole.events;
    expect(total).toBeGreaterThan(6); // the cold read waits for the disk: several events in one call
    let stoppedInside = 0;
    for (let n = 0; n < total; n++) {
      prepare(10);
      const run = await runC(k, wasm, { reset: false, stopAtEvent: n });
      expect(run.status, `event ${n}`).toBe('stopped');
      expect(run.events).toBe(n);
      expect(k.counters().events).toBe(base + n);
      const last = run.calls[run.calls.length - 1];
      if (k.busy) {
        stoppedInside++;
        expect(last.result).toBeUndefined();
      }
      const first = k.snapshot();
      prepare(10);
      await runC(k, wasm, { reset: false, stopAtEvent: n });
      expect(Buffer.compare(k.snapshot(), first), `the machine at event ${n}, run twice`).toBe(0);
    }
    expect(stoppedInside).toBeGreaterThan(0);
    prepare(10);
    expect(await runC(k, wasm, { reset: false, stopAtEvent: total })).toMatchObject({ status: 'stopped', events: total });
  });

  test('a kernel inside a call is not run over', async () => {
    prepare(0);
    k.enter(20);
    expect((await runC(k, wasm, { reset: false })).error?.message).toMatch(/kernel is inside a call/);
    k.reset(1);
  });
});
}

function describeDiagnostics(): void {
  describe('diagnostics', () => {
    test('compile errors come with their line and column; what the header lacks says so', async () => {
      const r = await compileC('#include <stdio.h>\n\nint main(void)\n{\n\tvoid *p = malloc(4);\n\tFILE *f = 0;\n\treturn y;\n}\n', { fileName: 'bad.c' });
      expect(r.wasm).toBeNull();
      const errors = r.diagnostics.filter((d) => d.severity === 'error' && d.file === 'bad.c');
      expect(errors).toEqual([
        { file: 'bad.c', line: 5, col: 12, severity: 'error', message: expect.stringMatching(/'malloc' is unavailable: syslet.h has no heap/) },
        { file: 'bad.c', line: 6, col: 2, severity: 'error', message: expect.stringMatching(/'FILE' is unavailable: syslet.h has no stdio streams/) },
        { file: 'bad.c', line: 7, col: 9, severity: 'error', message: "use of undeclared identifier 'y'" },
      ]);
      expect(r.log).toContain('bad.c:7:9');
    });

    test('a function declared but defined nowhere is an error at its name, not a silent link failure', async () => {
      const r = await compileC('#include "syslet.h"\nlong helper(long x);\nint main(void) { return (int)helper(1); }\n', { fileName: 'link.c' });
      expect(r.wasm).toBeNull();
      expect(r.diagnostics).toEqual([{ file: 'link.c', line: 2, col: 6, severity: 'error', message: expect.stringMatching(/^`helper` is declared but defined nowhere/) }]);
    });

    test('a program whose memory does not fit the user region is refused', async () => {
      const r = await compileC('#include "syslet.h"\nchar big[1048576] = { 1 };\nint main(void) { return big[5]; }\n', { fileName: 'big.c' });
      expect(r.wasm).toBeNull();
      expect(r.diagnostics).toEqual([{ file: 'big.c', line: 1, col: 1, severity: 'error', message: expect.stringMatching(/past the end of the user region \[0x10000, 0x110000\)/) }]);
    });
  });
}
