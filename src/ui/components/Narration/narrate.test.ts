import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../../engine-wasm/host/node.ts';
import type { Kernel } from '../../../engine-wasm/host/kernel.ts';
import { readFiles, TRACE_KINDS, type TraceKind, type TraceRec } from '../../../engine-wasm/host/records.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import { parse } from '../../lang/parse.ts';
import { layout, type Layout } from '../../lang/layout.ts';
import { Session, type Narration } from '../../engine/session.ts';
import { narrate, narrateAll, formatTime, callText, barSentence, type NarrateContext } from './narrate.ts';
import { nameAddress } from '../../lang/addresses.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url);
const example = (name: string) => readFileSync(new URL(`${name}.syslet`, EXAMPLES), 'utf8');

function lay(text: string): Layout {
  const l = layout(parse(text).program);
  expect(l.ok).toBe(true);
  return l;
}

const COLD = lay(example('cold-read'));
const sym = (name: string) => COLD.symbols.get(name)!.addr;
const ctx: NarrateContext = {
  names: COLD.names,
  files: [{ ino: 4, path: '/etc/motd' }, { ino: 5, path: '/usr/share/dict/words' }],
};

function rec(kind: TraceKind, fields: Partial<TraceRec> = {}): TraceRec {
  return { seq: 0, event: 0, kind, time: 0n, tid: 0, atom: 0, nr: 0, result: 0, args: [0, 0, 0, 0, 0, 0], aux: 0, aux2: 0, ...fields };
}
const kernel = (trace: TraceRec, event = 1): Narration => ({ event, kind: 'kernel', trace, text: '' });
const say = (trace: TraceRec) => narrate(kernel(trace), ctx);

describe('names', () => {
  test('addresses get the program names', () => {
    expect(nameAddress(ctx.names, sym('rd'))?.label).toBe('atom rd');
    expect(nameAddress(ctx.names, sym('text') + 16)?.label).toBe('buffer text+16');
    expect(nameAddress(ctx.names, COLD.strings.get('/etc/motd')!)?.label).toBe('string "/etc/motd"');
    expect(nameAddress(ctx.names, COLD.ring + 8)?.label).toBe('ring slot 2');
    expect(nameAddress(ctx.names, COLD.ahu)?.label).toBe('async_head_user');
    expect(nameAddress(ctx.names, L.USER_END - 4)).toBeUndefined();
  });
});

