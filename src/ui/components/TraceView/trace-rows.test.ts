// The Trace tab's model: cells as the kernel's records say, the filters, the
// menus' choices, and where the current event falls among the rows.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../../engine-wasm/host/node.ts';
import type { Kernel } from '../../../engine-wasm/host/kernel.ts';
import type { TraceRec } from '../../../engine-wasm/host/records.ts';
import { compileSource } from '../../engine/source.ts';
import { Session } from '../../engine/session.ts';
import { eventRows, filterOptions, filterRecords, NO_FILTER, OptionCounts, rowSentence, rowText, type AtomNames } from './trace-rows.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('debug');
});

function run(text: string): { records: readonly TraceRec[]; names: AtomNames } {
  const c = compileSource(text);
  if (!c.program || !c.layout) throw new Error(c.diagnostics.map((d) => d.message).join('; '));
  const s = new Session(k, c.program, c.layout);
  while (!s.finished) s.run(10_000);
  return { records: s.trace(), names: c.layout.names.atoms };
}
const example = (name: string) => readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8');

describe('the Trace tab\'s rows', () => {
  test('cells: the event, the time in ns, the thread, the atom by name and address, the call, the result with its errno name', () => {
    const { records, names } = run('ring 4\nvar path = "/no/such/file"\nvar oflags = O_RDONLY\nvar fd = 0\natom op = open(&path, &oflags) ret fd\nvar r = async_exec(op)\n');
    const atom = records.find((r) => r.kind === 'atom')!;
    const t = rowText(atom, names);
    expect(t).toMatchObject({ thread: 'user task', kind: 'atom', atomName: 'op', atomAddr: `0x${atom.atom.toString(16)}`, syscall: 'open', result: '-ENOENT', detail: 'in the head; next = 0: final atom' });
    expect(t.args).toMatch(/^path=0x[0-9a-f]+ flags=0 mode=0$/);
    expect(t.event).toBe(atom.event.toLocaleString('en'));
    expect(t.time).toBe(atom.time.toLocaleString('en'));
    expect(rowSentence(t)).toBe(`event ${t.event}, ${t.time} ns, user task: atom atom op ${t.atomAddr} open(${t.args}) = -ENOENT — in the head; next = 0: final atom`);
    expect(rowText(atom, names)).toBe(t); // made once per record
    const cached = rowText(records.find((r) => r.kind === 'cached')!, names);
    expect(cached).toMatchObject({ syscall: '', args: '', result: `${t.atomAddr} <op>`, detail: 'async_exec returns the final atom: nothing blocked' });
  });

  test('filters by thread, kind, atom, system call and text; none set gives the same array', () => {
    const { records, names } = run(example('cold-read'));
    expect(filterRecords(records, names, NO_FILTER)).toBe(records);
    const f = (part: object) => filterRecords(records, names, { ...NO_FILTER, ...part });
    expect(f({ thread: 1 }).map((r) => r.kind)).toEqual(['block', 'wake', 'atom', 'atom', 'post', 'exit']);
    expect(f({ thread: 1, kind: 'atom' }).map((r) => names.get(r.atom))).toEqual(['rd', 'cl']);
    const rd = [...names].find(([, n]) => n === 'rd')![0];
    expect(f({ atom: rd }).map((r) => r.kind)).toEqual(['handoff', 'block', 'wake', 'atom']);
    expect(f({ syscall: 'write' }).map((r) => r.kind)).toEqual(['syscall', 'sysret', 'syscall', 'sysret']);
    expect(f({ text: '  CLOSE ' }).map((r) => r.kind)).toEqual(['atom']);
    expect(f({ text: 'ino 4, page 0' }).map((r) => r.kind)).toEqual(['block', 'wake']);
    expect(f({ thread: 0, kind: 'post' })).toEqual([]);
  });

  test('the menus offer what the records hold, kinds in the kernel\'s order', () => {
    const { records, names } = run(example('full-ring'));
    const o = filterOptions(records, names);
    expect(o.threads).toEqual([0, 1, 2, 3, 4]);
    expect(o.kinds).toEqual(['atom', 'handoff', 'block', 'wake', 'post', 'lost', 'syscall', 'sysret', 'exit']);
    expect(o.atoms.map((a) => a.label)).toEqual(['s1', 's2', 's3', 's4'].map((n) => `${n} (0x${[...names].find(([, x]) => x === n)![0].toString(16)})`));
    expect(o.syscalls).toEqual(['async_exec', 'async_wait', 'nanosleep', 'open', 'pread64', 'write']);
  });

  test('the menus follow a sliding window of records by its ends, as if counted from nothing', () => {
    const { records, names } = run(example('full-ring'));
    const counts = new OptionCounts(names);
    for (const [from, to] of [[0, 20], [5, 30], [5, 42], [30, 42], [31, 42], [0, 42], [40, 42], [0, 0], [3, 9]]) {
      const window = records.slice(from, to);
      expect(counts.update(window), `records ${from}..${to}`).toEqual(filterOptions(window, names));
    }
    const same = records.slice(1, 9);
    expect(counts.update(same)).toBe(counts.update(same));
  });

  test('eventRows: the rows of an event, and the last row at or before it', () => {
    const rows = [3, 3, 5, 8, 8, 8, 9].map((event, seq) => ({ event, seq }) as TraceRec);
    expect(eventRows(rows, 8)).toEqual({ first: 3, end: 6, anchor: 5 });
    expect(eventRows(rows, 6)).toEqual({ first: 3, end: 3, anchor: 2 }); // no record of its own: the one before
    expect(eventRows(rows, 1)).toEqual({ first: 0, end: 0, anchor: -1 });
    expect(eventRows(rows, 20)).toEqual({ first: 7, end: 7, anchor: 6 });
    expect(eventRows([], 4)).toEqual({ first: 0, end: 0, anchor: -1 });
  });
});
