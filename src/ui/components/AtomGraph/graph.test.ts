import { describe, expect, it, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from '../../lang/parse.ts';
import { atomHeight, buildGraph, CALL_INDENT, callRows, flagLabel, layoutGraph, type AtomNode } from './graph.ts';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8');
const program = (text: string) => {
  const { program, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return program;
};
const edge = (g: ReturnType<typeof buildGraph>, id: string) => g.edges.find((e) => e.id === id);

describe('buildGraph', () => {
  it('hello: one write node, ending the syslet', () => {
    const g = buildGraph(program(example('hello')));
    const atoms = g.nodes.filter((n): n is AtomNode => n.type === 'atom');
    expect(atoms.map((n) => n.id)).toEqual(['hello']);
    expect(atoms[0].data).toMatchObject({ syscall: 'write', args: ['fd_out', 'buf', 'size'], params: ['fd', 'buf', 'count'], flags: [] });
    expect(edge(g, 'done:hello')).toMatchObject({ target: 'end:hello', sourceHandle: 'next' });
    expect(g.nodes.find((n) => n.id === 'end:hello')?.type).toBe('end');
  });

  it('read-loop: next, the skip on stop to the atom written after, the back edge and data flow', () => {
    const g = buildGraph(program(example('read-loop')));
    expect(edge(g, 'next:op')).toMatchObject({ target: 'rd', sourceHandle: 'next', data: { kind: 'next' } });
    expect(edge(g, 'next:rd')).toMatchObject({ target: 'cnt', data: { kind: 'next' } });
    expect(edge(g, 'skip:rd')).toMatchObject({ target: 'cl', label: 'on stop: skip', data: { kind: 'skip' } });
    expect(edge(g, 'next:cnt')).toMatchObject({ target: 'rd', type: 'loop', sourceHandle: 'loop-out', targetHandle: 'loop-in', data: { kind: 'back' } });
    expect(edge(g, 'stop:op')).toMatchObject({ target: 'end:op', label: 'on stop: end' });
    const data = g.edges.filter((e) => e.data?.kind === 'data').map((e) => `${e.source}>${e.target}:${e.label}`);
    expect(data.sort()).toEqual(['op>cl:fd', 'op>rd:fd']);
  });

  it('a self-loop and a skip past the last atom', () => {
    const g = buildGraph(program('var x = 0\natom a = umem_add(&x) flags SYSLET_STOP_ON_ZERO next a\natom b = getpid() flags SYSLET_STOP_ON_ZERO | SYSLET_SKIP_TO_NEXT_ON_STOP\n'));
    expect(edge(g, 'next:a')).toMatchObject({ source: 'a', target: 'a', type: 'loop' });
    expect(edge(g, 'skip:b')).toMatchObject({ target: 'past:b' });
    expect(g.nodes.find((n) => n.id === 'past:b')?.data).toMatchObject({ kind: 'past' });
  });

  it('flag chips use short names', () => {
    expect(flagLabel('SYSLET_STOP_ON_NON_POSITIVE')).toBe('STOP_ON_NON_POSITIVE');
    expect(flagLabel('SYSLET_SKIP_TO_NEXT_ON_STOP')).toBe('SKIP');
    expect(flagLabel('SYSLET_NO_COMPLETE')).toBe('NO_COMPLETE');
  });
});

describe('layoutGraph', () => {
  it('places forward edges top to bottom and puts loop rails right of the nodes they pass', () => {
    const g = layoutGraph(buildGraph(program(example('read-loop'))));
    const pos = new Map(g.nodes.map((n) => [n.id, n.position]));
    expect(pos.get('op')!.y).toBeLessThan(pos.get('rd')!.y);
    expect(pos.get('rd')!.y).toBeLessThan(pos.get('cnt')!.y);
    expect(pos.get('rd')!.y).toBeLessThan(pos.get('cl')!.y);
    const rail = edge(g, 'next:cnt')?.data?.railX ?? 0;
    for (const id of ['rd', 'cnt', 'cl']) expect(rail).toBeGreaterThan(pos.get(id)!.x + 260);
  });

  it('every program of the examples lays out without overlapping nodes', () => {
    for (const name of ['hello', 'cold-read', 'read-loop', 'pipe', 'fio-batch']) {
      const g = layoutGraph(buildGraph(program(example(name))));
      for (const n of g.nodes) expect(Number.isFinite(n.position.x) && Number.isFinite(n.position.y)).toBe(true);
      const ys = new Set(g.nodes.map((n) => `${n.position.x},${n.position.y}`));
      expect(ys.size).toBe(g.nodes.length);
    }
  });
});

describe('layoutGraph packing', () => {
  it('separate syslets wrap into rows about two atoms wide instead of one long row', () => {
    const g = layoutGraph(buildGraph(program(example('full-ring'))));
    const atoms = g.nodes.filter((n) => n.type === 'atom');
    expect(atoms).toHaveLength(4);
    const rows = new Set(atoms.map((n) => n.position.y));
    expect(rows.size).toBe(2);
    const xs = new Set(atoms.map((n) => n.position.x));
    expect(xs.size).toBe(2);
  });

  it('one chain keeps its dagre layout', () => {
    const g = layoutGraph(buildGraph(program(example('cold-read'))));
    const ys = g.nodes.filter((n) => n.type === 'atom').map((n) => n.position.y);
    expect(new Set(ys).size).toBe(ys.length);
  });
});

describe('call rows', () => {
  const text = (syscall: string, args: string[]) =>
    callRows({ syscall, args })
      .map((row, r) => (r === 0 ? `${syscall}(` : ' '.repeat(CALL_INDENT)) + row.map((k) => args[k] + (k < args.length - 1 ? ',' : ')')).join(' ') + (args.length === 0 ? ')' : ''))
      .join('\n');

  test('a short call stays on one row', () => {
    expect(text('getpid', [])).toBe('getpid()');
    expect(text('write', ['fd_out', 'buf', 'size'])).toBe('write(fd_out, buf, size)');
  });

  test('a long call wraps at argument boundaries, every row within the node', () => {
    const t = text('pread64', ['fd', 'bufp', 'count', 'off1']);
    expect(t).toBe('pread64(fd, bufp, count,\n    off1)');
    for (const args of [['a_rather_long_name', 'another_long_name', 'x'], ['p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y']]) {
      const rows = text('clock_nanosleep', args).split('\n');
      for (const row of rows) if (row.includes(',')) expect(row.length).toBeLessThanOrEqual(25);
      expect(rows.join(' ').replace(/\s+/g, ' ').replace('( ', '(')).toBe(`clock_nanosleep(${args.join(', ')})`);
    }
  });

  test('the node grows by a row for each wrapped row', () => {
    const one = atomHeight({ flags: [], syscall: 'write', args: ['fd', 'b', 'n'] });
    const two = atomHeight({ flags: [], syscall: 'pread64', args: ['fd', 'bufp', 'count', 'off1'] });
    expect(two - one).toBe(26);
  });
});