describe('one sentence per trace kind', () => {
  const rd = sym('rd');
  const readArgs = [3, sym('text'), 4096, 0, 0, 0];

  test('atom, in the head and in a thread, with errno names', () => {
    expect(say(rec('atom', { atom: sym('cl'), nr: 6, args: [3, 0, 0, 0, 0, 0], result: 0, aux: 1 }))).toBe('atom `cl` ran close(fd 3) = 0 in the head');
    expect(say(rec('atom', { atom: rd, tid: 1, nr: 3, args: readArgs, result: -9 }))).toBe('atom `rd` ran read(fd 3, text, 4096 bytes) = -EBADF (bad file descriptor) in thread 1');
    expect(say(rec('atom', { atom: sym('op'), nr: 5, args: [COLD.strings.get('/etc/motd')!, 0, 0, 0, 0, 0], result: 3, aux: 1 }))).toBe(
      'atom `op` ran open("/etc/motd", O_RDONLY) = 3 in the head',
    );
  });

  test('handoff for each reason', () => {
    expect(say(rec('handoff', { atom: rd, aux: 1, aux2: L.WHY_DISK }))).toBe('atom `rd` must wait (disk): the head returns NULL, cachemiss thread 1 takes over');
    expect(say(rec('handoff', { atom: rd, aux: 2, aux2: L.HANDOFF_ASYNC }))).toMatch(/^atom `rd` has SYSLET_ASYNC: .*thread 2/);
    expect(say(rec('handoff', { atom: rd, aux: 3, aux2: L.HANDOFF_BUDGET }))).toMatch(/used up its call budget \(its events and the work inside them\) at atom `rd`/);
  });

  test('block names the file and the page', () => {
    expect(say(rec('block', { atom: rd, tid: 1, nr: 3, args: readArgs, aux: L.WHY_DISK, aux2: (5 << 16) | 2 }))).toBe(
      'atom `rd` — read(fd 3, text, 4096 bytes) blocked until the disk reads page 2 of /usr/share/dict/words (not in the page cache); thread 1 sleeps',
    );
    expect(say(rec('block', { nr: 162, args: [sym('fd'), 0, 0, 0, 0, 0], aux: L.WHY_TIMER }))).toBe("the driver's nanosleep(fd) blocked on a timer; the user task sleeps");
  });

  test('a block right after its hand-off is told as one sentence', () => {
    const s = narrateAll(
      [kernel(rec('handoff', { seq: 1, atom: rd, aux: 1, aux2: L.WHY_DISK })), kernel(rec('block', { seq: 2, tid: 1, atom: rd, nr: 3, args: readArgs, aux: L.WHY_DISK, aux2: 5 << 16 }))],
      ctx,
    );
    expect(s).toHaveLength(1);
    expect(s[0].text).toBe('atom `rd` — read(fd 3, text, 4096 bytes) blocked until the disk reads the first page of /usr/share/dict/words (not in the page cache) — the head returns NULL, cachemiss thread 1 takes over');
    expect(s[0].tone).toBe('warn');
  });

  test('wake, post, lost (with the slot holder), ringwait', () => {
    expect(say(rec('wake', { tid: 1, atom: rd, aux: L.WHY_DISK, aux2: (4 << 16) | 1 }))).toBe('thread 1 woke: the disk read of page 1 of /etc/motd finished');
    expect(say(rec('post', { tid: 1, atom: sym('cl'), aux: 0 }))).toBe('thread 1 posted `cl` into ring slot 0');
    // The lost record itself names the atom that still held the slot.
    const [lost] = narrateAll([kernel(rec('lost', { seq: 2, tid: 3, atom: sym('cl'), aux: 1, aux2: sym('op') }))], ctx);
    expect(lost.text).toBe('RING FULL, ring policy: lose — the completion of `cl` was lost: slot 1 still held `op` that user space had not consumed');
    expect(lost.tone).toBe('bad');
    expect(say(rec('ringwait', { tid: 3, atom: sym('cl'), aux: 2 }))).toBe('RING FULL, ring policy: wait — thread 3 waits for a free slot (slot 2) to post `cl`');
    expect(say(rec('block', { tid: 3, atom: sym('cl'), aux: L.WHY_RING }))).toBe('ring policy: wait — posting the completion of `cl` blocked: the completion ring is full; thread 3 sleeps');
  });

  test('fault, cached, syscall, sysret, exit, deadlock', () => {
    expect(say(rec('fault', { tid: 1, atom: rd, aux: 0x200000, aux2: L.FAULT_RET }))).toMatch(/^FAULT: atom `rd` could not store its result at 0x200000/);
    expect(say(rec('fault', { tid: 0, aux: 0x5, aux2: L.FAULT_ATOM }))).toMatch(/async_exec returns -EFAULT$/);
    expect(say(rec('fault', { tid: 1, atom: rd, aux: 0x10000, aux2: L.FAULT_RING }))).toMatch(/unusable/);
    expect(say(rec('cached', { atom: sym('op') }))).toBe('async_exec returned the final atom `op`: the syslet ran cached — nothing blocked, nothing is posted');
    expect(say(rec('cached', { atom: sym('op'), aux: L.CACHED_SLEPT_SYNC }))).toBe(
      'async_exec returns `op` as on the cached path: the head slept in place for the SYSLET_SYNC atom instead of handing off, so nothing is posted',
    );
    expect(say(rec('cached', { atom: sym('op'), aux: L.CACHED_SLEPT_NOTHREAD }))).toMatch(/slept in place because no cachemiss thread was free, so nothing is posted$/);
    // A program that limits its threads is told so.
    expect(narrate(kernel(rec('cached', { atom: sym('op'), aux: L.CACHED_SLEPT_NOTHREAD })), { ...ctx, threadLimit: 2 })).toBe(
      'async_exec returns `op` as on the cached path: the head slept in place because no cachemiss thread was free (option cachemiss_threads = 2: all 2 the program allows were busy), so nothing is posted',
    );
    expect(say(rec('syscall', { nr: 320, args: [sym('op'), COLD.ahu, 0, 0, 0, 0] }))).toBe("the kernel takes the driver's async_exec(`op`): the head starts walking at `op`");
    expect(say(rec('syscall', { nr: 321, args: [1, 0, COLD.ahu, 0, 0, 0] }))).toMatch(/^the kernel takes the driver's async_wait\(1\): the user task waits for 1 completion from ring slot 0/);
    expect(say(rec('syscall', { nr: 4, args: [1, sym('text'), 440, 0, 0, 0] }))).toBe("the kernel takes the driver's write(fd 1, text, 440 bytes)");
    expect(say(rec('sysret', { nr: 320, result: 0 }))).toMatch(/^async_exec returned NULL/);
    // A C program's user space is its own code, not a driver.
    const c = { ...ctx, user: 'the C program' };
    expect(narrate(kernel(rec('syscall', { nr: 4, args: [1, sym('text'), 440, 0, 0, 0] })), c)).toBe("the kernel takes the C program's write(fd 1, text, 440 bytes)");
    expect(narrate(kernel(rec('sysret', { nr: 320, result: 0 })), c)).toBe('async_exec returned NULL: the syslet goes on in a cachemiss thread, the C program goes on too');
    expect(narrate(kernel(rec('block', { nr: 162, args: [sym('fd'), 0, 0, 0, 0, 0], aux: L.WHY_TIMER })), c)).toBe("the C program's nanosleep(fd) blocked on a timer; the user task sleeps");
    expect(say(rec('sysret', { nr: 321, result: 1 }))).toBe('async_wait returned 1: 1 completion is ready in the ring');
    expect(say(rec('sysret', { nr: 5, result: -2 }))).toBe('open returned -ENOENT (no such file)');
    expect(say(rec('exit', { tid: 1, atom: sym('cl') }))).toBe('thread 1 finished its syslet (last atom `cl`) and exits');
    expect(say(rec('deadlock'))).toMatch(/^DEADLOCK/);
  });

  test('injected: every kind says so, and an injected errno is told with its atom as one sentence', () => {
    const run3 = (kind: number) => kind | (3 << L.INJ_RUN_SHIFT);
    const [errno] = narrateAll(
      [
        kernel(rec('inject', { seq: 1, tid: 2, atom: rd, nr: 3, args: readArgs, result: -5, aux: run3(L.INJ_ERRNO), aux2: 5 })),
        kernel(rec('atom', { seq: 2, tid: 2, atom: rd, nr: 3, args: readArgs, result: -5, aux2: L.ATOM_THEN_NEXT << L.ATOM_THEN_SHIFT })),
      ],
      ctx,
    );
    expect(errno.text).toBe('atom `rd` — read(fd 3, text, 4096 bytes) returned -EIO (injected fault on its 3rd run: the call was not made) in thread 2');
    expect(errno.tone).toBe('bad');
    expect(errno.text).not.toMatch(/I\/O error/); // no claim that the disk failed
    expect(say(rec('inject', { atom: rd, nr: 3, result: -5, aux: run3(L.INJ_ERRNO), aux2: 5 }))).toBe('injected fault: atom `rd`\'s read is not made on its 3rd run; its result is -EIO');
    expect(say(rec('inject', { atom: rd, nr: 3, aux: L.INJ_BLOCK | (1 << L.INJ_RUN_SHIFT), aux2: 5_000_000 }))).toBe('injected delay: atom `rd` waits 5.000 ms on its 1st run before its read runs');
    expect(say(rec('inject', { atom: rd, nr: 4, result: 4096, aux: run3(L.INJ_SHORT), aux2: 16 }))).toBe('injected short write: atom `rd`\'s write asks for 16 bytes instead of 4096 on its 3rd run');
    expect(say(rec('inject', { atom: rd, nr: 3, result: 5 << 16, aux: L.INJ_CACHED | (2 << L.INJ_RUN_SHIFT), aux2: L.WHY_DISK }))).toBe(
      'injected `cached`: atom `rd`\'s read on its 2nd run does not wait for the disk to read the first page of /usr/share/dict/words: the pages count as cached for this call (they stay as they were)',
    );
    expect(say(rec('inject', { atom: rd, nr: 3, aux: L.INJ_CACHED | (1 << L.INJ_RUN_SHIFT), aux2: L.WHY_PIPE_READ }))).toMatch(/does not wait on the empty pipe: it returns -EAGAIN/);
    expect(say(rec('inject', { nr: 180, result: (5 << 16) | 3, aux: L.INJ_LATENCY, aux2: 20_312_000 }))).toBe(
      'injected latency: the disk read of page 3 of /usr/share/dict/words takes 20.312 ms (the latency the program sets for it, plus the seeded jitter)',
    );
    expect(say(rec('inject', { nr: 118, result: (4 << 16) | 0xffff, aux: L.INJ_LATENCY, aux2: 9_000_000 }))).toMatch(/^injected latency: the fsync of \/etc\/motd takes 9\.000 ms/);
    // A disk wait is told with the injected latency of the read it started, as one sentence.
    const merged = narrateAll(
      [
        kernel(rec('inject', { seq: 1, atom: rd, nr: 3, result: 5 << 16, aux: L.INJ_LATENCY, aux2: 20_123_000 })),
        kernel(rec('handoff', { seq: 2, atom: rd, aux: 1, aux2: L.WHY_DISK })),
        kernel(rec('block', { seq: 3, tid: 1, atom: rd, nr: 3, args: readArgs, aux: L.WHY_DISK, aux2: 5 << 16 })),
      ],
      ctx,
    );
    expect(merged.map((x) => x.text)).toEqual([
      'atom `rd` — read(fd 3, text, 4096 bytes) blocked until the disk reads the first page of /usr/share/dict/words (not in the page cache; injected latency: its disk read takes 20.123 ms, jitter included) — the head returns NULL, cachemiss thread 1 takes over',
    ]);
    // The delay as a wait: the block, the hand-off and the wake-up say it is injected.
    expect(say(rec('block', { atom: rd, tid: 1, nr: 3, args: readArgs, aux: L.WHY_INJECTED, aux2: 5_000_000 }))).toBe(
      'atom `rd` — read(fd 3, text, 4096 bytes) blocked for 5.000 ms (an injected delay: the call itself has not run yet); thread 1 sleeps',
    );
    expect(say(rec('handoff', { atom: rd, aux: 1, aux2: L.WHY_INJECTED }))).toBe('atom `rd` must wait (an injected delay): the head returns NULL, cachemiss thread 1 takes over');
    expect(say(rec('wake', { tid: 1, atom: rd, nr: 3, aux: L.WHY_INJECTED, aux2: 5_000_000 }))).toBe('thread 1 woke: its injected delay of 5.000 ms is over: read runs next');
  });

  test('every trace kind has a sentence', () => {
    for (const kind of TRACE_KINDS) if (kind) expect(say(rec(kind, { atom: rd })).length).toBeGreaterThan(10);
  });
});

test('driver lines, errors and the end', () => {
  expect(narrate({ event: 3, kind: 'driver', line: 12, text: 'if !done' }, ctx)).toBe('driver, line 12: if !done');
  expect(narrate({ event: 3, kind: 'error', line: 4, text: 'assertion failed' }, ctx)).toBe('ERROR on line 4: assertion failed');
  expect(narrate({ event: 9, kind: 'done', line: 20, text: 'the program has finished' }, ctx)).toBe('The program has finished.');
});

test('times and calls read well', () => {
  expect(formatTime(300n)).toBe('300 ns');
  expect(formatTime(2_270_669n)).toBe('2.271 ms');
  expect(formatTime(1_500_000_000n)).toBe('1.500 s');
  expect(callText(ctx, 999, [1, 2, 3, 4, 5, 6])).toBe('sys_999(1, 2, 3, 4, 5, 6)');
});

describe('real runs', () => {
  let k: Kernel;
  beforeAll(async () => {
    k = await loadKernelNode('release');
  });
  function run(name: string) {
    const l = lay(example(name));
    const s = new Session(k, parse(example(name)).program, l);
    while (!s.finished) s.run(100_000);
    return narrateAll(s.recent(), { names: l.names, files: readFiles(k) });
  }

  test('hello runs cached and ends', () => {
    const texts = run('hello').map((s) => s.text);
    expect(texts).toContain('async_exec returned the final atom `hello`: the syslet ran cached — nothing blocked, nothing is posted');
    expect(texts).toContain('atom `hello` ran write(fd 1, "Hello Syslet World!\\n", 20 bytes) = 20 in the head — its next is NULL: `hello` is the final atom');
    expect(texts[texts.length - 1]).toBe('The program has finished.');
    expect(texts.filter((t) => t.startsWith('async_exec returned'))).toHaveLength(1);
  });

  test('the bar tells each event on its own: the notable sentence of that event, a new one at every step', () => {
    const l = lay(example('cold-read'));
    const s = new Session(k, parse(example('cold-read')).program, l);
    const ctx2 = { names: l.names, files: readFiles(k) };
    const heads: string[] = [];
    while (!s.finished) {
      s.step();
      heads.push(barSentence(s.recent(), s.events, ctx2)!.text);
    }
    expect(heads[0]).toBe('driver, line 20: var done = async_exec(op)');
    expect(heads[1]).toBe("the kernel takes the driver's async_exec(`op`): the head starts walking at `op`");
    expect(heads[3]).toMatch(/^atom `rd` — read\(fd 3, text, 4096 bytes\) blocked until the disk reads the first page of \/etc\/motd/);
    expect(heads).toContain('thread 1 posted `cl` into ring slot 0');
    expect(heads).toContain("the driver's write(fd 1, print buffer, 29 bytes) returned 29");
    expect(heads[heads.length - 1]).toBe('The program has finished.');
    for (let i = 1; i < heads.length; i++) expect(heads[i]).not.toBe(heads[i - 1]);
  });

  test('cold-read tells the miss, the wake and the post', () => {
    const s = run('cold-read');
    const texts = s.map((x) => x.text);
    expect(texts).toContain('atom `rd` — read(fd 3, text, 4096 bytes) blocked until the disk reads the first page of /etc/motd (not in the page cache) — the head returns NULL, cachemiss thread 1 takes over');
    expect(texts).toContain('thread 1 woke: the disk read of the first page of /etc/motd finished');
    expect(texts).toContain('thread 1 posted `cl` into ring slot 0');
    expect(texts).toContain('atom `cl` ran close(fd 3) = 0 in thread 1 — its next is NULL: `cl` is the final atom');
    expect(s.every((x) => x.text.length > 0 && !x.text.includes('undefined'))).toBe(true);
    const times = s.map((x) => x.time);
    expect(times).toEqual([...times].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  test('read-loop tells the stop condition and the skip that ends the loop', () => {
    const texts = run('read-loop').map((s) => s.text);
    expect(texts).toContain(
      'atom `rd` ran read(fd 3, chunk, 4096 bytes) = 0 in thread 1 — SYSLET_STOP_ON_NON_POSITIVE held (0 ≤ 0), and SYSLET_SKIP_TO_NEXT_ON_STOP goes on at `rd` + 44 = `cl`',
    );
    expect(texts).toContain('atom `op` ran open("/usr/share/dict/words", O_RDONLY) = 3 in the head'); // paths whole
  });

  test('a failing open under SYSLET_STOP_ON_NEGATIVE ends the chain, and the sentence says so', () => {
    const text = 'var path = "/no/such/file"\nvar zero = 0\nvar fd = 0\nvar r = 0\natom op = open(&path, &zero) ret fd flags SYSLET_STOP_ON_NEGATIVE next cl\natom cl = close(&fd) ret r\nassert async_exec(op) == op\n';
    const l = lay(text);
    const s = new Session(k, parse(text).program, l);
    while (!s.finished) s.run(100_000);
    expect(s.state).toBe('done');
    const texts = narrateAll(s.recent(), { names: l.names, files: readFiles(k) }).map((x) => x.text);
    expect(texts).toContain(
      'atom `op` ran open("/no/such/file", O_RDONLY) = -ENOENT (no such file) in the head — SYSLET_STOP_ON_NEGATIVE held (-2 < 0): the chain stops, `op` is the final atom',
    );
    expect(texts.some((t) => t.includes('`cl` ran'))).toBe(false);
  });

  test('sync-vs-async: the head slept in place, and async_exec returns the atom as on the cached path', () => {
    const texts = run('sync-vs-async').map((s) => s.text);
    expect(texts).toContain('async_exec returns `sync_rd` as on the cached path: the head slept in place for the SYSLET_SYNC atom instead of handing off, so nothing is posted');
    expect(texts.some((t) => t.includes('ran cached'))).toBe(false);
  });

  test('pipe: cause before effect — the write, then the reader that woke because of it', () => {
    const texts = run('pipe').map((s) => s.text);
    const write = texts.findIndex((t) => t.startsWith('atom `wr` ran write'));
    const woke = texts.indexOf("thread 1 woke: `wr`'s write put 45 bytes into the pipe");
    expect(write).toBeGreaterThanOrEqual(0);
    expect(woke).toBe(write + 1);
  });

  test('fio-batch: later reads wait for the read already in flight, and say so', () => {
    const texts = run('fio-batch').map((s) => s.text);
    const inflight = texts.filter((t) => t.includes('already in flight'));
    expect(inflight.length).toBeGreaterThan(0);
    expect(inflight[0]).toMatch(/blocked until the disk read of (the first page|page \d+) of \S+ already in flight finishes \(another read started it\)/);
    expect(texts.some((t) => /woke: the disk read of .* it was waiting for finished/.test(t))).toBe(true);
  });

  test('full-ring names the lost completions and what held the slot', () => {
    const texts = run('full-ring').map((s) => s.text);
    expect(texts.filter((t) => t.startsWith('RING FULL, ring policy: lose — the completion of')).every((t) => /still held `\w+`/.test(t))).toBe(true);
  });
});
