// The trace exports (host/trace-export.ts, trace-chrome.ts): shipped examples
// run headless in the page's own Session, their text and Chrome trace JSON
// equal golden files, and every Chrome trace passes the format checker
// (trace-validate.ts) with every record in it.
//   UPDATE_GOLDEN=1 npx vitest run src/engine-wasm/test/trace-export.test.ts   rewrites the files
// A rewritten file is reviewed like code: the slices must tell the run's story.
import { beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { readTrace, type TraceKind, type TraceRec } from '../host/records.ts';
import { chromeTraceJson, traceChrome, traceText, DEFAULT_ATOM_NS, type ChromeEvent, type ChromeTrace } from '../host/trace-export.ts';
import { traceFields } from '../host/trace-fields.ts';
import { NTRACE, OPT_ATOM_NS } from '../abi/layout.ts';
import { UserImage } from '../host/image.ts';
import { SYS_async_exec, SYS_async_wait, SYS_getpid, SYS_open, SYS_read } from '../abi/syscall.ts';
import { O_RDONLY } from '../abi/flags.ts';
import { compileSource } from '../../ui/engine/source.ts';
import { Session } from '../../ui/engine/session.ts';
import { validateChromeTrace } from './trace-validate.ts';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const EXAMPLES = ['hello', 'cold-read', 'read-loop', 'parallel-reads', 'full-ring', 'fio-batch', 'pipe', 'sync-vs-async', 'stress'];
const source = (name: string) => readFileSync(new URL(`../../ui/examples/${name}.syslet`, import.meta.url), 'utf8');

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('debug');
});

function session(name: string, text = source(name)): { s: Session; names: ReadonlyMap<number, string> } {
  const c = compileSource(text);
  if (!c.program || !c.layout) throw new Error(`${name} does not compile`);
  return { s: new Session(k, c.program, c.layout), names: c.layout.names.atoms };
}

function runToEnd(name: string, text = source(name)) {
  const r = session(name, text);
  while (!r.s.finished) r.s.run(100_000);
  expect(r.s.state, name).toBe('done');
  return r;
}

