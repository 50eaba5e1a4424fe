import { describe, expect, test } from 'vitest';
import { parse } from '../lang/parse.ts';
import { completionItems, contextOf, hoverText } from './items.ts';
import { activeLines, toMarkers } from './lines.ts';
import type { Snapshot } from '../engine/snapshot.ts';

const program = parse('ring 4\nvar fd = 1\nbuffer b[8]\natom w = write(&fd) ret fd\nasync_exec(w)\n').program;

describe('completion', () => {
  test('offers the program’s names first, then snippets, syscalls, flags and keywords', () => {
    const items = completionItems('', program);
    const labels = items.map((i) => i.label);
    expect(labels.slice(0, 3)).toEqual(['fd', 'b', 'w']);
    expect(items.find((i) => i.label === 'w')?.detail).toBe('atom w = write(&fd) — line 4');
    for (const l of ['atom', 'if', 'while', 'read', 'pread64', 'SYSLET_ASYNC', 'O_RDONLY', 'reap', 'print']) expect(labels, l).toContain(l);
    const read = items.find((i) => i.label === 'read' && i.kind === 'syscall');
    expect(read?.detail).toMatch(/^read\(fd, buf, count\)/);
    expect(read?.documentation).toContain('page cache');
    const atom = items.find((i) => i.label === 'atom' && i.kind === 'snippet');
    expect(atom?.snippet).toBe(true);
    expect(atom?.insertText).toMatch(/^atom \$\{1:name\} = /);
  });

  test('narrows to flags after `flags` and to syscalls after `atom x =`', () => {
    expect(contextOf('atom a = read(&fd) flags SYSLET_ASYNC | ')).toBe('flags');
    expect(completionItems('atom a = read(&fd) flags ', null).every((i) => i.kind === 'flag')).toBe(true);
    expect(contextOf('atom a = re')).toBe('syscall');
    expect(completionItems('atom a = ', null).every((i) => i.kind === 'syscall')).toBe(true);
    expect(contextOf('var flags = 1')).toBe('any');
  });

  test('hover documents the vocabulary and the program’s own names', () => {
    expect(hoverText('SYSLET_STOP_ON_NEGATIVE', null)).toContain('negative');
    expect(hoverText('while', null)).toContain('100,000');
    expect(hoverText('w', program)).toContain('Declared on line 4');
    expect(hoverText('nothing', program)).toBeUndefined();
  });
});

describe('editor lines', () => {
  test('markers keep positions and widen empty ranges', () => {
    const [m] = toMarkers([{ line: 2, column: 5, endLine: 2, endColumn: 5, message: 'x', severity: 'error' }]);
    expect(m).toMatchObject({ startLineNumber: 2, startColumn: 5, endLineNumber: 2, endColumn: 6, severity: 'error' });
  });

  test('the driver line, the active atom’s declaration and the failed line', () => {
    const snap = { events: 3, status: 'running', line: 5, activeAtomName: 'w' } as unknown as Snapshot;
    expect(activeLines(null, program)).toEqual({ driver: 0, atom: 0, failed: false });
    expect(activeLines({ ...snap, events: 0 }, program).driver).toBe(0);
    expect(activeLines(snap, program)).toEqual({ driver: 5, atom: 4, failed: false });
    const failed = { ...snap, status: 'error', error: { message: 'boom', line: 2 } } as Snapshot;
    expect(activeLines(failed, program)).toEqual({ driver: 2, atom: 0, failed: true });
  });
});

describe('completion after &', () => {
  const prog = parse('var fd = 1\nbuffer b[8]\natom w = write(&fd)\nvar p = &fd\n').program;
  test('offers the names that have an address: only vars inside an atom’s arguments', () => {
    expect(contextOf('atom a = read(&')).toBe('address-atom');
    expect(contextOf('atom a = read(&fd, &bu')).toBe('address-atom');
    expect(completionItems('atom a = read(&fd, &', prog).map((i) => i.label)).toEqual(['fd', 'p']);
    expect(contextOf('var q = &')).toBe('address');
    expect(completionItems('var q = &', prog).map((i) => i.label)).toEqual(['fd', 'b', 'w', 'p']);
    expect(contextOf('x = f(1, &c')).toBe('address');
  });

  test('a binary & or && is not an address', () => {
    expect(contextOf('x = a & ')).toBe('any');
    expect(contextOf('x = a &')).toBe('any');
    expect(contextOf('if a &&')).toBe('any');
    expect(contextOf('x = (a) &')).toBe('any');
  });
});

describe('kernel options', () => {
  test('after `option` the option names are offered; after `=` their values', () => {
    expect(completionItems('option ', null).map((i) => i.label)).toEqual(['ring_policy', 'disk_latency', 'disk_jitter', 'seed', 'cachemiss_threads', 'call_budget']);
    expect(completionItems('option ring_policy = ', null).map((i) => i.label)).toEqual(['lose', 'wait']);
    expect(completionItems('option disk_latency = ', null).map((i) => i.label)).toEqual(['2ms']);
    expect(completionItems('option nope = ', null)).toEqual([]);
  });
  test('hover tells an option name, and `option` itself', () => {
    expect(hoverText('ring_policy', null)).toMatch(/kernel option.*option ring_policy = lose \| wait/s);
    expect(hoverText('option', null)).toMatch(/\*\*keyword\*\*/);
  });
});

describe('fault and latency', () => {
  test('after `fault` in an atom: the kinds and the errno names', () => {
    expect(contextOf('atom a = read(&fd) ret n fault ')).toBe('fault');
    expect(contextOf('atom a = read(&fd) fault E')).toBe('fault');
    const items = completionItems('atom a = read(&fd) fault ', null);
    expect(items.slice(0, 3).map((i) => i.label)).toEqual(['short', 'block', 'cached']);
    expect(items.find((i) => i.label === 'block')?.insertText).toBe('block ${1:5ms}');
    expect(items.find((i) => i.label === 'EIO')?.detail).toBe('fault EIO — the result is -EIO, the call is not made');
    expect(contextOf('var fault_count = ')).toBe('any');
  });
  test('a latency snippet; hover tells `fault` and `latency`', () => {
    expect(completionItems('', null).find((i) => i.label === 'latency' && i.kind === 'snippet')?.insertText).toBe('latency "${1:/usr/share/dict/words}" = ${2:20ms}');
    expect(hoverText('fault', null)).toMatch(/injects a fault into its call/);
    expect(hoverText('latency', null)).toMatch(/injected disk latency/);
  });
});