function golden(file: string, text: string): void {
  const url = new URL(`./exports/${file}`, import.meta.url);
  if (UPDATE) writeFileSync(url, text);
  else if (!existsSync(url)) throw new Error(`no golden file exports/${file}: run with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(readFileSync(url, 'utf8'));
}

/** A slice of the trace: its B event with the time of its E. */
interface Span {
  readonly name: string;
  readonly cat?: string;
  readonly tid: number;
  readonly ts: number;
  readonly dur: number;
  readonly args: ChromeEvent['args'];
}
/** The trace's slices (B/E pairs, matched per track), in the order they begin. */
function spans(t: ChromeTrace): Span[] {
  const out: { b: ChromeEvent; end?: number }[] = [];
  const open = new Map<number, { b: ChromeEvent; end?: number }[]>();
  for (const e of t.traceEvents) {
    const stack = open.get(e.tid) ?? [];
    open.set(e.tid, stack);
    if (e.ph === 'B') {
      const s = { b: e };
      stack.push(s);
      out.push(s);
    } else if (e.ph === 'E') stack.pop()!.end = e.ts;
  }
  return out.map(({ b, end }) => ({ name: b.name!, cat: b.cat, tid: b.tid, ts: b.ts, dur: end! - b.ts, args: b.args }));
}
const slices = (t: ChromeTrace, cat: string) => spans(t).filter((e) => e.cat === cat);
const count = (records: readonly TraceRec[], kind: TraceKind) => records.filter((r) => r.kind === kind).length;

describe('trace exports: golden files', () => {
  for (const name of ['cold-read', 'full-ring']) {
    test(`${name}: the text and the Chrome trace JSON equal their golden files`, () => {
      const { s, names } = runToEnd(name);
      const records = s.trace();
      golden(`${name}.txt`, traceText(records, names, { title: name }));
      const json = chromeTraceJson(traceChrome(records, names, { title: name }));
      golden(`${name}.json`, json);
      expect(validateChromeTrace(JSON.parse(json))).toEqual([]);
    });
  }
});

describe('trace exports: every shipped example', () => {
  // The shipped examples, and full-ring with the ring policy that makes a thread wait for a slot.
  const RUNS = [...EXAMPLES.map((name) => ({ name, text: source(name) })), { name: 'full-ring, ring_policy = wait', text: `option ring_policy = wait\n${source('full-ring')}` }];
  for (const { name, text } of RUNS) {
    test(`${name}: the Chrome trace is valid and holds every record once`, () => {
      const { s, names } = runToEnd(name, text);
      const records = s.trace();
      const t = traceChrome(records, names, { title: name });
      expect(validateChromeTrace(JSON.parse(chromeTraceJson(t)))).toEqual([]);
      // Atoms and calls are slices ending at their record; a block and its wake-up are one wait slice.
      expect(slices(t, 'atom').filter((e) => !e.args?.unfinished)).toHaveLength(count(records, 'atom'));
      expect(slices(t, 'syscall').filter((e) => !e.args?.unfinished)).toHaveLength(count(records, 'sysret'));
      const waits = slices(t, 'wait');
      expect(waits.filter((e) => e.args?.woke_event !== undefined)).toHaveLength(count(records, 'wake'));
      expect(waits.filter((e) => e.args?.began === undefined)).toHaveLength(count(records, 'block'));
      const instants = t.traceEvents.filter((e) => e.ph === 'i' && e.s === 't');
      const other = records.filter((r) => !['atom', 'syscall', 'sysret', 'block', 'wake'].includes(r.kind));
      expect(instants.map((e) => e.args?.record)).toEqual(other.map((r) => r.seq + 1));
      // The run finished: nothing is left open.
      expect(t.traceEvents.filter((e) => e.args?.unfinished)).toEqual([]);
      // Every thread that wrote a record has its named track.
      const tids = new Set(records.map((r) => r.tid));
      const tracks = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => e.tid - 1);
      expect(new Set(tracks)).toEqual(new Set([0, ...tids]));
      // The text export: three header lines, then one line per record, each with its event.
      const lines = traceText(records, names).trimEnd().split('\n');
      expect(lines.slice(3).map((l) => Number(/^e=(\d+) /.exec(l)?.[1]))).toEqual(records.map((r) => r.event));
    });
  }
});

describe('trace exports: what they say', () => {
  test('atoms start when they start: a head atom its OPT_ATOM_NS before completing, a blocked one at its block', () => {
    const { s, names } = runToEnd('cold-read');
    const t = traceChrome(s.trace(), names);
    const byName = (n: string) => spans(t).find((e) => e.name === n)!;
    const [op, rd, exec] = [byName('op'), byName('rd'), byName('async_exec')];
    const raw = s.trace();
    // In integer ns, as the kernel counts.
    const ns = (us: number) => Math.round(us * 1000);
    const done = (n: string) => Number(raw.find((r) => r.kind === 'atom' && names.get(r.atom) === n)!.time);
    const blocked = Number(raw.find((r) => r.kind === 'block')!.time);
    expect(op.tid).toBe(1);
    expect([ns(op.ts), ns(op.ts + op.dur!)]).toEqual([done('op') - DEFAULT_ATOM_NS, done('op')]);
    expect(rd).toMatchObject({ tid: 2, args: { syscall: 'read', result: '440', atom_name: 'rd' } });
    expect([ns(rd.ts), ns(rd.ts + rd.dur!)]).toEqual([blocked, done('rd')]);
    // The head atom lies inside its async_exec; the disk wait inside the atom it blocked.
    expect(exec.ts).toBeLessThanOrEqual(op.ts);
    const wait = slices(t, 'wait')[0];
    expect(wait).toMatchObject({ tid: 2, name: 'wait: disk (ino 4, page 0)' });
    expect(ns(wait.ts)).toBe(blocked);
    expect(wait.ts + wait.dur!).toBeLessThan(rd.ts + rd.dur!);
    expect(t.traceEvents.find((e) => e.name === 'post cl to slot 0')).toMatchObject({ ph: 'i', s: 't', tid: 2 });
  });

  test('a ring wait and a fault on a cachemiss thread: instants on the thread\'s track, the wait a slice of its own', () => {
    const waits = runToEnd('full-ring', `option ring_policy = wait\n${source('full-ring')}`);
    const t = traceChrome(waits.s.trace(), waits.names);
    expect(t.traceEvents.filter((e) => e.cat === 'ringwait').map((e) => e.name)).toEqual(['ring full: wait for slot 0', 'ring full: wait for slot 0']);
    const ring = slices(t, 'wait').filter((e) => e.name.startsWith('wait: ring'));
    expect(ring).toHaveLength(2);
    // Not inside an atom: the thread waits to post its final atom, which completed before.
    const ns = (us: number) => Math.round(us * 1000);
    for (const w of ring) expect(slices(t, 'atom').some((a) => a.tid === w.tid && ns(a.ts) <= ns(w.ts) && ns(a.ts + a.dur!) > ns(w.ts))).toBe(false);

    // open -> read (blocks: a cachemiss thread) -> getpid with a ret_ptr outside user memory.
    k.reset(1);
    const img = new UserImage(k);
    const r = img.ring(4);
    const path = img.word(img.string('/etc/motd'));
    const fd = img.word(0);
    const bufp = img.word(img.alloc(64));
    const count = img.word(64);
    const bad = img.atom({ nr: SYS_getpid, args: [], ret: 8 });
    const read = img.atom({ nr: SYS_read, args: [fd, bufp, count], next: bad });
    const open = img.atom({ nr: SYS_open, args: [path, img.word(O_RDONLY)], ret: fd, next: read });
    expect(k.syscall(SYS_async_exec, open, r.ahu)).toBe(0);
    expect(k.syscall(SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    const records = readTrace(k).records;
    const f = traceChrome(records, new Map([[open, 'open'], [read, 'read'], [bad, 'bad']]));
    expect(validateChromeTrace(f)).toEqual([]);
    expect(f.traceEvents.find((e) => e.cat === 'fault')).toMatchObject({ ph: 'i', s: 't', tid: 2, name: 'fault: ret_ptr at 0x8', args: { atom_name: 'bad', result: '-EFAULT' } });
    expect(f.traceEvents.find((e) => e.cat === 'post')).toMatchObject({ tid: 2, name: 'post read to slot 0' }); // the last atom that completed
    expect(slices(f, 'atom').map((e) => [e.name, e.tid])).toEqual([['open', 1], ['read', 2], ['bad', 2]]);
  });

  test('an instant lies in the slices open when its record was written', () => {
    const { s, names } = runToEnd('cold-read');
    const t = traceChrome(s.trace(), names);
    /** The slices open on the instant's track when it comes, outermost first. */
    const around = (name: string) => {
      const at = t.traceEvents.findIndex((e) => e.ph === 'i' && e.name === name);
      const tid = t.traceEvents[at].tid;
      const stack: string[] = [];
      for (const e of t.traceEvents.slice(0, at)) {
        if (e.tid !== tid) continue;
        if (e.ph === 'B') stack.push(e.name!);
        if (e.ph === 'E') stack.pop();
      }
      return stack;
    };
    expect(around('handoff to thread 1')).toEqual(['async_exec']); // after the head's atom op, before async_exec returns
    expect(around('post cl to slot 0')).toEqual([]); // after the atom it posts
    expect(around('exit')).toEqual([]);
  });

  test('DEFAULT_ATOM_NS is the kernel\'s default OPT_ATOM_NS', () => {
    k.reset(1);
    expect(k.getOption(OPT_ATOM_NS)).toBe(DEFAULT_ATOM_NS);
  });

  test('a run longer than the kernel\'s ring: both exports say which records they hold', () => {
    const { s, names } = runToEnd('stress');
    const records = s.trace();
    const written = s.traceWritten;
    expect(written).toBeGreaterThan(NTRACE);
    expect(records).toHaveLength(NTRACE);
    expect(records[0].seq).toBe(written - NTRACE);
    const t = traceChrome(records, names, { title: 'stress' });
    expect(t.otherData).toMatchObject({ complete: false, records: NTRACE, first_record: written - NTRACE + 1, records_written: written });
    const from = (written - NTRACE + 1).toLocaleString('en');
    const to = written.toLocaleString('en');
    expect(t.otherData.window).toBe(`records ${from} to ${to} of the ${to} the run wrote: the kernel's trace ring keeps the last 16,384, earlier ones were overwritten`);
    expect(t.traceEvents.find((e) => e.cat === 'window')).toMatchObject({ ph: 'i', s: 'g', name: `trace begins at record ${from} of ${to}` });
    expect(t.traceEvents.find((e) => e.name === 'process_labels')?.args?.labels).toBe(t.otherData.window);
    expect(traceText(records, names).split('\n')[1]).toBe(`# ${String(t.otherData.window)}`);
    // A complete run says so.
    const hello = runToEnd('hello');
    expect(traceChrome(hello.s.trace()).otherData).toMatchObject({ complete: true, first_record: 1, window: `all ${hello.s.traceWritten} records the run wrote` });
  });

  test('an export in the middle of a run closes what is still open, and says so', () => {
    const { s, names } = session('cold-read');
    while (!s.trace().some((r) => r.kind === 'syscall' && r.nr === 321)) s.step(); // in async_wait, thread 1 asleep on the disk
    const t = traceChrome(s.trace(), names);
    expect(validateChromeTrace(t)).toEqual([]);
    const open = t.traceEvents.filter((e) => e.args?.unfinished !== undefined || e.args?.ended !== undefined);
    expect(open.map((e) => [e.name, e.args?.unfinished ?? e.args?.ended])).toEqual([
      ['rd', 'still running when the trace ends'],
      ['wait: disk (ino 4, page 0)', 'still waiting when the trace ends'],
      ['async_wait', 'the call had not returned when the trace ends'],
    ]);
  });

  test('a wait of the user task in a direct call names no atom (the record keeps the last one walked)', () => {
    const { s, names } = runToEnd('full-ring');
    const raw = readTrace(k).records; // as the kernel wrote them
    const sleep = raw.find((r) => r.kind === 'block' && r.tid === 0)!;
    expect(sleep.atom).not.toBe(0); // what the kernel wrote
    for (const records of [raw, s.trace()]) {
      const line = traceText(records, names).split('\n').find((l) => l.includes('block nanosleep'));
      expect(line).toMatch(/ thr=0 block nanosleep on timer$/);
      const wait = slices(traceChrome(records, names), 'wait').find((e) => e.tid === 1)!;
      const call = slices(traceChrome(records, names), 'syscall').find((e) => e.name === 'nanosleep')!;
      expect(wait.ts).toBe(call.ts);
      expect(wait.ts + wait.dur!).toBe(call.ts + call.dur!);
    }
  });

  test('a kind the exporters do not know yet shows what its record holds', () => {
    const rec: TraceRec = { seq: 0, event: 1, kind: 'inject' as TraceKind, time: 1000n, tid: 2, atom: 0x10030, nr: 3, result: -5, args: [3, 0x10100, 16, 0, 0, 0], aux: 7, aux2: 9 };
    expect(traceFields(rec)).toEqual({ syscall: 'read', args: [{ name: 'fd', value: 3 }, { name: 'buf', value: 0x10100 }, { name: 'count', value: 16 }], result: '-EIO', detail: 'aux 7, aux2 9' });
    const t = traceChrome([rec], new Map([[0x10030, 'rd']]));
    expect(t.traceEvents.find((e) => e.ph === 'i')).toMatchObject({ name: 'inject', cat: 'inject', tid: 3, ts: 1, args: { atom_name: 'rd', result: '-EIO' } });
    expect(validateChromeTrace(t)).toEqual([]);
  });
});

describe('the trace format checker', () => {
  const ok = (events: object[]) => ({ traceEvents: [{ name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 't' } }, ...events] });
  const x = (ts: number, dur: number, name = 's') => ({ name, ph: 'X', ts, dur, pid: 1, tid: 1 });

  test('a well-formed trace passes', () => {
    expect(validateChromeTrace(ok([x(0, 10), x(0, 10, 'same'), x(2, 3), x(5, 0), x(10, 1), { name: 'p', ph: 'i', s: 't', ts: 11, pid: 1, tid: 1 }]))).toEqual([]);
    const b = (ts: number, name: string) => ({ name, ph: 'B', ts, pid: 1, tid: 1 });
    const e = (ts: number, name?: string) => ({ ...(name ? { name } : {}), ph: 'E', ts, pid: 1, tid: 1 });
    expect(validateChromeTrace(ok([b(0, 'a'), b(0, 'b'), e(2), b(2, 'c'), e(2, 'c'), e(5, 'a'), b(5, 'd'), e(5)]))).toEqual([]);
  });

  test.each([
    ['not an object', [], /not a JSON object/],
    ['no traceEvents', {}, /traceEvents is not an array/],
    ['a bad phase', ok([{ name: 'a', ph: 'Q', ts: 0, pid: 1, tid: 1 }]), /ph "Q"/],
    ['no name', ok([{ ph: 'X', ts: 0, dur: 1, pid: 1, tid: 1 }]), /no name/],
    ['a tid that is not an integer', ok([{ name: 'a', ph: 'X', ts: 0, dur: 1, pid: 1, tid: '1' }]), /tid is not an integer/],
    ['a negative time', ok([x(-1, 1)]), /ts is not a time/],
    ['an X without a duration', ok([{ name: 'a', ph: 'X', ts: 0, pid: 1, tid: 1 }]), /X without a duration/],
    ['time going back on a track', ok([x(5, 1), x(4, 1)]), /goes back/],
    ['an E without its B', ok([{ name: 'a', ph: 'E', ts: 1, pid: 1, tid: 1 }]), /E without a B/],
    ['a B never ended', ok([{ name: 'a', ph: 'B', ts: 1, pid: 1, tid: 1 }]), /B without an E/],
    ['an E naming another slice', ok([{ name: 'a', ph: 'B', ts: 1, pid: 1, tid: 1 }, { name: 'b', ph: 'E', ts: 2, pid: 1, tid: 1 }]), /E "b" ends "a"/],
    ['a B without a name', ok([{ ph: 'B', ts: 1, pid: 1, tid: 1 }, { ph: 'E', ts: 2, pid: 1, tid: 1 }]), /no name/],
    ['slices that overlap without nesting', ok([x(0, 10), x(5, 10)]), /ends after the slice it starts in/],
    ['a track without a name', { traceEvents: [x(0, 1)] }, /no thread_name/],
    ['an unknown metadata event', ok([{ name: 'colour', ph: 'M', pid: 1, tid: 1, args: {} }]), /unknown metadata/],
    ['a bad instant scope', ok([{ name: 'a', ph: 'i', s: 'x', ts: 0, pid: 1, tid: 1 }]), /instant scope/],
  ])('finds %s', (_, trace, message) => {
    expect(validateChromeTrace(trace).join('\n')).toMatch(message);
  });
});
